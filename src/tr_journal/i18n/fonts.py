"""The fonts shipped in ``resources/fonts`` (Noto, OFL), registered with Qt at start.

Why: Uyghur (Arabic script) and Chinese must never show as boxes, also on a machine whose
system has no such font; a report rendered there must embed real glyphs too. Qt falls back
glyph by glyph through the families of a font, so the app font gets our families *after* the
system's own: Latin keeps the desktop's look, while Arabic-script and Han characters find a
font that has them (the Chinese subset comes before any system font so Han characters get
Simplified forms rather than a Japanese font's). Noto Sans covers Latin (Turkish, French) when
the system has no font at all.

No Qt import at module level: the CLI imports ``tr_journal.i18n`` and must not load PySide6.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tr_journal.resources_path import resource_path

if TYPE_CHECKING:
    from PySide6.QtGui import QFont

FONT_SUFFIXES = (".ttf", ".otf", ".ttc")
LATIN_FAMILY = "Noto Sans"
MONO_FAMILY = "Noto Sans Mono"
ARABIC_FAMILY = "Noto Sans Arabic"
ARABIC_TEXT_FAMILY = "Noto Naskh Arabic"
CJK_FAMILY = "Noto Sans SC TRJ"
#: Families appended after the system font, in the order Qt should try them.
FALLBACK_FAMILIES = (LATIN_FAMILY, CJK_FAMILY, ARABIC_FAMILY, ARABIC_TEXT_FAMILY)

_registered: dict[str, list[str]] = {}


def font_files(folder: Path | None = None) -> list[Path]:
    """The shipped font files (sorted, so registration order is stable)."""
    folder = folder or resource_path("fonts")
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in FONT_SUFFIXES)


def ensure_fonts() -> dict[str, list[str]]:
    """Register every shipped font once per process; returns ``{file name: [families]}``.

    Needs a ``QGuiApplication`` (the font database lives in the platform integration).
    Calling it again is free and returns the same mapping. A font Qt refuses is left out of
    the mapping (tests check that all of them load).
    """
    if _registered:
        return _registered
    from PySide6.QtGui import QFontDatabase, QGuiApplication

    if QGuiApplication.instance() is None:
        raise RuntimeError("ensure_fonts() needs a QGuiApplication")
    for path in font_files():
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            _registered[path.name] = list(QFontDatabase.applicationFontFamilies(font_id))
    return _registered


def families_for(base_family: str, language: str | None = None) -> list[str]:
    """``base_family`` followed by the shipped fallbacks; Uyghur puts its font first.

    For the Uyghur interface the Arabic-script font leads, so Latin-only fallbacks never
    decide the line height and the text has one consistent look.
    """
    fallbacks = list(FALLBACK_FAMILIES)
    if language == "ug":
        return [ARABIC_FAMILY, base_family, *[f for f in fallbacks if f != ARABIC_FAMILY]]
    return [base_family, *[f for f in fallbacks if f != base_family]]


def with_fallbacks(font: QFont, language: str | None = None) -> QFont:
    """A copy of ``font`` whose family list ends with the shipped fonts."""
    from PySide6.QtGui import QFont as _QFont

    copy = _QFont(font)
    copy.setFamilies(families_for(font.family(), language))
    return copy
