"""Attachment rows as the CLI, GUI and bundle see them (``show --json`` shape, design §4)."""

from __future__ import annotations

import bisect
import io
import json
from collections.abc import Iterator
from typing import Any

import sqlcipher3

COLUMNS = "a.public_id, a.name, a.size, a.sha256, a.media_type, a.metadata, a.imported_at"


def _row_to_dict(row: tuple[Any, ...]) -> dict[str, Any]:
    public_id, name, size, sha256, media_type, metadata, imported_at = row
    return {"id": public_id, "name": name, "size": size, "sha256": sha256,
            "media_type": media_type, "metadata": json.loads(metadata),
            "imported_at": imported_at}


def list_attachments(conn: sqlcipher3.Connection, entry_public_id: str) -> list[dict[str, Any]]:
    rows = conn.execute(
        f"SELECT {COLUMNS} FROM attachments a JOIN entries e ON e.id = a.entry_id "
        "WHERE e.public_id = ? AND a.removed = 0 ORDER BY a.id", (entry_public_id,)).fetchall()
    return [_row_to_dict(r) for r in rows]


def attachment_counts(conn: sqlcipher3.Connection, entry_ids: list[str]) -> dict[str, list[str]]:
    """Media types of the live attachments of each entry (for timeline icons)."""
    if not entry_ids:
        return {}
    marks = ",".join("?" * len(entry_ids))
    rows = conn.execute(
        f"SELECT e.public_id, a.media_type FROM attachments a JOIN entries e "
        f"ON e.id = a.entry_id WHERE a.removed = 0 AND e.public_id IN ({marks}) ORDER BY a.id",
        entry_ids).fetchall()
    result: dict[str, list[str]] = {}
    for public_id, media_type in rows:
        result.setdefault(public_id, []).append(media_type)
    return result


def attachment_row(conn: sqlcipher3.Connection, attachment_public_id: str) -> dict[str, Any]:
    """One live attachment by its id (``E0001-A1``); raise :class:`NotFound` otherwise."""
    from tr_journal.errors import NotFound

    row = conn.execute(f"SELECT {COLUMNS}, a.id FROM attachments a "
                       "WHERE a.public_id = ? AND a.removed = 0",
                       (attachment_public_id.strip().upper(),)).fetchone()
    if row is None:
        raise NotFound(id=attachment_public_id)
    result = _row_to_dict(row[:-1])
    result["rowid"] = row[-1]
    return result


def iter_chunks(conn: sqlcipher3.Connection, attachment_public_id: str) -> Iterator[bytes]:
    """The original bytes, chunk by chunk, in order (never the whole file in memory)."""
    rowid = attachment_row(conn, attachment_public_id)["rowid"]
    count = conn.execute("SELECT count(*) FROM attachment_chunks WHERE attachment_id = ?",
                         (rowid,)).fetchone()[0]
    for idx in range(count):
        row = conn.execute("SELECT data FROM attachment_chunks WHERE attachment_id = ? AND idx = ?",
                           (rowid, idx)).fetchone()
        yield bytes(row[0])


def chunk_layout(conn: sqlcipher3.Connection, rowid: int) -> list[int]:
    """Length of each stored chunk, in order (``length()`` does not load the blob)."""
    rows = conn.execute("SELECT length(data) FROM attachment_chunks WHERE attachment_id = ? "
                        "ORDER BY idx", (rowid,)).fetchall()
    return [int(r[0]) for r in rows]


class ChunkReader(io.RawIOBase):
    """A seekable, read-only file object over an attachment's stored chunks.

    Why: PyAV needs a *seekable* source to read an M4A whose index sits at the end (design §4),
    and nothing may be copied to a plaintext file. At most one chunk (1 MiB) is held at a time.
    The caller holds the vault's lock (``vault.reading()`` / ``transaction()``) while reading;
    inside an import transaction it also sees the chunks not yet committed.
    """

    def __init__(self, conn: sqlcipher3.Connection, rowid: int) -> None:
        super().__init__()
        self._conn = conn
        self._rowid = rowid
        self._starts: list[int] = []
        total = 0
        for length in chunk_layout(conn, rowid):
            self._starts.append(total)
            total += length
        self._size = total
        self._pos = 0
        self._cached: tuple[int, bytes] | None = None

    @classmethod
    def for_attachment(cls, conn: sqlcipher3.Connection, attachment_public_id: str
                       ) -> ChunkReader:
        return cls(conn, attachment_row(conn, attachment_public_id)["rowid"])

    @property
    def size(self) -> int:
        return self._size

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._pos, io.SEEK_END: self._size}[whence]
        self._pos = max(0, base + offset)
        return self._pos

    def _chunk(self, idx: int) -> bytes:
        if self._cached is None or self._cached[0] != idx:
            row = self._conn.execute("SELECT data FROM attachment_chunks WHERE attachment_id = ? "
                                     "AND idx = ?", (self._rowid, idx)).fetchone()
            self._cached = (idx, bytes(row[0]))
        return self._cached[1]

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        done = 0
        while done < len(view) and self._pos < self._size:
            idx = bisect.bisect_right(self._starts, self._pos) - 1
            chunk = self._chunk(idx)
            offset = self._pos - self._starts[idx]
            piece = chunk[offset:offset + len(view) - done]
            view[done:done + len(piece)] = piece
            done += len(piece)
            self._pos += len(piece)
        return done

    def read_all_bytes(self) -> bytes:
        """The whole original in memory (images and audio shown in the app; never to disk)."""
        self.seek(0)
        parts = bytearray()
        for idx in range(len(self._starts)):
            parts += self._chunk(idx)
        self._cached = None
        self._pos = self._size
        return bytes(parts)
