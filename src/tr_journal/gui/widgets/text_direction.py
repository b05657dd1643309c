"""Multi-line text aligned by its own direction, whatever the interface language.

Qt lays out a QPlainTextEdit in the widget's direction: notes typed in Uyghur in an English
interface sat on the left while the one-line fields (which follow their text) put the same
words on the right, and French notes sat on the right in a Uyghur interface. With the
document's direction "auto", each paragraph takes the direction of its first strong letter.
Qt resets that option when the interface direction changes, so it is set again after.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

TextEdit = QPlainTextEdit | QTextEdit


def _set_auto(edit: TextEdit) -> None:
    document = edit.document()
    option = document.defaultTextOption()
    if option.textDirection() != Qt.LayoutDirection.LayoutDirectionAuto:
        option.setTextDirection(Qt.LayoutDirection.LayoutDirectionAuto)
        document.setDefaultTextOption(option)


class _KeepAuto(QObject):
    """Sets the direction back once Qt has handled a change of the widget's direction."""

    def __init__(self, edit: TextEdit) -> None:
        super().__init__(edit)
        self.edit = edit

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutDirectionChange:
            QTimer.singleShot(0, self, lambda: _set_auto(self.edit))
        return False


def align_by_text(edit: TextEdit) -> None:
    """Make each paragraph of ``edit`` follow its own text's direction, for good."""
    _set_auto(edit)
    edit.installEventFilter(_KeepAuto(edit))
