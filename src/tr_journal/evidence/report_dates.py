"""Dates, times and durations as the dossier writes them: in words of the report language, at
the precision the person gave, never more.

Why one function for every declared time: a date given without a time must never be shown with
an invented "00:00", a month without a day never with "1st". :func:`when_text` is the single
place that turns a stored time and its precision into words; a new precision (approximate,
a range) is added here and every table and page follows. Stored times are EDTF / ISO 8601
(docs/time.md): a minute keeps the dossier's wording below; a day, month, year, an approximate
or uncertain time and an interval are put in words by :mod:`tr_journal.i18n.when_text`.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from babel import dates
from babel.units import format_unit

from tr_journal.i18n import _
from tr_journal.i18n.format import babel_locale, strip_isolates
from tr_journal.i18n.when_text import format_occurrence
from tr_journal.journal.when import Occurrence, try_parse_when

MINUTE, APPROXIMATE, DAY, MONTH = "minute", "approximate", "day", "month"


def precision_of(value: str, declared: str | None = None) -> str:
    """The precision of a stored time: the declared one, else what the text itself holds."""
    if declared in (MINUTE, APPROXIMATE, DAY, MONTH):
        return declared
    text = value.strip()
    if len(text) == 7:
        return MONTH
    if len(text) == 10:
        return DAY
    return MINUTE


def parse_when(value: str) -> datetime | date | None:
    text = value.strip()
    try:
        if len(text) == 7:
            return date.fromisoformat(text + "-01")
        if len(text) == 10:
            return date.fromisoformat(text)
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None


def when_text(value: str | None, precision: str | None = None, code: str = "en") -> str:
    """A declared time in words: « 2 mars 2026 à 21:40 », « 2 mars 2026, vers 21:40 »,
    « 2 mars 2026 (date seulement) », « mars 2026 (mois seulement) ». Unreadable text is shown
    exactly as stored."""
    if not value:
        return ""
    occurrence = try_parse_when(value)
    if occurrence is not None and not _plain_minute(occurrence):
        return strip_isolates(format_occurrence(occurrence, code))  # docs/time.md
    moment = parse_when(value)
    if moment is None:
        return value
    level = precision_of(value, precision)
    locale = babel_locale(code)
    if level == MONTH:
        month = dates.format_skeleton("yMMMM", moment, locale=locale)
        return _("{month} (month only)").format(month=month)
    day = dates.format_date(moment, "long", locale=locale)
    if level == DAY or not isinstance(moment, datetime):
        return _("{date} (date only)").format(date=day)
    clock = dates.format_time(moment, "short", tzinfo=moment.tzinfo, locale=locale)
    offset = offset_text(moment)
    if level == APPROXIMATE:
        return _("{date}, about {time} {offset}").format(date=day, time=clock,
                                                          offset=offset).strip()
    return _("{date}, {time} {offset}").format(date=day, time=clock, offset=offset).strip()


def _plain_minute(occurrence: Occurrence) -> bool:
    """A single minute or second, neither approximate nor uncertain: the dossier's own
    wording (« 2 mars 2026, 21:40 (UTC+01:00) »); anything else is read by
    :mod:`tr_journal.journal.when` (days, months, years, ~ and ?, intervals)."""
    return (occurrence.end is None and occurrence.start.has_time
            and not (occurrence.approximate or occurrence.uncertain))


def offset_text(moment: datetime) -> str:
    """``UTC+01:00``, or nothing for a time stored without its offset."""
    raw = moment.strftime("%z")
    return f"(UTC{raw[:3]}:{raw[3:]})" if raw else ""


def short_date(value: str | None, code: str = "en") -> str:
    """Just the day (or month) of a declared time, for summary tables."""
    if not value:
        return ""
    occurrence = try_parse_when(value)
    if occurrence is not None and (occurrence.end is not None or occurrence.approximate
                                   or occurrence.uncertain):
        return strip_isolates(format_occurrence(occurrence, code))
    moment = parse_when(value)
    if moment is None:
        return value
    locale = babel_locale(code)
    if precision_of(value) == MONTH:
        return dates.format_skeleton("yMMM", moment, locale=locale)
    return dates.format_date(moment, "medium", locale=locale)


def month_key(value: str | None) -> str:
    """``YYYY-MM`` of a declared time (on the person's own clock), for per-month counts."""
    return (value or "").strip()[:7]


def month_label(key: str, code: str = "en") -> str:
    moment = parse_when(key)
    if moment is None:
        return key
    return dates.format_skeleton("yMMM", moment, locale=babel_locale(code))


def device_time(value: str | None, code: str = "en") -> str:
    """A time the app's clock wrote (saved, logged, imported, exported), in UTC, in words."""
    if not value:
        return ""
    moment = parse_when(value)
    if not isinstance(moment, datetime) or moment.tzinfo is None:
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
    parts = [format_unit(n, unit, length="short", locale=locale)
             for n, unit in ((hours, "duration-hour"), (minutes, "duration-minute"),
                             (secs, "duration-second")) if n]
    return " ".join(parts) or format_unit(0, "duration-second", length="short", locale=locale)
