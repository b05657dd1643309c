"""Shows an image attachment from memory, with zoom (docs/architecture.md).

API for the attachments panel::

    viewer = ImageViewerWidget(parent)
    ok = viewer.load(data)       # the original bytes; False (and a message shown) if undecodable
    viewer.zoom_in(); viewer.zoom_out(); viewer.fit(); viewer.actual_size()
    viewer.clear()               # on lock: drops the image and clears Qt's pixmap cache

The image is decoded by ``QImage.fromData`` from bytes in memory; no file path is ever given to
Qt and nothing is cached to disk. Ctrl++ / Ctrl+- / Ctrl+0 work while the viewer has focus.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QImage, QKeySequence, QPixmap, QPixmapCache, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from tr_journal.i18n import _

ZOOM_STEP = 1.25
MIN_ZOOM = 0.05
MAX_ZOOM = 16.0


class ImageViewerWidget(QWidget):
    """A scrollable image with zoom in / out / fit / 100 %."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._image: QImage | None = None
        self._zoom = 1.0
        self._fit = True
        self._build()
        self._set_enabled(False)

    def _button(self, text: str, accessible: str, slot: object) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(accessible)
        button.clicked.connect(slot)
        return button

    def _build(self) -> None:
        self.zoom_in_button = self._button(_("Zoom in"), _("Zoom in"), self.zoom_in)
        self.zoom_out_button = self._button(_("Zoom out"), _("Zoom out"), self.zoom_out)
        self.fit_button = self._button(_("Fit"), _("Fit the image to the window"), self.fit)
        self.actual_button = self._button(_("100 %"), _("Show at actual size"), self.actual_size)
        self.zoom_label = QLabel(self)
        self.zoom_label.setAccessibleName(_("Zoom level"))
        self.image_label = QLabel(self)
        self.image_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image_label.setAccessibleName(_("Image"))
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setAccessibleName(_("Image view"))
        self.scroll_area.setWidget(self.image_label)
        self.scroll_area.setWidgetResizable(False)
        self.scroll_area.setAlignment(Qt.AlignmentFlag.AlignCenter)
        row = QHBoxLayout()
        for widget in (
            self.zoom_out_button,
            self.zoom_in_button,
            self.fit_button,
            self.actual_button,
        ):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.zoom_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.scroll_area, 1)
        for keys, slot in (
            (QKeySequence.StandardKey.ZoomIn, self.zoom_in),
            (QKeySequence.StandardKey.ZoomOut, self.zoom_out),
            (QKeySequence("Ctrl+0"), self.fit),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (
            self.zoom_in_button,
            self.zoom_out_button,
            self.fit_button,
            self.actual_button,
        ):
            widget.setEnabled(enabled)

    # -- API -------------------------------------------------------------------------------
    def load(self, data: bytes) -> bool:
        """Decode and show; on failure show a sentence instead and return False."""
        self.clear()
        image = QImage.fromData(QByteArray(bytes(data)))
        if image.isNull():
            self.image_label.setText(
                _("This image cannot be shown; the original is kept unchanged.")
            )
            self.image_label.adjustSize()
            return False
        self._image = image
        self._fit = True
        self._set_enabled(True)
        self._render()
        return True

    def image_size(self) -> tuple[int, int]:
        return (self._image.width(), self._image.height()) if self._image else (0, 0)

    def zoom(self) -> float:
        return self._zoom

    def zoom_in(self) -> None:
        self._set_zoom(self._zoom * ZOOM_STEP)

    def zoom_out(self) -> None:
        self._set_zoom(self._zoom / ZOOM_STEP)

    def actual_size(self) -> None:
        self._set_zoom(1.0)

    def fit(self) -> None:
        self._fit = True
        self._render()

    def clear(self) -> None:
        """Forget the image (and any pixmap Qt cached) — used on lock."""
        self._image = None
        self._zoom = 1.0
        self.image_label.clear()
        self.image_label.resize(0, 0)
        self.zoom_label.clear()
        self._set_enabled(False)
        QPixmapCache.clear()

    # -- internals -------------------------------------------------------------------------
    def _set_zoom(self, zoom: float) -> None:
        if self._image is None:
            return
        self._fit = False
        self._zoom = min(MAX_ZOOM, max(MIN_ZOOM, zoom))
        self._render()

    def _fit_zoom(self) -> float:
        assert self._image is not None
        area = self.scroll_area.viewport().size()
        if self._image.width() == 0 or self._image.height() == 0:
            return 1.0
        return max(
            MIN_ZOOM,
            min(area.width() / self._image.width(), area.height() / self._image.height(), 1.0),
        )

    def _render(self) -> None:
        if self._image is None:
            return
        if self._fit:
            self._zoom = self._fit_zoom()
        width = max(1, round(self._image.width() * self._zoom))
        height = max(1, round(self._image.height() * self._zoom))
        scaled = self._image.scaled(
            width,
            height,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        self.image_label.setPixmap(QPixmap.fromImage(scaled))
        self.image_label.resize(scaled.size())
        self.zoom_label.setText(_("{percent} %").format(percent=round(self._zoom * 100)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._fit:
            self._render()
