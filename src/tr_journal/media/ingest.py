"""Streaming import of an original file into the vault (design §4, Attachment).

The file is read in 1 MiB chunks, each inserted as a row of ``attachment_chunks`` while SHA-256
is computed over the same bytes, inside the caller's transaction together with the
``attachment.added`` event. Memory stays flat whatever the file's size; a read error, a
cancellation or a full disk rolls the whole action back.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlcipher3

from tr_journal.errors import Cancelled, FileUnreadable
from tr_journal.journal.chain import append_event
from tr_journal.journal.entries import _row_id
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
    entry_rowid = _row_id(conn, entry_public_id)
    entry_public_id = entry_public_id.strip().upper()
    public_id = _next_public_id(conn, entry_rowid, entry_public_id)
    at = now_utc_text()
    cur = conn.execute(
        "INSERT INTO attachments (public_id, entry_id, name, size, sha256, media_type, "
        "metadata, imported_at) VALUES (?, ?, ?, 0, '', 'application/octet-stream', '{}', ?)",
        (public_id, entry_rowid, name or Path(path).name, at))
    rowid = int(cur.lastrowid)
    digest, size = _stream_chunks(conn, rowid, Path(path), progress, cancelled)
    conn.execute("UPDATE attachments SET size = ?, sha256 = ? WHERE id = ?",
                 (size, digest, rowid))
    append_event(conn, "attachment.added", public_id, digest, at)
    return {"id": public_id, "name": name or Path(path).name, "size": size, "sha256": digest,
            "media_type": "application/octet-stream", "metadata": {}, "imported_at": at}


def _stream_chunks(conn: sqlcipher3.Connection, rowid: int, path: Path,
                   progress: Progress | None, cancelled: CancelCheck | None) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    try:
        total = os.path.getsize(path)
        with open(path, "rb") as handle:
            for idx, chunk in enumerate(iter(lambda: handle.read(CHUNK_BYTES), b"")):
                if cancelled is not None and cancelled():
                    raise Cancelled()
                digest.update(chunk)
                size += len(chunk)
                conn.execute("INSERT INTO attachment_chunks (attachment_id, idx, data) "
                             "VALUES (?, ?, ?)", (rowid, idx, chunk))
                if progress is not None:
                    progress(size, max(total, size))
    except OSError as exc:
        raise FileUnreadable(path=str(path), detail=exc.strerror or str(exc)) from exc
    return digest.hexdigest(), size


def record_json(metadata: dict[str, Any]) -> str:
    return json.dumps(metadata, ensure_ascii=False, sort_keys=True)
