"""Input widgets of the entry form that need a little more than Qt gives by default."""

from __future__ import annotations

from PySide6.QtWidgets import QTimeEdit, QWidget


class SingleStopTimeEdit(QTimeEdit):
    """Tab leaves the field (Qt's default walks hours, minutes and seconds first, which traps a
    keyboard user); arrow keys and typing still move between the parts."""

    def focusNextPrevChild(self, forward: bool) -> bool:
        return QWidget.focusNextPrevChild(self, forward)
