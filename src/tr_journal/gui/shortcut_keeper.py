"""The window's own shortcuts keep working while a text field has the keyboard.

On Linux (X11 and Wayland through xcb's key bindings) Qt gives text fields Emacs-style keys:
Ctrl+E moves to the end of the line, Ctrl+K and Ctrl+U delete, Ctrl+Shift+A deselects. A field
with focus claims such a key before any menu shortcut sees it (Qt's ``ShortcutOverride``), so
File → Export (Ctrl+E) did nothing while the cursor was in the search field — where it is after
unlocking — or in any field of an entry. The keeper answers that claim for the keys the main
window's actions use: the field lets them pass and the action runs. The field keeps End, Home
and its other keys; only the Emacs-style duplicate of a window shortcut is given up.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

#: widgets that claim editing keys; a key-sequence recorder (QKeySequenceEdit) is not one
TEXT_INPUTS = (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox)


class WindowShortcutKeeper(QObject):
    """An application event filter that lets ``window``'s enabled action shortcuts through
    text fields (see the module docstring)."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window

    def reserved(self) -> set[QKeySequence]:
        """The shortcuts of the window's enabled actions, read at each key (they change with
        the page shown and with the optional dialogs available)."""
        return {
            action.shortcut()
            for action in self._window.actions()
            if action.isEnabled() and not action.shortcut().isEmpty()
        }

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and isinstance(watched, TEXT_INPUTS)
            and QKeySequence(event.keyCombination()) in self.reserved()
        ):
            event.ignore()  # not claimed by the field: Qt goes on to the window's shortcut
            return True
        return False
