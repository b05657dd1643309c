"""An incident time in words, only as precise as it was given (docs/time.md).

A day is "2 March 2026 (date only)", a month "March 2026 (month only)", an approximate day
"about 2 March 2026 (date only)", an interval a range ("2–4 March 2026 (dates only)",
"4 March 2026, 20:00–22:00"): never an invented midnight. Dates and clocks follow the
language's conventions (Babel/CLDR: 24-hour where the language uses it).
"""

from __future__ import annotations

from datetime import datetime

from babel import Locale, dates

from tr_journal.errors import N_
from tr_journal.i18n import current_language, is_rtl, match_language, translations_for
from tr_journal.journal.when import Occurrence, Point, Precision
from tr_journal.timeutil import zone


def t(message: str, code: str | None) -> str:
    """``message`` translated into ``code`` (the report may be in another language than the
    interface); named ``t`` so the catalog tool extracts it."""
    return translations_for(match_language(code or current_language())).gettext(message)


def _locale(code: str | None) -> Locale:
    from tr_journal.i18n.format import babel_locale

    return babel_locale(code)


def _rtl_isolated(text: str, code: str | None) -> str:
    """A right-to-left phrase keeps its order inside left-to-right text (RLI … PDI)."""
    from tr_journal.i18n.format import PDI, RLI

    return f"{RLI}{text}{PDI}" if is_rtl(match_language(code or current_language())) else text


def _clock(moment: datetime, locale: Locale, seconds: bool) -> str:
    return dates.format_time(
        moment, "medium" if seconds else "short", tzinfo=moment.tzinfo, locale=locale
    )


def _joined(day: str, clock: str, locale: Locale, length: str = "medium") -> str:
    pattern = str(locale.datetime_formats[length]).replace("'", "")
    return pattern.replace("{1}", day).replace("{0}", clock)


def _bare(point: Point, locale: Locale, full: bool) -> str:
    """The point without qualifiers or "(date only)"."""
    start = point.start
    if point.precision is Precision.YEAR:
        return dates.format_skeleton("y", start, locale=locale)
    if point.precision is Precision.MONTH:
        return dates.format_skeleton("yMMMM", start, locale=locale)
    day = dates.format_date(start, "full" if full else "long", locale=locale)
    if point.precision is Precision.DAY:
        return day
    clock = _clock(start, locale, point.precision is Precision.SECOND and start.second != 0)
    return _joined(day, clock, locale, "full" if full else "medium")


_ONLY = {
    Precision.YEAR: N_("{when} (year only)"),
    Precision.MONTH: N_("{when} (month only)"),
    Precision.DAY: N_("{when} (date only)"),
}


_RANGE_ONLY = {
    Precision.YEAR: N_("{when} (years only)"),
    Precision.MONTH: N_("{when} (months only)"),
    Precision.DAY: N_("{when} (dates only)"),
}


def _qualified(text: str, point: Point, code: str | None) -> str:
    if point.approximate and point.uncertain:
        return t("about {when}, uncertain", code).format(when=text)
    if point.approximate:
        return t("about {when}", code).format(when=text)
    if point.uncertain:
        return t("{when}, uncertain", code).format(when=text)
    return text


def describe_point(point: Point, code: str | None = None, full: bool = False) -> str:
    """One point in words: "about 2 March 2026 (date only)"."""
    text = _bare(point, _locale(code), full)
    if point.precision in _ONLY:
        text = t(_ONLY[point.precision], code).format(when=text)
    return _qualified(text, point, code)


def _range(occurrence: Occurrence, code: str | None, full: bool) -> str:
    start, end = occurrence.start, occurrence.end
    assert end is not None
    locale = _locale(code)
    plain = not (occurrence.approximate or occurrence.uncertain)
    if plain and start.precision is end.precision:
        if not start.has_time:
            skeleton = {Precision.YEAR: "y", Precision.MONTH: "yMMMM"}.get(start.precision, "yMMMd")
            span = dates.format_interval(start.start, end.start, skeleton, locale=locale)
            return t(_RANGE_ONLY[start.precision], code).format(when=span)
        if (
            start.start.date() == end.start.date()
            and start.start.utcoffset() == end.start.utcoffset()
        ):
            twelve = "a" in locale.time_formats["short"].pattern
            clocks = dates.format_interval(
                start.start.replace(tzinfo=None),
                end.start.replace(tzinfo=None),
                "hm" if twelve else "Hm",
                locale=locale,
            )
            day = dates.format_date(start.start, "full" if full else "long", locale=locale)
            return _joined(day, clocks, locale, "full" if full else "medium")
    return t("{start} to {end}", code).format(
        start=describe_point(start, code, full), end=describe_point(end, code, full)
    )


def format_occurrence(occurrence: Occurrence, code: str | None = None) -> str:
    """The occurrence in words, as lists, the detail view and the report show it."""
    if occurrence.end is None:
        text = describe_point(occurrence.start, code)
    else:
        text = _range(occurrence, code, False)
    return _rtl_isolated(text, code)


def zone_text(occurrence: Occurrence, code: str | None = None) -> str:
    """ "Paris time" for a named zone, else the UTC offset typed ("UTC+01:00")."""
    from tr_journal.i18n.format import utc_offset_text

    locale = _locale(code)
    if occurrence.zone:
        city = dates.get_timezone_location(zone(occurrence.zone), locale=locale, return_city=True)
        return str(locale.zone_formats["region"]) % city
    if occurrence.start.has_time:
        return utc_offset_text(occurrence.start.start)
    return ""


def echo_text(occurrence: Occurrence, code: str | None = None) -> str:
    """What the form understood, in full: "Saturday, 5 December 2026, 21:40, Paris time"."""
    if occurrence.end is None:
        text = describe_point(occurrence.start, code, full=True)
    else:
        text = _range(occurrence, code, True)
    if occurrence.start.has_time:
        text = t("{when}, {zone}", code).format(when=text, zone=zone_text(occurrence, code))
    return _rtl_isolated(text, code)
