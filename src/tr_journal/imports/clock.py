"""Times of exports as entry times: epoch milliseconds and wall-clock readings.

A call log or Telegram gives an instant (epoch); it becomes the local time with its UTC offset,
as the phone showed it. A chat export gives a wall-clock reading with no zone; it is stored as
read and the journal adds the zone's offset (docs/time.md).
"""

from __future__ import annotations

from datetime import UTC, datetime

from tr_journal.timeutil import local_zone_name, zone


def from_epoch(seconds: float) -> str:
    """``2026-12-05T21:40:12+01:00`` in the machine's zone."""
    tz = zone(local_zone_name())
    moment = datetime.fromtimestamp(seconds, UTC)
    local = moment.astimezone(tz) if tz else moment.astimezone()
    return local.replace(microsecond=0).isoformat()


def wall(moment: datetime) -> str:
    """A wall-clock reading to the minute or second, with no offset (the journal adds it)."""
    if moment.second:
        return moment.strftime("%Y-%m-%dT%H:%M:%S")
    return moment.strftime("%Y-%m-%dT%H:%M")
