"""Small icons drawn in code (no image files to ship, crisp at any scale, no content in them).

Channel icons are a coloured disc with a one- or two-letter mark; attachment icons are simple
pictograms for audio, image and document. They are cached per process: they hold no user data.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPainterPath, QPen, QPixmap

SIZE = 32
_CHANNEL_STYLE = {
    "phone": ("#2e7d32", "☎"),
    "voicemail": ("#00695c", "VM"),
    "sms": ("#1565c0", "SMS"),
    "wechat": ("#43a047", "W"),
    "whatsapp": ("#1b5e20", "WA"),
    "signal": ("#3949ab", "S"),
    "telegram": ("#0288d1", "T"),
    "email": ("#6d4c41", "@"),
    "letter": ("#795548", "✉"),
    "in_person": ("#8e24aa", "P"),
    "relative": ("#c62828", "R"),
    "other": ("#616161", "?"),
}


def _canvas() -> tuple[QPixmap, QPainter]:
    pixmap = QPixmap(SIZE, SIZE)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    return pixmap, painter


@cache
def channel_icon(channel: str | None) -> QIcon:
    colour, mark = _CHANNEL_STYLE.get(channel or "other", _CHANNEL_STYLE["other"])
    pixmap, painter = _canvas()
    painter.setBrush(QColor(colour))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(QRectF(1, 1, SIZE - 2, SIZE - 2))
    font = QFont()
    font.setBold(True)
    font.setPixelSize(16 if len(mark) == 1 else 12 if len(mark) == 2 else 9)
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(QRectF(0, 0, SIZE, SIZE), Qt.AlignmentFlag.AlignCenter, mark)
    painter.end()
    return QIcon(pixmap)


@cache
def attachment_icon(kind: str) -> QIcon:
    pixmap, painter = _canvas()
    pen = QPen(QColor("#37474f"), 2.5)
    painter.setPen(pen)
    if kind == "audio":
        for i, height in enumerate((8, 16, 24, 12, 20, 6)):
            x = 4 + i * 4.8
            painter.drawLine(QPointF(x, 16 - height / 2), QPointF(x, 16 + height / 2))
    elif kind == "image":
        painter.drawRoundedRect(QRectF(3, 6, 26, 20), 3, 3)
        path = QPainterPath(QPointF(5, 24))
        path.lineTo(13, 14)
        path.lineTo(19, 20)
        path.lineTo(22, 17)
        path.lineTo(27, 24)
        painter.drawPath(path)
        painter.drawEllipse(QPointF(22, 11), 2, 2)
    else:
        painter.drawRect(QRectF(7, 3, 18, 26))
        for y in (10, 15, 20):
            painter.drawLine(QPointF(11, y), QPointF(21, y))
    painter.end()
    return QIcon(pixmap)
