"""The parts of the attachments panel that are not the panel: the import job run on the worker,
in-memory PNG encoding of a pasted or captured image, sizes for people, a self-hiding status line.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLabel

from tr_journal.vault import Vault

#: a file on disk, or (name, bytes) held in memory (paste, screen capture)
Source = Path | tuple[str, bytes]


def image_png_bytes(image: QImage) -> bytes:
    """Encode a clipboard/screen image as PNG in memory."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def human_size(size: int) -> str:
    """A size in the language's units and decimal mark ("77.7 kB", fr « 77,7 ko »)."""
    from tr_journal.i18n.format import format_size

    return format_size(size)


class StatusLabel(QLabel):
    """A one-line message that takes no room when it has nothing to say."""

    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(True)
        self.hide()

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setVisible(bool(text))

    def clear(self) -> None:
        self.setText("")


def import_job(vault: Vault, entry_id: str, sources: list[Source]
                ) -> Callable[[Callable[[int, int], None], Callable[[], bool]], list[str]]:
    """One transaction per file, so a cancel or a bad file keeps what came before it."""
    sizes = [len(s[1]) if isinstance(s, tuple) else _size(s) for s in sources]
    total = max(1, sum(sizes))

    def job(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> list[str]:
        from tr_journal.media import ingest  # PyAV: loaded on first import, not at start-up
        from tr_journal.media.memory_import import add_attachment_bytes

        done_before, added = 0, []
        for source, size in zip(sources, sizes, strict=True):
            def step(done: int, _total: int, base: int = done_before) -> None:
                progress(base + done, total)

            with vault.transaction() as tx:
                if isinstance(source, tuple):
                    record = add_attachment_bytes(tx, entry_id, source[1], source[0], step,
                                                  cancelled)
                else:
                    record = ingest.add_attachment(tx, entry_id, source, step, cancelled)
            added.append(record["id"])
            done_before += size
        return added

    return job


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
