"""Reading export files safely: their SHA-256, their text's encoding, and zip archives.

An export comes from outside and may be hostile (docs/imports.md, "Hostile files"). A zip is
checked from its central directory before any member is read: a bounded number of members,
names that stay inside the export (no absolute path, no ``..``, no backslash, no link), and caps
on each member's size, on the total and on the compression ratio; reading a member stops at
its declared size, so a lying header cannot inflate past the cap either.
"""

from __future__ import annotations

import codecs
import hashlib
import stat
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from tr_journal.errors import N_, ImportRefused
from tr_journal.evidence.zipcheck import UnsafeBundle, check_central_directory_size
from tr_journal.imports.rows import Blocks, CancelCheck

CHUNK = 1024 * 1024
MAX_MEMBER_BYTES = 1024 * 1024 * 1024
MAX_TOTAL_BYTES = 8 * 1024 * 1024 * 1024
#: A member that unpacks to more than this many times its packed size is a bomb (text
#: compresses about 10:1, media hardly at all); tiny members are exempt.
MAX_RATIO = 200
RATIO_FLOOR = 1024 * 1024
#: Text a chat export or spreadsheet may hold: far above any real one, far below the memory.
MAX_TEXT_BYTES = 256 * 1024 * 1024


def refuse(path: Path | str, detail: str, **params: Any) -> ImportRefused:
    name = path.name if isinstance(path, Path) else path
    return ImportRefused(file=name, detail=detail, **params)


def file_sha256(path: Path, cancelled: CancelCheck | None = None) -> tuple[str, int]:
    """SHA-256 and size of the file, read in chunks (the provenance of every row)."""
    digest, size = hashlib.sha256(), 0
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(CHUNK):
                if cancelled is not None and cancelled():
                    from tr_journal.errors import Cancelled

                    raise Cancelled()
                digest.update(chunk)
                size += len(chunk)
    except OSError as exc:
        raise refuse(path, N_("it cannot be read ({reason})"), reason=exc.strerror) from exc
    return digest.hexdigest(), size


def file_blocks(path: Path) -> Blocks:
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            yield chunk


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_text(data: bytes, name: str) -> str:
    """The text of an export: by its byte-order mark, else the first strict decode that works.

    UTF-8 first (it almost never decodes what is not UTF-8), then GB18030 (Chinese phones and
    spreadsheets). A file that is neither is refused rather than read as mojibake.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise refuse(
                    name, N_("its text is not valid {encoding}"), encoding=encoding.upper()
                ) from exc
    for encoding in ("utf-8", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return text
    raise refuse(
        name,
        N_(
            "its text is in no encoding this app reads (UTF-8, UTF-16 with a "
            "byte-order mark, GB18030)"
        ),
    )


def read_text_file(path: Path) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_TEXT_BYTES:
            raise refuse(path, N_("it is larger than any export of this kind"))
        data = path.read_bytes()
    except OSError as exc:
        raise refuse(path, N_("it cannot be read ({reason})"), reason=exc.strerror) from exc
    return decode_text(data, path.name)


def _name_problem(name: str) -> str | None:
    if "\\" in name or "\x00" in name:
        return N_("a file inside it has a name with a backslash or NUL ({name})")
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return N_("a file inside it has an absolute path ({name})")
    if ".." in name.split("/"):
        return N_("a file inside it climbs out of the export with '..' ({name})")
    return None


class SafeZip:
    """A zip export whose members were all checked before one is read."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self._handle: BinaryIO = path.open("rb")
            size = path.stat().st_size
            check_central_directory_size(self._handle, size)
            self._zip = zipfile.ZipFile(self._handle)
        except UnsafeBundle as exc:
            raise refuse(path, N_("it lists far more files than any export")) from exc
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
            raise refuse(path, N_("it is not a complete ZIP archive")) from exc
        self.members: dict[str, zipfile.ZipInfo] = {}
        total = 0
        for info in self._zip.infolist():
            self._check(info)
            total += info.file_size
            if not info.is_dir():
                self.members[info.filename] = info
        if total > MAX_TOTAL_BYTES:
            raise refuse(
                path, N_("it would unpack to more than {limit} GiB"), limit=MAX_TOTAL_BYTES >> 30
            )

    def _check(self, info: zipfile.ZipInfo) -> None:
        problem = _name_problem(info.filename)
        if problem:
            raise refuse(self.path, problem, name=info.filename)
        if stat.S_ISLNK(info.external_attr >> 16):
            raise refuse(self.path, N_("a file inside it is a link ({name})"), name=info.filename)
        if info.file_size > MAX_MEMBER_BYTES:
            raise refuse(
                self.path,
                N_("a file inside it would unpack to more than {limit} GiB ({name})"),
                limit=MAX_MEMBER_BYTES >> 30,
                name=info.filename,
            )
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise refuse(
                self.path,
                N_(
                    "a file inside it is compressed beyond any real file, as in a zip bomb ({name})"
                ),
                name=info.filename,
            )

    def close(self) -> None:
        self._zip.close()
        self._handle.close()

    def by_basename(self) -> dict[str, str]:
        """Member name by its last part (exports refer to their media by file name)."""
        return {name.rsplit("/", 1)[-1]: name for name in self.members}

    def read(self, name: str, limit: int = MAX_TEXT_BYTES) -> bytes:
        info = self.members[name]
        if info.file_size > limit:
            raise refuse(
                self.path,
                N_("a file inside it is larger than any export of this kind ({name})"),
                name=name,
            )
        return b"".join(self.blocks(name))

    def blocks(self, name: str) -> Iterator[bytes]:
        """The member's bytes, never more than its declared size (checked against the CRC)."""
        info = self.members[name]
        left = info.file_size
        try:
            with self._zip.open(info) as member:
                while chunk := member.read(min(CHUNK, left + 1)):
                    left -= len(chunk)
                    if left < 0:
                        raise refuse(
                            self.path,
                            N_("a file inside it is larger than it says ({name})"),
                            name=name,
                        )
                    yield chunk
        except (zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:
            raise refuse(
                self.path, N_("a file inside it is damaged or cut short ({name})"), name=name
            ) from exc
