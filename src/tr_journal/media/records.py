"""Reading attachments back: their records, and their original bytes as a stream or a file.

The SQL is in :mod:`tr_journal.store.attachments`; this module gives the services and the app
what they read: :class:`~tr_journal.domain.Attachment` records, the bytes chunk by chunk, and
:class:`ChunkReader`, a seekable file over the encrypted chunks (nothing is ever decrypted to
disk).
"""

from __future__ import annotations

import bisect
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlcipher3

from tr_journal.domain import Attachment
from tr_journal.errors import N_, VaultCorrupt
from tr_journal.fsutil import atomic_writer
from tr_journal.store import attachments as store
from tr_journal.vault import Vault


def list_attachments(conn: sqlcipher3.Connection, entry_public_id: str) -> list[Attachment]:
    """The live attachments of an entry, in import order."""
    return store.of_entry(conn, entry_public_id)


def attachments_of(vault: Vault, entry_public_id: str) -> list[Attachment]:
    """The live attachments of an entry, read under the vault's lock."""
    with vault.reading() as conn:
        return store.of_entry(conn, entry_public_id)


def original_bytes(vault: Vault, attachment_public_id: str) -> bytes:
    """The whole original in memory (an image or a recording shown in the app; never on disk)."""
    with vault.reading() as conn:
        return ChunkReader.for_attachment(conn, attachment_public_id).read_all_bytes()


def get_attachment(conn: sqlcipher3.Connection, attachment_public_id: str) -> Attachment:
    """One live attachment by its id (``E0001-A1``); raise :class:`NotFound` otherwise."""
    return store.find(conn, attachment_public_id)[1]


def extract(vault: Vault, attachment_public_id: str, out: Path) -> Attachment:
    """Write the original to ``out`` chunk by chunk through an atomic writer: the target holds
    its old bytes or the complete new ones, never a mix, and never the whole file in memory."""
    with vault.reading() as conn:
        found = get_attachment(conn, attachment_public_id)
        with atomic_writer(out) as handle:
            for data in iter_chunks(conn, found.id):
                handle.write(data)
    return found


def iter_chunks(conn: sqlcipher3.Connection, attachment_public_id: str) -> Iterator[bytes]:
    """The original bytes, chunk by chunk, in order (never the whole file in memory)."""
    rowid = store.find(conn, attachment_public_id)[0]
    for idx in range(store.chunk_count(conn, rowid)):
        yield _chunk(conn, rowid, idx)


def _chunk(conn: sqlcipher3.Connection, rowid: int, idx: int) -> bytes:
    data = store.chunk(conn, rowid, idx)
    if data is None:  # counted a moment ago under the same lock: the file is damaged
        raise VaultCorrupt(detail=N_("a page of the database is damaged"))
    return data


class _LayoutChanged(Exception):
    """A chunk's length differed from the assumed layout (the layout is now measured)."""


class ChunkReader(io.RawIOBase):
    """A seekable, read-only file object over an attachment's stored chunks.

    Why: PyAV needs a *seekable* source to read an M4A whose index sits at the end,
    and nothing may be copied to a plaintext file. At most one chunk (1 MiB) is held at a time.
    The caller holds the vault's lock (``vault.reading()`` / ``transaction()``) while reading;
    inside an import transaction it also sees the chunks not yet committed.
    """

    def __init__(
        self, conn: sqlcipher3.Connection, rowid: int, lengths: list[int] | None = None
    ) -> None:
        super().__init__()
        self._conn = conn
        self._rowid = rowid
        self._set_layout(lengths if lengths is not None else store.chunk_lengths(conn, rowid))
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
    def for_attachment(cls, conn: sqlcipher3.Connection, attachment_public_id: str) -> ChunkReader:
        """Assume full 1 MiB chunks (how ingest stores them) and check each chunk as it loads.

        Measuring every chunk with ``length(data)`` would decrypt the whole file first.
        """
        rowid, attachment = store.find(conn, attachment_public_id)
        count = store.chunk_count(conn, rowid)
        size, full = attachment.size, 1024 * 1024
        lengths = [full] * (count - 1) + [size - full * (count - 1)] if count else []
        if count and not 0 < lengths[-1] <= full:
            lengths = store.chunk_lengths(conn, rowid)
        return cls(conn, rowid, lengths)

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
            data = _chunk(self._conn, self._rowid, idx)
            if len(data) != self._lengths[idx]:  # not the assumed layout: measure it
                self._set_layout(store.chunk_lengths(self._conn, self._rowid))
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
            piece = chunk[offset : offset + len(view) - done]
            view[done : done + len(piece)] = piece
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
