"""A waveform strip drawn from a peak summary (``tr_journal.media.decode.waveform``).

API: ``set_peaks(list[float])`` (values 0..1), ``set_position(fraction)``, ``clear()``; the
``seekRequested(float)`` signal carries the clicked fraction (0..1) of the recording.
Nothing is cached to disk: the peaks are a few hundred floats held by the widget.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QMouseEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from tr_journal.i18n import _


class WaveformWidget(QWidget):
    """Bars of the recording's loudness with a playhead; click or drag to seek."""

    seekRequested = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._peaks: list[float] = []
        self._position = 0.0
        self.setMinimumHeight(48)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(_("Waveform of the recording"))
        self.setAccessibleDescription(_("Click to move playback to that point."))
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # time runs left to right in every language, as on media players' timelines
        self.setLayoutDirection(Qt.LayoutDirection.LeftToRight)

    def set_peaks(self, peaks: list[float]) -> None:
        self._peaks = [min(1.0, max(0.0, float(p))) for p in peaks]
        self.update()

    def peaks(self) -> list[float]:
        return list(self._peaks)

    def set_position(self, fraction: float) -> None:
        self._position = min(1.0, max(0.0, fraction))
        self.update()

    def position(self) -> float:
        return self._position

    def clear(self) -> None:
        self._peaks = []
        self._position = 0.0
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        width, height = self.width(), self.height()
        if self._peaks and width > 0:
            step = width / len(self._peaks)
            mid = height / 2
            played = palette.color(QPalette.ColorRole.Highlight)
            rest = palette.color(QPalette.ColorRole.Mid)
            for i, peak in enumerate(self._peaks):
                x = i * step
                bar = max(1.0, peak * (height - 4))
                color = played if (i + 0.5) / len(self._peaks) <= self._position else rest
                painter.fillRect(QRectF(x, mid - bar / 2, max(1.0, step - 1), bar), color)
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        x = self._position * width
        painter.drawLine(QPointF(x, 0), QPointF(x, height))
        painter.end()

    def _seek_to(self, event: QMouseEvent) -> None:
        if self.width() > 0:
            fraction = min(1.0, max(0.0, event.position().x() / self.width()))
            self.seekRequested.emit(fraction)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._seek_to(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._seek_to(event)
