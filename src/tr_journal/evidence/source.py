"""Reading a bundle in place, as a zip or as an extracted folder, without extracting anything.

A bundle comes from outside: it may be hostile. A zip is judged on its central directory alone,
before one byte is decompressed: ``..`` or absolute names, symlinks, duplicate or
case-colliding names, encryption, unknown compression and zip bombs (an entry over 1 MiB
expanding more than 100x, or a total over 100x the zip's size) are refused. Directory entries
are allowed and ignored, so a genuine bundle re-zipped by a file manager still reads. Files are
then streamed straight out of the archive: nothing is written to disk, TMPDIR included.
"""

from __future__ import annotations

import io
import os
import stat
import struct
import zipfile
from pathlib import Path
from typing import Any, BinaryIO

from tr_journal.errors import N_, TemplatedProblem
from tr_journal.evidence.bag import BAGIT_TXT

BOMB_ENTRY_MIN = 1024 * 1024
BOMB_RATIO = 100
MACOS_JUNK = "__MACOSX/"


class UnsafeBundle(TemplatedProblem):
    """The bundle was refused before reading."""


class DamagedMember(TemplatedProblem, zipfile.BadZipFile):
    """A member's bytes cannot be trusted to be the ones the central directory describes
    (raised while reading, after the bundle was accepted)."""


class BagSource:
    """Files of one bag: ``files`` maps bag-relative paths to sizes."""

    files: dict[str, int]
    kind: str
    detail_template: str
    detail_params: dict[str, Any]

    @property
    def detail(self) -> str:
        """The zip-safety finding as an English sentence."""
        return self.detail_template.format(**self.detail_params)

    def open(self, path: str) -> BinaryIO:
        raise NotImplementedError

    def read(self, path: str, limit: int = 64 * 1024 * 1024) -> bytes | None:
        """Small files (manifests, JSON) in full; ``None`` if absent or larger than ``limit``."""
        if path not in self.files or self.files[path] > limit:
            return None
        with self.open(path) as handle:
            return handle.read(limit + 1)[:limit]

    def close(self) -> None:
        pass

    def __enter__(self) -> BagSource:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _unsafe_name(name: str) -> str | None:
    if "\\" in name:
        return N_("the name {name} contains a backslash")
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return N_("the name {name} is an absolute path")
    if ".." in name.split("/"):
        return N_("the name {name} climbs out of the folder with '..'")
    return None


class ZipBag(BagSource):
    kind = "zip"

    def __init__(self, path: Path) -> None:
        self._path = Path(path)
        try:
            self._zip = zipfile.ZipFile(path)
        # a damaged central directory surfaces as any of these from zipfile (found by fuzzing)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError,
                RuntimeError) as exc:
            raise UnsafeBundle(N_("the file is not a readable zip archive ({error})"),
                               error=str(exc)) from exc
        try:
            names = self._check(os.path.getsize(path))
            # macOS "Compress" adds AppleDouble files beside the folder: not part of the bag.
            apple = [n for n in names if n.startswith(MACOS_JUNK)]
            names = {n: size for n, size in names.items() if not n.startswith(MACOS_JUNK)}
            self._prefix = _bag_prefix(list(names))
        except UnsafeBundle:
            self._zip.close()
            raise
        self._names = {n[len(self._prefix):]: n for n in names}
        self.files = {rel: names[full] for rel, full in self._names.items()}
        self.detail_params = {"count": len(self.files)}
        self.detail_template = N_("{count} files; no unsafe names, links, duplicates or "
                                  "oversized expansion")
        if apple:
            self.detail_template = N_("{count} files; no unsafe names, links, duplicates or "
                                      "oversized expansion; {ignored} macOS __MACOSX files "
                                      "beside the bag ignored")
            self.detail_params["ignored"] = len(apple)

    def _check(self, zip_size: int) -> dict[str, int]:
        names: dict[str, int] = {}
        folded: set[str] = set()
        total = 0
        for info in self._zip.infolist():
            name = info.filename
            problem = _unsafe_name(name)
            if problem:
                raise UnsafeBundle(problem, name=repr(name))
            mode = info.external_attr >> 16
            if info.create_system == 3 and stat.S_ISLNK(mode):
                raise UnsafeBundle(N_("{name} is a symbolic link"), name=repr(name))
            if name.endswith("/"):
                continue
            if name in names:
                raise UnsafeBundle(N_("the name {name} appears twice"), name=repr(name))
            if name.casefold() in folded:
                raise UnsafeBundle(N_("the name {name} differs from another only by case"),
                                   name=repr(name))
            if info.flag_bits & 0x1:
                raise UnsafeBundle(N_("{name} is encrypted"), name=repr(name))
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise UnsafeBundle(N_("{name} uses an unsupported compression"), name=repr(name))
            if (info.file_size > BOMB_ENTRY_MIN
                    and info.file_size > BOMB_RATIO * max(info.compress_size, 1)):
                raise UnsafeBundle(N_("{name} would expand more than {ratio} times "
                                      "(a zip bomb)"), name=repr(name), ratio=BOMB_RATIO)
            total += info.file_size
            names[name] = info.file_size
            folded.add(name.casefold())
        if total > BOMB_RATIO * max(zip_size, 1):
            raise UnsafeBundle(N_("the archive would expand to more than {ratio} times its "
                                  "size (a zip bomb)"), ratio=BOMB_RATIO)
        return names

    def open(self, path: str) -> BinaryIO:
        info = self._zip.getinfo(self._names[path])
        if info.compress_type == zipfile.ZIP_STORED:
            return _stored_member(self._path, info)
        return self._zip.open(info)  # type: ignore[return-value]

    def close(self) -> None:
        self._zip.close()


def _stored_member(path: Path, info: zipfile.ZipInfo) -> BinaryIO:
    """A stored member's bytes read straight from the archive (media: most of a bundle).

    zipfile's reader would add a CRC-32 pass and per-block overhead; the SHA-256 we compute
    over the same bytes is the stronger check, so the raw range is enough once the local
    header has been checked against the central directory.
    """
    handle = open(path, "rb")  # noqa: SIM115 (closed by the returned reader)
    try:
        handle.seek(info.header_offset)
        header = handle.read(30)
        if len(header) != 30 or header[:4] != b"PK\x03\x04":
            raise DamagedMember(N_("bad local header for {name}"), name=info.filename)
        name_len, extra_len = struct.unpack("<HH", header[26:30])
        name = handle.read(name_len)
        if name.decode("utf-8" if info.flag_bits & 0x800 else "cp437") != info.orig_filename:
            raise DamagedMember(N_("local and central names differ for {name}"),
                                name=info.filename)
        start = info.header_offset + 30 + name_len + extra_len
        if start + info.file_size > os.fstat(handle.fileno()).st_size:
            raise DamagedMember(N_("{name} runs past the end of the archive"),
                                name=info.filename)
        handle.seek(start)
        return _Bounded(handle, info.file_size)  # type: ignore[return-value]
    except BaseException:
        handle.close()
        raise


class _Bounded(io.RawIOBase):
    def __init__(self, handle: BinaryIO, size: int) -> None:
        self._handle, self._left = handle, size

    def readable(self) -> bool:
        return True

    def read(self, n: int = -1) -> bytes:  # type: ignore[override]
        n = self._left if n is None or n < 0 else min(n, self._left)
        data = self._handle.read(n)
        self._left -= len(data)
        return data

    def close(self) -> None:
        self._handle.close()
        super().close()


class FolderBag(BagSource):
    kind = "folder"

    def __init__(self, root: Path) -> None:
        self._root = root
        files: dict[str, int] = {}
        for folder, dirs, names in os.walk(root, followlinks=False):
            for name in [*dirs, *names]:
                full = Path(folder) / name
                info = full.lstat()
                rel = full.relative_to(root).as_posix()
                if stat.S_ISLNK(info.st_mode):
                    raise UnsafeBundle(N_("{name} is a symbolic link"), name=repr(rel))
                if name in names:
                    if not stat.S_ISREG(info.st_mode):
                        raise UnsafeBundle(N_("{name} is not a regular file"), name=repr(rel))
                    files[rel] = info.st_size
        prefix = _bag_prefix(list(files))
        self._root = root / prefix if prefix else root
        self.files = {k[len(prefix):]: v for k, v in files.items()}
        self.detail_template = N_("a folder of {count} files, no symbolic links")
        self.detail_params = {"count": len(self.files)}

    def open(self, path: str) -> BinaryIO:
        return open(self._root / path, "rb")


def _bag_prefix(names: list[str]) -> str:
    """The bag is the archive's root or its one top folder (design §5)."""
    if BAGIT_TXT in names:
        return ""
    tops = {n.split("/", 1)[0] for n in names}
    if len(tops) == 1:
        top = next(iter(tops))
        if f"{top}/{BAGIT_TXT}" in names:
            return top + "/"
    raise UnsafeBundle(N_("it does not hold one bag folder with a bagit.txt"))


def open_bundle(path: Path) -> BagSource:
    path = Path(path)
    if path.is_dir():
        return FolderBag(path)
    if not path.is_file():
        raise UnsafeBundle(N_("there is no file or folder at {path}"), path=str(path))
    return ZipBag(path)
