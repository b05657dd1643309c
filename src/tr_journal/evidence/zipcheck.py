"""What a zip member may look like: exactly what the bundle writer (evidence/zipout.py) writes.

``unzip`` and file managers obey more of the zip format than our reader looks at: an Info-ZIP
Unicode Path extra field (0x7075) renames a member on extraction, a mode in ``external_attr``
makes it a symbolic link whatever host the zip claims to come from, a NUL in a name cuts it
short for one tool and not for another. A bundle is therefore refused unless every member is
one the writer could have produced (docs/bundle-format.md, "What the verifier refuses"):

- names in printable ASCII, relative, with no empty, ``.`` or ``..`` part and no backslash;
- no extra field but Zip64 (0x0001), in the central directory and in the local header;
- a local header naming the member byte for byte as the central directory does;
- a regular file (or a directory entry) by its Unix mode bits *and* its MS-DOS attributes,
  for every ``create_system``;
- a central directory of bounded size, checked before zipfile parses it.

Each rule raises :class:`UnsafeBundle` with one sentence naming the member.
"""

from __future__ import annotations

import stat
import struct
import zipfile
from typing import BinaryIO

from tr_journal.errors import N_, TemplatedProblem

#: Extra fields the writer produces: zipfile adds Zip64 (0x0001) for large members, no other.
WRITER_EXTRA_FIELDS = frozenset({0x0001})
#: The Info-ZIP Unicode Path field: ``unzip`` writes the member under the name it carries.
UNICODE_PATH = 0x7075
#: A bundle holds a handful of tag files plus one file per original: far below these.
MAX_MEMBERS = 50_000
MAX_CENTRAL_DIRECTORY = 16 * 1024 * 1024
_EOCD = b"PK\x05\x06"
_ZIP64_LOCATOR = b"PK\x06\x07"
_ZIP64_EOCD = b"PK\x06\x06"
_LOCAL = b"PK\x03\x04"
_DOS_DIRECTORY = 0x10
_DOS_REPARSE_POINT = 0x400  # an NTFS link or junction


class UnsafeBundle(TemplatedProblem):
    """The bundle was refused before reading."""


def quoted(name: str) -> str:
    """A member name for a message, in quotes; the CLI and GUI escape it where they show it."""
    return f"'{name}'"


def name_problem(name: str) -> str | None:
    """Why ``name`` is not a name the writer writes (``None`` if it is one)."""
    if "\\" in name:
        return N_("the name {name} contains a backslash")
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return N_("the name {name} is an absolute path")
    parts = (name[:-1] if name.endswith("/") else name).split("/")
    if ".." in parts:
        return N_("the name {name} climbs out of the folder with '..'")
    if not name.isascii() or not name.isprintable():
        return N_("the name {name} has characters the bundle writer never uses")
    if any(part in ("", ".") for part in parts):
        return N_("the name {name} has an empty or '.' part")
    return None


def _extra_ids(extra: bytes) -> list[int] | None:
    """The header ids of an extra-field block, or ``None`` if the block is malformed."""
    ids, pos = [], 0
    while pos < len(extra):
        if pos + 4 > len(extra):
            return None
        header_id, size = struct.unpack("<HH", extra[pos : pos + 4])
        pos += 4 + size
        if pos > len(extra):
            return None
        ids.append(header_id)
    return ids


def check_extra(name: str, extra: bytes) -> None:
    ids = _extra_ids(extra)
    if ids is None:
        raise UnsafeBundle(N_("{name} has a damaged extra field"), name=quoted(name))
    unknown = [i for i in ids if i not in WRITER_EXTRA_FIELDS]
    if UNICODE_PATH in unknown:
        raise UnsafeBundle(
            N_(
                "{name} carries an extra field the bundle writer never writes "
                "(0x{field}); it could rename the file when unzipped"
            ),
            name=quoted(name),
            field=f"{UNICODE_PATH:04x}",
        )
    if unknown:
        # Most often a harmless time stamp (0x5455) added when someone re-zipped the extracted
        # folder: say so and what to do, rather than suggest a renaming attack.
        raise UnsafeBundle(
            N_(
                "{name} carries an extra field the bundle writer never writes "
                "(0x{field}): the zip was packed again by another tool or "
                "altered; verify the zip as it was received, or the extracted "
                "folder"
            ),
            name=quoted(name),
            field=f"{unknown[0]:04x}",
        )


def check_kind(info: zipfile.ZipInfo) -> None:
    """A regular file, or a directory entry; never a link or a special file, for any host."""
    name = info.orig_filename
    mode, dos = info.external_attr >> 16, info.external_attr & 0xFFFF
    kind = stat.S_IFMT(mode)
    if kind == stat.S_IFLNK or dos & _DOS_REPARSE_POINT:
        raise UnsafeBundle(N_("{name} is a symbolic link"), name=quoted(name))
    if name.endswith("/"):
        if kind not in (0, stat.S_IFDIR) or info.file_size != 0:
            raise UnsafeBundle(N_("{name} is not a regular file"), name=quoted(name))
    elif kind not in (0, stat.S_IFREG) or dos & _DOS_DIRECTORY:
        raise UnsafeBundle(N_("{name} is not a regular file"), name=quoted(name))


def check_central_directory_size(handle: BinaryIO, size: int) -> None:
    """Refuse an archive whose central directory is too big, before zipfile loads it whole."""
    tail_size = min(size, 65535 + 22)
    handle.seek(size - tail_size)
    tail = handle.read(tail_size)
    at = tail.rfind(_EOCD)
    if at < 0 or at + 22 > len(tail):
        return  # not a zip: zipfile says so in its own words
    members, directory = struct.unpack("<HI", tail[at + 10 : at + 16])
    locator = tail.rfind(_ZIP64_LOCATOR, 0, at)
    if locator >= 0 and locator + 20 <= at:
        (offset,) = struct.unpack("<Q", tail[locator + 8 : locator + 16])
        if offset + 56 <= size:
            handle.seek(offset)
            record = handle.read(56)
            if record[:4] == _ZIP64_EOCD:
                members, directory = struct.unpack("<QQ", record[32:48])
    if members > MAX_MEMBERS or directory > MAX_CENTRAL_DIRECTORY:
        raise UnsafeBundle(
            N_(
                "the archive lists {count} files in a directory of {size} bytes, "
                "far more than any bundle"
            ),
            count=members,
            size=directory,
        )


def check_local_header(handle: BinaryIO, info: zipfile.ZipInfo) -> None:
    """The local header must name the member as the central directory does, with no extra
    field the writer does not use: tools that extract from local headers see the same file."""
    header = b""
    if info.header_offset >= 0:  # a forged directory can point before the file's start
        handle.seek(info.header_offset)
        header = handle.read(30)
    if len(header) != 30 or header[:4] != _LOCAL:
        raise UnsafeBundle(N_("bad local header for {name}"), name=quoted(info.orig_filename))
    name_len, extra_len = struct.unpack("<HH", header[26:30])
    raw_name = handle.read(name_len)
    extra = handle.read(extra_len)
    encoding = "utf-8" if info.flag_bits & 0x800 else "cp437"
    if len(extra) != extra_len or raw_name.decode(encoding, "replace") != info.orig_filename:
        raise UnsafeBundle(
            N_("local and central names differ for {name}"), name=quoted(info.orig_filename)
        )
    check_extra(info.orig_filename, extra)
