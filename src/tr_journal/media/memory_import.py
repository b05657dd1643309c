"""Import an attachment from bytes in memory (a pasted image, a screen capture): no temp file.

Why: :func:`~tr_journal.media.ingest.add_attachment` streams from a path, and a pasted
screenshot has none. Writing it to a temp file would put the image on disk in plaintext, which
the app never does (TMPDIR included). So the bytes are cut into the same 1 MiB chunks and go
through ingest's shared steps (:func:`~tr_journal.media.ingest.store_original`: the attachment
row, probing, the audit event; :func:`~tr_journal.media.ingest.insert_chunks`: hashing and
chunk rows), exactly as a file from disk would.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

import sqlcipher3

from tr_journal.domain import Attachment
from tr_journal.media import ingest


def _blocks(data: bytes) -> Iterator[bytes]:
    for start in range(0, len(data), ingest.CHUNK_BYTES):
        yield data[start : start + ingest.CHUNK_BYTES]


def add_attachment_bytes(
    conn: sqlcipher3.Connection,
    entry_public_id: str,
    data: bytes,
    name: str,
    progress: ingest.Progress | None = None,
    cancelled: ingest.CancelCheck | None = None,
) -> Attachment:
    """Store ``data`` as an attachment named ``name`` inside the caller's transaction."""
    data = bytes(data)
    known = ingest.find_same(conn, hashlib.sha256(data).hexdigest(), len(data))
    if known is not None:  # already in the vault: link it (docs/record-format.md)
        return ingest.link_original(conn, entry_public_id, name, *known)
    return ingest.store_original(
        conn,
        entry_public_id,
        name,
        lambda rowid: ingest.insert_chunks(
            conn, rowid, _blocks(data), len(data), progress, cancelled
        ),
    )
