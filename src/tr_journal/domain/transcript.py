"""A transcript of an attachment, or a translation of a transcript (docs/record-format.md,
"Transcripts").

Like an entry, a transcript is a chain of revisions, each hashed with its own salt into a
``transcript.created``/``transcript.revised`` event, so what was first written is never lost
and an undisclosed one reveals nothing. A translation is a transcript whose ``translates``
names the transcript it renders and whose ``language`` is the target language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from tr_journal.domain.entry import REVISION_FORMAT
from tr_journal.domain.enums import TranscriptMethod

TRANSCRIPT_FIELDS = ("language", "text", "by", "method", "date", "translates")


@dataclass(frozen=True, slots=True)
class TranscriptFields:
    """What a transcript says: its language (BCP 47, ``ug``, ``zh-CN``), the text, who made it,
    how, on which date (ISO), and for a translation the transcript it translates."""

    language: str
    text: str
    method: TranscriptMethod = TranscriptMethod.SELF
    date: str | None = None
    by: str | None = None
    translates: str | None = None

    @classmethod
    def from_dict(cls, stored: Mapping[str, Any]) -> TranscriptFields:
        values = {k: stored[k] for k in TRANSCRIPT_FIELDS if k in stored}
        values["method"] = TranscriptMethod(values.get("method", TranscriptMethod.SELF))
        return cls(**values)

    def to_dict(self) -> dict[str, Any]:
        """The stored (and hashed) form: only what was said."""
        return {
            k: str(getattr(self, k))
            for k in TRANSCRIPT_FIELDS
            if getattr(self, k) not in (None, "")
        }


@dataclass(frozen=True, slots=True)
class TranscriptRevision:
    """One saved state of a transcript, exactly as hashed (always format 2: salted)."""

    rev: int
    saved_at: str
    salt: str
    fields: TranscriptFields

    @classmethod
    def from_json(cls, stored: Mapping[str, Any]) -> TranscriptRevision:
        return cls(
            int(stored["rev"]),
            str(stored["saved_at"]),
            str(stored["salt"]),
            TranscriptFields.from_dict(stored["transcript"]),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "format": REVISION_FORMAT,
            "rev": self.rev,
            "saved_at": self.saved_at,
            "salt": self.salt,
            "transcript": self.fields.to_dict(),
        }


@dataclass(frozen=True, slots=True)
class Transcript:
    """A current transcript: its id (``E0001-A1-T1``), its file's id and current revision."""

    id: str
    attachment_id: str
    revision: int
    saved_at: str
    fields: TranscriptFields

    def to_json(self) -> dict[str, Any]:
        """The ``show --json`` and ``transcript list --json`` shape."""
        return {
            "id": self.id,
            "attachment": self.attachment_id,
            "revision": self.revision,
            "saved_at": self.saved_at,
            **self.fields.to_dict(),
        }
