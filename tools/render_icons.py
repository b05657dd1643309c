"""Render the application icon's PNG sizes from its SVG, and copy the set into the package.

Why: desktops look up ``hicolor/<n>x<n>/apps/<app id>.png`` and some (and Windows/macOS
packagers) want bitmaps; the installed package needs the icon too, for its window icon. Rendering
with QtSvg keeps this to the wheels we already depend on. Run after editing the SVG:

    .venv/bin/python tools/render_icons.py
"""

from __future__ import annotations

import os
import shutil
import struct
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


def write_ico(pngs: dict[int, bytes], target: Path) -> None:
    """A Windows .ico holding PNG images (supported since Windows Vista) for 16 to 256 px."""
    sizes = [size for size in sorted(pngs) if size <= 256]
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, blobs = b"", b""
    for size in sizes:
        data = pngs[size]
        side = 0 if size == 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
        blobs += data
    target.write_bytes(header + entries + blobs)


#: ICNS element types holding PNG data, by pixel size (retina "@2x" variants share a size).
ICNS_TYPES = {
    16: [b"icp4"],
    32: [b"icp5", b"ic11"],
    64: [b"icp6", b"ic12"],
    128: [b"ic07"],
    256: [b"ic08", b"ic13"],
    512: [b"ic09", b"ic14"],
}


def write_icns(pngs: dict[int, bytes], target: Path) -> None:
    """A macOS .icns made of PNG elements (what iconutil produces on current macOS)."""
    body = b""
    for size, kinds in ICNS_TYPES.items():
        for kind in kinds:
            body += kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size]
    target.write_bytes(b"icns" + struct.pack(">I", 8 + len(body)) + body)


def copy_into_package(source_root: Path, package_root: Path) -> None:
    """Mirror the SVG and the PNG tree into the package, so installs carry their window icon."""
    if package_root.exists():
        shutil.rmtree(package_root)
    package_root.mkdir(parents=True)
    shutil.copy2(source_root / f"{APP_ID}.svg", package_root / f"{APP_ID}.svg")
    shutil.copytree(source_root / "hicolor", package_root / "hicolor")


def main() -> int:
    icons = SOURCE.parent
    pngs = {}
    for size, path in zip(SIZES, render(SOURCE, icons), strict=True):
        pngs[size] = path.read_bytes()
        print(path.relative_to(ROOT))
    write_ico(pngs, icons / f"{APP_ID}.ico")
    write_icns(pngs, icons / f"{APP_ID}.icns")
    print(f"resources/icons/{APP_ID}.ico, .icns")
    copy_into_package(icons, PACKAGE_ICONS)
    print(PACKAGE_ICONS.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
