"""The dossier in each report language: its words come from the catalogs, Uyghur and Chinese
survive the PDF with the shipped fonts only, and every font is embedded.

The PDF is typeset by Typst (tr_journal.evidence.report_typst) with system fonts ignored; the
text is read back with poppler's ``pdftotext`` and the fonts with ``pdffonts``. Arabic-script
text extracts in logical order; NFKC folds presentation forms, and ە (U+06D5) is folded with
ه (U+0647) because Noto Naskh draws both final forms with one glyph.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tr_journal.evidence.report_doc import Document, Para, Section, para, user
from tr_journal.evidence.report_typst import compile_pdf, font_dir
from tr_journal.i18n import LANGUAGES, translations_for

# poppler-utils is in TEST_TOOLS of tools/setup.sh: a missing pdftotext is a failure, not a skip.
assert shutil.which("pdftotext"), "pdftotext missing: install poppler-utils (tools/setup.sh test)"

UYGHUR = (
    "ئۇلار ماڭا تېلېفون قىلىپ، تۇغقانلىرىمغا زىيان يەتكۈزىمىز دەپ تەھدىت سالدى. "
    "ئۆزىنى ئۈرۈمچى جامائەت خەۋپسىزلىك ئىدارىسىدىن دېدى."
)
CHINESE = "他们说要见面，并要求我提供护照和住址。喆、堃也在名单上。"
NOISE = re.compile(r"[\s\u200e\u200f\u202a-\u202e\u2066-\u2069]")
MOMENT = datetime(2026, 5, 28, 20, 26, 40, tzinfo=UTC)


def _letters(text: str) -> str:
    return NOISE.sub("", unicodedata.normalize("NFKC", text)).replace("\u06d5", "\u0647")


def _read(pdf: bytes, tmp_path: Path) -> tuple[str, list[str]]:
    path = tmp_path / "t.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    fonts = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    return text, fonts


def _shipped_names() -> set[str]:
    return {p.stem for p in font_dir().iterdir() if p.suffix in (".ttf", ".otf")}


def test_user_text_in_every_script_with_shipped_fonts_only(tmp_path: Path) -> None:
    document = Document(
        "fr",
        False,
        "t",
        "TRJ-2026-0001",
        "page {x} / {y}",
        [
            Section(
                [
                    para("Entrée E0001 — Türkçe ğış"),
                    para(UYGHUR, dir="rtl"),
                    para(CHINESE),
                    Para((user(UYGHUR),), small=True),
                ]
            )
        ],
    )
    text, fonts = _read(compile_pdf(document, MOMENT), tmp_path)
    assert _letters(UYGHUR) in _letters(text)
    # pdftotext reads a page holding Arabic script as right to left and moves a line's final
    # full stop to its start: an extraction artefact, so the stop is left out of the comparison
    assert _letters(CHINESE).rstrip("。") in _letters(text)
    assert "EntréeE0001—Türkçeğış" in _letters(text)
    names = {line.split()[0].split("+")[-1] for line in fonts}
    assert all(" yes yes " in line for line in fonts), fonts  # every font embedded (subset)
    # only the project's fonts, by their file names (CJK: Type 0 with an -Identity-H suffix)
    assert {n.removesuffix("-Identity-H") for n in names} <= _shipped_names(), names


def test_same_document_same_bytes(tmp_path: Path) -> None:
    document = Document(
        "ug",
        True,
        "t",
        "TRJ-2026-0001",
        "{x}/{y}",
        [Section([para(f"{CHINESE} {UYGHUR}"), para(f"{UYGHUR} {CHINESE}")])],
    )
    assert compile_pdf(document, MOMENT) == compile_pdf(document, MOMENT)


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_dossier_words_in_each_language(lang: str, tmp_path: Path) -> None:
    """The fixed parts of the dossier are typeset in ``lang`` from its catalog."""
    from tr_journal.evidence.report_front import attestation, times_note
    from tr_journal.i18n import is_rtl, using_language

    with using_language(lang):
        sections = [attestation(), times_note([], lang)]
        document = Document(lang, is_rtl(lang), "t", "TRJ-2026-0001", "{x}/{y}", sections)
    text, fonts = _read(compile_pdf(document, MOMENT), tmp_path)
    gettext = translations_for(lang).gettext
    for english in (
        "Attestation",
        "Declared by the person",
        "Logged by the device",
        "Embedded in the file",
    ):
        assert _letters(gettext(english)) in _letters(text), (lang, english)
    assert all(" yes yes " in line for line in fonts)


def test_a_character_no_font_has_does_not_stop_the_dossier(tmp_path: Path) -> None:
    """PDF/A refuses undrawable characters; the dossier is still made (without the claim)."""
    document = Document(
        "en",
        False,
        "t",
        "TRJ-2026-0001",
        "{x}/{y}",
        [Section([para("He sent 😀 then 𠀀 — " + CHINESE)])],
    )
    pdf = compile_pdf(document, MOMENT)
    assert pdf == compile_pdf(document, MOMENT)
    text, _fonts = _read(pdf, tmp_path)
    assert _letters(CHINESE) in _letters(text) and "Hesent" in _letters(text)
    plain = Document("en", False, "t", "TRJ-2026-0001", "{x}/{y}", [Section([para(CHINESE)])])
    assert b"pdfaid:part" in compile_pdf(plain, MOMENT)


def test_a_long_link_wraps_inside_the_page(tmp_path: Path) -> None:
    """A link of 300 characters typed by the person must not run off the paper."""
    link = "https://example.com/" + "a" * 300
    document = Document(
        "fr", False, "t", "TRJ-2026-0001", "{x}/{y}", [Section([para(link), Para((user(link),))])]
    )
    path = tmp_path / "long.pdf"
    path.write_bytes(compile_pdf(document, MOMENT))
    bbox = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    width = float(re.search(r'<page width="([\d.]+)"', bbox).group(1))
    right = [float(x) for x in re.findall(r'xMax="([\d.]+)"', bbox)]
    assert right and max(right) <= width
    text = _letters(
        subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
    ).replace("\u200b", "")
    assert text.count(link) == 2
