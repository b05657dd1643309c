"""A reproducible zip writer: fixed times, 0644, Unix origin, media stored, text deflated.

Two exports of the same vault at the same ``SOURCE_DATE_EPOCH`` must give the same bytes, so
nothing here depends on the machine: no local time, no umask, no directory entries, and the
caller adds entries in sorted order. Originals are stored (not deflated): they are already
compressed media, and a lawyer's tool can then read them straight out of the archive.
"""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Callable, Iterable
from typing import BinaryIO

FILE_MODE = 0o100644
UNIX = 3
ZIP64_LIMIT = (1 << 31) - 1


class DeterministicZip:
    def __init__(self, handle: BinaryIO, date_time: tuple[int, int, int, int, int, int]) -> None:
        self._zip = zipfile.ZipFile(handle, "w", allowZip64=True)
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

    def add_stream(self, name: str, size: int, chunks: Iterable[bytes],
                   on_chunk: Callable[[int], None] | None = None) -> tuple[str, int]:
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
