"""Reading a bundle in place, as a zip or as an extracted folder, without extracting anything.

A bundle comes from outside: it may be hostile. A zip is judged on its central directory and
local headers alone, before one byte is decompressed: every member must be one the bundle
writer could have produced (evidence/zipcheck.py: names, extra fields, file kinds), with no
duplicate or case-colliding names, encryption, unknown compression or zip bomb (an entry over
1 MiB expanding more than 100x, or a total over 100x the zip's size), and every member must lie
in the one bag folder. Directory entries are allowed (a genuine bundle re-zipped by a tool that
adds them still reads) and kept in ``dirs``: the verifier refuses those that are not parents of
a listed file. Files are then streamed straight out of the archive: nothing is written to disk,
TMPDIR included. An extracted folder follows the same rules: no links, no special files.
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
from tr_journal.evidence import zipcheck
from tr_journal.evidence.bag import BAGIT_TXT
from tr_journal.evidence.zipcheck import UnsafeBundle, quoted

__all__ = ["BagSource", "DamagedMember", "FolderBag", "UnsafeBundle", "ZipBag", "open_bundle"]

BOMB_ENTRY_MIN = 1024 * 1024
BOMB_RATIO = 100


class DamagedMember(TemplatedProblem, zipfile.BadZipFile):
    """A member's bytes cannot be trusted to be the ones the central directory describes
    (raised while reading, after the bundle was accepted)."""


class BagSource:
    """Files of one bag: ``files`` maps bag-relative paths to sizes; ``dirs`` holds the
    bag-relative folders that appear as entries of their own (zip) or exist (folder)."""

    files: dict[str, int]
    dirs: frozenset[str] = frozenset()
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


class ZipBag(BagSource):
    kind = "zip"

    def __init__(self, path: Path) -> None:
        self._path = Path(path)
        try:
            with open(path, "rb") as handle:
                zipcheck.check_central_directory_size(handle, os.path.getsize(path))
            self._zip = zipfile.ZipFile(path)
        # a damaged central directory surfaces as any of these from zipfile (found by fuzzing)
        except (
            zipfile.BadZipFile,
            OSError,
            EOFError,
            ValueError,
            NotImplementedError,
            RuntimeError,
            struct.error,
        ) as exc:
            raise UnsafeBundle(
                N_("the file is not a readable zip archive ({error})"), error=str(exc)
            ) from exc
        try:
            names, dirs = self._check(os.path.getsize(path))
            self._prefix = _bag_prefix(list(names))
            for name in [*names, *dirs]:
                if not name.startswith(self._prefix):
                    raise UnsafeBundle(N_("{name} lies outside the bag folder"), name=quoted(name))
        except UnsafeBundle:
            self._zip.close()
            raise
        self._names = {n[len(self._prefix) :]: n for n in names}
        self.files = {rel: names[full] for rel, full in self._names.items()}
        self.dirs = frozenset(d[len(self._prefix) :].rstrip("/") for d in dirs) - {""}
        self.detail_params = {"count": len(self.files)}
        self.detail_template = N_(
            "{count} files; no unsafe names, links, duplicates or oversized expansion"
        )

    def _check(self, zip_size: int) -> tuple[dict[str, int], set[str]]:
        """Every member against the writer's rules; the files (name -> size) and folders."""
        names: dict[str, int] = {}
        dirs: set[str] = set()
        folded: set[str] = set()
        total = 0
        infos = self._zip.infolist()
        for info in infos:
            name = info.orig_filename
            problem = zipcheck.name_problem(name)
            if problem:
                raise UnsafeBundle(problem, name=quoted(name))
            zipcheck.check_kind(info)
            zipcheck.check_extra(name, info.extra)
            if name in names or name in dirs:
                raise UnsafeBundle(N_("the name {name} appears twice"), name=quoted(name))
            if name.casefold() in folded:
                raise UnsafeBundle(
                    N_("the name {name} differs from another only by case"), name=quoted(name)
                )
            folded.add(name.casefold())
            if name.endswith("/"):
                dirs.add(name)
                continue
            if info.flag_bits & 0x1:
                raise UnsafeBundle(N_("{name} is encrypted"), name=quoted(name))
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise UnsafeBundle(N_("{name} uses an unsupported compression"), name=quoted(name))
            if info.file_size > BOMB_ENTRY_MIN and info.file_size > BOMB_RATIO * max(
                info.compress_size, 1
            ):
                raise UnsafeBundle(
                    N_("{name} would expand more than {ratio} times (a zip bomb)"),
                    name=quoted(name),
                    ratio=BOMB_RATIO,
                )
            total += info.file_size
            names[name] = info.file_size
        if total > BOMB_RATIO * max(zip_size, 1):
            raise UnsafeBundle(
                N_("the archive would expand to more than {ratio} times its size (a zip bomb)"),
                ratio=BOMB_RATIO,
            )
        with open(self._path, "rb") as handle:
            for info in infos:
                zipcheck.check_local_header(handle, info)
        return names, dirs

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
            raise DamagedMember(N_("local and central names differ for {name}"), name=info.filename)
        start = info.header_offset + 30 + name_len + extra_len
        if start + info.file_size > os.fstat(handle.fileno()).st_size:
            raise DamagedMember(N_("{name} runs past the end of the archive"), name=info.filename)
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

    def read(self, n: int = -1) -> bytes:
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
        files: dict[str, int] = {}
        folders: set[str] = set()
        for folder, dirs, names in os.walk(root, followlinks=False):
            for name in [*dirs, *names]:
                full = Path(folder) / name
                info = full.lstat()
                rel = full.relative_to(root).as_posix()
                if stat.S_ISLNK(info.st_mode):
                    raise UnsafeBundle(N_("{name} is a symbolic link"), name=quoted(rel))
                if stat.S_ISDIR(info.st_mode):
                    folders.add(rel)
                elif stat.S_ISREG(info.st_mode):
                    files[rel] = info.st_size
                else:
                    raise UnsafeBundle(N_("{name} is not a regular file"), name=quoted(rel))
        prefix = _bag_prefix(list(files))
        for name in [*files, *folders]:
            if not (name + "/").startswith(prefix):
                raise UnsafeBundle(N_("{name} lies outside the bag folder"), name=quoted(name))
        self._root = root / prefix if prefix else root
        self.files = {k[len(prefix) :]: v for k, v in files.items()}
        self.dirs = frozenset(d[len(prefix) :] for d in folders if len(d) > len(prefix))
        self.detail_template = N_("a folder of {count} files, no symbolic links")
        self.detail_params = {"count": len(self.files)}

    def open(self, path: str) -> BinaryIO:
        return open(self._root / path, "rb")


def _bag_prefix(names: list[str]) -> str:
    """The bag is the archive's root or the one top folder holding bagit.txt
    (docs/bundle-format.md, "Layout"); everything else must lie inside it."""
    if BAGIT_TXT in names:
        return ""
    tops = [
        n[: -len(BAGIT_TXT)] for n in names if n.count("/") == 1 and n.endswith("/" + BAGIT_TXT)
    ]
    if len(tops) == 1:
        return tops[0]
    raise UnsafeBundle(N_("it does not hold one bag folder with a bagit.txt"))


def open_bundle(path: Path) -> BagSource:
    path = Path(path)
    if path.is_dir():
        return FolderBag(path)
    if not path.is_file():
        raise UnsafeBundle(N_("there is no file or folder at {path}"), path=str(path))
    return ZipBag(path)
