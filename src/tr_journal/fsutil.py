"""Crash-safe file writes: temp file in the same folder, fsync, rename, fsync the folder.

A reader (or a process started after ``kill -9``) sees the old bytes or the new bytes, never a
mix. ``ENOSPC`` becomes :class:`DiskFull` and the temp file is removed, so a full disk leaves
nothing half-written behind.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from tr_journal.errors import N_, DiskFull, FileUnreadable

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def atomic_writer(target: Path, mode: int = PRIVATE_FILE) -> Iterator[BinaryIO]:
    """Yield a binary file; on clean exit it replaces ``target`` atomically and durably."""
    target = Path(target)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    tmp = Path(tmp_name)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
        fsync_dir(target.parent)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise_os_error(exc, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def atomic_write_bytes(target: Path, data: bytes, mode: int = PRIVATE_FILE) -> None:
    with atomic_writer(target, mode) as handle:
        handle.write(data)


def raise_os_error(exc: OSError, path: Path) -> None:
    """Turn an OSError into the typed error the user will read."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        raise DiskFull() from exc
    raise FileUnreadable(path=str(path), detail=exc.strerror or str(exc)) from exc


def ensure_private_dir(path: Path) -> None:
    path.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    os.chmod(path, PRIVATE_DIR)


def is_disk_full(exc: BaseException) -> bool:
    text = str(exc).lower()
    return (isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT)) or (
        "database or disk is full" in text
    )


def open_regular(path: Path) -> tuple[int, os.stat_result]:
    """Open ``path`` for reading only if it is a regular file (never block on a FIFO)."""
    before = os.stat(path)
    if not stat.S_ISREG(before.st_mode):
        raise FileUnreadable(path=str(path), detail=N_("it is not a regular file"))
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    opened = os.fstat(fd)
    if not stat.S_ISREG(opened.st_mode):
        os.close(fd)
        raise FileUnreadable(path=str(path), detail=N_("it is not a regular file"))
    return fd, opened
