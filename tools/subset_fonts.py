#!/usr/bin/env python3
"""Rebuild the fonts shipped in src/tr_journal/resources/fonts/ from Debian's Noto packages.

Why: Uyghur (Arabic script) and Chinese must render on a machine that has no such fonts, but a
whole Noto Sans CJK collection is ~20 MB. We ship Noto Naskh Arabic, Noto Sans Arabic,
Noto Sans and Noto Sans Mono as they are (small) and a subset of Noto Sans CJK SC: every CJK
Unified Ideograph (U+4E00-9FFF, enough for names outside GB2312 such as 喆 or 堃), CJK
punctuation, full-width forms, Latin with Turkish and French letters, arrows and shapes. The
subset gets its own family name so it never shadows a complete system copy. Needs
``fonttools`` (a developer tool, not a runtime dependency) and ``fonts-noto-core`` +
``fonts-noto-cjk``. Run: ``.venv/bin/python tools/subset_fonts.py``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "tr_journal" / "resources" / "fonts"
CORE = Path("/usr/share/fonts/truetype/noto")
CJK = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
CJK_SC_INDEX = 2  # JP, KR, SC, TC, HK, ... in Debian's collection
ARABIC = (
    "NotoNaskhArabic-Regular.ttf",
    "NotoNaskhArabic-Bold.ttf",
    "NotoSansArabic-Regular.ttf",
    "NotoSansArabic-Bold.ttf",
    # Latin and digits too: on a machine with no fonts at all, Latin drawn from the CJK
    # subset loses its digits from a PDF's text layer (substituted glyphs).
    "NotoSans-Regular.ttf",
    "NotoSans-Bold.ttf",
    "NotoSansMono-Regular.ttf",
)
UNICODES = (
    "U+0020-007E,U+00A0-017F,U+02B0-02FF,U+2000-206F,U+20AC,U+2100-214F,U+2190-21FF,"
    "U+2460-24FF,U+2500-25FF,U+2600-27BF,U+3000-303F,U+4E00-9FFF,U+FE30-FE4F,"
    "U+FF00-FFEF"
)
SUBSET_FAMILY = "Noto Sans SC TRJ"
SUBSET_FILE = "NotoSansSC-TRJ-Regular.otf"


def rename(path: Path) -> None:
    from fontTools.ttLib import TTFont

    font = TTFont(path)
    names = font["name"]
    for record in list(names.names):
        if record.nameID in (1, 16):
            names.setName(
                SUBSET_FAMILY, record.nameID, record.platformID, record.platEncID, record.langID
            )
        elif record.nameID in (3, 4):
            names.setName(
                f"{SUBSET_FAMILY} Regular",
                record.nameID,
                record.platformID,
                record.platEncID,
                record.langID,
            )
        elif record.nameID == 6:
            names.setName(
                "NotoSansSC-TRJ-Regular", 6, record.platformID, record.platEncID, record.langID
            )
    font.save(path)


def add_full_cmap(path: Path) -> None:
    """Give the subset a format 12 (3,10) cmap beside its format 4 ones.

    Why: with ~22,000 ideographs the format 4 subtable outgrows its 16-bit length field, and
    readers that honour that length (Typst's, which typesets the dossier) lose every character
    whose glyph id sits past 64 KB of it (面, ；...) and draw a box. Format 12 has 32-bit
    lengths; every reader prefers it when present.
    """
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.tables._c_m_a_p import CmapSubtable

    font = TTFont(path)
    cmap = font["cmap"]
    if any(t.format == 12 for t in cmap.tables):
        return
    full = CmapSubtable.newSubtable(12)
    full.platformID, full.platEncID, full.language = 3, 10, 0
    full.cmap = dict(font.getBestCmap())
    cmap.tables.append(full)
    font.save(path)


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for name in ARABIC:
        shutil.copyfile(CORE / name, OUT / name)
    target = OUT / SUBSET_FILE
    subprocess.run(
        [
            sys.executable,
            "-m",
            "fontTools.subset",
            str(CJK),
            f"--font-number={CJK_SC_INDEX}",
            f"--unicodes={UNICODES}",
            "--layout-features=*",
            f"--output-file={target}",
        ],
        check=True,
    )
    rename(target)
    add_full_cmap(target)
    for path in sorted(OUT.iterdir()):
        print(f"{path.stat().st_size:>10}  {path.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
