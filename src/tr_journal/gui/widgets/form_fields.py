"""Input widgets of the entry form that need a little more than Qt gives by default."""

from __future__ import annotations

from datetime import datetime, tzinfo

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import QDateTimeEdit, QTimeEdit, QWidget


class SingleStopDateTimeEdit(QDateTimeEdit):
    """Tab leaves the field (Qt's default walks year, month, day, hour, minute first, which
    traps a keyboard user); arrow keys and typing still move between the parts."""

    def focusNextPrevChild(self, forward: bool) -> bool:
        return QWidget.focusNextPrevChild(self, forward)


class SingleStopTimeEdit(QTimeEdit):
    def focusNextPrevChild(self, forward: bool) -> bool:
        return QWidget.focusNextPrevChild(self, forward)


def qdatetime_of(occurred_at: str | None) -> QDateTime:
    """Wall-clock time of the stored value in its own zone (or now, for a new entry)."""
    if not occurred_at:
        return QDateTime.currentDateTime()
    try:
        moment = datetime.fromisoformat(occurred_at)
    except ValueError:
        return QDateTime.currentDateTime()
    return QDateTime(moment.replace(tzinfo=None))


def offset_of(occurred_at: str | None) -> tzinfo | None:
    """The UTC offset a stored time was given with (None for a new entry or a naive time)."""
    if not occurred_at:
        return None
    try:
        return datetime.fromisoformat(occurred_at).tzinfo
    except ValueError:
        return None
