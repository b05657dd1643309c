"""Dates, times, numbers and durations written the way each language writes them (Babel).

Why Babel and not QLocale: the command line and the evidence report format too, without Qt,
and the report's language is chosen at export independently of the interface, so every
function takes an optional language code (default: the interface language).

Also the Unicode bidi isolates: a Uyghur name inside a French sentence, or a phone number
inside a Uyghur one, would otherwise reorder the punctuation around it. User text is wrapped
in FSI … PDI (direction from its own first strong letter); numbers, hashes, ids and paths in
LRI … PDI (always left to right).
"""

from __future__ import annotations

import unicodedata
from datetime import date, datetime, time, timedelta, tzinfo

from babel import Locale, dates, numbers

from tr_journal.i18n import current_language, is_rtl, match_language
from tr_journal.i18n.when_text import format_occurrence
from tr_journal.journal.when import try_parse_when

FSI = "\u2068"  # FIRST STRONG ISOLATE
LRI = "\u2066"  # LEFT-TO-RIGHT ISOLATE
RLI = "\u2067"  # RIGHT-TO-LEFT ISOLATE
PDI = "\u2069"  # POP DIRECTIONAL ISOLATE
ISOLATES = (FSI, LRI, RLI, PDI)
RLM = "\u200f"  # RIGHT-TO-LEFT MARK
WORD_JOINER = "\u2060"
PRODUCT = "tr-journal"

#: CLDR locales for our interface languages (``ug`` is Uyghur in Arabic script, China).
BABEL_LOCALES = {"en": "en_US", "fr": "fr_FR", "ug": "ug", "zh_CN": "zh_Hans_CN", "tr": "tr_TR"}


def babel_locale(code: str | None = None) -> Locale:
    code = match_language(code or current_language())
    return Locale.parse(BABEL_LOCALES.get(code, "en_US"))


def format_datetime(
    value: datetime, code: str | None = None, length: str = "medium", tz: tzinfo | None = None
) -> str:
    """``value`` in its own time zone (or ``tz``), e.g. fr « 29 janv. 2026, 15:03:00 »."""
    shown = value.astimezone(tz) if tz is not None and value.tzinfo else value
    return dates.format_datetime(shown, length, tzinfo=shown.tzinfo, locale=babel_locale(code))


def format_moment(value: datetime, code: str | None = None) -> str:
    """Date (medium) and time (short, no seconds) on ``value``'s own clock, joined the way the
    language joins them: fr « 26 nov. 2026, 14:30 », zh « 2026年11月26日 14:30 », tr « 26 Kas
    2026 14:30 », ug « 26-نويابىر، 2026، 14:30 ». No zone conversion happens here.

    A right-to-left date is wrapped in RLI … PDI: its parts (day-month, year, time) must keep
    their right-to-left order even when the text around it, or the widget, is left to right."""
    locale = babel_locale(code)
    day = dates.format_date(value, "medium", locale=locale)
    clock = dates.format_time(value, "short", tzinfo=value.tzinfo, locale=locale)
    pattern = str(locale.datetime_formats["medium"]).replace("'", "")
    text = pattern.replace("{1}", day).replace("{0}", clock)
    return f"{RLI}{text}{PDI}" if is_rtl(match_language(code or current_language())) else text


def utc_offset_text(value: datetime) -> str:
    """``UTC+05:00``: the same in every language, and always left to right (LRI … PDI)."""
    offset = value.strftime("%z")
    return ltr_isolate(f"UTC{offset[:3]}:{offset[3:]}") if offset else ""


def _parse_iso(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None


def format_incident_time(iso: str | None, code: str | None = None) -> str:
    """An incident time as it was on the caller's clock (the stored offset, never converted),
    followed by its UTC offset when that is not the machine's own at that instant: a call
    logged in Ürümqi and read in Paris must not silently move by seven hours. A date, a month,
    an approximate time or an interval is shown only as precise as it was given
    (:mod:`tr_journal.i18n.when_text`), never with an invented 00:00."""
    if not iso:
        return ""
    occurrence = try_parse_when(iso)
    if occurrence is None:
        return iso  # not a time we can read: shown exactly as stored
    point = occurrence.start
    if occurrence.end is not None or not point.has_time or point.approximate or point.uncertain:
        return format_occurrence(occurrence, code)
    moment = point.start
    text = format_moment(moment, code)
    if moment.utcoffset() != moment.astimezone().utcoffset():
        text += " " + utc_offset_text(moment)
    return text


def format_local_time(iso: str | None, code: str | None = None) -> str:
    """A machine-made instant (saved at, recorded at) in the machine's zone, in the language."""
    if not iso:
        return ""
    moment = _parse_iso(iso)
    if moment is None:
        return iso
    return format_moment(moment.astimezone() if moment.tzinfo else moment, code)


def utc_instant(iso: str | None) -> str:
    """The earliest UTC instant ``2026-11-26T13:30:00Z`` an incident time allows: sorts as
    text in time order whatever the offsets and precisions (an unreadable time is returned
    unchanged)."""
    occurrence = try_parse_when(iso)
    return occurrence.earliest_utc if occurrence is not None else iso or ""


def format_date(value: date | datetime, code: str | None = None, length: str = "medium") -> str:
    return dates.format_date(value, length, locale=babel_locale(code))


def format_time(value: time | datetime, code: str | None = None, length: str = "short") -> str:
    if isinstance(value, datetime):
        return dates.format_time(value, length, tzinfo=value.tzinfo, locale=babel_locale(code))
    return dates.format_time(value, length, locale=babel_locale(code))


def format_number(value: float, code: str | None = None) -> str:
    """Grouping and decimal marks of the language: 1 234 567,5 (fr), 1.234.567,5 (tr)."""
    return numbers.format_decimal(value, locale=babel_locale(code))


def format_percent(fraction: float, code: str | None = None) -> str:
    """0.42 -> « 42 % » (fr), « %42 » (tr), "42%" (en, zh)."""
    return numbers.format_percent(fraction, locale=babel_locale(code))


def format_size(size: int, code: str | None = None) -> str:
    """A byte count for people: "1.2 MB" / « 1,2 Mo »; exact counts stay in the report."""
    locale = babel_locale(code)
    for unit, factor in (("gigabyte", 10**9), ("megabyte", 10**6), ("kilobyte", 10**3)):
        if size >= factor:
            return _unit(size / factor, unit, locale)
    return _unit(size, "byte", locale)


#: Unit names CLDR leaves in English for a language (its ``ug`` data says "kB", "MB" and
#: "byte"): the number is still written by Babel, the name is the language's own word.
UNIT_NAMES: dict[str, dict[str, str]] = {
    "ug": {
        "byte": "{0} بايت",
        "kilobyte": "{0} كىلوبايت",
        "megabyte": "{0} مېگابايت",
        "gigabyte": "{0} گىگابايت",
    },
}


def _unit(value: float, unit: str, locale: Locale) -> str:
    from babel.units import format_unit

    pattern = UNIT_NAMES.get(str(locale), {}).get(unit)
    if pattern is not None:
        return pattern.format(numbers.format_decimal(round(value, 1), locale=locale))
    return format_unit(round(value, 1), f"digital-{unit}", length="short", locale=locale)


def format_duration(seconds: float | timedelta, code: str | None = None) -> str:
    """A call's length as h:mm:ss or m:ss (digits are the same in all our languages)."""
    total = int(seconds.total_seconds() if isinstance(seconds, timedelta) else seconds)
    hours, rest = divmod(max(total, 0), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def bidi_isolate(text: str | None) -> str:
    """User text, isolated so it cannot reorder the interface text around it (FSI … PDI)."""
    if not text:
        return ""
    return f"{FSI}{text}{PDI}"


def ltr_isolate(text: str | None) -> str:
    """Numbers, hashes, ids, paths: always left to right, also inside Uyghur (LRI … PDI)."""
    if not text:
        return ""
    return f"{LRI}{text}{PDI}"


def strip_isolates(text: str) -> str:
    """Remove isolate marks (before copying to the clipboard or comparing in tests)."""
    return text.translate({ord(ch): None for ch in ISOLATES})


def format_duration_words(seconds: float | timedelta, code: str | None = None) -> str:
    """A call's length with its units, the way the language writes them: "9 min", fr « 1 h
    5 min », zh "1小时5分钟", ug "9 مىنۇت" (a bare "9:00" reads as a time of day)."""
    from babel.lists import format_list
    from babel.units import format_unit

    total = int(seconds.total_seconds() if isinstance(seconds, timedelta) else seconds)
    hours, rest = divmod(max(total, 0), 3600)
    minutes, secs = divmod(rest, 60)
    locale = babel_locale(code)
    parts = [
        format_unit(value, f"duration-{unit}", length="short", locale=locale)
        for value, unit in ((hours, "hour"), (minutes, "minute"), (secs, "second"))
        if value
    ] or [format_unit(0, "duration-second", length="short", locale=locale)]
    if "unit-narrow" not in locale.list_patterns:  # ug: CLDR has none, Babel would say "and"
        return " ".join(parts)
    return format_list(parts, style="unit-narrow", locale=locale)


def first_strong_is_ltr(text: str) -> bool:
    """Whether Qt's labels lay ``text`` out left to right: its first L, R or AL character.
    Qt looks inside isolates too (unlike Unicode's rule P2), so "LRI backup.zip PDI ..." is a
    left-to-right paragraph for a QLabel although the value is isolated."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind == "L":
            return True
        if kind in ("R", "AL"):
            return False
    return False


def for_display(text: str, code: str | None = None) -> str:
    """A sentence as the desktop app shows it (never the command line, which escapes direction
    marks, nor the catalogs): in a right-to-left language a sentence that starts with Latin
    text (a file name, an id, ".zip") gets a leading RLM, or Qt's labels lay it out left to
    right and the reader sees its parts in reverse order. docs/keyboard-and-languages.md."""
    if text and is_rtl(match_language(code or current_language())) and first_strong_is_ltr(text):
        return RLM + text
    return text


def unbroken_product_name(text: str) -> str:
    """Prose with "tr-journal" joined after its hyphen (U+2060), so a paragraph never ends a
    line with "tr-" ("-tr" in Uyghur) and starts the next with "journal". Only for prose that
    is read, not copied: a command such as `tr-journal rekey` must stay typable."""
    return text.replace(PRODUCT, f"tr-{WORD_JOINER}journal")
