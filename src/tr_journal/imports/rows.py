"""The typed preview every import format produces before anything is written.

A row is what would become one entry: its raw fields (validated later by the journal's own
``normalise_fields``), the media it would carry and a key that is stable for the same source
file, so importing that file again adds nothing (docs/imports.md, "Provenance").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from tr_journal import model
from tr_journal.errors import TrJournalError
from tr_journal.imports.chat_parties import Parties

Blocks = Iterator[bytes]
#: Called with (done, total) as rows or bytes are read; and a cancel check.
Progress = Callable[[int, int], None]
CancelCheck = Callable[[], bool]


@dataclass(frozen=True)
class MediaRef:
    """A file a row carries (zip member, folder file, MMS part), opened only when written."""

    name: str
    size: int
    locator: str


@dataclass(frozen=True)
class ImportRow:
    """One would-be entry. ``number`` is the preview number (1-based) ``--select`` uses."""

    number: int
    key: str
    fields: Mapping[str, Any]
    media: tuple[MediaRef, ...] = ()
    line: int | None = None
    problem: str | None = None
    summary: str = ""
    #: the typed error behind ``problem`` (English), for the app to say in its language
    error: TrJournalError | None = field(default=None, compare=False)

    def to_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "key": self.key,
            "line": self.line,
            "fields": dict(self.fields),
            "media": [{"name": m.name, "size": m.size} for m in self.media],
            "problem": self.problem,
            "summary": self.summary,
        }


@dataclass
class ImportPreview:
    """What a file holds, before anything is written; ``open_media`` streams a row's files."""

    kind: str
    source_name: str
    source_sha256: str
    source_size: int
    rows: list[ImportRow]
    columns: list[str] = field(default_factory=list)
    open_media: Callable[[MediaRef], Blocks] | None = None
    notes: list[str] = field(default_factory=list)
    on_close: Callable[[], None] | None = None
    #: Row keys that name their content (pictures' SHA-256s): already imported from any source.
    content_keyed: bool = False
    #: Chats: every sender and the ones recognised as the person (the app's "You are" chooser).
    parties: Parties | None = None

    def close(self) -> None:
        """Release the export (a zip stays open between preview and import)."""
        if self.on_close is not None:
            self.on_close()
            self.on_close = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "format": self.kind,
            "source": {
                "name": self.source_name,
                "sha256": self.source_sha256,
                "size": self.source_size,
            },
            "columns": self.columns,
            "rows": [r.to_json() for r in self.rows],
        }
        if self.parties is not None:  # chats: who wrote, and who the person is (null: unknown)
            data["senders"] = list(self.parties.senders)
            data["me"] = list(self.parties.mine) if self.parties.known else None
        return data


def supports(field_name: str) -> bool:
    """Whether this version's record has ``field_name`` (``attempts``, ``source_time``...).

    The one switch for fields another change adds to the record: rows set them only when the
    journal knows them, so an import never fails on a field the record lacks.
    """
    return field_name in model.FIELDS


def numbered(
    rows: Iterable[tuple[str, Mapping[str, Any], tuple[MediaRef, ...], int | None, str]],
) -> list[ImportRow]:
    """Rows numbered from 1 in the order the source holds them."""
    return [
        ImportRow(number=i, key=key, fields=fields, media=media, line=line, summary=summary)
        for i, (key, fields, media, line, summary) in enumerate(rows, start=1)
    ]
