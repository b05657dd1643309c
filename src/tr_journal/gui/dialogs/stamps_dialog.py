"""Time stamps in the app: how much of the journal no stamp covers, and the steps to stamp it.

The same service as ``tr-journal stamp`` (docs/timestamps.md). By default nothing goes online:
"Write a request…" saves a ``.tsq`` and shows the commands to have it stamped from another
computer, "Import a reply…" checks the ``.tsr`` brought back and records it. Sending from here
needs the setting "Allow sending…" (off until the person ticks it, kept in settings.json);
only then are the address and the Send button shown, and only the Send button imports the
network module. Every vault read and write runs on the task worker.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tr_journal import settings as settings_service
from tr_journal.errors import N_
from tr_journal.evidence import stamp_guide, stamps, tsp_certs
from tr_journal.gui.tasks import TaskRunner
from tr_journal.gui.widgets import file_dialogs
from tr_journal.gui.widgets.status_line import StatusLine
from tr_journal.i18n import _
from tr_journal.i18n.format import (
    bidi_isolate,
    for_display,
    ltr_isolate,
    unbroken_product_name,
)
from tr_journal.untrusted import one_line
from tr_journal.vault import Vault

DEFAULT_URL = stamp_guide.SERVICES[0].url
TRUST_WORDS = {
    tsp_certs.SHIPPED: N_("root shipped with the app"),
    tsp_certs.CA_FILE: N_("root you chose"),
    tsp_certs.UNKNOWN: N_("unknown root"),
}


class StampsDialog(QDialog):
    """Status, recorded stamps, and the request / import (/ send) actions."""

    def __init__(self, vault: Vault, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vault, self.tasks = vault, tasks
        self.state: stamps.StampStatus | None = None
        self.settings = settings_service.load_settings()
        self._build()
        self.retranslate()
        self._show_online(self.settings.online_stamps)
        self.resize(860, 640)
        self.refresh()

    def _build(self) -> None:
        self.intro, self.status_label = QLabel(), QLabel()
        self.intro.setWordWrap(True)
        font = QFont(self.font())
        font.setBold(True)
        self.status_label.setFont(font)
        self.status_label.setWordWrap(True)
        self.table = QTreeWidget()
        self.table.setRootIsDecorated(False)
        self.table.setColumnCount(5)
        self.table.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.write_button, self.import_button = QPushButton(), QPushButton()
        self.write_button.clicked.connect(self.write_request)
        self.import_button.clicked.connect(self.import_reply)
        self.ca_label, self.ca_edit, self.ca_button = QLabel(), QLineEdit(), QPushButton()
        self.ca_label.setBuddy(self.ca_edit)
        self.ca_button.clicked.connect(self.choose_roots)
        actions = QHBoxLayout()
        actions.addWidget(self.write_button)
        actions.addWidget(self.import_button)
        actions.addStretch(1)
        roots = QHBoxLayout()
        roots.addWidget(self.ca_label)
        roots.addWidget(self.ca_edit, 1)
        roots.addWidget(self.ca_button)
        self.online_box = QCheckBox()
        self.online_box.toggled.connect(self._online_toggled)
        self.url_label, self.url_edit, self.send_button = QLabel(), QLineEdit(), QPushButton()
        self.url_label.setBuddy(self.url_edit)
        self.url_edit.setText(DEFAULT_URL)
        self.send_button.clicked.connect(self.send_request)
        online = QHBoxLayout()
        online.addWidget(self.url_label)
        online.addWidget(self.url_edit, 1)
        online.addWidget(self.send_button)
        self.guide = QPlainTextEdit()
        self.guide.setReadOnly(True)
        self.guide.hide()
        self.status = StatusLine()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.status_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        layout.addLayout(roots)
        layout.addWidget(self.online_box)
        layout.addLayout(online)
        layout.addWidget(self.guide, 2)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self._online_widgets = (self.url_label, self.url_edit, self.send_button)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Time stamps"))
        self.intro.setText(
            for_display(
                unbroken_product_name(
                    _(
                        "A time stamp from a time-stamp authority (RFC 3161) proves that the "
                        "journal up to a point existed no later than a given time. tr-journal does "
                        "not go online: write a request, have it stamped on any computer with "
                        "internet, then import the reply."
                    )
                )
            )
        )
        self.table.setHeaderLabels(
            [_("Stamp"), _("Certified time (UTC)"), _("Authority"), _("Covers events"), _("Root")]
        )
        self.write_button.setText(_("&Write a request…"))
        self.import_button.setText(_("&Import a reply…"))
        self.ca_label.setText(_("R&oot certificates (optional):"))
        self.ca_button.setText(_("C&hoose…"))
        self.online_box.setText(_("&Allow sending requests over the internet from this window"))
        self.url_label.setText(_("Time-stamp authority a&ddress:"))
        self.send_button.setText(_("&Send now (goes online)"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        self._show_state()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- state -----------------------------------------------------------------------------
    def refresh(self) -> None:
        vault = self.vault
        self.tasks.run(
            "stamp-status",
            lambda *_a: stamps.status(vault),
            on_done=self._status_done,
            on_error=self.status.show_error,
        )

    def _status_done(self, state: stamps.StampStatus) -> None:
        self.state = state
        self._show_state()

    def _show_state(self) -> None:
        state = self.state
        if state is None:
            self.status_label.setText("")
            return
        self.status_label.setText(
            _("Entries: {n}; not yet covered by a time stamp: {m}.").format(
                n=state.entries, m=state.uncovered_entries
            )
            + "\n"
            + _("Stamps recorded: {n}; requests waiting for a reply: {k}.").format(
                n=len(state.stamps), k=state.pending_requests
            )
        )
        self.table.clear()
        for row in state.stamps:
            self.table.addTopLevelItem(
                QTreeWidgetItem(
                    [
                        row.public_id,
                        row.gen_time,
                        one_line(row.tsa_name),
                        f"1–{row.head_seq}",
                        _(TRUST_WORDS.get(row.root, row.root)),
                    ]
                )
            )

    def _show_online(self, allowed: bool) -> None:
        self.online_box.blockSignals(True)
        self.online_box.setChecked(allowed)
        self.online_box.blockSignals(False)
        for widget in self._online_widgets:
            widget.setVisible(allowed)

    def _online_toggled(self, allowed: bool) -> None:
        self.settings.online_stamps = allowed
        try:
            settings_service.save_settings(self.settings)
        except Exception as exc:  # shown, and the window keeps the setting it had
            self.status.show_error(exc)
            self._show_online(not allowed)
            return
        self._show_online(allowed)

    # -- actions ---------------------------------------------------------------------------
    def _ca_file(self) -> Path | None:
        text = self.ca_edit.text().strip()
        return Path(text) if text else None

    def choose_roots(self) -> None:
        chosen = file_dialogs.open_file(
            self,
            _("Root certificates"),
            file_dialogs.documents_dir(),
            _("Certificates (*.pem *.crt);;All files (*)"),
        )
        if chosen is not None:
            self.ca_edit.setText(str(chosen))

    def write_request(self) -> None:
        out = file_dialogs.save_file(
            self,
            _("Write a time-stamp request"),
            file_dialogs.documents_dir() / "journal.tsq",
            _("Time-stamp requests (*.tsq)"),
        )
        if out is None:
            return
        vault = self.vault
        self.tasks.run(
            "stamp-request",
            lambda *_a: stamps.write_request(vault, out),
            on_done=lambda request: self._written(out, request),
            on_error=self.status.show_error,
        )

    def _written(self, out: Path, request: Any) -> None:
        bring = _('Bring the .tsr file back and choose "Import a reply…".')
        self.guide.setPlainText(
            "\n".join(
                stamp_guide.guide_lines(
                    _, out, request.head_seq, request.head_hash, bring, isolate=ltr_isolate
                )
            )
        )
        self.guide.show()
        self.status.show_text(
            _("Time-stamp request written to {path}.").format(path=ltr_isolate(str(out))), ok=True
        )
        self.refresh()

    def import_reply(self) -> None:
        chosen = file_dialogs.open_file(
            self,
            _("Import a time-stamp reply"),
            file_dialogs.documents_dir(),
            _("Time-stamp replies (*.tsr);;All files (*)"),
        )
        if chosen is None:
            return
        vault, ca_file = self.vault, self._ca_file()
        self.tasks.run(
            "stamp-import",
            lambda *_a: stamps.import_reply(vault, stamps.read_reply(chosen), ca_file),
            on_done=self._imported,
            on_error=self.status.show_error,
        )

    def send_request(self) -> None:
        """The explicit online mode: only reachable once the setting is on."""
        if not self.settings.online_stamps:
            return
        vault, url, ca_file = self.vault, self.url_edit.text().strip(), self._ca_file()

        def job(*_args: Any) -> stamps.ImportedStamp:
            from tr_journal.evidence import tsa_send  # the one module that goes online

            request = stamps.new_request(vault)
            return stamps.import_reply(vault, tsa_send.post_request(url, request.der), ca_file)

        self.tasks.run("stamp-send", job, on_done=self._imported, on_error=self.status.show_error)

    def _imported(self, stamp: stamps.ImportedStamp) -> None:
        text = _(
            "Time stamp {id} recorded: the journal up to event {seq} existed no later than "
            "{time}, certified by {tsa}."
        ).format(
            id=ltr_isolate(stamp.stamp_id),
            seq=stamp.head_seq,
            time=ltr_isolate(stamp.gen_time),
            tsa=bidi_isolate(one_line(stamp.tsa_name)),
        )
        if stamp.trust == tsp_certs.UNKNOWN:
            text += "\n" + _(
                "Warning: the authority's certificates end at {root} (SHA-256 {fingerprint}), "
                "which no root certificate shipped or chosen vouches for. The stamp was "
                "recorded; compare this fingerprint with the one the authority publishes before "
                "relying on it."
            ).format(
                root=bidi_isolate(one_line(stamp.root_name)),
                fingerprint=ltr_isolate(stamp.root_fingerprint),
            )
            self.status.show_text(text, error=True)
        else:
            self.status.show_text(text, ok=True)
        self.refresh()
