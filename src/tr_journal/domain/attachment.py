"""An original file kept with an entry (its bytes live in the store, chunk by chunk)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from tr_journal.domain.enums import AttachmentKind, attachment_kind


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

    @property
    def kind(self) -> AttachmentKind:
        return attachment_kind(self.media_type, self.name)

    @property
    def notice(self) -> str | None:
        """A warning probing left for the user (an English ``N_()`` template), if any."""
        value = self.metadata.get("notice")
        return str(value) if value else None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "size": self.size,
            "sha256": self.sha256,
            "media_type": self.media_type,
            "metadata": dict(self.metadata),
            "imported_at": self.imported_at,
        }


@dataclass(frozen=True, slots=True)
class RemovedAttachment:
    """What removing an attachment leaves: its id, the original's hash and the event's hash."""

    id: str
    sha256: str
    event_hash: str

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "sha256": self.sha256, "event_hash": self.event_hash}
