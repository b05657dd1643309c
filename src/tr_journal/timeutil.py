"""Times as people and courts need them: local time with its UTC offset and IANA zone.

An incident time is stored as ISO 8601 with offset (``2026-01-29T15:03:00+01:00``) plus the
zone name when known (``Europe/Paris``), and sorted by its UTC instant. A time typed without an
offset is taken in the given zone, else the machine's zone.
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


def parse_occurred(text: str, zone_name: str | None = None) -> tuple[str, str | None, str]:
    """Return ``(occurred_at with offset, zone name or None, UTC instant)`` for a typed time."""
    try:
        moment = datetime.fromisoformat(text.strip().replace(" ", "T", 1))
    except ValueError as exc:
        raise InvalidInput(detail=N_("The time {text} is not an ISO 8601 date and time "
                                     "(for example 2026-01-29T15:03)."), text=text) from exc
    name = zone_name or (None if moment.tzinfo else local_zone_name())
    if moment.tzinfo is None:
        tz = zone(name)
        moment = moment.replace(tzinfo=tz) if tz else moment.astimezone()
    elif name:
        moment = moment.astimezone(zone(name))
    return moment.isoformat(), name, to_utc_text(moment)


def to_utc_text(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def now_utc_text() -> str:
    return to_utc_text(datetime.now(UTC))


def now_local_iso() -> str:
    return datetime.now().astimezone().replace(microsecond=0).isoformat()
