"""The application icon: a valid SVG, PNGs of the sizes desktops look up, and the same files
inside the package (for the window icon of an installed or frozen app)."""

from __future__ import annotations

import struct
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tr_journal import APP_ID
from tr_journal.resources_path import icon_path

REPO = Path(__file__).resolve().parents[2]
ICONS = REPO / "resources" / "icons"
SVG = ICONS / f"{APP_ID}.svg"
SIZES = (16, 32, 48, 64, 128, 256, 512)


def _png_size(path: Path) -> tuple[int, int]:
    """Width and height from the PNG header (signature, then the IHDR chunk)."""
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    assert head[12:16] == b"IHDR"
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def test_svg_is_square_xml() -> None:
    root = ET.parse(SVG).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("viewBox") == "0 0 256 256"


def test_svg_renders_with_qtsvg() -> None:
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SVG))
    assert renderer.isValid()
    assert renderer.defaultSize().width() == renderer.defaultSize().height() == 256


@pytest.mark.parametrize("size", SIZES)
def test_png_has_its_size(size: int) -> None:
    png = ICONS / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
    assert _png_size(png) == (size, size)


def test_package_carries_the_same_icons() -> None:
    assert icon_path().read_bytes() == SVG.read_bytes()
    for size in SIZES:
        source = ICONS / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        assert icon_path(size).read_bytes() == source.read_bytes(), (
            "run tools/render_icons.py after editing the icon"
        )


def test_icon_path_finds_a_frozen_bundle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bundled = tmp_path / "tr_journal" / "resources" / "icons" / f"{APP_ID}.svg"
    bundled.parent.mkdir(parents=True)
    bundled.write_bytes(SVG.read_bytes())
    monkeypatch.setattr("sys.frozen", True, raising=False)
    monkeypatch.setattr("sys._MEIPASS", str(tmp_path), raising=False)
    assert icon_path() == bundled


def test_windows_ico_holds_every_size_up_to_256() -> None:
    data = (ICONS / f"{APP_ID}.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    sides = []
    for index in range(count):
        side, _, _, _, _, _, size, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * index : 22 + 16 * index]
        )
        assert data[offset : offset + 8] == b"\x89PNG\r\n\x1a\n"
        assert offset + size <= len(data)
        sides.append(side or 256)
    assert sides == [size for size in SIZES if size <= 256]


def test_windows_ico_is_readable_by_qt() -> None:
    from PySide6.QtGui import QImageReader

    reader = QImageReader(str(ICONS / f"{APP_ID}.ico"))
    assert reader.imageCount() == 6
    assert not reader.read().isNull()


def test_macos_icns_is_a_well_formed_container() -> None:
    data = (ICONS / f"{APP_ID}.icns").read_bytes()
    assert data[:4] == b"icns" and struct.unpack(">I", data[4:8])[0] == len(data)
    position, kinds = 8, []
    while position < len(data):
        kind, length = (
            data[position : position + 4],
            struct.unpack(">I", data[position + 4 : position + 8])[0],
        )
        assert data[position + 8 : position + 16] == b"\x89PNG\r\n\x1a\n"
        kinds.append(kind)
        position += length
    assert position == len(data)
    assert {b"icp4", b"ic07", b"ic08", b"ic09"} <= set(kinds)
