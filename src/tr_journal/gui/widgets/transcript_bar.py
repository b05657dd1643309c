"""The buttons under a file that add and revise its transcripts and translations
(docs/record-format.md, "Transcripts"): "Add transcript…" for the chosen file, "Add
translation…" and "Revise…" for one of its transcripts (straight to it when there is one, from
a menu naming each when there are several). Each opens
:class:`~tr_journal.gui.dialogs.transcript_dialog.TranscriptDialog`, which saves through the
same service as the command line; :attr:`saved` then lets the panel show the file's transcripts
again.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QMenu, QPushButton, QWidget

from tr_journal.domain.transcript import Transcript
from tr_journal.gui.dialogs.transcript_dialog import TranscriptDialog, language_name
from tr_journal.gui.tasks import TaskRunner
from tr_journal.i18n import _
from tr_journal.i18n.format import bidi_isolate
from tr_journal.vault import Vault


class TranscriptBar(QWidget):
    saved = Signal(object)

    def __init__(self, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.vault: Vault | None = None
        self.attachment_id: str | None = None
        self.found: list[Transcript] = []
        self.dialog: TranscriptDialog | None = None
        self.add_button = QPushButton()
        self.add_button.clicked.connect(lambda: self.open_dialog())
        self.translate_button = QPushButton()
        self.translate_button.clicked.connect(lambda: self._pick(self.translate_button, True))
        self.edit_button = QPushButton()
        self.edit_button.clicked.connect(lambda: self._pick(self.edit_button, False))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for button in (self.add_button, self.translate_button, self.edit_button):
            layout.addWidget(button)
        layout.addStretch(1)
        self.retranslate()
        self.set_file(None, None)

    def retranslate(self) -> None:
        self.add_button.setText(_("Add tra&nscript…"))
        self.translate_button.setText(_("Add translati&on…"))
        self.edit_button.setText(_("Re&vise…"))
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
        self.found = found
        self.translate_button.setEnabled(bool(found))
        self.edit_button.setEnabled(bool(found))

    def _pick(self, button: QPushButton, translate: bool) -> None:
        """The one transcript, or the one chosen from a menu of them (keyboard too)."""
        if len(self.found) == 1:
            self.open_dialog(self.found[0], translate=translate)
            return
        menu = QMenu(self)
        for item in self.found:
            action = menu.addAction(
                f"{bidi_isolate(item.id)} · {bidi_isolate(language_name(item.fields.language))}"
            )
            action.triggered.connect(
                lambda _checked=False, item=item: self.open_dialog(item, translate=translate)
            )
        menu.exec(button.mapToGlobal(button.rect().bottomLeft()))
        menu.deleteLater()

    def _forget(self, dialog: TranscriptDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def close_dialog(self) -> None:
        if self.dialog is not None:
            self.dialog.close()
            self.dialog = None

    def open_dialog(
        self, chosen: Transcript | None = None, translate: bool = False
    ) -> TranscriptDialog | None:
        """A new transcript (``chosen`` None), a translation of ``chosen`` or a revision of it.
        Not modal: the player beside it keeps playing while the person types."""
        if self.vault is None or self.attachment_id is None:
            return None
        source = chosen if translate else None
        current = None if translate else chosen
        if current is not None and current.fields.translates:
            source = next((t for t in self.found if t.id == current.fields.translates), None)
        dialog = TranscriptDialog(
            self.vault, self.tasks, self.attachment_id, source=source, current=current, parent=self
        )
        dialog.saved.connect(self.saved.emit)
        dialog.finished.connect(lambda _result: self._forget(dialog))
        self.close_dialog()
        self.dialog = dialog
        dialog.show()
        return dialog
