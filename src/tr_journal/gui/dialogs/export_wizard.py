"""Export for the lawyer: which entries, which report language, where — then a sealed bundle.

Four pages: selection (ticked entries, a date range, or everything), the report's language
(independent of the interface language: a Uyghur speaker may hand a French report to a French
lawyer), the destination (Qt's own file dialog, no history kept), and the export itself, which
runs on a worker through the task helper with progress and cancel. The last page shows what the
recipient needs to trust the file without this app: the key fingerprint, the bundle's SHA-256
and the exact commands (:mod:`tr_journal.gui.dialogs.export_commands`), with a Copy button.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from tr_journal.gui.dialogs.export_commands import verification_commands
from tr_journal.gui.dialogs.export_selection import SelectionPage
from tr_journal.gui.tasks import Task, TaskRunner, is_cancellation
from tr_journal.gui.widgets import file_dialogs
from tr_journal.gui.widgets.status_line import StatusLine
from tr_journal.i18n import LANGUAGES, _, current_language, ngettext
from tr_journal.i18n.format import ltr_isolate
from tr_journal.vault import Vault


def default_destination(today: dt.date | None = None) -> Path:
    """``TRJ-<date>.zip`` in Documents, numbered so an earlier export is never replaced."""
    folder, stem = file_dialogs.documents_dir(), f"TRJ-{(today or dt.date.today()).isoformat()}"
    candidate, n = folder / f"{stem}.zip", 2
    while candidate.exists():
        candidate, n = folder / f"{stem}-{n}.zip", n + 1
    return candidate


class LanguagePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.combo = QComboBox()
        for code, name in LANGUAGES.items():
            self.combo.addItem(name, code)
        self.combo.setCurrentIndex(max(0, self.combo.findData(current_language())))
        self.label = QLabel()
        self.label.setBuddy(self.combo)
        form = QFormLayout(self)
        form.addRow(self.label, self.combo)

    def retranslate(self) -> None:
        self.setTitle(_("Language of the report"))
        self.setSubTitle(
            _(
                "The report inside the bundle is written in this language, for the "
                "person who will read it. It does not change the app's language."
            )
        )
        self.label.setText(_("Report &language:"))
        self.combo.setAccessibleName(_("Report language"))

    def code(self) -> str:
        return str(self.combo.currentData())


class DestinationPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setCommitPage(True)
        self.path_edit = QLineEdit(str(default_destination()))
        self.path_edit.textChanged.connect(lambda _t: self.completeChanged.emit())
        self.browse = QPushButton()
        self.browse.clicked.connect(self.choose)
        self.label, self.note = QLabel(), QLabel()
        self.label.setBuddy(self.path_edit)
        self.note.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse)
        form = QFormLayout(self)
        form.addRow(self.label, row)
        form.addRow("", self.note)

    def retranslate(self) -> None:
        self.setTitle(_("Where to save the bundle"))
        self.setSubTitle(
            _(
                "One .zip file. It is not encrypted: anyone who has it can read the "
                "disclosed entries, so hand it over the way you would hand over the "
                "paper originals."
            )
        )
        self.label.setText(_("&Save as:"))
        self.browse.setText(_("B&rowse…"))
        self.note.setText(
            _("A file with this name already exists and will be replaced.")
            if self.destination().exists()
            else ""
        )
        self.path_edit.setAccessibleName(_("Bundle file"))
        self.browse.setAccessibleName(_("Choose where to save the bundle"))
        self.setButtonText(QWizard.WizardButton.CommitButton, _("&Export"))

    def choose(self) -> None:
        path = file_dialogs.save_file(
            self, _("Save the evidence bundle"), self.destination(), _("Evidence bundles (*.zip)")
        )
        if path is not None:
            self.path_edit.setText(
                str(path if path.suffix.lower() == ".zip" else path.with_name(path.name + ".zip"))
            )

    def destination(self) -> Path:
        return Path(self.path_edit.text().strip()).expanduser()

    def isComplete(self) -> bool:
        self.note.setText(
            _("A file with this name already exists and will be replaced.")
            if self.destination().is_file()
            else ""
        )
        text = self.path_edit.text().strip()
        return bool(text) and self.destination().parent.is_dir() and not self.destination().is_dir()


class ExportPage(QWizardPage):
    """Runs the export; on success shows fingerprint, SHA-256 and the commands to verify."""

    def __init__(self, wizard: ExportWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.result: Any = None
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.status = StatusLine()
        self.cancel_button, self.retry_button = QPushButton(), QPushButton()
        self.cancel_button.clicked.connect(wizard.cancel_export)
        self.retry_button.clicked.connect(wizard.start_export)
        self.retry_button.hide()
        run_row = QHBoxLayout()
        run_row.addWidget(self.progress, 1)
        run_row.addWidget(self.cancel_button)
        run_row.addWidget(self.retry_button)
        self.results = QWidget()
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.fingerprint, self.sha256 = QLineEdit(), QLineEdit()
        for edit in (self.fingerprint, self.sha256):
            edit.setReadOnly(True)
            edit.setFont(mono)
        self.commands = QPlainTextEdit()
        self.commands.setReadOnly(True)
        self.commands.setFont(mono)
        self.commands.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.commands.setTabChangesFocus(True)
        # Shell commands and hashes read left to right in every interface language.
        option = self.commands.document().defaultTextOption()
        option.setTextDirection(Qt.LayoutDirection.LeftToRight)
        self.commands.document().setDefaultTextOption(option)
        for widget in (self.commands, self.fingerprint, self.sha256):
            widget.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.copy_button = QPushButton()
        # Enter on the last page finishes (the wizard's default button); only Space copies.
        self.copy_button.setAutoDefault(False)
        self.copy_button.clicked.connect(self.copy)
        self.copied = QLabel()  # beside the button: the line saying where the file is stays
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.fp_label, self.sha_label, self.cmd_label = QLabel(), QLabel(), QLabel()
        self.fp_label.setBuddy(self.fingerprint)
        self.sha_label.setBuddy(self.sha256)
        self.cmd_label.setBuddy(self.commands)
        form = QFormLayout()
        form.addRow(self.fp_label, self.fingerprint)
        form.addRow(self.sha_label, self.sha256)
        copy_row = QHBoxLayout()
        copy_row.addWidget(self.cmd_label, 1)
        copy_row.addWidget(self.copied)
        copy_row.addWidget(self.copy_button)
        inner = QVBoxLayout(self.results)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(self.summary)
        inner.addLayout(form)
        inner.addLayout(copy_row)
        inner.addWidget(self.commands, 1)
        self.results.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(run_row)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)
        layout.addStretch(0)  # takes the room only while the results are hidden: status stays up

    def retranslate(self) -> None:
        self.setTitle(_("Export") if self.result is None else _("The bundle is ready"))
        self.setSubTitle("")
        self.cancel_button.setText(_("&Cancel export"))
        self.retry_button.setText(_("&Try again"))
        self.copy_button.setText(_("C&opy"))
        self.fp_label.setText(_("&Key fingerprint:"))
        self.sha_label.setText(_("&SHA-256 of the file:"))
        self.cmd_label.setText(_("How the recipient &verifies it:"))
        for widget, name in (
            (self.progress, _("Export progress")),
            (self.cancel_button, _("Cancel export")),
            (self.retry_button, _("Try the export again")),
            (self.fingerprint, _("Key fingerprint")),
            (self.sha256, _("SHA-256 of the bundle file")),
            (self.commands, _("Commands to verify the bundle")),
            (self.copy_button, _("Copy the fingerprint, checksum and commands")),
            (self.status, _("Status")),
        ):
            widget.setAccessibleName(name)
        if self.result is not None:
            self._summarise()

    def initializePage(self) -> None:
        if self.result is None and self.wiz.task is None:
            self.wiz.start_export()

    def isComplete(self) -> bool:
        return self.result is not None

    def set_running(self, running: bool) -> None:
        self.progress.setVisible(running or self.result is None)
        self.cancel_button.setVisible(running)
        self.cancel_button.setEnabled(running)
        self.retry_button.setVisible(not running and self.result is None)
        if running:
            # busy until the zip is written: the dossier of a long journal takes seconds
            # (docs/evidence-report.md, "Size and memory") and reports no fraction
            self.progress.setRange(0, 0)
            self.status.show_text(_("Preparing the bundle…"))
            self.cancel_button.setFocus()

    def show_result(self, result: Any, top_folder: str) -> None:
        self.result = result
        self.top_folder = top_folder
        self.progress.hide()
        saved = _("Saved to {path}").format(path=ltr_isolate(str(result.path)))
        if getattr(result, "tsq", None) is not None:  # docs/timestamps.md: the reminder
            saved += "\n" + _(
                "A time-stamp request for this export was written to {path}; "
                "Tools → Time stamps… shows how to have it stamped."
            ).format(path=ltr_isolate(str(result.tsq)))
        self.status.show_text(saved, ok=True)
        self.copied.clear()
        self.fingerprint.setText(result.fingerprint)
        self.sha256.setText(result.sha256)
        self.commands.setPlainText(
            verification_commands(
                Path(result.path).name, top_folder, result.fingerprint, result.sha256
            )
        )
        self.results.show()
        self._summarise()
        self.completeChanged.emit()
        self.copy_button.setFocus()

    def _summarise(self) -> None:
        self.setTitle(_("The bundle is ready"))
        counts = (
            ngettext("{n} entry", "{n} entries", self.result.entries).format(n=self.result.entries)
            + ", "
            + ngettext("{n} original file", "{n} original files", self.result.files).format(
                n=self.result.files
            )
        )
        self.summary.setText(
            _(
                "Signed bundle with {counts}. Give the recipient the file and, "
                "separately (by phone or on paper), the key fingerprint, so they "
                "can be sure the bundle comes from you."
            ).format(counts=counts)
        )

    def copy_text(self) -> str:
        return "\n".join(
            [
                _("Key fingerprint:") + " " + self.fingerprint.text(),
                _("SHA-256 of the file:") + " " + self.sha256.text(),
                "",
                self.commands.toPlainText(),
            ]
        )

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.copy_text())
        self.copied.setText(_("Copied."))


class ExportWizard(QWizard):
    """Open with an unlocked vault and the window's :class:`TaskRunner`."""

    def __init__(
        self,
        vault: Vault,
        tasks: TaskRunner,
        parent: QWidget | None = None,
        preselected_ids: list[str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.vault, self.tasks = vault, tasks
        self.task: Task | None = None
        self.selection_page = SelectionPage(self, preselected_ids or [])
        self.language_page = LanguagePage()
        self.destination_page = DestinationPage()
        self.export_page = ExportPage(self)
        for page in self._pages():
            self.addPage(page)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.resize(900, 640)
        self.retranslate()
        self.selection_page.load(vault, tasks)

    def _pages(self) -> tuple[QWizardPage, ...]:
        return (self.selection_page, self.language_page, self.destination_page, self.export_page)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Export evidence for a lawyer"))
        for page in self._pages():
            page.retranslate()  # type: ignore[attr-defined]

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def start_export(self) -> None:
        if self.task is not None:
            return
        ids, since, until = self.selection_page.selection()
        lang, out, vault = (
            self.language_page.code(),
            self.destination_page.destination(),
            self.vault,
        )

        def job(progress: Any, cancelled: Any) -> tuple[Any, str]:
            from tr_journal.domain import ExportSelection
            from tr_journal.evidence.export import export_bundle

            result = export_bundle(
                vault,
                out,
                ExportSelection(tuple(ids), since, until),
                lang=lang,
                progress=progress,
                cancelled=cancelled,
            )
            with zipfile.ZipFile(result.path) as bundle:
                top = bundle.namelist()[0].split("/")[0]
            return result, top

        self.export_page.set_running(True)
        self.task = self.tasks.run(
            "export", job, on_done=self._done, on_error=self._failed, on_progress=self._progressed
        )

    def cancel_export(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.export_page.cancel_button.setEnabled(False)
            self.export_page.status.show_text(_("Cancelling…"))

    def _progressed(self, done: int, total: int) -> None:
        if total > 0:
            self.export_page.progress.setRange(0, 1000)
            self.export_page.progress.setValue(int(1000 * min(done, total) / total))
            self.export_page.status.show_text(
                _("Writing the bundle… {percent} %").format(
                    percent=int(100 * min(done, total) / total)
                )
            )

    def _done(self, outcome: tuple[Any, str]) -> None:
        self.task = None
        self.export_page.show_result(*outcome)
        self.export_page.set_running(False)

    def _failed(self, error: BaseException) -> None:
        self.task = None
        self.export_page.set_running(False)
        if is_cancellation(error):
            self.export_page.status.show_text(_("Export cancelled; no file was written."))
        else:
            self.export_page.status.show_error(error)
        self.export_page.retry_button.setFocus()

    def reject(self) -> None:
        """Closing during an export cancels it; the service removes its partial file."""
        if self.task is not None:
            self.task.cancel()
        super().reject()
