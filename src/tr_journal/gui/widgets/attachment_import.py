"""The parts of the attachments panel that are not the panel: the import job run on the worker,
in-memory PNG encoding of a pasted or captured image, sizes for people, a self-hiding status line.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QImage, QImageWriter
from PySide6.QtWidgets import QLabel

from tr_journal.domain import Attachment
from tr_journal.i18n.format import for_display, format_size
from tr_journal.media.attaching import Source, attach_files
from tr_journal.vault import Vault


def image_png_bytes(image: QImage) -> bytes:
    """Encode a clipboard/screen image as PNG in memory."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    QImageWriter(buffer, QByteArray(b"PNG")).write(image)  # what QImage.save does, typed
    buffer.close()
    return bytes(data.data())


def human_size(size: int) -> str:
    """A size in the language's units and decimal mark ("77.7 kB", fr « 77,7 ko »)."""
    return format_size(size)


class StatusLabel(QLabel):
    """A one-line message that takes no room when it has nothing to say."""

    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(True)
        self.hide()

    def setText(self, text: str) -> None:
        super().setText(for_display(text))
        self.setVisible(bool(text))

    def clear(self) -> None:
        self.setText("")


def import_job(
    vault: Vault, entry_id: str, sources: list[Source]
) -> Callable[[Callable[[int, int], None], Callable[[], bool]], list[Attachment]]:
    """The task-runner job attaching ``sources``: the one attach policy of
    :func:`tr_journal.media.attaching.attach_files` (one transaction per file)."""

    def job(
        progress: Callable[[int, int], None], cancelled: Callable[[], bool]
    ) -> list[Attachment]:
        return attach_files(vault, entry_id, sources, progress, cancelled)

    return job
