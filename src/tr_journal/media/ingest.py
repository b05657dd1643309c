"""Streaming import of an original file into the vault.

The file is read in 1 MiB chunks, each inserted as a row of ``attachment_chunks`` while SHA-256
is computed over the same bytes, inside the caller's transaction together with the
``attachment.added`` event. Memory stays flat whatever the file's size; a read error, a
cancellation or a full disk rolls the whole action back.

The media type and metadata are probed after the chunks are stored, in the same transaction,
through a seekable reader over those (not yet committed) chunks: no plaintext copy of the file
is ever made, and the type comes from the content, not the name. Only regular files are read (a
FIFO or a device would block or never end), and a file that changes size while it is read is
refused rather than stored half. The SQL is in :mod:`tr_journal.store.attachments`.

Bytes the vault already holds (same SHA-256 and size) are not stored again: the new attachment
links to the stored original and says which attachments hold it (``same_as``). A file is hashed
before storing only when a live attachment has its size, so a new file is read once.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

import sqlcipher3

from tr_journal.domain import Attachment, EventKind
from tr_journal.domain.entry import SALT_HEX_DIGITS
from tr_journal.errors import N_, Cancelled, FileUnreadable
from tr_journal.fsutil import open_regular
from tr_journal.journal.chain import append_event
from tr_journal.media.probe import HEAD_BYTES, probe
from tr_journal.media.records import ChunkReader
from tr_journal.store import attachments as store
from tr_journal.store import entries as entry_store
from tr_journal.timeutil import now_utc_text

CHUNK_BYTES = 1024 * 1024
Progress = Callable[[int, int], None]
CancelCheck = Callable[[], bool]
#: Stores an original's chunks under an attachment row id; returns (SHA-256, chunk lengths,
#: first bytes for content sniffing).
Filler = Callable[[int], tuple[str, list[int], bytes]]


def add_attachment(
    conn: sqlcipher3.Connection,
    entry_public_id: str,
    path: Path,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
    name: str | None = None,
    link_same: bool = True,
) -> Attachment:
    """Store ``path`` under the entry inside the caller's transaction; return its record.

    With ``link_same`` (the default), bytes already in the vault are linked, not stored again.
    """
    path = Path(path)
    known = _known_file(conn, path, cancelled) if link_same else None
    if known is not None:
        return link_original(conn, entry_public_id, name or path.name, *known)
    return store_original(
        conn,
        entry_public_id,
        name or path.name,
        lambda rowid: _stream_file(conn, rowid, path, progress, cancelled),
    )


def add_attachment_blocks(
    conn: sqlcipher3.Connection,
    entry_public_id: str,
    name: str,
    blocks: Iterable[bytes],
    total: int = 0,
    cancelled: CancelCheck | None = None,
) -> Attachment:
    """Store bytes that are not a file of their own (a zip member, an MMS part) under the
    entry, streamed and hashed like a file (docs/imports.md)."""
    return store_original(
        conn,
        entry_public_id,
        name,
        lambda rowid: insert_chunks(conn, rowid, _rechunk(blocks), total, None, cancelled),
    )


def _rechunk(blocks: Iterable[bytes]) -> Iterable[bytes]:
    """Chunks of CHUNK_BYTES whatever sizes the source yields (a decoded MMS part is whole)."""
    pending = b""
    for block in blocks:
        pending += block
        while len(pending) >= CHUNK_BYTES:
            yield pending[:CHUNK_BYTES]
            pending = pending[CHUNK_BYTES:]
    if pending:
        yield pending


def find_same(
    conn: sqlcipher3.Connection, sha256: str, size: int
) -> tuple[int, list[Attachment]] | None:
    """``(row holding the bytes, attachments with them)`` if the vault holds these bytes."""
    holder, same = store.same_bytes(conn, sha256, size)
    return None if holder is None else (holder, same)


def _known_file(
    conn: sqlcipher3.Connection, path: Path, cancelled: CancelCheck | None
) -> tuple[int, list[Attachment]] | None:
    """Hash ``path`` (only when some live attachment has its size) and look it up."""
    try:
        fd, opened = open_regular(path)
        if not store.any_of_size(conn, opened.st_size):
            os.close(fd)
            return None
        digest = hashlib.sha256()
        with open(fd, "rb", buffering=0) as handle:
            for block in iter(lambda: handle.read(CHUNK_BYTES), b""):
                if cancelled is not None and cancelled():
                    raise Cancelled()
                digest.update(block)
            after = os.fstat(handle.fileno())
    except OSError as exc:
        raise FileUnreadable(path=str(path), detail=exc.strerror or str(exc)) from exc
    if after.st_size != opened.st_size or after.st_mtime_ns != opened.st_mtime_ns:
        raise FileUnreadable(path=str(path), detail=N_("it changed while it was being read"))
    return find_same(conn, digest.hexdigest(), opened.st_size)


def link_original(
    conn: sqlcipher3.Connection,
    entry_public_id: str,
    display_name: str,
    holder: int,
    same: list[Attachment],
) -> Attachment:
    """A new attachment whose bytes are the stored ones of ``holder`` (probed again from
    them, so its record is what a fresh import would give)."""

    def fill(rowid: int) -> tuple[str, list[int], bytes]:
        store.link(conn, rowid, holder)
        first = store.chunk(conn, rowid, 0) or b""
        return same[0].sha256, store.chunk_lengths(conn, rowid), first[:HEAD_BYTES]

    added = store_original(conn, entry_public_id, display_name, fill)
    return replace(added, same_as=tuple(a.id for a in same))


def store_original(
    conn: sqlcipher3.Connection, entry_public_id: str, display_name: str, fill: Filler
) -> Attachment:
    """The steps every import shares, whatever the bytes come from (a file, memory): the
    attachment row, ``fill`` storing the chunks, probing them, and the ``attachment.added``
    event. The event records the original's salted commitment, never its plain SHA-256: a new
    salt for every attachment, even of bytes already stored (docs/record-format.md, "Salted
    originals")."""
    entry_rowid = entry_store.row_id(conn, entry_public_id)
    count = store.count_for_entry(conn, entry_rowid)
    public_id = f"{entry_public_id.strip().upper()}-A{count + 1}"
    at = now_utc_text()
    rowid = store.insert_placeholder(conn, public_id, entry_rowid, display_name, at)
    digest, lengths, head = fill(rowid)
    size = sum(lengths)
    media_type, metadata = probe(ChunkReader(conn, rowid, lengths), head, display_name, size)  # type: ignore[arg-type]
    salt = secrets.token_hex(SALT_HEX_DIGITS // 2)
    attachment = Attachment(
        public_id, display_name, size, digest, media_type, metadata, at, salt=salt
    )
    store.complete(conn, rowid, attachment)
    append_event(conn, EventKind.ATTACHMENT_ADDED, public_id, attachment.event_content, at)
    return attachment


def insert_chunks(
    conn: sqlcipher3.Connection,
    rowid: int,
    blocks: Iterable[bytes],
    total: int,
    progress: Progress | None,
    cancelled: CancelCheck | None,
) -> tuple[str, list[int], bytes]:
    """Insert the chunks; return (SHA-256, chunk lengths, first bytes for content sniffing)."""
    digest = hashlib.sha256()
    size = 0
    lengths: list[int] = []
    head = b""
    for idx, chunk in enumerate(blocks):
        if cancelled is not None and cancelled():
            raise Cancelled()
        digest.update(chunk)
        size += len(chunk)
        lengths.append(len(chunk))
        if idx == 0:
            head = chunk[:HEAD_BYTES]
        store.insert_chunk(conn, rowid, idx, chunk)
        if progress is not None:
            progress(size, max(total, size))
    return digest.hexdigest(), lengths, head


def _stream_file(
    conn: sqlcipher3.Connection,
    rowid: int,
    path: Path,
    progress: Progress | None,
    cancelled: CancelCheck | None,
) -> tuple[str, list[int], bytes]:
    """Read ``path`` chunk by chunk into the vault; refuse a file that changes meanwhile."""
    try:
        fd, opened = open_regular(path)
        with open(fd, "rb", buffering=0) as handle:
            blocks = iter(lambda: handle.read(CHUNK_BYTES), b"")
            result = insert_chunks(conn, rowid, blocks, opened.st_size, progress, cancelled)
            after = os.fstat(handle.fileno())
    except OSError as exc:
        raise FileUnreadable(path=str(path), detail=exc.strerror or str(exc)) from exc
    size = sum(result[1])
    if size != opened.st_size or after.st_size != size or after.st_mtime_ns != opened.st_mtime_ns:
        raise FileUnreadable(path=str(path), detail=N_("it changed while it was being read"))
    return result
