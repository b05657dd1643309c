"""An original file kept with an entry (its bytes live in the store, chunk by chunk)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from tr_journal.canonical import canonical_sha256
from tr_journal.domain.enums import AttachmentKind, attachment_kind

#: The ``format`` member of a salted original's commitment (docs/record-format.md, "Salted
#: originals"); the same number as the event version that introduced it.
ORIGINAL_FORMAT = 3


def original_commitment(sha256: str, salt: str) -> str:
    """What an ``attachment.added`` event of version 3 records for an original: the SHA-256 of
    the canonical JSON ``{"format": 3, "salt": <salt>, "sha256": <file's SHA-256>}``.

    Why not the file's own SHA-256 (what older events record): the whole chain travels in every
    bundle, and anyone holding a candidate file could then confirm that an undisclosed entry
    holds it. With 128 random bits inside, the commitment says nothing until the salt is
    disclosed with the file (docs/record-format.md, "Salted originals").
    """
    return canonical_sha256({"format": ORIGINAL_FORMAT, "salt": salt, "sha256": sha256})


@dataclass(frozen=True, slots=True)
class Attachment:
    """One live attachment, as ``show --json`` and a bundle's ``entries.json`` describe it.

    ``id`` is ``E0001-A1``; ``sha256`` and ``size`` are of the original bytes, computed while
    they were stored; ``media_type`` and ``metadata`` (duration, codec, image size, EXIF
    notices...) come from probing the content at import. ``metadata`` is open-ended: probing a
    new format may add keys, and old bundles keep theirs.
    """

    id: str
    name: str
    size: int
    sha256: str
    media_type: str
    metadata: Mapping[str, Any] = field(default_factory=dict)
    imported_at: str = ""
    #: at attach time only: the live attachments that already held these bytes (their ids),
    #: whose stored original this one links to instead of storing it again
    same_as: tuple[str, ...] = ()
    #: 128 random bits in lowercase hex, hashed with ``sha256`` into what the chain records
    #: (:func:`original_commitment`); None for an original stored before salted originals
    salt: str | None = None

    @property
    def event_content(self) -> str:
        """The ``content_sha256`` its ``attachment.added`` event recorded: the salted
        commitment, or the file's SHA-256 for an original stored before salts."""
        return self.sha256 if self.salt is None else original_commitment(self.sha256, self.salt)

    @property
    def kind(self) -> AttachmentKind:
        return attachment_kind(self.media_type, self.name)

    @property
    def notice(self) -> str | None:
        """A warning probing left for the user (an English ``N_()`` template), if any."""
        value = self.metadata.get("notice")
        return str(value) if value else None

    def to_json(self) -> dict[str, Any]:
        """``salt`` only when there is one: an original stored before salts is listed as it
        always was (docs/bundle-format.md, "Event versions")."""
        doc: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "size": self.size,
            "sha256": self.sha256,
            "media_type": self.media_type,
            "metadata": dict(self.metadata),
            "imported_at": self.imported_at,
        }
        if self.salt is not None:
            doc["salt"] = self.salt
        return doc


@dataclass(frozen=True, slots=True)
class RemovedAttachment:
    """What removing an attachment leaves: its id, the original's hash and the event's hash."""

    id: str
    sha256: str
    event_hash: str

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "sha256": self.sha256, "event_hash": self.event_hash}
