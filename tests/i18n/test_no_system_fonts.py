"""On a computer with no fonts at all, Uyghur, Chinese and Latin still render (no boxes).

A child process runs Qt with an empty fontconfig configuration (no font folder), registers the
shipped fonts with ``ensure_fonts()`` and prints a PDF of mixed text through QTextDocument with
the app's font (the system default, unresolvable here, then the shipped fallbacks). The PDF
must embed only shipped fonts and carry the text; a glyph Qt could not find would be drawn as
a box from no font and its letters would be missing from the text layer.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

CHILD = r"""
import sys
from PySide6.QtGui import QFontDatabase, QGuiApplication, QTextDocument, QPdfWriter
app = QGuiApplication(["t"])
assert not [f for f in QFontDatabase.families() if "Noto" in f], QFontDatabase.families()
from tr_journal.gui.qt_fonts import ensure_fonts, with_fallbacks
ensure_fonts()
doc = QTextDocument()
doc.setDefaultFont(with_fallbacks(app.font()))  # what gui.qt_language.apply_language gives the app
doc.setHtml('<p dir="rtl">ئۇيغۇر تىلى</p><p>他们说要见面 喆</p><p>Türkçe ğış — Entrée E0001</p>')
writer = QPdfWriter(sys.argv[1])
doc.print_(writer)
del writer
"""


def test_shipped_fonts_are_enough(tmp_path: Path) -> None:
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">'
        f"<fontconfig><cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>"
    )
    env = {**os.environ, "FONTCONFIG_FILE": str(conf), "QT_QPA_PLATFORM": "offscreen"}
    pdf = tmp_path / "out.pdf"
    subprocess.run([sys.executable, "-c", CHILD, str(pdf)], env=env, check=True, timeout=120)
    fonts = subprocess.run(
        ["pdffonts", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    embedded = {line.split()[0] for line in fonts.splitlines()[2:] if line.strip()}
    assert "NotoSans-Regular" in embedded  # Latin, not the CJK font's Latin or the mono font
    assert embedded <= {
        "NotoSans-Regular",
        "NotoSansArabic-Regular",
        "NotoNaskhArabic-Regular",
        "NotoSansSC-TRJ-Regular",
    }, embedded
    assert "NotoSansSC-TRJ-Regular" in embedded
    assert embedded & {"NotoSansArabic-Regular", "NotoNaskhArabic-Regular"}
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    letters = re.sub(r"[\s\u202a-\u202e]", "", unicodedata.normalize("NFKC", text))
    assert "ئۇيغۇرتىلى" in letters
    assert "他们说要见面喆" in letters
    assert "Türkçeğış—EntréeE0001" in letters
