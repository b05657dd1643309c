"""Times as people and courts need them: local time with its UTC offset and IANA zone.

An incident time is read by :mod:`tr_journal.journal.when` (EDTF / ISO 8601 forms, stored with
their offset and the zone name when known); this module holds the zone and UTC helpers.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from tr_journal.errors import N_, InvalidInput


def local_zone_name() -> str | None:
    """The IANA name of the machine's zone, if it can be known without guessing."""
    tz = os.environ.get("TZ", "").lstrip(":")
    if tz and "/" in tz and not tz.startswith("/"):
        return tz
    try:
        target = Path("/etc/localtime").resolve()
    except OSError:
        return None
    parts = target.parts
    if "zoneinfo" in parts:
        return "/".join(parts[parts.index("zoneinfo") + 1 :]) or None
    return None


def zone(name: str | None) -> tzinfo | None:
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise InvalidInput(detail=N_("Unknown time zone: {name}."), name=name) from exc


def to_utc_text(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def now_utc_text() -> str:
    return to_utc_text(datetime.now(UTC))
