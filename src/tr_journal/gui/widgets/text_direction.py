"""Multi-line text aligned by its own direction, whatever the interface language.

Qt draws a QPlainTextEdit's text from the left in every language (its layout takes "left"
literally): notes typed in Uyghur sat on the left while the one-line fields, which follow
their text, put the same words on the right. Here the note's direction comes from its first
strong letter (Uyghur, Arabic, Hebrew: right to left; Latin, Chinese: left to right; none yet:
the interface's) and the whole note is aligned by it (Qt's plain-text layout has one alignment
per document); each paragraph keeps its own reading order. Qt resets the option when the
interface's direction changes, so it is set again after.
"""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

TextEdit = QPlainTextEdit | QTextEdit


def first_strong_direction(text: str) -> Qt.LayoutDirection | None:
    """The direction of the first letter with one (Unicode bidi classes L, R and AL)."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return Qt.LayoutDirection.LeftToRight
        if kind in ("R", "AL"):
            return Qt.LayoutDirection.RightToLeft
    return None


def _align(edit: TextEdit) -> None:
    direction = first_strong_direction(edit.toPlainText()) or edit.layoutDirection()
    alignment = (
        Qt.AlignmentFlag.AlignRight
        if direction == Qt.LayoutDirection.RightToLeft
        else Qt.AlignmentFlag.AlignLeft
    ) | Qt.AlignmentFlag.AlignAbsolute
    document = edit.document()
    option = document.defaultTextOption()
    auto = Qt.LayoutDirection.LayoutDirectionAuto  # each paragraph's own order ("." at its end)
    if option.textDirection() != auto or option.alignment() != alignment:
        option.setTextDirection(auto)
        option.setAlignment(alignment)
        document.setDefaultTextOption(option)


class _KeepAligned(QObject):
    """Aligns again once Qt has handled a change of the widget's direction."""

    def __init__(self, edit: TextEdit) -> None:
        super().__init__(edit)
        self.edit = edit

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutDirectionChange:
            QTimer.singleShot(0, self, lambda: _align(self.edit))
        return False


def align_by_text(edit: TextEdit) -> None:
    """Keep ``edit`` aligned by the direction of the text in it, as it is typed."""
    edit.textChanged.connect(lambda: _align(edit))
    edit.installEventFilter(_KeepAligned(edit))
    _align(edit)
