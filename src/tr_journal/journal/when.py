"""When it happened, as precisely as the person knows it (docs/time.md).

One reader for every door (command line, imports, the desktop form): it takes what people type
(``21:40``, ``hier 21:40``, ``5/12 21h40``, ``2026-12-05 21:40``, a date alone) and the EDTF /
ISO 8601-2 level 1 forms (``2026-03-02T21:40+01:00``, ``2026-03-02``, ``2026-03``,
``2026-03-02~``, ``2026-03?``, ``2026-03-02/2026-03-04``, and the ISO date-time interval
``2026-03-04T20:00+01:00/2026-03-04T22:00+01:00``) and returns an :class:`Occurrence`: the text
to store and the earliest and latest instants it allows. What it cannot read is refused with
one sentence (:class:`UnreadableTime`), never guessed: ``21:40`` is a time, never the year 2140.

The date forms are read by the ``edtf`` library (the Library of Congress grammar, calendar
checks included). Date-times are read here: EDTF requires seconds and has no date-time
intervals, while people and ISO 8601 write ``21:40`` and ``20:00/22:00``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum

from edtf import Date, EDTFParseException, Interval, UncertainOrApproximate, parse_edtf

from tr_journal.errors import N_, InvalidInput
from tr_journal.timeutil import local_zone_name, to_utc_text, zone

#: "today", "yesterday", "the day before yesterday" in the interface languages (CLDR's relative
#: day names); accepted whatever the interface language, they cannot be confused.
DAY_WORDS: dict[str, int] = {
    "today": 0,
    "yesterday": -1,
    "aujourd’hui": 0,
    "aujourd'hui": 0,
    "hier": -1,
    "avant-hier": -2,
    "بۈگۈن": 0,
    "تۈنۈگۈن": -1,
    "今天": 0,
    "昨天": -1,
    "前天": -2,
    "bugün": 0,
    "dün": -1,
    "evvelsi gün": -2,
}


class Precision(StrEnum):
    YEAR = "year"
    MONTH = "month"
    DAY = "day"
    MINUTE = "minute"
    SECOND = "second"


DATE_PRECISIONS = (Precision.YEAR, Precision.MONTH, Precision.DAY)


class UnreadableTime(InvalidInput):
    """Typed text that is not a time this reader knows; the sentence says what it expects."""


@dataclass(frozen=True)
class Point:
    """One end of an occurrence: a year, month or day (wall-clock ``start``, no zone) or a
    minute or second (``start`` carries its UTC offset)."""

    precision: Precision
    start: datetime
    approximate: bool = False
    uncertain: bool = False

    @property
    def has_time(self) -> bool:
        return self.precision not in DATE_PRECISIONS

    def first(self, tz: tzinfo | None) -> datetime:
        """The first instant it allows, in UTC (a date starts at midnight in ``tz``)."""
        if self.has_time:
            return self.start.astimezone(UTC)
        return _in_zone(self.start, tz).astimezone(UTC)

    def last(self, tz: tzinfo | None) -> datetime:
        """The last whole second it allows, in UTC."""
        if self.precision is Precision.SECOND:
            return self.start.replace(microsecond=0).astimezone(UTC)
        if self.precision is Precision.MINUTE:
            return (self.start + timedelta(seconds=59)).astimezone(UTC)
        after = _next_period(self.start, self.precision)
        return _in_zone(after, tz).astimezone(UTC) - timedelta(seconds=1)


@dataclass(frozen=True)
class Occurrence:
    """A read time: ``text`` is stored as ``occurred_at`` exactly; ``earliest`` and ``latest``
    (UTC) bound it; ``zone`` is the IANA zone it was read in, when known."""

    text: str
    start: Point
    end: Point | None
    zone: str | None
    earliest: datetime
    latest: datetime

    @property
    def precision(self) -> Precision:
        return self.start.precision

    @property
    def is_interval(self) -> bool:
        return self.end is not None

    @property
    def approximate(self) -> bool:
        return self.start.approximate or bool(self.end and self.end.approximate)

    @property
    def uncertain(self) -> bool:
        return self.start.uncertain or bool(self.end and self.end.uncertain)

    @property
    def earliest_utc(self) -> str:
        """``2026-03-01T23:00:00Z``: sorts as text; the ``occurred_utc`` column holds it."""
        return to_utc_text(self.earliest)

    @property
    def latest_utc(self) -> str:
        return to_utc_text(self.latest)


def _in_zone(wall: datetime, tz: tzinfo | None) -> datetime:
    return wall.replace(tzinfo=tz) if tz is not None else wall.astimezone()


def _next_period(start: datetime, precision: Precision) -> datetime:
    if precision is Precision.YEAR:
        return start.replace(year=start.year + 1, month=1, day=1)
    if precision is Precision.MONTH:
        return (start.replace(day=28) + timedelta(days=4)).replace(day=1)
    return start + timedelta(days=1)


def _refuse(text: str) -> UnreadableTime:
    return UnreadableTime(
        detail=N_(
            "“{text}” is not a time this journal can read: type for example 21:40, yesterday "
            "21:40, 2026-03-02 21:40, 2026-03-02, 2026-03 or 2026-03-02T21:40+01:00."
        ),
        text=text,
    )


# -- date-times (ISO 8601; EDTF level 1 has no hh:mm and no date-time intervals) ------------
_ISO_DATETIME = re.compile(
    r"(?P<date>\d{4}-\d{2}-\d{2})[T ](?P<hour>\d{2}):(?P<minute>\d{2})"
    r"(?::(?P<second>\d{2}(?:\.\d{1,6})?))?(?P<offset>Z|[+-]\d{2}:\d{2})?"
)


def _offset_text(moment: datetime) -> str:
    raw = moment.strftime("%z")
    return f"{raw[:3]}:{raw[3:5]}" + (f":{raw[5:]}" if len(raw) > 5 else "")


def _iso_datetime(text: str, tz: tzinfo | None, zone_name: str | None) -> tuple[Point, str]:
    """``(point, normalised text)``: the offset of ``tz`` is added when none was typed; a typed
    offset that the explicitly named zone ``zone_name`` did not have then is refused."""
    match = _ISO_DATETIME.fullmatch(text)
    if match is None:
        raise _refuse(text)
    try:
        moment = datetime.fromisoformat(text.replace(" ", "T", 1).replace("Z", "+00:00"))
    except ValueError as exc:
        raise _refuse(text) from exc
    if moment.tzinfo is None:
        wall = moment
        moment = _in_zone(wall, tz)
        if moment.astimezone(UTC).astimezone(moment.tzinfo).replace(tzinfo=None) != wall:
            raise InvalidInput(
                detail=N_(
                    "The time {text} did not exist in {zone}: the clocks were put forward that "
                    "night. Check the hour."
                ),
                text=text,
                zone=zone_name or local_zone_name() or "",
            )
    elif zone_name and tz is not None and moment.utcoffset() != moment.astimezone(tz).utcoffset():
        raise InvalidInput(
            detail=N_(
                "The time {text} has the UTC offset {offset}, but {zone} was at UTC{actual} at "
                "that moment: correct the offset or the time zone."
            ),
            text=text,
            offset=match["offset"],
            zone=zone_name or "",
            actual=_offset_text(moment.astimezone(tz)),
        )
    precision = Precision.SECOND if match["second"] else Precision.MINUTE
    clock = f"{match['hour']}:{match['minute']}" + (
        f":{match['second']}" if match["second"] else ""
    )
    offset = match["offset"] if match["offset"] == "Z" else _offset_text(moment)
    return Point(precision, moment), f"{match['date']}T{clock}{offset}"


# -- dates (EDTF level 0 and 1, read by the edtf library) -----------------------------------
_EDTF_LIKE = re.compile(r"\d{4}(?:-\d{2}){0,2}[~?%]?(?:/\d{4}(?:-\d{2}){0,2}[~?%]?)?")


def _edtf_point(value: object, text: str) -> Point:
    approximate = uncertain = False
    if isinstance(value, UncertainOrApproximate):
        ua = value.ua
        approximate = bool(ua and (ua.is_approximate or ua.is_uncertain_and_approximate))
        uncertain = bool(ua and (ua.is_uncertain or ua.is_uncertain_and_approximate))
        value = value.date
    if type(value) is not Date or not isinstance(value, Date):  # not a season, not "XX"
        raise _refuse(text)
    lower = value.lower_strict()
    precision = Precision(value.precision)
    start = datetime(
        lower.tm_year,
        lower.tm_mon if precision is not Precision.YEAR else 1,
        lower.tm_mday if precision is Precision.DAY else 1,
    )
    return Point(precision, start, approximate, uncertain)


def _edtf(text: str) -> tuple[Point, Point | None]:
    try:
        value = parse_edtf(text)
        if isinstance(value, Interval):
            return _edtf_point(value.lower, text), _edtf_point(value.upper, text)
        return _edtf_point(value, text), None
    except (EDTFParseException, ValueError, OverflowError) as exc:  # 2026-02-29: no such day
        raise _refuse(text) from exc


# -- what people type: 21:40, hier 21:40, 5/12 21h40, 2026-12-05 21:40 ----------------------
_CLOCK = re.compile(
    r"(?P<hour>\d{1,2})(?:[:h](?P<minute>\d{2})(?::(?P<second>\d{2}))?|h)"
    r"\s*(?P<period>am|pm|a\.m\.|p\.m\.)?",
    re.IGNORECASE,
)
_NUMERIC_DATE = re.compile(r"(?P<a>\d{1,4})[/.\-](?P<b>\d{1,2})(?:[/.\-](?P<c>\d{1,4}))?")


def _clock(token: str) -> time | None:
    match = _CLOCK.fullmatch(token)
    if match is None:
        return None
    hour, minute = int(match["hour"]), int(match["minute"] or 0)
    period = (match["period"] or "").lower().replace(".", "")
    if period:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if period == "pm" else 0)
    try:
        return time(hour, minute, int(match["second"] or 0))
    except ValueError:
        return None


def day_month_first(language: str | None) -> bool:
    """Whether ``5/12`` is the 5th of December in the language's short date (fr, tr) or the
    12th of May (en_US; zh and ug write year, month, day)."""
    from tr_journal.i18n.format import babel_locale

    pattern = babel_locale(language).date_formats["short"].pattern
    return bool(pattern.find("d") < pattern.find("M"))


def _numeric_date(token: str, today: date, language: str | None) -> date | None:
    match = _NUMERIC_DATE.fullmatch(token)
    if match is None:
        return None
    a, b, c = match["a"], match["b"], match["c"]
    try:
        if len(a) == 4:
            return date(int(a), int(b), int(c)) if c and len(c) <= 2 else None
        if len(a) > 2 or (c is not None and len(c) not in (2, 4)):
            return None
        year = today.year if c is None else int(c) + (2000 if len(c) == 2 else 0)
        day, month = (int(a), int(b)) if day_month_first(language) else (int(b), int(a))
        return date(year, month, day)
    except ValueError:
        return None


def _split_day_word(text: str) -> tuple[int | None, str]:
    lowered = text.casefold()
    for word in sorted(DAY_WORDS, key=len, reverse=True):
        if lowered.startswith(word):
            return DAY_WORDS[word], text[len(word) :].strip(" ,")
        if lowered.endswith(word):
            return DAY_WORDS[word], text[: len(text) - len(word)].strip(" ,")
    return None, text


def _typed(
    text: str, tz: tzinfo | None, now: datetime, language: str | None
) -> tuple[Point, str] | None:
    """The forms people type, or None when ``text`` is none of them."""
    today = now.astimezone(tz).date() if tz is not None else now.astimezone().date()
    shift, rest = _split_day_word(text)
    day: date | None = today + timedelta(days=shift) if shift is not None else None
    clock: time | None = None
    for token in rest.replace(",", " ").split():
        if clock is None and (found := _clock(token)) is not None:
            clock = found
        elif day is None and (parsed := _numeric_date(token, today, language)) is not None:
            day = parsed
        elif clock is not None and token.lower() in ("am", "pm") and clock.hour < 13:
            found = _clock(f"{clock.hour}:{clock.minute:02d}{token}")
            if found is None:
                return None
            clock = found
        else:
            return None
    if clock is None and day is None:
        return None
    day = day or today
    if clock is None:
        return Point(Precision.DAY, datetime.combine(day, time())), day.isoformat()
    seconds = f":{clock.second:02d}" if clock.second else ""
    typed = f"{day.isoformat()}T{clock.hour:02d}:{clock.minute:02d}{seconds}"
    return _iso_datetime(typed, tz, None)


def _now(now: datetime | None) -> datetime:
    return now if now is not None else datetime.now(UTC)


def parse_when(
    text: str,
    zone_name: str | None = None,
    *,
    now: datetime | None = None,
    language: str | None = None,
    typed: bool = True,
) -> Occurrence:
    """Read ``text`` in the IANA zone ``zone_name`` (else the machine's); ``now`` anchors
    "21:40" and "yesterday"; ``language`` decides whether ``5/12`` is day/month. With
    ``typed=False`` only the stored (EDTF / ISO) forms are read."""
    cleaned = " ".join(text.split())
    if not cleaned:
        raise _refuse(text)
    name = zone_name or local_zone_name()
    tz = zone(name)
    start: Point
    end: Point | None = None
    typed_offset = bool(re.search(r"[T ]\d{2}:\d{2}(?::[\d.]+)?(?:Z|[+-]\d{2}:\d{2})", cleaned))
    parts = cleaned.split("/")
    if len(parts) == 2 and all(_ISO_DATETIME.fullmatch(p) for p in parts):
        (start, first), (end, second) = (_iso_datetime(p, tz, zone_name) for p in parts)
        stored = f"{first}/{second}"
    elif _ISO_DATETIME.fullmatch(cleaned):
        start, stored = _iso_datetime(cleaned, tz, zone_name)
    elif _EDTF_LIKE.fullmatch(cleaned):
        start, end = _edtf(cleaned)
        stored = cleaned
    else:
        read = _typed(cleaned, tz, _now(now), language) if typed else None
        if read is None:
            raise _refuse(text)
        start, stored = read
    earliest = start.first(tz)
    latest = (end or start).last(tz)
    if end is not None and end.first(tz) < earliest:
        raise InvalidInput(
            detail=N_("The interval {text} ends before it begins: write the earlier time first."),
            text=text,
        )
    recorded_zone = zone_name or (None if typed_offset else name)
    return Occurrence(stored, start, end, recorded_zone, earliest, latest)


def try_parse_when(text: str | None, zone_name: str | None = None) -> Occurrence | None:
    """For display: the stored value read back, or None when it is not a time (then the
    caller shows the stored text exactly as it is)."""
    if not text:
        return None
    try:
        return parse_when(text, zone_name, typed=False)
    except InvalidInput:
        return None


def bound_utc(text: str | None, end: bool) -> str | None:
    """A ``--since``/``--until`` filter as a UTC instant: the earliest instant of the typed
    time for ``since``, the latest for ``until`` (``--until 2026-03`` includes 31 March)."""
    if not text:
        return None
    occurrence = parse_when(text)
    return occurrence.latest_utc if end else occurrence.earliest_utc
