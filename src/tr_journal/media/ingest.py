"""Streaming import of an original file into the vault (design §4, Attachment).

The file is read in 1 MiB chunks, each inserted as a row of ``attachment_chunks`` while SHA-256
is computed over the same bytes, inside the caller's transaction together with the
``attachment.added`` event. Memory stays flat whatever the file's size; a read error, a
cancellation or a full disk rolls the whole action back.

The media type and metadata are probed after the chunks are stored, in the same transaction,
through a seekable reader over those (not yet committed) chunks: no plaintext copy of the file
is ever made, and the type comes from the content, not the name. Only regular files are read (a
FIFO or a device would block or never end), and a file that changes size while it is read is
refused rather than stored half.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import sqlcipher3

from tr_journal.errors import N_, Cancelled, FileUnreadable
from tr_journal.journal.chain import append_event
from tr_journal.journal.entries import _row_id
from tr_journal.media.probe import HEAD_BYTES, probe
from tr_journal.media.records import ChunkReader
from tr_journal.timeutil import now_utc_text

CHUNK_BYTES = 1024 * 1024
Progress = Callable[[int, int], None]
CancelCheck = Callable[[], bool]


def _next_public_id(conn: sqlcipher3.Connection, entry_rowid: int, entry_public_id: str) -> str:
    count = conn.execute("SELECT count(*) FROM attachments WHERE entry_id = ?",
                         (entry_rowid,)).fetchone()[0]
    return f"{entry_public_id}-A{count + 1}"


def add_attachment(conn: sqlcipher3.Connection, entry_public_id: str, path: Path,
                   progress: Progress | None = None, cancelled: CancelCheck | None = None,
                   name: str | None = None) -> dict[str, Any]:
    """Store ``path`` under the entry inside the caller's transaction; return its record."""
    path = Path(path)
    return _add(conn, entry_public_id, name or path.name,
                lambda rowid: _stream_file(conn, rowid, path, progress, cancelled))


def add_attachment_blocks(conn: sqlcipher3.Connection, entry_public_id: str, name: str,
                          blocks: Iterable[bytes], total: int = 0,
                          cancelled: CancelCheck | None = None) -> dict[str, Any]:
    """Store bytes that are not a file of their own (a zip member, an MMS part) under the
    entry, streamed and hashed like a file (docs/imports.md)."""
    return _add(conn, entry_public_id, name,
                lambda rowid: _insert_chunks(conn, rowid, _rechunk(blocks), total, None,
                                             cancelled))


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


def _add(conn: sqlcipher3.Connection, entry_public_id: str, display_name: str,
         store: Callable[[int], tuple[str, list[int], bytes]]) -> dict[str, Any]:
    entry_rowid = _row_id(conn, entry_public_id)
    entry_public_id = entry_public_id.strip().upper()
    public_id = _next_public_id(conn, entry_rowid, entry_public_id)
    at = now_utc_text()
    cur = conn.execute(
        "INSERT INTO attachments (public_id, entry_id, name, size, sha256, media_type, "
        "metadata, imported_at) VALUES (?, ?, ?, 0, '', 'application/octet-stream', '{}', ?)",
        (public_id, entry_rowid, display_name, at))
    rowid = int(cur.lastrowid)
    digest, lengths, head = store(rowid)
    size = sum(lengths)
    media_type, metadata = probe(ChunkReader(conn, rowid, lengths), head, display_name, size)
    conn.execute("UPDATE attachments SET size = ?, sha256 = ?, media_type = ?, metadata = ? "
                 "WHERE id = ?", (size, digest, media_type, record_json(metadata), rowid))
    append_event(conn, "attachment.added", public_id, digest, at)
    return {"id": public_id, "name": display_name, "size": size, "sha256": digest,
            "media_type": media_type, "metadata": metadata, "imported_at": at}


def _open_regular(path: Path) -> tuple[int, os.stat_result]:
    """Open ``path`` for reading only if it is a regular file (never block on a FIFO)."""
    before = os.stat(path)
    if not stat.S_ISREG(before.st_mode):
        raise FileUnreadable(path=str(path), detail=N_("it is not a regular file"))
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    opened = os.fstat(fd)
    if not stat.S_ISREG(opened.st_mode):
        os.close(fd)
        raise FileUnreadable(path=str(path), detail=N_("it is not a regular file"))
    return fd, opened


def _insert_chunks(conn: sqlcipher3.Connection, rowid: int, blocks: Iterable[bytes], total: int,
                   progress: Progress | None, cancelled: CancelCheck | None
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
        conn.execute("INSERT INTO attachment_chunks (attachment_id, idx, data) VALUES (?, ?, ?)",
                     (rowid, idx, chunk))
        if progress is not None:
            progress(size, max(total, size))
    return digest.hexdigest(), lengths, head


def _stream_file(conn: sqlcipher3.Connection, rowid: int, path: Path,
                 progress: Progress | None, cancelled: CancelCheck | None
                 ) -> tuple[str, list[int], bytes]:
    """Read ``path`` chunk by chunk into the vault; refuse a file that changes meanwhile."""
    try:
        fd, opened = _open_regular(path)
        with open(fd, "rb", buffering=0) as handle:
            blocks = iter(lambda: handle.read(CHUNK_BYTES), b"")
            result = _insert_chunks(conn, rowid, blocks, opened.st_size, progress, cancelled)
            after = os.fstat(handle.fileno())
    except OSError as exc:
        raise FileUnreadable(path=str(path), detail=exc.strerror or str(exc)) from exc
    size = sum(result[1])
    if size != opened.st_size or after.st_size != size or after.st_mtime_ns != opened.st_mtime_ns:
        raise FileUnreadable(path=str(path), detail=N_("it changed while it was being read"))
    return result


def record_json(metadata: dict[str, Any]) -> str:
    return json.dumps(metadata, ensure_ascii=False, sort_keys=True)
