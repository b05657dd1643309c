"""Dates, times and durations as the dossier writes them: in words of the report language, at
the precision the person gave, never more.

Why one function for every declared time: a date given without a time must never be shown with
an invented "00:00", a month without a day never with "1st". :func:`when_text` is the single
place the dossier turns a stored ``occurred_at`` into words; it reads the value with the
journal's own reader (:mod:`tr_journal.journal.when`: ISO, EDTF dates, months, approximate
times, intervals) and words it with :mod:`tr_journal.i18n.when_text`, the app's formatter, so
the dossier and the app say the same thing; a time of day gets its zone or UTC offset.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from functools import lru_cache

from babel import dates
from babel.units import format_unit

from tr_journal.i18n.format import babel_locale, strip_isolates
from tr_journal.i18n.when_text import format_occurrence, zone_text
from tr_journal.journal.when import Occurrence, Point, Precision, try_parse_when


def occurrence(value: str | None, zone_name: str | None = None) -> Occurrence | None:
    """The stored time read back (cached: a dossier reads each value several times, and the
    reader looks up the machine's zone on every call; ``TZ`` is part of the key)."""
    return _read(value, zone_name, os.environ.get("TZ", "")) if value else None


@lru_cache(maxsize=8192)
def _read(value: str, zone_name: str | None, _tz: str) -> Occurrence | None:
    return try_parse_when(value, zone_name)


def when_text(value: str | None, code: str = "en", zone_name: str | None = None) -> str:
    """A declared time in words: « 2 mars 2026, 21:40 (UTC+01:00) », « 2 mars 2026 (date
    seulement) », « mars 2026 (mois seulement) », « vers le 2 mars 2026 (date seulement) ».
    Unreadable text is shown exactly as stored."""
    read = occurrence(value, zone_name)
    if read is None:
        return value or ""
    text = strip_isolates(format_occurrence(read, code))
    zone = strip_isolates(zone_text(read, code)) if read.start.has_time else ""
    return f"{text} ({zone})" if zone else text


def point_date(point: Point, code: str = "en") -> str:
    """The day (or month, or year) of a point, for summary tables: never a time."""
    locale = babel_locale(code)
    if point.precision is Precision.YEAR:
        return dates.format_skeleton("y", point.start, locale=locale)
    if point.precision is Precision.MONTH:
        return dates.format_skeleton("yMMM", point.start, locale=locale)
    return dates.format_date(point.start, "medium", locale=locale)


def short_date(value: str | None, code: str = "en") -> str:
    """Just the date part of a declared time (the first one of an interval)."""
    read = occurrence(value)
    if read is None:
        return value or ""
    return point_date(read.start, code)


def sort_key(value: str | None) -> str:
    """The earliest UTC instant a declared time allows, as sortable text ("" if unreadable)."""
    read = occurrence(value)
    return read.earliest_utc if read is not None else ""


def month_key(value: str | None) -> str:
    """``YYYY-MM`` of a declared time on the person's own calendar ("" when it is a year only
    or unreadable), for per-month counts."""
    read = occurrence(value)
    if read is None or read.start.precision is Precision.YEAR:
        return ""
    return f"{read.start.start.year:04d}-{read.start.start.month:02d}"


def month_label(key: str, code: str = "en") -> str:
    try:
        moment = date.fromisoformat(key + "-01")
    except ValueError:
        return key
    return dates.format_skeleton("yMMM", moment, locale=babel_locale(code))


def device_time(value: str | None, code: str = "en") -> str:
    """A time the app's clock wrote (saved, logged, imported, exported), in UTC, in words."""
    if not value:
        return ""
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return value
    if moment.tzinfo is None:
        return value
    shown = moment.astimezone(UTC)
    words = dates.format_datetime(shown, "medium", tzinfo=UTC, locale=babel_locale(code))
    return f"{words} UTC"


def duration_text(seconds: float | int | str | None, code: str = "en") -> str:
    """A length with its units, in the report language: « 9 min », « 1 h 5 min », « 42 s »."""
    try:
        total = round(float(seconds or 0))
    except (TypeError, ValueError):
        return str(seconds)
    locale = babel_locale(code)
    hours, rest = divmod(max(total, 0), 3600)
    minutes, secs = divmod(rest, 60)
    parts = [
        format_unit(n, unit, length="short", locale=locale)
        for n, unit in (
            (hours, "duration-hour"),
            (minutes, "duration-minute"),
            (secs, "duration-second"),
        )
        if n
    ]
    return " ".join(parts) or format_unit(0, "duration-second", length="short", locale=locale)
