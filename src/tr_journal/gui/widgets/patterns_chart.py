"""The incidents chart on screen: the SVG of :mod:`tr_journal.patterns.chart`, drawn by Qt.

Why the same SVG as the dossier: the person and the lawyer see the same picture. It is drawn
at the widget's own size (text never scaled), and a click is mapped to the bar under it with
the renderer's own layout, so what is clicked is exactly what is counted.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter, QResizeEvent
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QSizePolicy, QWidget

from tr_journal.patterns.chart import Bar, IncidentSeries, layout, render_incidents_svg


class IncidentChart(QWidget):
    """Emits :attr:`bar_clicked` with the :class:`Bar` clicked (or chosen with the keys)."""

    bar_clicked = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.series = IncidentSeries((), ())
        self.lang = "en"
        self.svg = ""
        self._renderer = QSvgRenderer(self)
        self._bars: list[Bar] = []
        self._focus_bar = -1
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(320, 200)

    def sizeHint(self) -> QSize:
        return QSize(720, 340)

    def set_series(self, series: IncidentSeries, lang: str) -> None:
        self.series, self.lang = series, lang
        self._focus_bar = -1
        self._render()

    def _render(self) -> None:
        width, height = max(self.width(), 320), max(self.height(), 200)
        self.svg = render_incidents_svg(self.series, lang=self.lang, width=width, height=height)
        self._renderer.load(QByteArray(self.svg.encode("utf-8")))
        self._bars = layout(self.series, width, height)
        self.update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._render()

    def paintEvent(self, _event: object) -> None:
        painter = QPainter(self)
        self._renderer.render(painter)
        if 0 <= self._focus_bar < len(self._bars) and self.hasFocus():
            bar = self._bars[self._focus_bar]
            painter.setPen(self.palette().highlight().color())
            painter.drawRect(
                int(bar.x) - 2, int(bar.y) - 2, int(bar.width) + 4, int(bar.height) + 4
            )
        painter.end()

    def bar_at(self, x: float, y: float) -> Bar | None:
        return next((bar for bar in self._bars if bar.contains(x, y)), None)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        bar = self.bar_at(event.position().x(), event.position().y())
        if bar is not None:
            self._focus_bar = self._bars.index(bar)
            self.update()
            self.bar_clicked.emit(bar)
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Left/right walk the bars, Enter lists the entries behind the one chosen."""
        if not self._bars:
            super().keyPressEvent(event)
            return
        key = event.key()
        if key in (Qt.Key.Key_Right, Qt.Key.Key_Down):
            self._focus_bar = min(len(self._bars) - 1, self._focus_bar + 1)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Up):
            self._focus_bar = max(0, self._focus_bar - 1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            if self._focus_bar >= 0:
                self.bar_clicked.emit(self._bars[self._focus_bar])
        else:
            super().keyPressEvent(event)
            return
        self.update()
