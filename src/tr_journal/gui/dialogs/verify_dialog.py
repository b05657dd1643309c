"""Check an evidence bundle someone hands back: no vault needed, the verdict in one glance.

The same checks as ``tr-journal verify`` (docs/bundle-format.md) run on a worker through the
task helper, with progress and cancel. The verdict is shown big above the list of individual
checks, so a lawyer or the person themselves can see *what* failed: green VALID only when the
signing key matched the fingerprint typed from the sender's key card; amber INTACT, AUTHOR
UNPROVEN when nothing failed but no fingerprint was given (a bundle names its own key, a forged
one the forger's); red NOT VALID otherwise. Details quote names from the bundle, so they are
shown as plain text with control and bidi characters escaped.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QMimeData, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tr_journal.errors import N_, BundleInvalid
from tr_journal.gui import palette
from tr_journal.gui.tasks import Task, TaskRunner, is_cancellation
from tr_journal.gui.widgets import file_dialogs
from tr_journal.gui.widgets.status_line import StatusLine
from tr_journal.i18n import _
from tr_journal.untrusted import one_line

VALID_STYLE = palette.BANNER.format(palette.GOOD)
INVALID_STYLE = palette.BANNER.format(palette.PROBLEM)
UNPROVEN_STYLE = palette.CAUTION_BANNER

#: Human names of the checks of ``verify --json`` (docs/bundle-format.md).
CHECK_LABELS = {
    "zip-safety": N_("The archive is safe to open"),
    "signature": N_("The signature is genuine"),
    "fingerprint-pin": N_("Signing key compared with the key card"),
    "tag-manifest": N_("The list of checksums is intact"),
    "payload-manifest": N_("Every file matches its checksum"),
    "unlisted-files": N_("No file was added"),
    "payload-oxum": N_("File count and total size match"),
    "chain": N_("The history chain is unbroken"),
    "entries-match-chain": N_("Entries match the history"),
    "originals-match-chain": N_("Originals match the history"),
    "time-stamps": N_("The time stamps are genuine"),
}


def check_label(check: str) -> str:
    return _(CHECK_LABELS[check]) if check in CHECK_LABELS else check


class VerifyDialog(QDialog):
    """Choose a bundle (.zip or folder), optionally pin a fingerprint, verify, read the verdict."""

    def __init__(self, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.task: Task | None = None
        self.verdict: Any = None
        self.pinned = False
        self._build()
        self.retranslate()
        self.setAcceptDrops(True)
        self.resize(820, 600)

    # -- layout ----------------------------------------------------------------------------
    def _build(self) -> None:
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.path_edit = QLineEdit()
        self.path_edit.returnPressed.connect(self.start)
        self.path_edit.textChanged.connect(self._update_buttons)
        self.file_button, self.folder_button = QPushButton(), QPushButton()
        self.file_button.clicked.connect(self.choose_file)
        self.folder_button.clicked.connect(self.choose_folder)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.file_button)
        path_row.addWidget(self.folder_button)
        self.fp_edit = QLineEdit()
        self.fp_edit.setPlaceholderText("SHA256:…")
        self.fp_edit.returnPressed.connect(self.start)
        self.path_label, self.fp_label = QLabel(), QLabel()
        self.path_label.setBuddy(self.path_edit)
        self.fp_label.setBuddy(self.fp_edit)
        self.fp_hint = QLabel()
        self.fp_hint.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.path_label, path_row)
        form.addRow(self.fp_label, self.fp_edit)
        form.addRow("", self.fp_hint)
        self.verify_button, self.cancel_button = QPushButton(), QPushButton()
        self.verify_button.setDefault(True)
        self.verify_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.progress = QProgressBar()
        self.progress.hide()
        run_row = QHBoxLayout()
        run_row.addWidget(self.progress, 1)
        run_row.addStretch(0)
        run_row.addWidget(self.cancel_button)
        run_row.addWidget(self.verify_button)
        self.verdict_label = QLabel()
        font = QFont(self.font())
        font.setPointSize(font.pointSize() + 8)
        font.setBold(True)
        self.verdict_label.setFont(font)
        self.verdict_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.verdict_label.hide()
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)  # details quote the bundle
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.checks = QTreeWidget()
        self.checks.setColumnCount(3)
        self.checks.setRootIsDecorated(False)
        self.checks.setWordWrap(True)
        self.checks.setAlternatingRowColors(True)
        header = self.checks.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.status = StatusLine()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addLayout(run_row)
        layout.addWidget(self.status)
        layout.addWidget(self.verdict_label)
        layout.addWidget(self.summary)
        layout.addWidget(self.checks, 1)
        layout.addWidget(self.buttons)
        self._update_buttons()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Verify an evidence bundle"))
        self.intro.setText(
            _(
                "Check that an evidence bundle is complete and unaltered since it "
                "was signed. You do not need to unlock a journal for this. You can "
                "also drop the .zip file or the folder onto this window."
            )
        )
        self.path_label.setText(_("&Bundle:"))
        self.file_button.setText(_("Choose a .&zip file…"))
        self.folder_button.setText(_("Choose a &folder…"))
        self.fp_label.setText(_("Expected &key:"))
        self.fp_hint.setText(
            _(
                "Optional: the fingerprint printed on the sender's key card. "
                "If you type it, a bundle signed with any other key is refused."
            )
        )
        self.verify_button.setText(_("&Verify"))
        self.cancel_button.setText(_("&Cancel"))
        self.checks.setHeaderLabels([_("Result"), _("Check"), _("Details")])
        for widget, name in (
            (self.path_edit, _("Bundle to verify")),
            (self.file_button, _("Choose a zip file")),
            (self.folder_button, _("Choose an extracted bundle folder")),
            (self.fp_edit, _("Expected key fingerprint (optional)")),
            (self.verify_button, _("Verify")),
            (self.cancel_button, _("Cancel verification")),
            (self.progress, _("Verification progress")),
            (self.checks, _("Checks and their results")),
            (self.summary, _("Verification summary")),
            (self.status, _("Status")),
        ):
            widget.setAccessibleName(name)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        if self.verdict is not None:
            self._show_verdict(self.verdict)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- choosing ----------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.task is None and self._dropped_path(event.mimeData()) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = self._dropped_path(event.mimeData())
        if self.task is None and path is not None:
            self.path_edit.setText(str(path))
            event.acceptProposedAction()
            self.start()

    @staticmethod
    def _dropped_path(mime: QMimeData) -> Path | None:
        urls = [u for u in mime.urls() if u.isLocalFile()] if mime.hasUrls() else []
        return Path(urls[0].toLocalFile()) if len(urls) == 1 else None

    def _start_dir(self) -> Path:
        current = Path(self.path_edit.text().strip()).expanduser()
        return current.parent if current.parent.is_dir() else file_dialogs.documents_dir()

    def choose_file(self) -> None:
        path = file_dialogs.open_file(
            self, _("Choose the bundle"), self._start_dir(), _("Evidence bundles (*.zip)")
        )
        if path is not None:
            self.path_edit.setText(str(path))

    def choose_folder(self) -> None:
        path = file_dialogs.existing_dir(
            self, _("Choose the extracted bundle folder"), self._start_dir()
        )
        if path is not None:
            self.path_edit.setText(str(path))

    def _update_buttons(self) -> None:
        running = self.task is not None
        self.verify_button.setEnabled(not running and bool(self.path_edit.text().strip()))
        self.cancel_button.setVisible(running)
        for widget in (self.path_edit, self.fp_edit, self.file_button, self.folder_button):
            widget.setEnabled(not running)

    # -- running -----------------------------------------------------------------------------
    def start(self) -> None:
        text = self.path_edit.text().strip()
        if self.task is not None or not text:
            return
        path, pin = Path(text).expanduser(), self.fp_edit.text().strip() or None
        self.verdict, self.pinned = None, pin is not None
        self.verdict_label.hide()
        self.summary.clear()
        self.checks.clear()
        self.status.show_text(_("Checking…"))
        self.progress.setRange(0, 0)
        self.progress.show()

        def job(progress: Any, cancelled: Any) -> Any:
            from tr_journal.evidence.verify import verify_bundle

            return verify_bundle(path, fingerprint=pin, progress=progress, cancelled=cancelled)

        self.task = self.tasks.run(
            "verify", job, on_done=self._done, on_error=self._failed, on_progress=self._progressed
        )
        self._update_buttons()
        self.cancel_button.setFocus()

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.status.show_text(_("Cancelling…"))

    def _progressed(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, 1000)
            self.progress.setValue(int(1000 * min(done, total) / total))

    def _finish_task(self) -> None:
        self.task = None
        self.progress.hide()
        self._update_buttons()

    def _done(self, verdict: Any) -> None:
        self._finish_task()
        self.status.clear_text()
        self.verdict = verdict
        self._show_verdict(verdict)
        self.checks.setFocus()

    def _failed(self, error: BaseException) -> None:
        self._finish_task()
        if is_cancellation(error):
            self.status.show_text(_("Verification cancelled."))
            return
        if isinstance(error, BundleInvalid):
            self._set_verdict_label(False)
        self.status.show_error(error)
        self.path_edit.setFocus()

    def _set_verdict_label(self, valid: bool, proven: bool = True) -> None:
        if not valid:
            mark, text, style = "✘ ", _("NOT VALID"), INVALID_STYLE
        elif proven:
            mark, text, style = "✔ ", _("VALID"), VALID_STYLE
        else:
            mark, text, style = "? ", _("INTACT, AUTHOR UNPROVEN"), UNPROVEN_STYLE
        self.verdict_label.setText(mark + text)
        self.verdict_label.setStyleSheet(style)
        self.verdict_label.setAccessibleName(_("Verdict: {verdict}").format(verdict=text))
        self.verdict_label.show()

    def _summary_lines(self, verdict: Any) -> list[str]:
        if not verdict.valid:
            return [
                _("Do not rely on this bundle as it is. What failed:"),
                *(
                    f"✘ {check_label(c.check)}: {one_line(c.text())}"
                    for c in verdict.checks
                    if c.failed
                ),
            ]
        if verdict.signer_confirmed:
            return [
                _(
                    "Every check passed: the bundle is complete, has not been altered since "
                    "it was signed, and was signed by the key on the key card."
                ),
                _("Signing key: {fingerprint}").format(fingerprint=verdict.fingerprint),
            ]
        return [
            _(
                "The bundle is complete and has not been altered since it was signed, but "
                "who signed it is unproven without the key card."
            ),
            _("Signing key: {fingerprint}").format(fingerprint=verdict.fingerprint),
            _(
                "Compare this fingerprint with the one on the key card the sender gave you in "
                "person, or type the card's fingerprint above and verify again. A fingerprint "
                "written inside the bundle proves nothing."
            ),
        ]

    def _show_verdict(self, verdict: Any) -> None:
        self._set_verdict_label(bool(verdict.valid), bool(verdict.signer_confirmed))
        self.summary.setText("\n".join(self._summary_lines(verdict)))
        self.checks.clear()
        for check in verdict.checks:
            if check.ok is None:
                result, colour = "– " + _("not done"), Qt.GlobalColor.darkYellow
            elif check.ok:
                result, colour = "✔ " + _("passed"), Qt.GlobalColor.darkGreen
            else:
                result, colour = "✘ " + _("FAILED"), Qt.GlobalColor.red
            item = QTreeWidgetItem([result, check_label(check.check), one_line(check.text())])
            item.setForeground(0, colour)
            # a long detail cut in its column, in full; escaped: Qt would take <tags> as HTML
            item.setToolTip(2, "<p>" + html.escape(item.text(2)) + "</p>")
            self.checks.addTopLevelItem(item)

    def reject(self) -> None:
        """Closing while a check runs cancels it; the worker ends on its own."""
        if self.task is not None:
            self.task.cancel()
        super().reject()
