"""Writing the rows a person selected: one transaction, each entry with its provenance.

For every new entry, in the caller's transaction: the entry (``entry.created``), its files
(``attachment.added``, streamed bit-exact from the export), a provenance record ``{file,
format, row, salt, sha256}`` kept in ``import_provenance`` and an ``entry.imported`` event whose
content hash is the SHA-256 of that record's canonical JSON (docs/imports.md, "Provenance"; the
random salt keeps anyone holding the same export file from recomputing it). A row of a
file already imported (same SHA-256, same row key) is skipped, so importing the same file
twice adds nothing. Any error rolls everything back: the vault is unchanged.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import sqlcipher3

from tr_journal.domain import EventKind
from tr_journal.domain.entry import SALT_HEX_DIGITS
from tr_journal.domain.provenance import ImportProvenance
from tr_journal.errors import N_, Cancelled, ImportFailed, UsageError
from tr_journal.imports.rows import CancelCheck, ImportPreview, ImportRow, Progress
from tr_journal.journal.chain import append_event
from tr_journal.journal.entries import add_entry
from tr_journal.media.ingest import add_attachment, add_attachment_blocks
from tr_journal.store import imports as store
from tr_journal.timeutil import now_utc_text
from tr_journal.vault import Vault


@dataclass
class ImportResult:
    """What one import did: the new entries, and the rows skipped as already imported."""

    created: list[str] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)
    attachments: int = 0
    source_attachment: str | None = None
    #: preview number -> the entry it became
    by_row: dict[int, str] = field(default_factory=dict)


def parse_selection(text: str, count: int) -> list[int]:
    """``"1,3-7"`` -> [1, 3, 4, 5, 6, 7]; numbers outside the preview are refused."""
    chosen: set[int] = set()
    for part in (p.strip() for p in text.split(",") if p.strip()):
        first, dash, last = part.partition("-")
        try:
            low, high = int(first), int(last) if dash else int(first)
        except ValueError as exc:
            raise UsageError(N_("--select takes preview numbers such as 1,3-7.")) from exc
        if low < 1 or high > count or low > high:
            raise UsageError(
                N_("The preview has rows 1 to {count}; {part} is not among them."),
                count=count,
                part=part,
            )
        chosen.update(range(low, high + 1))
    return sorted(chosen)


def selected_rows(preview: ImportPreview, numbers: Sequence[int] | None) -> list[ImportRow]:
    """The rows chosen (all when ``numbers`` is None); a chosen row with a problem is refused
    with its line, so nothing is half-imported."""
    wanted = set(numbers) if numbers is not None else None
    rows = [r for r in preview.rows if wanted is None or r.number in wanted]
    for row in rows:
        if row.problem:
            raise ImportFailed(
                line=row.line or row.number,
                file=preview.source_name,
                detail=row.problem.rstrip("."),
            )
    return rows


def combined(rows: Sequence[ImportRow]) -> list[ImportRow]:
    """The selection as ONE entry: the first row's fields, every narrative and file."""
    if len(rows) < 2:
        return list(rows)
    first = rows[0]
    fields = dict(first.fields)
    texts = [str(r.fields["narrative"]) for r in rows if r.fields.get("narrative")]
    if texts:
        fields["narrative"] = "\n".join(texts)
    return [
        ImportRow(
            number=first.number,
            key="+".join(r.key for r in rows),
            fields=fields,
            media=tuple(m for r in rows for m in r.media),
            line=first.line,
            summary=first.summary,
        )
    ]


def provenance_record(preview: ImportPreview, row: ImportRow) -> ImportProvenance:
    """The record of ``row``, with a salt of its own (docs/imports.md, "Provenance"): the
    other side of a chat holds the same export file and could otherwise recompute it."""
    return ImportProvenance(
        format=preview.kind,
        file=preview.source_name,
        sha256=preview.source_sha256,
        row=row.key,
        salt=secrets.token_hex(SALT_HEX_DIGITS // 2),
    )


def write_rows(
    conn: sqlcipher3.Connection,
    preview: ImportPreview,
    rows: Sequence[ImportRow],
    *,
    source_path: Path | None = None,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> ImportResult:
    """Add the rows inside the caller's transaction; see the module docstring."""
    result = ImportResult()
    for done, row in enumerate(rows):
        if cancelled is not None and cancelled():
            raise Cancelled()
        if store.already_imported(
            conn, preview.source_sha256, row.key, preview.kind if preview.content_keyed else None
        ):
            result.skipped.append(row.number)
            continue
        entry_id = add_entry(conn, dict(row.fields))
        for ref in row.media:
            if preview.open_media is None:
                break
            add_attachment_blocks(
                conn, entry_id, ref.name, preview.open_media(ref), ref.size, cancelled
            )
            result.attachments += 1
        _record(conn, preview, row, entry_id)
        result.created.append(entry_id)
        result.by_row[row.number] = entry_id
        if progress is not None:
            progress(done + 1, len(rows))
    if source_path is not None and result.created:
        attached = add_attachment(conn, result.created[0], source_path, cancelled=cancelled)
        result.source_attachment = attached.id
    return result


def import_rows(
    vault: Vault,
    preview: ImportPreview,
    rows: Sequence[ImportRow],
    *,
    source_path: Path | None = None,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> ImportResult:
    """The rows as one user action: all of them, with their files and provenance, or none."""
    with vault.transaction() as conn:
        return write_rows(
            conn, preview, rows, source_path=source_path, progress=progress, cancelled=cancelled
        )


def _record(
    conn: sqlcipher3.Connection, preview: ImportPreview, row: ImportRow, entry_id: str
) -> None:
    at = now_utc_text()
    record = provenance_record(preview, row)
    body = record.canonical()
    store.record_provenance(
        conn,
        entry_id,
        preview.kind,
        preview.source_name,
        preview.source_sha256,
        row.key,
        body.decode("utf-8"),
        at,
    )
    append_event(conn, EventKind.ENTRY_IMPORTED, entry_id, record.event_content, at)
