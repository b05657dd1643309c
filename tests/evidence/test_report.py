"""The report PDF: cover facts, Uyghur and Chinese text that survive extraction, French.

Uyghur check: Qt writes the shaped Arabic glyphs with a ToUnicode map onto Arabic
Presentation Forms, and pdftotext emits right-to-left runs in visual order, wrapped in bidi
embedding marks and split at punctuation. So we NFKC-normalise (presentation forms -> letters),
drop the bidi controls, and compare the words: every word must come out with its letters in
the right (logical) order, and all words must be there. One more artefact: Noto Naskh draws
Uyghur ە (U+06D5) with the same glyph as the final/isolated form of ه (U+0647), and Qt's
ToUnicode map names that glyph by the latter; the page shows the right letter, the extractor
reads back ه. The comparison folds the two.
"""

from __future__ import annotations

import html as html_lib
import re
import shutil
import subprocess
import unicodedata
import zipfile
from pathlib import Path

import pytest

from tests.evidence.conftest import CHINESE, UYGHUR, Bundle
from tests.helpers import PASSPHRASE
from tr_journal.evidence.export import Selection, export_bundle
from tr_journal.evidence.keycard import qr_matrix, write_key_card
from tr_journal.i18n import _, current_language, set_language, translations_for
from tr_journal.vault import Vault

BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                reason="pdftotext (poppler-utils) is in tools/setup.sh")


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    return fold(BIDI.sub("", unicodedata.normalize("NFKC", text)))


def fold(text: str) -> str:
    return text.replace("\u06d5", "\u0647")


def words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s.,،。]+", text) if w]


def member(bundle_zip: Path, name: str) -> bytes:
    with zipfile.ZipFile(bundle_zip) as archive:
        (full,) = [n for n in archive.namelist() if n.endswith(name)]
        return archive.read(full)


def test_cover_has_the_facts(bundle: Bundle, tmp_path: Path) -> None:
    text = pdf_text(member(bundle.zip, "report/report.pdf"), tmp_path)
    flat = re.sub(r"\s+", " ", text)
    custody = member(bundle.zip, "custody/export.json").decode()
    assert bundle.result.export_id in flat
    assert bundle.result.fingerprint in re.sub(r"\s", "", text)  # may wrap at a '/'
    assert "Entries disclosed 2" in flat and "Original files 4" in flat
    assert "E0001-A1" in flat and "E0002-A2" in flat
    assert "Custody timeline" in flat and "E0003 (not disclosed)" in flat
    assert "ssh-keygen -Y verify" in flat
    assert '"export_id"' in custody


def test_uyghur_and_chinese_text_come_out_of_the_pdf(bundle: Bundle, tmp_path: Path) -> None:
    text = pdf_text(member(bundle.zip, "report/report.pdf"), tmp_path)
    extracted = words(text)
    for word in words(fold(UYGHUR)):
        assert word in extracted, (word, [w for w in extracted if w[0] in UYGHUR])
    assert re.sub(r"\s", "", CHINESE) in re.sub(r"\s", "", text)


def test_no_missing_glyphs(bundle: Bundle, tmp_path: Path) -> None:
    path = tmp_path / "r.pdf"
    path.write_bytes(member(bundle.zip, "report/report.pdf"))
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                           check=True).stdout
    assert "Arabic" in fonts and "CJK" in fonts
    assert "\ufffd" not in pdf_text(path.read_bytes(), tmp_path)


def test_html_report_carries_the_user_text_rtl(bundle: Bundle) -> None:
    html = member(bundle.zip, "report/report.html").decode()
    assert '<p dir="rtl">' + UYGHUR in html
    assert CHINESE in html


def test_labels_not_stored_identifiers(bundle: Bundle) -> None:
    """Channel, demands, threats and field names read as words, not as what the vault stores."""
    html = member(bundle.zip, "report/report.html").decode()
    for label in ("Phone call", "WeChat", "Documents / ID", "Harm to relatives",
                  "Who they claimed to be", "Time zone"):
        assert label in html
    for identifier in (">phone<", ">documents<", ">relatives<", ">claimed_identity<",
                       ">timezone<", ">wechat<"):
        assert identifier not in html


def test_entry_fields_in_the_form_order(bundle: Bundle) -> None:
    html = member(bundle.zip, "report/report.html").decode()
    section = html[html.index("<h2 style=\"page-break-before: always\">Entry E0001"):]
    positions = [section.index(f"<b>{label}</b>") for label in
                 ("When", "Time zone", "Channel", "Number shown", "Who they claimed to be",
                  "What they wanted", "What they threatened")]
    assert positions == sorted(positions)


def test_custody_timeline_names_events_in_words(bundle: Bundle) -> None:
    html = member(bundle.zip, "report/report.html").decode()
    assert "Entry logged<br/><tt>entry.created</tt>" in html
    assert "Evidence bundle exported<br/><tt>export.created</tt>" in html


def test_french_report(populated_template: tuple[Path, list[str]], tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    shutil.copytree(populated_template[0], folder)
    set_language("en")
    with Vault.open(folder, PASSPHRASE) as vault:
        result = export_bundle(vault, tmp_path / "fr.zip", Selection(), lang="fr")
    assert current_language() == "en" and _("Evidence bundle") == "Evidence bundle"
    text = pdf_text(member(result.path, "report/report.pdf"), tmp_path)
    assert "Lot de preuves" in text and "Empreinte de la clé de signature" in text
    assert "Comment vérifier" in text
    assert "LOT DE PREUVES" in member(result.path, "LISEZ-MOI.txt").decode()
    html = member(result.path, "report/report.html").decode()
    fr = translations_for("fr").gettext
    for english in ("Phone call", "Documents / ID", "Harm to relatives", "File attached",
                    "Who they claimed to be", "Every time in this report is declared: it comes "
                    "from the clock of the person's device. None is certified by a timestamp "
                    "authority (RFC 3161). A certified timestamp can be added later in the "
                    "signatures/ folder without changing the bundle."):
        assert fr(english) != english, english  # the catalog, not a table in the code
        assert html_lib.escape(fr(english), quote=True) in html
        assert english not in html


def test_key_card_is_one_page_with_the_fingerprint(vault: Vault, tmp_path: Path) -> None:
    path = tmp_path / "card.pdf"
    write_key_card(vault.public_key(), path)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True,
                          check=True).stdout
    assert re.search(r"Pages:\s+1\b", info)
    assert vault.fingerprint() in pdf_text(path.read_bytes(), tmp_path)
    assert len(qr_matrix(vault.fingerprint())) >= 21


def test_uyghur_report_is_right_to_left(populated_template: tuple[Path, list[str]],
                                        tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    shutil.copytree(populated_template[0], folder)
    with Vault.open(folder, PASSPHRASE) as vault:
        result = export_bundle(vault, tmp_path / "ug.zip", Selection(), lang="ug")
    html = member(result.path, "report/report.html").decode()
    assert '<html lang="ug" dir="rtl">' in html and '<body dir="rtl">' in html
    assert '<p dir="ltr"><tt>ssh-keygen -Y verify' in html
    text = pdf_text(member(result.path, "report/report.pdf"), tmp_path)
    assert all(word in words(text) for word in words(fold(UYGHUR)))
    # a phone number keeps its left-to-right order inside the right-to-left tables
    assert '<div dir="ltr">+86 991 555 0101</div>' in html
    assert "+86 991 555 0101" in re.sub(r"\s+", " ", text)


def test_revision_history_keeps_the_first_text(bundle: Bundle) -> None:
    html = member(bundle.zip, "report/report.html").decode()
    assert "first version" in html and "Revision history" in html
