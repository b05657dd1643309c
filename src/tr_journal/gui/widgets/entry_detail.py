"""One entry, read-only: its current fields, its attachments, and its history of revisions.

User text is shown as plain text inside Unicode isolates (FSI … PDI), so a Uyghur or Arabic
name cannot reorder the labels around it, and it is HTML-escaped so nothing typed can become
markup. Picking an older revision in the history shows that revision's fields, marked as such.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from tr_journal.domain import Attachment, EntryFields, Revision
from tr_journal.gui import palette
from tr_journal.gui.errors import describe
from tr_journal.gui.tasks import TaskRunner
from tr_journal.gui.widgets.attachments_panel import AttachmentsPanel
from tr_journal.i18n import _, is_rtl
from tr_journal.i18n.format import (
    format_date,
    format_duration_words,
    format_incident_time,
    format_local_time,
)
from tr_journal.i18n.labels import (
    DEMAND_LABELS,
    OFFER_LABELS,
    THREAT_LABELS,
    channel_label,
    direction_label,
    field_label,
    labels_joined,
    relation_label,
)
from tr_journal.journal import actions
from tr_journal.journal.consistency import ConsistencyNote, consistency_notes, note_text
from tr_journal.journal.when import Precision, try_parse_when
from tr_journal.vault import Vault

FSI, PDI = "\u2068", "\u2069"
HIDDEN = frozenset({"caller_number_e164", "timezone"})


def _value_text(name: str, value: Any) -> str:
    if name == "channel":
        return channel_label(value)
    if name == "direction":
        return direction_label(value)
    if name == "demands":
        return labels_joined(DEMAND_LABELS, value)
    if name == "threats":
        return labels_joined(THREAT_LABELS, value)
    if name == "offers":
        return labels_joined(OFFER_LABELS, value)
    if name == "intermediary_relation":
        return relation_label(value)
    if name == "occurred_at":
        return own_time_text(value)
    if name == "recorded_at":
        return format_local_time(value)
    if name == "reported_on":
        return report_date_text(str(value))
    if name == "duration_seconds":
        return format_duration_words(int(value))
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def own_time_text(occurred_at: str) -> str:
    """The incident time as it was on the caller's clock, in the interface language; its UTC
    offset is added when it is not the machine's own (an entry logged in Paris, read in
    Istanbul). See :func:`~tr_journal.i18n.format.format_incident_time`."""
    return format_incident_time(occurred_at)


def report_date_text(value: str) -> str:
    """The date reported on in words ("December 5, 2026"); anything else as stored."""
    occurrence = try_parse_when(value)
    if occurrence is None:
        return value
    point = occurrence.start
    if (
        occurrence.is_interval
        or point.precision is not Precision.DAY
        or point.approximate
        or point.uncertain
    ):
        return format_incident_time(value)
    return format_date(point.start, length="long")


def fields_html(fields: EntryFields) -> str:
    """A two-column table of the non-empty fields, escaped and bidi-isolated."""
    rows = []
    rtl = is_rtl()
    side = "right" if rtl else "left"
    for name, value in fields.to_dict().items():
        if name in HIDDEN:
            continue
        text = html.escape(FSI + _value_text(name, value) + PDI).replace("\n", "<br>")
        caption = (
            f"<td style='padding:3px 12px; color:{palette.QUIET}' valign='top' "
            f"align='{side}'>"
            f"{html.escape(field_label(name))}</td>"
        )
        cell = f"<td style='padding:3px 0' align='{side}'>{text}</td>"
        rows.append("<tr>" + (cell + caption if rtl else caption + cell) + "</tr>")
    width = " width='100%'" if rtl else ""
    return f"<table{width}>" + "".join(rows) + "</table>"


def notes_html(notes: list[ConsistencyNote]) -> str:
    """Consistency notes under the fields: facts of the files that disagree with the
    declared ones, for the person to explain (docs/record-format.md)."""
    if not notes:
        return ""
    items = "".join(f"<li>{html.escape(FSI + note_text(n, _) + PDI)}</li>" for n in notes)
    return (
        f"<p style='color:#8d6e00'><b>{html.escape(_('Consistency notes'))}</b> — "
        f"{html.escape(_('not errors: what a lawyer may ask you to explain'))}</p>"
        f"<ul style='color:#8d6e00'>{items}</ul>"
    )


class EntryDetail(QWidget):
    """Emits :attr:`edit_requested` (id) and :attr:`changed` (attachments were added)."""

    edit_requested = Signal(str)
    new_requested = Signal()
    changed = Signal()

    def __init__(self, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.vault: Vault | None = None
        self.public_id: str | None = None
        self.loading: str | None = None
        self.revisions: list[Revision] = []
        self.files: list[Attachment] = []
        self.heading = QLabel()
        self.edit_button = QPushButton()
        self.edit_button.clicked.connect(self._edit)
        self.fields_view = QTextBrowser()
        self.fields_view.setOpenLinks(False)
        self.revision_note = QLabel()
        self.revision_note.setStyleSheet("color: #8d6e00; font-weight: bold;")
        self.history = QListWidget()
        self.history.currentRowChanged.connect(self._show_revision)
        self.attachments = AttachmentsPanel(tasks)
        self.attachments.changed.connect(self.changed)
        self.attachments.changed.connect(self._update_tabs)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.attachments, "")
        self.tabs.addTab(self.history, "")
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.new_button = QPushButton()
        self.new_button.setMinimumHeight(40)
        self.new_button.clicked.connect(self.new_requested)
        self._build()
        self.retranslate()
        self.clear()

    def _build(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.edit_button)
        upper = QWidget()
        column = QVBoxLayout(upper)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(top)
        column.addWidget(self.revision_note)
        column.addWidget(self.fields_view, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(upper)
        self.splitter.addWidget(self.tabs)
        self.splitter.setSizes([330, 370])
        self.empty_page = QWidget()
        empty = QVBoxLayout(self.empty_page)
        empty.addStretch(1)
        empty.addWidget(self.empty)
        empty.addWidget(self.new_button, alignment=Qt.AlignmentFlag.AlignHCenter)
        empty.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty_page, 1)
        layout.addWidget(self.splitter, 1)

    def retranslate(self) -> None:
        self.edit_button.setText(_("Ed&it"))
        self.edit_button.setAccessibleName(_("Edit this entry"))
        self.empty.setText(_("Choose an entry in the list, or log a new call or message."))
        self.new_button.setText(_("Log a new call or message (Ctrl+N)"))
        self.new_button.setAccessibleName(_("Log a new call or message"))
        self.fields_view.setAccessibleName(_("Entry details"))
        self.history.setAccessibleName(_("History of this entry"))
        self.attachments.retranslate()
        self._update_tabs()
        if self.public_id:
            self._fill_history()

    def _update_tabs(self) -> None:
        self.tabs.setTabText(0, _("Files ({n})").format(n=len(self.attachments.attachments)))
        self.tabs.setTabText(1, _("History ({n})").format(n=len(self.revisions)))

    def set_vault(self, vault: Vault | None) -> None:
        self.vault = vault
        self.attachments.set_vault(vault)

    def show_entry(self, public_id: str) -> None:
        """Load the entry on the worker: an import may hold the vault for a while, and the
        window must not wait for it (the entry appears when the worker gets to it)."""
        if self.vault is None:
            return
        vault = self.vault
        self.loading = public_id

        self.tasks.run(
            "show entry",
            lambda _p, _c: actions.read_history(vault, public_id),
            on_done=lambda result: self._loaded(vault, public_id, *result),
            on_error=lambda exc: self._load_failed(vault, public_id, exc),
        )

    def _loaded(
        self, vault: Vault, public_id: str, revisions: list[Revision], attachments: list[Attachment]
    ) -> None:
        if vault is not self.vault or public_id != self.loading:
            return  # locked, or another entry was chosen meanwhile
        self.loading = None
        self.revisions = revisions
        self.files = attachments
        self.public_id = public_id
        self.empty_page.hide()
        self.splitter.show()
        self._fill_history()
        self.attachments.set_entry(public_id, attachments)
        self._update_tabs()

    def _load_failed(self, vault: Vault, public_id: str, error: BaseException) -> None:
        if vault is not self.vault or public_id != self.loading:
            return
        self.clear()
        self.empty.setText(describe(error))

    def _fill_history(self) -> None:
        self.history.blockSignals(True)
        self.history.clear()
        for revision in reversed(self.revisions):
            saved = format_local_time(revision.saved_at)
            text = (
                _("Revision {rev} — saved {at}").format(rev=revision.rev, at=saved)
                if revision.rev > 1
                else _("Revision 1 (first record) — saved {at}").format(at=saved)
            )
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, revision.rev)
            item.setToolTip(f"\u2066{revision.saved_at}\u2069")  # exact, machine-readable
            self.history.addItem(item)
        self.history.blockSignals(False)
        self.history.setCurrentRow(0)
        self._show_revision(0)

    def _show_revision(self, row: int) -> None:
        if row < 0 or row >= len(self.revisions):
            return
        revision = self.revisions[len(self.revisions) - 1 - row]
        latest = row == 0
        self.heading.setText(
            "<h3>" + html.escape(_("Entry {id}").format(id=self.public_id)) + "</h3>"
        )
        self.revision_note.setVisible(not latest)
        self.revision_note.setText(
            _("You are looking at revision {rev} of {count}, not the current one.").format(
                rev=revision.rev, count=len(self.revisions)
            )
        )
        notes = consistency_notes(revision.fields, self.files) if latest else []
        self.fields_view.setHtml(fields_html(revision.fields) + notes_html(notes))

    def _edit(self) -> None:
        if self.public_id:
            self.edit_requested.emit(self.public_id)

    def clear(self) -> None:
        """Forget the entry shown (lock, or nothing selected)."""
        self.public_id = None
        self.loading = None
        self.revisions = []
        self.fields_view.clear()
        self.history.clear()
        self.heading.clear()
        self.revision_note.hide()
        self.attachments.clear()
        self.splitter.hide()
        self.empty_page.show()
        self._update_tabs()
