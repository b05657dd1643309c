"""A reproducible zip writer: fixed times, 0644, Unix origin, media stored, text deflated.

Two exports of the same vault at the same ``SOURCE_DATE_EPOCH`` must give the same bytes, so
nothing here depends on the machine: no local time, no umask, no directory entries, and the
caller adds entries in sorted order. Originals are stored (not deflated): they are already
compressed media, and a lawyer's tool can then read them straight out of the archive.
"""

from __future__ import annotations

import contextlib
import hashlib
import zipfile
from collections.abc import Callable, Iterable
from typing import BinaryIO

FILE_MODE = 0o100644
UNIX = 3
ZIP64_LIMIT = (1 << 31) - 1


class _Sink:
    """The file object zipfile writes to; after :meth:`discard` it swallows every write and seek.

    Why: on a cancel or an error the partial zip is deleted, but zipfile still wants to write
    its central directory when closed (or when garbage-collected, which then prints "Exception
    ignored in ZipFile.__del__: seek of closed file" once the real file is closed). Closing it
    into a sink that has let go of the file is clean and touches nothing.
    """

    def __init__(self, handle: BinaryIO) -> None:
        self._handle: BinaryIO | None = handle
        self._pos = 0

    def discard(self) -> None:
        if self._handle is not None:
            self._pos = self._handle.tell()
            self._handle = None

    def write(self, data: bytes) -> int:
        if self._handle is None:
            self._pos += len(data)
            return len(data)
        return self._handle.write(data)

    def tell(self) -> int:
        return self._pos if self._handle is None else self._handle.tell()

    def seek(self, offset: int, whence: int = 0) -> int:
        if self._handle is None:
            self._pos = offset if whence == 0 else self._pos + offset
            return self._pos
        return self._handle.seek(offset, whence)

    def flush(self) -> None:
        if self._handle is not None:
            self._handle.flush()


class DeterministicZip:
    def __init__(self, handle: BinaryIO, date_time: tuple[int, int, int, int, int, int]) -> None:
        self._sink = _Sink(handle)
        self._zip = zipfile.ZipFile(self._sink, "w", allowZip64=True)  # type: ignore[call-overload]
        self._date_time = date_time

    def _info(self, name: str, compress: bool, size: int) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, self._date_time)
        info.create_system = UNIX
        info.external_attr = FILE_MODE << 16
        info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
        info.file_size = size
        return info

    def add_bytes(self, name: str, data: bytes, compress: bool = True) -> None:
        info = self._info(name, compress, len(data))
        self._zip.writestr(info, data, compresslevel=6 if compress else None)

    def add_stream(
        self,
        name: str,
        size: int,
        chunks: Iterable[bytes],
        on_chunk: Callable[[int], None] | None = None,
    ) -> tuple[str, int]:
        """Store ``chunks`` under ``name``; return the SHA-256 and size of what was written."""
        info = self._info(name, False, size)
        digest = hashlib.sha256()
        written = 0
        with self._zip.open(info, "w", force_zip64=size > ZIP64_LIMIT) as member:
            for chunk in chunks:
                member.write(chunk)
                digest.update(chunk)
                written += len(chunk)
                if on_chunk is not None:
                    on_chunk(len(chunk))
        return digest.hexdigest(), written

    def close(self) -> None:
        self._zip.close()

    def abort(self) -> None:
        """Give up on the archive (the caller deletes the file): write nothing more."""
        self._sink.discard()
        with contextlib.suppress(Exception):
            self._zip.close()
