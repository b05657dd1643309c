"""The buttons under a file that add and edit its transcripts and translations
(docs/record-format.md, "Transcripts"): "Add transcript…" for the chosen file, and for the
transcript chosen in the list beside them "Add translation…" and "Revise…". Each opens
:class:`~tr_journal.gui.dialogs.transcript_dialog.TranscriptDialog`, which saves through the
same service as the command line; :attr:`saved` then lets the panel show the file's transcripts
again.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QPushButton, QWidget

from tr_journal.domain.transcript import Transcript
from tr_journal.gui.tasks import TaskRunner
from tr_journal.i18n import _
from tr_journal.vault import Vault


class TranscriptBar(QWidget):
    saved = Signal(object)

    def __init__(self, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.vault: Vault | None = None
        self.attachment_id: str | None = None
        self.found: list[Transcript] = []
        self.dialog: QWidget | None = None
        self.add_button = QPushButton()
        self.add_button.clicked.connect(lambda: self.open_dialog())
        self.chooser = QComboBox()
        self.chooser.currentIndexChanged.connect(self._enable)
        self.translate_button = QPushButton()
        self.translate_button.clicked.connect(lambda: self.open_dialog(translate=True))
        self.edit_button = QPushButton()
        self.edit_button.clicked.connect(lambda: self.open_dialog(edit=True))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.add_button)
        layout.addWidget(self.chooser, 1)
        for button in (self.translate_button, self.edit_button):
            layout.addWidget(button)
        self.retranslate()
        self.set_file(None, None)

    def retranslate(self) -> None:
        self.add_button.setText(_("Add tra&nscript…"))
        self.translate_button.setText(_("Add translati&on…"))
        self.edit_button.setText(_("Re&vise…"))
        self.chooser.setAccessibleName(_("Transcript to translate or edit"))
        self.add_button.setAccessibleName(_("Add a transcript of this file"))

    def set_file(self, vault: Vault | None, attachment_id: str | None) -> None:
        """The file chosen in the list (None: none); its transcripts follow in
        :meth:`show_transcripts`."""
        self.vault, self.attachment_id = vault, attachment_id
        self.setVisible(vault is not None and attachment_id is not None)
        self.show_transcripts(attachment_id, [])

    def show_transcripts(self, attachment_id: str | None, found: list[Transcript]) -> None:
        if attachment_id != self.attachment_id:
            return
        chosen = self.chooser.currentData()
        self.found = found
        self.chooser.clear()
        for item in found:
            self.chooser.addItem(f"{item.id} · {item.fields.language}", item.id)
        self.chooser.setCurrentIndex(max(0, self.chooser.findData(chosen)))
        self._enable()

    def _enable(self) -> None:
        chosen = self.chosen() is not None
        self.chooser.setEnabled(bool(self.found))
        self.translate_button.setEnabled(chosen)
        self.edit_button.setEnabled(chosen)

    def chosen(self) -> Transcript | None:
        wanted = self.chooser.currentData()
        return next((t for t in self.found if t.id == wanted), None)

    def _forget(self, dialog: QWidget) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def close_dialog(self) -> None:
        if self.dialog is not None:
            self.dialog.close()
            self.dialog = None

    def open_dialog(self, translate: bool = False, edit: bool = False) -> QWidget | None:
        """Open the dialog (not modal: the player beside it keeps playing); return it."""
        from tr_journal.gui.dialogs.transcript_dialog import TranscriptDialog

        if self.vault is None or self.attachment_id is None:
            return None
        chosen = self.chosen()
        if (translate or edit) and chosen is None:
            return None
        source = chosen if translate else None
        if edit and chosen is not None and chosen.fields.translates:
            source = next((t for t in self.found if t.id == chosen.fields.translates), None)
        dialog = TranscriptDialog(self.vault, self.tasks, self.attachment_id, source=source,
                                  current=chosen if edit else None, parent=self)
        dialog.saved.connect(self.saved.emit)
        dialog.finished.connect(lambda _result: self._forget(dialog))
        self.close_dialog()
        self.dialog = dialog
        dialog.show()
        return dialog
