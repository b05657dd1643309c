"""The screenshots kept in docs/screenshots/: entry form, entry detail, menus and export wizard
in English, French and Uyghur, taken from a run of tools/screenshots.py per language::

    for l in en fr ug; do TR_JOURNAL_LANG=$l xvfb-run -a -s "-screen 0 1366x768x24" \\
        .venv/bin/python tools/screenshots.py --out /tmp/shots/$l; done
    .venv/bin/python tools/docs_screenshots.py /tmp/shots

Each file stays under ~150 KB (scaled down when needed) so the repository stays small.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QPoint, QRect, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "docs" / "screenshots"
LIMIT = 150_000
#: (saved as, taken from) — the whole screen
WHOLE = (
    ("entry-form", "07-entry-form"),
    ("entry-detail", "11-attachment-audio"),
    ("export-1-selection", "30-export-1-selection"),
    ("export-4-done", "30-export-4-done"),
)


def png_bytes(image: QImage) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG", 9)
    return bytes(buffer.data())


def save_small(image: QImage, path: Path) -> None:
    """PNG, scaled down in steps until it is under LIMIT bytes."""
    scale = 1.0
    data = png_bytes(image)
    while len(data) > LIMIT and scale > 0.5:
        scale -= 0.1
        data = png_bytes(
            image.scaledToWidth(
                int(image.width() * scale), Qt.TransformationMode.SmoothTransformation
            )
        )
    path.write_bytes(data)
    print(f"{path.relative_to(REPO)}: {len(data) // 1000} KB")


def menus(folder: Path, rtl: bool) -> QImage:
    """The four menus side by side: each cropped to the half of the screen it opens in."""
    shots = [QImage(str(folder / f"16-menu-{n}.png")) for n in (1, 2, 3, 4)]
    width, height = 683, 190
    sheet = QImage(2 * width, 2 * height, QImage.Format.Format_RGB32)
    sheet.fill(Qt.GlobalColor.white)
    painter = QPainter(sheet)
    for index, shot in enumerate(shots):
        left = shot.width() - width if rtl else 0
        painter.drawImage(
            QPoint((index % 2) * width, (index // 2) * height),
            shot.copy(QRect(left, 0, width, height)),
        )
    painter.end()
    return sheet


def main(source: Path) -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for lang in ("en", "fr", "ug"):
        folder = source / lang
        for name, taken in WHOLE:
            save_small(QImage(str(folder / f"{taken}.png")), OUT / f"{lang}-{name}.png")
        save_small(menus(folder, rtl=lang == "ug"), OUT / f"{lang}-menus.png")
    return 0


if __name__ == "__main__":
    app = QGuiApplication(sys.argv[:1])
    sys.exit(main(Path(sys.argv[1])))
