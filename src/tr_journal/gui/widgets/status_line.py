"""One line of feedback inside a dialog: the result of the last action, or its error sentence.

Errors are shown where the person is looking (next to the button they pressed) rather than in a
pop-up, and are always one sentence from :func:`tr_journal.gui.errors.describe`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from tr_journal.gui import palette
from tr_journal.i18n.format import for_display

OK_STYLE = f"color: {palette.GOOD};"
ERROR_STYLE = f"{palette.PROBLEM_TEXT} font-weight: bold;"


class StatusLine(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.is_error = False
        self.hide()

    def show_text(self, text: str, error: bool = False, ok: bool = False) -> None:
        self.is_error = error
        self.setStyleSheet(ERROR_STYLE if error else OK_STYLE if ok else "")
        self.setText(for_display(text))
        self.setAccessibleDescription(text)
        self.setVisible(bool(text))

    def show_error(self, error: BaseException) -> None:
        from tr_journal.gui.errors import describe

        self.show_text(describe(error), error=True)

    def clear_text(self) -> None:
        self.show_text("")
