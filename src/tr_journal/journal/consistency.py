"""Consistency notes: where a file's own facts disagree with what the person declared
(docs/record-format.md, "Consistency notes").

Not errors: a recording may hold only part of a call, a phone's clock may be wrong. They are
shown (app, ``show --json`` under ``consistency``, the dossier) so the person can explain them
before a lawyer asks. Computed when read, from the entry's current fields and the metadata
probed at import; nothing is stored.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from tr_journal.domain import Attachment, EntryFields
from tr_journal.domain.enums import AttachmentKind
from tr_journal.errors import N_, InvalidInput
from tr_journal.journal.when import parse_when

#: a recording this much shorter or longer than declared, and by at least MIN_GAP, is noted
SHORT_RATIO, LONG_RATIO, MIN_GAP = 0.5, 1.5, 30
#: a file's embedded time further than this outside the declared time is noted
TIME_MARGIN = timedelta(days=1)

TEMPLATES = {
    "recording_shorter": N_(
        "{attachment}: the recording lasts {found}, much less than the "
        "declared duration ({declared})."
    ),
    "recording_longer": N_(
        "{attachment}: the recording lasts {found}, much more than the "
        "declared duration ({declared})."
    ),
    "file_time_far": N_(
        "{attachment}: the time written inside the file ({found}) is more than "
        "a day from when it happened ({declared})."
    ),
    "image_time_outside": N_(
        "{attachment}: the image's own date ({found}) is outside when it happened ({declared})."
    ),
}


@dataclass(frozen=True, slots=True)
class ConsistencyNote:
    """One disagreement: ``kind`` (a key of :data:`TEMPLATES`), the file, and both values
    (seconds for durations, the texts as stored for times)."""

    kind: str
    attachment: str
    declared: Any
    found: Any

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "attachment": self.attachment,
            "declared": self.declared,
            "found": self.found,
        }


def _instant(text: str, zone: str | None) -> datetime | None:
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:  # an EXIF time without offset: the entry's zone, else UTC
        try:
            moment = moment.replace(tzinfo=ZoneInfo(zone) if zone else UTC)
        except (ZoneInfoNotFoundError, ValueError):
            moment = moment.replace(tzinfo=UTC)
    return moment


def _duration_note(fields: EntryFields, item: Attachment) -> ConsistencyNote | None:
    declared, found = fields.duration_seconds, item.metadata.get("duration")
    if not declared or not isinstance(found, int | float):
        return None
    if found < declared * SHORT_RATIO and declared - found >= MIN_GAP:
        return ConsistencyNote("recording_shorter", item.id, declared, int(found))
    if found > declared * LONG_RATIO and found - declared >= MIN_GAP:
        return ConsistencyNote("recording_longer", item.id, declared, int(found))
    return None


def _time_note(
    fields: EntryFields, item: Attachment, earliest: datetime, latest: datetime
) -> ConsistencyNote | None:
    created = item.metadata.get("created")
    moment = _instant(created, fields.timezone) if isinstance(created, str) else None
    if moment is None:
        return None
    if item.kind == AttachmentKind.IMAGE:  # a screenshot cannot predate what it shows
        if moment < earliest or moment > latest + TIME_MARGIN:
            return ConsistencyNote("image_time_outside", item.id, fields.occurred_at, created)
        return None
    if moment < earliest - TIME_MARGIN or moment > latest + TIME_MARGIN:
        return ConsistencyNote("file_time_far", item.id, fields.occurred_at, created)
    return None


def consistency_notes(
    fields: EntryFields, attachments: Sequence[Attachment]
) -> list[ConsistencyNote]:
    """Every note for the entry's current fields and live files, file by file."""
    try:
        when = parse_when(fields.occurred_at, fields.timezone)
        bounds: tuple[datetime, datetime] | None = (when.earliest, when.latest)
    except InvalidInput:
        bounds = None
    notes: list[ConsistencyNote] = []
    for item in attachments:
        found = [
            _duration_note(fields, item),
            _time_note(fields, item, *bounds) if bounds else None,
        ]
        notes += [n for n in found if n is not None]
    return notes


def note_text(
    note: ConsistencyNote, translate: Callable[[str], str], lang: str | None = None
) -> str:
    """The note as one sentence in the language of ``translate`` (durations in words)."""
    from tr_journal.i18n.format import format_duration_words

    declared, found = note.declared, note.found
    if note.kind in ("recording_shorter", "recording_longer"):
        declared = format_duration_words(int(declared), lang)
        found = format_duration_words(int(found), lang)
    return translate(TEMPLATES[note.kind]).format(
        attachment=note.attachment, declared=declared, found=found
    )
