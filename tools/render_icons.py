"""Render the application icon's PNG sizes from its SVG, and copy the set into the package.

Why: desktops look up ``hicolor/<n>x<n>/apps/<app id>.png`` and some (and Windows/macOS
packagers) want bitmaps; the installed package needs the icon too, for its window icon. Rendering
with QtSvg keeps this to the wheels we already depend on. Run after editing the SVG:

    .venv/bin/python tools/render_icons.py
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP_ID = "org.trjournal.TrJournal"
SIZES = (16, 32, 48, 64, 128, 256, 512)
SOURCE = ROOT / "resources" / "icons" / f"{APP_ID}.svg"
PACKAGE_ICONS = ROOT / "src" / "tr_journal" / "resources" / "icons"


def render(svg: Path, out_root: Path) -> list[Path]:
    """Write one PNG per size under ``out_root/hicolor/<n>x<n>/apps/``; return their paths."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"not a valid SVG: {svg}")
    written = []
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        target = out_root / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(target), "PNG"):
            raise SystemExit(f"could not write {target}")
        written.append(target)
    return written


def copy_into_package(source_root: Path, package_root: Path) -> None:
    """Mirror the SVG and the PNG tree into the package, so installs carry their window icon."""
    if package_root.exists():
        shutil.rmtree(package_root)
    package_root.mkdir(parents=True)
    shutil.copy2(source_root / f"{APP_ID}.svg", package_root / f"{APP_ID}.svg")
    shutil.copytree(source_root / "hicolor", package_root / "hicolor")


def main() -> int:
    icons = SOURCE.parent
    for path in render(SOURCE, icons):
        print(path.relative_to(ROOT))
    copy_into_package(icons, PACKAGE_ICONS)
    print(PACKAGE_ICONS.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
