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
            "run tools/render_icons.py after editing the icon")


def test_icon_path_finds_a_frozen_bundle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bundled = tmp_path / "tr_journal" / "resources" / "icons" / f"{APP_ID}.svg"
    bundled.parent.mkdir(parents=True)
    bundled.write_bytes(SVG.read_bytes())
    monkeypatch.setattr("sys.frozen", True, raising=False)
    monkeypatch.setattr("sys._MEIPASS", str(tmp_path), raising=False)
    assert icon_path() == bundled
