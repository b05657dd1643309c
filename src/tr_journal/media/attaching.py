"""Attaching files to an entry: the one policy for the command line and the desktop app.

**One transaction per file, after every file was checked.** Before anything is stored, each path
must be a regular file that can be opened for reading, so the usual mistakes (a typo, a folder, a
file without permission) attach nothing and name the culprit. Then each file is stored in its own
transaction, with its ``attachment.added`` event. Why not one transaction for all of them (what
the command line did): SQLite cannot checkpoint the WAL while a transaction is open, so a batch of
recordings would first grow the WAL by their total size (twice the disk space of the batch) and
hold the vault's lock for the whole batch; and a cancel, a full disk or a file that changes while
it is read near the end would throw away everything stored before it. Per file, what was stored
stays stored and is reported as such (``on_added``), the WAL is emptied after each file, and the
app's other reads get in between files.

Sources are paths on disk, or ``(name, bytes)`` held in memory (a pasted image, a screen
capture: never written to a temp file). PyAV (probing) is imported on the first attach, not
when this module is imported, so the app starts without it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from tr_journal.domain import Attachment
from tr_journal.errors import N_, FileUnreadable
from tr_journal.fsutil import open_regular
from tr_journal.vault import Vault

#: a file on disk, or (name, bytes) held in memory (paste, screen capture)
Source = Path | tuple[str, bytes]
Progress = Callable[[int, int], None]
CancelCheck = Callable[[], bool]


def check_readable(path: Path) -> None:
    """Raise :class:`FileUnreadable` unless ``path`` is a regular file we may read."""
    try:
        fd, _info = open_regular(path)
        os.close(fd)
    except OSError as exc:
        raise FileUnreadable(path=str(path), detail=exc.strerror or str(exc)) from exc


#: What the person is told when the bytes were already in the vault (filled by
#: :func:`same_bytes_params`, translated at the edge).
SAME_BYTES = N_(
    "The same file is already in the vault ({ids}, in {entries}); this attachment "
    "links to the stored original instead of storing it again."
)


def same_bytes_params(item: Attachment) -> dict[str, str]:
    """The values of :data:`SAME_BYTES`: the attachments and their entries (``E0001``)."""
    entries = dict.fromkeys(i.rsplit("-A", 1)[0] for i in item.same_as)
    return {"ids": ", ".join(item.same_as), "entries": ", ".join(entries)}


def source_size(source: Source) -> int:
    if isinstance(source, tuple):
        return len(source[1])
    try:
        return source.stat().st_size
    except OSError:
        return 0


def attach_files(
    vault: Vault,
    entry_id: str,
    sources: Sequence[Source],
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
    on_added: Callable[[Attachment], None] | None = None,
    link_same: bool = True,
) -> list[Attachment]:
    """Store ``sources`` under the entry, one transaction each (see the module docstring).

    ``progress(done, total)`` counts bytes over all the sources; ``on_added`` hears of each
    file as soon as it is committed, so a caller can report what was kept if a later one fails.
    Bytes already in the vault are linked to the stored original unless ``link_same`` is
    False; the record's ``same_as`` then names the attachments that held them.
    """
    from tr_journal.media import ingest
    from tr_journal.media.memory_import import add_attachment_bytes

    for source in sources:
        if not isinstance(source, tuple):
            check_readable(Path(source))
    sizes = [source_size(s) for s in sources]
    total = max(1, sum(sizes))
    done_before, added = 0, []
    for source, size in zip(sources, sizes, strict=True):

        def step(done: int, _total: int, base: int = done_before) -> None:
            if progress is not None:
                progress(base + done, total)

        with vault.transaction() as tx:
            if isinstance(source, tuple):
                record = add_attachment_bytes(tx, entry_id, source[1], source[0], step, cancelled)
            else:
                record = ingest.add_attachment(
                    tx, entry_id, Path(source), step, cancelled, link_same=link_same
                )
        added.append(record)
        if on_added is not None:
            on_added(record)
        done_before += size
    return added
