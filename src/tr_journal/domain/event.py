"""An event of the audit chain (docs/architecture.md, "The audit chain").

Events carry no content, only opaque ids and content hashes, so the whole chain can travel in a
bundle without disclosing undisclosed entries.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tr_journal.domain.enums import EventKind

EVENT_FIELDS = ("seq", "at_utc", "kind", "subject_id", "content_sha256", "prev_hash", "hash")
#: The event format this version writes (docs/bundle-format.md, "Event versions"): version 3
#: events carry ``"v": 3`` inside their hash (an ``attachment.added`` event commits to a salted
#: original), version 2 ``"v": 2``; version 1 events (older vaults) have no ``v``.
EVENT_VERSION = 3
#: Every version a reader accepts, oldest first; versions never go back along a chain.
EVENT_VERSIONS = (1, 2, 3)
#: The revision format each event version requires of an entry's or a transcript's revision:
#: version 3 changed only what an ``attachment.added`` event commits to.
REVISION_FORMAT_OF_VERSION = {1: 1, 2: 2, 3: 2}
#: From this version on, an ``attachment.added`` event commits to a salted original
#: (:func:`tr_journal.domain.attachment.original_commitment`).
SALTED_ORIGINALS_VERSION = 3


@dataclass(frozen=True, slots=True)
class Event:
    """``hash = SHA-256(canonical JSON of every other field)``; ``prev_hash`` links the chain."""

    seq: int
    at_utc: str
    kind: EventKind
    subject_id: str
    content_sha256: str
    prev_hash: str
    hash: str
    version: int = 1

    def to_json(self) -> dict[str, Any]:
        """The object a bundle's ``events.jsonl`` holds, one per line (plain JSON types); a
        version-1 event exactly as it was written (no ``v``)."""
        doc: dict[str, Any] = {
            "seq": self.seq,
            "at_utc": self.at_utc,
            "kind": self.kind.value,
            "subject_id": self.subject_id,
            "content_sha256": self.content_sha256,
            "prev_hash": self.prev_hash,
            "hash": self.hash,
        }
        if self.version != 1:
            doc["v"] = self.version
        return doc
