"""Uyghur and Chinese text survive a PDF rendered by QtGui with the shipped fonts.

The report is rendered by Qt (QTextDocument + QPdfWriter) because Qt shapes Arabic script and
CJK correctly. Here a Uyghur paragraph is rendered right to left with each shipped Arabic font,
the text is extracted with poppler's ``pdftotext`` and compared with the source.

What extraction does, measured here and folded explicitly (nothing else may differ):
- Qt writes the PDF text layer by mapping each *shaped glyph* back through the font's cmap,
  so pdftotext returns Arabic Presentation Forms (U+FBxx/FExx: initial, medial, final
  shapes). That is the proof that the text was shaped (an unshaped rendering would give only
  isolated letters U+06xx); NFKC folds them back to the letters typed.
- The visual line is returned in logical order, with U+202A–U+202C embedding marks around
  runs; these and spaces are dropped before comparing.
- Glyphs reached only through OpenType substitution have no code point, so they vanish from
  the text layer although they are drawn: with Noto Naskh Arabic the lam-alef ligature (لا),
  with Noto Sans Arabic the final form of ە (U+06D5). Noto Naskh Arabic draws final ە with the
  final heh glyph, which therefore extracts as ه (U+0647).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

# poppler-utils is in TEST_TOOLS of tools/setup.sh: a missing pdftotext is a failure, not a skip.
assert shutil.which("pdftotext"), "pdftotext missing: install poppler-utils (tools/setup.sh test)"

UYGHUR = ("ئۇلار ماڭا تېلېفون قىلىپ، تۇغقانلىرىمغا زىيان يەتكۈزىمىز دەپ تەھدىت سالدى. "
          "ئۆزىنى ئۈرۈمچى جامائەت خەۋپسىزلىك ئىدارىسىدىن دېدى.")
CHINESE = "他们说要见面，并要求我提供护照和住址。喆、堃也在名单上。"
NOISE = re.compile(r"[\s\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _letters(text: str) -> str:
    return NOISE.sub("", unicodedata.normalize("NFKC", text))


def _render(qapp, tmp_path: Path, html: str) -> str:
    from PySide6.QtGui import QPageSize, QPdfWriter, QTextDocument

    from tr_journal.i18n.fonts import ensure_fonts

    ensure_fonts()
    pdf = tmp_path / "report.pdf"
    writer = QPdfWriter(str(pdf))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    document = QTextDocument()
    document.setHtml(html)
    document.print_(writer)
    del writer  # closes the file
    done = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                          text=True, check=True)
    # QTextDocument.print_ numbers the page: drop that last line.
    body = re.sub(r"[\s\u202a-\u202e]*\d+[\s\u202a-\u202e]*$", "", done.stdout)
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    return body + "\0" + fonts


@pytest.mark.parametrize(("family", "fold"), [
    ("Noto Naskh Arabic", lambda s: s.replace("لا", "").replace("ە", "ه")),
    ("Noto Sans Arabic", lambda s: s.replace("ە", "")),
])
def test_uyghur_is_shaped_and_extracts_in_order(qapp, tmp_path: Path, family: str,
                                                fold) -> None:
    html = f'<p dir="rtl" style="font-family: \'{family}\'; font-size: 14pt">{UYGHUR}</p>'
    text, fonts = _render(qapp, tmp_path, html).split("\0")
    assert family.replace(" ", "") in fonts.replace(" ", "")  # embedded, not a fallback
    presentation = [ch for ch in text if "\ufb50" <= ch <= "\ufeff"]
    assert len(presentation) > 40, "no contextual forms: the text was not shaped"
    assert {"\ufe8b", "\ufee4", "\ufeea"} & set(text)  # initial yeh-hamza, medial meem, ...
    assert fold(_letters(text)) == fold(_letters(UYGHUR))


def test_chinese_extracts_exactly_including_names_outside_gb2312(qapp, tmp_path: Path) -> None:
    html = f'<p style="font-family: \'Noto Sans SC TRJ\'">{CHINESE}</p>'
    text, fonts = _render(qapp, tmp_path, html).split("\0")
    assert "NotoSansSC-TRJ" in fonts
    assert _letters(text) == _letters(CHINESE)


def test_mixed_line_keeps_ids_left_to_right(qapp, tmp_path: Path) -> None:
    """An entry id and a time inside a Uyghur sentence, isolated, come out intact."""
    from tr_journal.i18n.format import ltr_isolate

    sentence = f"خاتىرە {ltr_isolate('E0001')} ساقلاندى {ltr_isolate('12:30')}"
    html = f'<p dir="rtl" style="font-family: \'Noto Sans Arabic\'">{sentence}</p>'
    text, _fonts = _render(qapp, tmp_path, html).split("\0")
    assert "E0001" in text and "12:30" in text
