"""The image viewer shows bytes from memory and zooms; clear() forgets the image."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QPixmapCache

from tr_journal.gui.widgets.image_viewer import ImageViewerWidget


@pytest.mark.parametrize("name", ["wechat-police-demand.png", "wechat-relative-relay.jpg"])
def test_load_zoom_fit_and_clear(qtbot, fixtures_dir: Path, name: str) -> None:
    viewer = ImageViewerWidget()
    qtbot.addWidget(viewer)
    viewer.resize(400, 500)
    viewer.show()
    qtbot.waitExposed(viewer)
    assert viewer.load((fixtures_dir / name).read_bytes())
    assert viewer.image_size() == (540, 960)
    fitted = viewer.zoom()
    assert fitted < 1.0  # a 960-pixel-high screenshot fits a 500-pixel window
    assert viewer.image_label.pixmap().height() <= viewer.scroll_area.viewport().height()
    viewer.zoom_in_button.click()
    assert viewer.zoom() == pytest.approx(fitted * 1.25)
    viewer.actual_button.click()
    assert viewer.zoom() == 1.0
    assert viewer.image_label.pixmap().size().toTuple() == (540, 960)
    assert viewer.scroll_area.verticalScrollBar().maximum() > 0  # scrollable at 100 %
    viewer.zoom_out_button.click()
    assert viewer.zoom() == pytest.approx(0.8)
    viewer.fit_button.click()
    assert viewer.zoom() == pytest.approx(fitted)
    viewer.clear()
    assert viewer.image_size() == (0, 0)
    assert viewer.image_label.pixmap().isNull()
    assert not viewer.zoom_in_button.isEnabled()
    assert QPixmapCache.cacheLimit() >= 0


def test_undecodable_image_says_so(qtbot) -> None:
    viewer = ImageViewerWidget()
    qtbot.addWidget(viewer)
    assert not viewer.load(b"\x89PNG\r\n\x1a\n" + b"\x00" * 50)
    assert "cannot be shown" in viewer.image_label.text()
    assert not viewer.zoom_in_button.isEnabled()


def test_controls_have_accessible_names(qtbot) -> None:
    viewer = ImageViewerWidget()
    qtbot.addWidget(viewer)
    for widget in (
        viewer.zoom_in_button,
        viewer.zoom_out_button,
        viewer.fit_button,
        viewer.actual_button,
        viewer.zoom_label,
        viewer.image_label,
        viewer.scroll_area,
    ):
        assert widget.accessibleName()
