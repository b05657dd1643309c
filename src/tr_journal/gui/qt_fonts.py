"""The shipped fonts (:mod:`tr_journal.i18n.fonts`) registered with Qt; the app font's
fallbacks.

Why here: registering font files and building a ``QFont`` need Qt, which only the desktop app
loads; the family names and their order stay Qt-free in :mod:`tr_journal.i18n.fonts`.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

from tr_journal.i18n.fonts import families_for, font_files

_registered: dict[str, list[str]] = {}


def ensure_fonts() -> dict[str, list[str]]:
    """Register every shipped font once per process; returns ``{file name: [families]}``.

    Needs a ``QGuiApplication`` (the font database lives in the platform integration).
    Calling it again is free and returns the same mapping. A font Qt refuses is left out of
    the mapping (tests check that all of them load).
    """
    if _registered:
        return _registered
    if QGuiApplication.instance() is None:
        raise RuntimeError("ensure_fonts() needs a QGuiApplication")
    for path in font_files():
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            _registered[path.name] = list(QFontDatabase.applicationFontFamilies(font_id))
    return _registered


def with_fallbacks(font: QFont, language: str | None = None) -> QFont:
    """A copy of ``font`` whose family list ends with the shipped fonts."""
    copy = QFont(font)
    copy.setFamilies(families_for(font.family(), language))
    return copy
