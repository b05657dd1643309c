"""The provenance record of an imported entry: which export file, which row (docs/imports.md,
"Provenance").

Its canonical JSON is kept in the vault and its SHA-256 is what the entry's ``entry.imported``
event records. From event version 3 on the record holds a per-record random ``salt``: the whole
chain travels in every bundle, and both sides of a chat hold the same export file, so without it
anyone holding the file could recompute the record of every row and confirm that an undisclosed
entry was imported from that chat, and from which message.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from tr_journal.canonical import canonical_json, sha256_hex
from tr_journal.domain.entry import is_salt

#: From this event version on, an ``entry.imported`` event commits to a salted record
#: (docs/bundle-format.md, "Event versions").
SALTED_PROVENANCE_VERSION = 3
_PLAIN_KEYS = frozenset({"file", "format", "row", "sha256"})
_SALTED_KEYS = _PLAIN_KEYS | {"salt"}


@dataclass(frozen=True, slots=True)
class ImportProvenance:
    """One provenance record; ``salt`` is None for a record written before event version 3."""

    format: str
    file: str
    sha256: str
    row: str
    salt: str | None = None

    def to_json(self) -> dict[str, str]:
        doc = {"file": self.file, "format": self.format, "row": self.row, "sha256": self.sha256}
        if self.salt is not None:
            doc["salt"] = self.salt
        return doc

    def canonical(self) -> bytes:
        """The bytes kept in the vault and hashed into the chain."""
        return canonical_json(self.to_json())

    @property
    def event_content(self) -> str:
        """The ``content_sha256`` of its ``entry.imported`` event."""
        return sha256_hex(self.canonical())

    @classmethod
    def from_json(cls, doc: object) -> ImportProvenance | None:
        """The record ``doc`` holds, or None when it is not one: exactly the members above, all
        text, and a salt (when present) as the writer makes them. A bundle's copy may be
        hostile, so nothing else is accepted."""
        if not isinstance(doc, Mapping) or set(doc) not in (_PLAIN_KEYS, _SALTED_KEYS):
            return None
        values: dict[str, Any] = dict(doc)
        if not all(isinstance(v, str) for v in values.values()):
            return None
        salt = values.get("salt")
        if salt is not None and not is_salt(salt):
            return None
        return cls(values["format"], values["file"], values["sha256"], values["row"], salt)
