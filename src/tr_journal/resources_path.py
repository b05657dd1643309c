"""Where the package's own files (icons, fonts) are, from a source tree, a wheel or a frozen app.

Why a helper: PyInstaller puts data files under ``sys._MEIPASS/tr_journal/``; from source or an
installed wheel they sit beside this module. Callers ask for a path and never care which.
"""

from __future__ import annotations

import sys
from pathlib import Path

from tr_journal import APP_ID


def package_dir() -> Path:
    """The folder holding the ``tr_journal`` package's data files."""
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        frozen = Path(bundle) / "tr_journal"
        if frozen.is_dir():
            return frozen
    return Path(__file__).resolve().parent


def resource_path(rel: str) -> Path:
    """Path of ``resources/<rel>`` inside the package (it may not exist; callers check)."""
    return package_dir() / "resources" / rel


def icon_path(size: int | None = None) -> Path:
    """The application icon: the SVG, or the PNG of ``size`` pixels (16, 32, ... 512)."""
    if size is None:
        return resource_path(f"icons/{APP_ID}.svg")
    return resource_path(f"icons/hicolor/{size}x{size}/apps/{APP_ID}.png")
