"""Reading a duration the way people say it (docs/record-format.md, ``duration_seconds``).

One Qt-free reader for the command line (``--duration``), imports and the entry form, so
``540``, ``9:00``, ``9m``, ``1h02m`` and ``00:09:00`` mean the same nine minutes everywhere. It
is shown back with :func:`tr_journal.i18n.format.format_duration_words` ("9 min").
"""

from __future__ import annotations

import re

from tr_journal.errors import N_, InvalidInput

_UNITS = re.compile(
    r"^(?:(?P<h>\d+)\s*h(?:ours?|rs?)?)?\s*"
    r"(?:(?P<m>\d+)\s*m(?:in(?:utes?|s)?)?)?\s*"
    r"(?:(?P<s>\d+)\s*s(?:ec(?:onds?|s)?)?)?$"
)
_HOURS_MINUTES = re.compile(r"^(?P<h>\d+)\s*h\s*(?P<m>\d+)$")  # "1h02"
_CLOCK = re.compile(r"^(?:(?P<h>\d+):)?(?P<m>\d+):(?P<s>\d{2})$")
_MAX_SECONDS = 7 * 24 * 3600  # a week: anything longer is a typing mistake

_HELP = N_(
    "{text} is not a duration. Write seconds (540), minutes and seconds (9:00), hours, "
    "minutes and seconds (00:09:00) or with units (9m, 1h02m, 30s)."
)


def parse_duration(text: str | int) -> int:
    """Whole seconds ≥ 0 for ``text``; anything else raises :class:`InvalidInput`.

    A bare number is seconds (what earlier versions took and imports hold). ``1h02`` is one hour
    and two minutes: a number right after hours can only be minutes.
    """
    if isinstance(text, bool):
        raise InvalidInput(detail=_HELP, text=str(text))
    seconds = text if isinstance(text, int) else _read(text.strip().lower())
    if seconds < 0 or seconds > _MAX_SECONDS:
        raise InvalidInput(detail=_HELP, text=str(text))
    return seconds


def _read(text: str) -> int:
    if text.isdigit():
        return int(text)
    clock = _CLOCK.match(text)
    if clock:
        minutes, seconds = int(clock["m"]), int(clock["s"])
        if seconds >= 60 or (clock["h"] is not None and minutes >= 60):
            raise InvalidInput(detail=_HELP, text=text)
        return int(clock["h"] or 0) * 3600 + minutes * 60 + seconds
    short = _HOURS_MINUTES.match(text)
    if short:
        return int(short["h"]) * 3600 + int(short["m"]) * 60
    units = _UNITS.match(text)
    if units is None or not any(units.group(k) for k in "hms"):
        raise InvalidInput(detail=_HELP, text=text)
    return int(units["h"] or 0) * 3600 + int(units["m"] or 0) * 60 + int(units["s"] or 0)
