"""Helper threads that let an export decrypt, hash and write at the same time.

Why threads: an export does four passes over every original's bytes — SQLCipher's decryption,
the SHA-256 that checks the bytes against the hash recorded at import, zipfile's CRC-32 and
the SHA-256 of the delivered zip — and a single thread does them one after the other.
SQLite, hashlib and zlib release the GIL on large buffers, so a reader thread that decrypts the
next chunk and a hasher thread that trails the zip writer run alongside the main thread.

Memory stays flat: the reader is at most ``AHEAD`` chunks ahead, and the trailing hasher reads
the zip back in 1 MiB blocks from the page cache.
"""

from __future__ import annotations

import hashlib
import os
import queue
import threading
from collections.abc import Callable, Iterator
from typing import Any

from tr_journal.errors import Cancelled
from tr_journal.store import attachments

AHEAD = 3  # chunks the reader may decrypt ahead of the writer (1 MiB each)
BLOCK = 1 << 20
_END = object()


class ChunkPrefetch:
    """An original's stored chunks, decrypted on a helper thread, yielded in order.

    Each chunk is read under the vault's lock on its own (a point lookup by ``idx``: the chunk
    table is an ordinary rowid table), so the app's own reads and writes interleave. The caller
    checks the bytes against the SHA-256 recorded at import, so a concurrent change can only
    fail loudly, never ship wrong bytes.
    """

    def __init__(self, vault: Any, attachment_rowid: int, count: int) -> None:
        self._vault, self._rowid, self._count = vault, attachment_rowid, count
        self._queue: queue.Queue[Any] = queue.Queue(maxsize=AHEAD)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="export-reader", daemon=True)
        self._thread.start()

    def _put(self, item: Any) -> bool:
        while not self._stop.is_set():
            try:
                self._queue.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def _run(self) -> None:
        try:
            for idx in range(self._count):
                if self._stop.is_set():
                    return
                with self._vault.reading() as conn:
                    data = attachments.chunk(conn, self._rowid, idx)
                if data is None or not self._put(data):
                    break
            self._put(_END)
        except BaseException as exc:  # handed to the consumer, which re-raises it
            self._put(exc)

    def __iter__(self) -> Iterator[bytes]:
        try:
            while True:
                item = self._queue.get()
                if item is _END:
                    return
                if isinstance(item, BaseException):
                    raise item
                yield item
        finally:
            self.close()

    def close(self) -> None:
        """Stop the reader and wait for it (it holds the vault lock only per chunk)."""
        self._stop.set()
        self._thread.join()


def cancellable(chunks: Iterator[bytes], cancelled: Callable[[], bool] | None) -> Iterator[bytes]:
    """``chunks``, raising :class:`Cancelled` before each one once the user has cancelled."""
    for chunk in chunks:
        if cancelled is not None and cancelled():
            raise Cancelled()
        yield chunk


class TrailingHasher:
    """SHA-256 of a file while it is being written, on a helper thread behind the writer.

    zipfile rewrites each member's local header after the member's data (it learns the CRC
    only then), so a byte is final only once its member is closed: the writer calls
    :meth:`advance` with the offset up to which the file is final, and the hasher reads and
    hashes up to there with ``pread`` while the writer goes on with the next member.
    """

    def __init__(self, fd: int) -> None:
        self._fd = fd
        self._digest = hashlib.sha256()
        self._final = 0
        self._done = False
        self._stop = False
        self._error: BaseException | None = None
        self._cond = threading.Condition()
        self._thread = threading.Thread(target=self._run, name="export-hasher", daemon=True)
        self._thread.start()

    def advance(self, offset: int) -> None:
        with self._cond:
            self._final = max(self._final, offset)
            self._cond.notify()

    def _next_span(self, hashed: int) -> tuple[int, bool]:
        with self._cond:
            while self._final <= hashed and not (self._done or self._stop):
                self._cond.wait()
            return self._final, self._stop or (self._done and self._final <= hashed)

    def _run(self) -> None:
        hashed = 0
        try:
            while True:
                final, finished = self._next_span(hashed)
                if finished:
                    return
                while hashed < final and not self._stop:
                    block = os.pread(self._fd, min(BLOCK, final - hashed), hashed)
                    if not block:
                        raise OSError("the bundle file is shorter than what was written")
                    self._digest.update(block)
                    hashed += len(block)
        except BaseException as exc:
            self._error = exc

    def finish(self, size: int) -> str:
        """Hash up to ``size`` (the whole file, now closed by zipfile) and return the digest."""
        self.advance(size)
        with self._cond:
            self._done = True
            self._cond.notify()
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._digest.hexdigest()

    def abort(self) -> None:
        with self._cond:
            self._stop = True
            self._cond.notify()
        self._thread.join()
