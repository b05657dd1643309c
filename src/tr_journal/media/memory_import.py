"""Import an attachment from bytes in memory (a pasted image, a screen capture): no temp file.

Why: :func:`~tr_journal.media.ingest.add_attachment` streams from a path, and a pasted
screenshot has none. Writing it to a temp file would put the image on disk in plaintext, which
the design forbids (TMPDIR included). On Linux the bytes go into an anonymous in-memory file
(``memfd_create``: RAM-backed, no name in any directory) and ingest reads it through
``/proc/self/fd/N``, so the import is exactly the same code path — hashing, chunking, probing,
the audit event — as a file from disk. Elsewhere the same steps run here over a ``BytesIO``.
"""

from __future__ import annotations

import hashlib
import io
import os
from pathlib import Path
from typing import Any

import sqlcipher3

from tr_journal.errors import Cancelled
from tr_journal.journal.chain import append_event
from tr_journal.journal.entries import _row_id
from tr_journal.media import ingest
from tr_journal.media.probe import HEAD_BYTES, probe
from tr_journal.media.records import ChunkReader
from tr_journal.timeutil import now_utc_text


def add_attachment_bytes(conn: sqlcipher3.Connection, entry_public_id: str, data: bytes,
                         name: str, progress: ingest.Progress | None = None,
                         cancelled: ingest.CancelCheck | None = None) -> dict[str, Any]:
    """Store ``data`` as an attachment named ``name`` inside the caller's transaction."""
    if hasattr(os, "memfd_create"):
        fd = os.memfd_create("tr-journal-import", getattr(os, "MFD_CLOEXEC", 0))
        try:
            with open(fd, "wb", buffering=0, closefd=False) as handle:
                handle.write(data)
            return ingest.add_attachment(conn, entry_public_id, Path(f"/proc/self/fd/{fd}"),
                                         progress, cancelled, name=name)
        finally:
            os.close(fd)
    return _add_from_buffer(conn, entry_public_id, data, name, progress, cancelled)


def _add_from_buffer(conn: sqlcipher3.Connection, entry_public_id: str, data: bytes, name: str,
                     progress: ingest.Progress | None, cancelled: ingest.CancelCheck | None
                     ) -> dict[str, Any]:
    """The same steps as :func:`ingest.add_attachment`, reading from memory."""
    entry_rowid = _row_id(conn, entry_public_id)
    entry_public_id = entry_public_id.strip().upper()
    public_id = ingest._next_public_id(conn, entry_rowid, entry_public_id)
    at = now_utc_text()
    cur = conn.execute(
        "INSERT INTO attachments (public_id, entry_id, name, size, sha256, media_type, "
        "metadata, imported_at) VALUES (?, ?, ?, 0, '', 'application/octet-stream', '{}', ?)",
        (public_id, entry_rowid, name, at))
    rowid = int(cur.lastrowid)
    digest = hashlib.sha256()
    source = io.BytesIO(data)
    for idx, chunk in enumerate(iter(lambda: source.read(ingest.CHUNK_BYTES), b"")):
        if cancelled is not None and cancelled():
            raise Cancelled()
        digest.update(chunk)
        conn.execute("INSERT INTO attachment_chunks (attachment_id, idx, data) VALUES (?, ?, ?)",
                     (rowid, idx, chunk))
        if progress is not None:
            progress(source.tell(), len(data))
    sha = digest.hexdigest()
    media_type, metadata = probe(ChunkReader(conn, rowid), data[:HEAD_BYTES], name, len(data))
    conn.execute("UPDATE attachments SET size = ?, sha256 = ?, media_type = ?, metadata = ? "
                 "WHERE id = ?", (len(data), sha, media_type, ingest.record_json(metadata),
                                  rowid))
    append_event(conn, "attachment.added", public_id, sha, at)
    return {"id": public_id, "name": name, "size": len(data), "sha256": sha,
            "media_type": media_type, "metadata": metadata, "imported_at": at}
