"""The fonts shipped in ``resources/fonts`` (Noto, OFL), registered with Qt at start.

Why: Uyghur (Arabic script) and Chinese must never show as boxes, also on a machine whose
system has no such font; a report rendered there must embed real glyphs too. Qt falls back
glyph by glyph through the families of a font, so the app font gets our families *after* the
system's own: Latin keeps the desktop's look, while Arabic-script and Han characters find a
font that has them (the Chinese subset comes before any system font so Han characters get
Simplified forms rather than a Japanese font's). Noto Sans covers Latin (Turkish, French) when
the system has no font at all.

Qt-free: the family names and the fallback order (also used by the charts of
:mod:`tr_journal.patterns.chart`); registering the files with Qt and building a ``QFont`` is the
app's part, :mod:`tr_journal.gui.qt_fonts`.
"""

from __future__ import annotations

from pathlib import Path

from tr_journal.resources_path import resource_path

FONT_SUFFIXES = (".ttf", ".otf", ".ttc")
LATIN_FAMILY = "Noto Sans"
MONO_FAMILY = "Noto Sans Mono"
ARABIC_FAMILY = "Noto Sans Arabic"
ARABIC_TEXT_FAMILY = "Noto Naskh Arabic"
CJK_FAMILY = "Noto Sans SC TRJ"
#: Families appended after the system font, in the order Qt should try them.
FALLBACK_FAMILIES = (LATIN_FAMILY, CJK_FAMILY, ARABIC_FAMILY, ARABIC_TEXT_FAMILY)


def font_files(folder: Path | None = None) -> list[Path]:
    """The shipped font files (sorted, so registration order is stable)."""
    folder = folder or resource_path("fonts")
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in FONT_SUFFIXES)


def families_for(base_family: str, language: str | None = None) -> list[str]:
    """``base_family`` followed by the shipped fallbacks; Uyghur puts its font first.

    For the Uyghur interface the Arabic-script font leads, so Latin-only fallbacks never
    decide the line height and the text has one consistent look.
    """
    fallbacks = list(FALLBACK_FAMILIES)
    if language == "ug":
        return [ARABIC_FAMILY, base_family, *[f for f in fallbacks if f != ARABIC_FAMILY]]
    return [base_family, *[f for f in fallbacks if f != base_family]]
