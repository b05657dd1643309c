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


class _LayoutChanged(Exception):
    """A chunk's length differed from the assumed layout (the layout is now measured)."""


class ChunkReader(io.RawIOBase):
    """A seekable, read-only file object over an attachment's stored chunks.

    Why: PyAV needs a *seekable* source to read an M4A whose index sits at the end (design §4),
    and nothing may be copied to a plaintext file. At most one chunk (1 MiB) is held at a time.
    The caller holds the vault's lock (``vault.reading()`` / ``transaction()``) while reading;
    inside an import transaction it also sees the chunks not yet committed.
    """

    def __init__(self, conn: sqlcipher3.Connection, rowid: int,
                 lengths: list[int] | None = None) -> None:
        super().__init__()
        self._conn = conn
        self._rowid = rowid
        self._set_layout(lengths if lengths is not None else chunk_layout(conn, rowid))
        self._pos = 0
        self._cached: tuple[int, bytes] | None = None

    def _set_layout(self, lengths: list[int]) -> None:
        self._lengths = list(lengths)
        self._starts: list[int] = []
        total = 0
        for length in self._lengths:
            self._starts.append(total)
            total += length
        self._size = total

    @classmethod
    def for_attachment(cls, conn: sqlcipher3.Connection, attachment_public_id: str
                       ) -> ChunkReader:
        """Assume full 1 MiB chunks (how ingest stores them) and check each chunk as it loads.

        Measuring every chunk with ``length(data)`` would decrypt the whole file first.
        """
        row = attachment_row(conn, attachment_public_id)
        count = conn.execute("SELECT count(*) FROM attachment_chunks WHERE attachment_id = ?",
                             (row["rowid"],)).fetchone()[0]
        size, full = int(row["size"]), 1024 * 1024
        lengths = [full] * (count - 1) + [size - full * (count - 1)] if count else []
        if count and not 0 < lengths[-1] <= full:
            lengths = chunk_layout(conn, row["rowid"])
        return cls(conn, row["rowid"], lengths)

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
            data = bytes(row[0])
            if len(data) != self._lengths[idx]:  # not the assumed layout: measure it
                self._set_layout(chunk_layout(self._conn, self._rowid))
                self._cached = None
                raise _LayoutChanged()
            self._cached = (idx, data)
        return self._cached[1]

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        done = 0
        while done < len(view) and self._pos < self._size:
            idx = bisect.bisect_right(self._starts, self._pos) - 1
            try:
                chunk = self._chunk(idx)
            except _LayoutChanged:
                continue
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
        while True:
            block = self.read(4 * 1024 * 1024)
            if not block:
                break
            parts += block
        self._cached = None
        return bytes(parts)
