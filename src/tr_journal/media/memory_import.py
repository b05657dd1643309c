"""Import an attachment from bytes in memory (a pasted image, a screen capture): no temp file.

Why: :func:`~tr_journal.media.ingest.add_attachment` streams from a path, and a pasted
screenshot has none. Writing it to a temp file would put the image on disk in plaintext, which
the design forbids (TMPDIR included). So the bytes are cut into the same 1 MiB chunks and go
through ingest's own steps (``_add``: the attachment row, probing, the audit event;
``_insert_chunks``: hashing and chunk rows), exactly as a file from disk would.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import sqlcipher3

from tr_journal.media import ingest


def _blocks(data: bytes) -> Iterator[bytes]:
    for start in range(0, len(data), ingest.CHUNK_BYTES):
        yield data[start:start + ingest.CHUNK_BYTES]


def add_attachment_bytes(conn: sqlcipher3.Connection, entry_public_id: str, data: bytes,
                         name: str, progress: ingest.Progress | None = None,
                         cancelled: ingest.CancelCheck | None = None) -> dict[str, Any]:
    """Store ``data`` as an attachment named ``name`` inside the caller's transaction."""
    data = bytes(data)
    return ingest._add(conn, entry_public_id, name, lambda rowid: ingest._insert_chunks(
        conn, rowid, _blocks(data), len(data), progress, cancelled))
