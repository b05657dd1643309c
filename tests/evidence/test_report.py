"""The dossier (report.pdf / report.html) read back as a lawyer would: facts, not layout.

PDFs are read with poppler's ``pdftotext`` and ``pdffonts``. Arabic-script text comes out of a
Typst PDF in logical order; NFKC folds any presentation forms, and Noto Naskh's shared glyph of
ە (U+06D5) and final ه (U+0647) is folded as well (the page shows the right letter).
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

from tests.evidence.conftest import CHINESE, SECRET, UYGHUR, Bundle
from tests.helpers import PASSPHRASE
from tr_journal.domain import ExportSelection
from tr_journal.evidence.export import export_bundle
from tr_journal.evidence.keycard import qr_matrix, signer_line, write_key_card
from tr_journal.i18n import _, current_language, set_language, translations_for
from tr_journal.journal.entries import add_entry
from tr_journal.vault import Vault

BIDI = re.compile("[\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069]")  # + the break opportunity
HEX64 = re.compile(r"\b([0-9a-f]{8}(?: [0-9a-f]{8}){7})\b")
pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is in tools/setup.sh"
)


def pdf_text(pdf: bytes, tmp_path: Path, layout: bool = False) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", *(["-layout"] if layout else []), str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return fold(BIDI.sub("", unicodedata.normalize("NFKC", text)))


def fold(text: str) -> str:
    return text.replace("\u06d5", "\u0647")


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s.,،。]+", text) if w]


def member(bundle_zip: Path, name: str) -> bytes:
    with zipfile.ZipFile(bundle_zip) as archive:
        (full,) = [n for n in archive.namelist() if n.endswith(name)]
        return archive.read(full)


def export(
    template: Path, tmp_path: Path, lang: str, name: str = "b.zip", narrative: str | None = None
) -> Path:
    folder = tmp_path / f"vault-{name}"
    shutil.copytree(template, folder)
    with Vault.open(folder, PASSPHRASE) as vault:
        if narrative is not None:
            with vault.transaction() as tx:
                add_entry(
                    tx,
                    {
                        "occurred_at": "2026-02-01",
                        "channel": "sms",  # date only
                        "duration_seconds": 540,
                        "narrative": narrative,
                    },
                )
        return export_bundle(vault, tmp_path / name, ExportSelection(), lang=lang).path


def test_cover_has_the_facts(bundle: Bundle, tmp_path: Path) -> None:
    text = flat(pdf_text(member(bundle.zip, "report/report.pdf"), tmp_path, layout=True))
    assert bundle.result.export_id in text
    assert "Entries 2" in text and "Original files (exhibits) 4" in text
    assert "Contact attempts 2" in text and "Language of the dossier English" in text
    assert "Period covered from Jan 29, 2026 to Feb 2, 2026" in text
    assert "key card" in text


def test_every_page_shows_export_id_and_page_x_of_y(bundle: Bundle, tmp_path: Path) -> None:
    pdf = member(bundle.zip, "report/report.pdf")
    pages = pdf_text(pdf, tmp_path).split("\f")[:-1]
    assert len(pages) > 5
    for number, page in enumerate(pages, start=1):
        assert bundle.result.export_id in page
        assert f"page {number} / {len(pages)}" in page


def test_exhibit_numbers_match_the_files(bundle: Bundle, tmp_path: Path) -> None:
    """The bordereau lists every original once, numbered 1..n, with the name and SHA-256 of
    the file in the bundle; the entry pages cite the same numbers."""
    text = pdf_text(member(bundle.zip, "report/report.pdf"), tmp_path)
    manifest = dict(
        reversed(line.split("  ", 1))
        for line in member(bundle.zip, "/manifest-sha256.txt").decode().splitlines()
    )
    originals = {p: h for p, h in manifest.items() if p.startswith("data/originals/")}
    bordereau = text[text.index("List of exhibits") : text.index("The times, kept apart")]
    digests = [d.replace(" ", "") for d in HEX64.findall(flat(bordereau))]
    assert sorted(digests) == sorted(originals.values())
    for number, path in enumerate(
        sorted(originals, key=lambda p: digests.index(originals[p])), start=1
    ):
        assert path.rsplit("/", 1)[-1] in bordereau
        page = text[text.index(f"Exhibit no. {number} — ") :]
        assert originals[path] in re.sub(r"(?<=[0-9a-f]) (?=[0-9a-f])", "", flat(page[:2000]))
    assert "Exhibit no. 5" not in text


def test_undisclosed_entry_shows_nowhere(bundle: Bundle, tmp_path: Path) -> None:
    text = pdf_text(member(bundle.zip, "report/report.pdf"), tmp_path)
    page = member(bundle.zip, "report/report.html").decode()
    for shown in (text, page):
        assert SECRET not in shown and "E0003" not in shown
    assert "(not disclosed)" in text


def test_uyghur_and_chinese_text_come_out_of_the_pdf(bundle: Bundle, tmp_path: Path) -> None:
    text = pdf_text(member(bundle.zip, "report/report.pdf"), tmp_path)
    extracted = words(text)
    for word in words(fold(UYGHUR)):
        assert word in extracted, (word, [w for w in extracted if w[0] in UYGHUR])
    assert re.sub(r"\s", "", CHINESE) in re.sub(r"\s", "", text)


def test_all_fonts_embedded_and_shipped(bundle: Bundle, tmp_path: Path) -> None:
    path = tmp_path / "r.pdf"
    path.write_bytes(member(bundle.zip, "report/report.pdf"))
    lines = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    names = {line.split()[0].split("+")[-1] for line in lines}
    assert all(" yes yes " in line for line in lines), lines  # embedded, subset
    assert {"NotoSans-Regular", "NotoNaskhArabic-Regular", "NotoSansMono-Regular"} <= names
    assert any(n.startswith("NotoSansSC-TRJ") for n in names)
    assert all(n.startswith("Noto") for n in names), names
    assert "\ufffd" not in pdf_text(path.read_bytes(), tmp_path)


def test_pdf_claims_pdf_a_and_the_export_time(bundle: Bundle) -> None:
    pdf = member(bundle.zip, "report/report.pdf")
    assert b"<pdfaid:part>2</pdfaid:part>" in pdf and b"<pdfaid:conformance>B" in pdf
    assert b"2026-05-28T20:26:40" in pdf  # SOURCE_DATE_EPOCH 1780000000, not the wall clock


def test_html_report_carries_the_user_text_in_its_direction(bundle: Bundle) -> None:
    page = member(bundle.zip, "report/report.html").decode()
    assert f'<p dir="rtl">{UYGHUR}</p>' in page
    assert CHINESE in page
    assert '<div dir="ltr">+86 991 555 0101</div>' in page


def test_labels_not_stored_identifiers(bundle: Bundle) -> None:
    page = member(bundle.zip, "report/report.html").decode()
    for label in (
        "Phone call",
        "WeChat",
        "Documents / ID",
        "Harm to relatives",
        "Who they claimed to be",
        "Time zone",
    ):
        assert label in page
    for identifier in (
        ">phone<",
        ">documents<",
        ">relatives<",
        ">claimed_identity<",
        ">timezone<",
        ">wechat<",
    ):
        assert identifier not in page


def test_summary_counts_match_the_entries(bundle: Bundle, tmp_path: Path) -> None:
    text = flat(pdf_text(member(bundle.zip, "report/report.pdf"), tmp_path))
    summary = text[text.index("Summary of repeated conduct") : text.index("Chronology")]
    assert "2 entries (2 attempts) from Jan 29, 2026 to Feb 2, 2026" in summary
    assert "+869915550101 1 1 Jan 29, 2026 Jan 29, 2026" in summary  # E.164, one call
    assert "Documents / ID 1 1" in summary and "Harm to relatives 1 1" in summary
    assert "Jan 2026 1" in summary and "Feb 2026 1" in summary


def test_revision_history_shows_before_and_after(bundle: Bundle, tmp_path: Path) -> None:
    text = flat(pdf_text(member(bundle.zip, "report/report.pdf"), tmp_path))
    assert "History of revisions" in text
    assert "Notes, before first version" in text
    assert re.search(r"Revision 2 \(saved .+ UTC\) changed:", text)


def test_times_are_kept_apart_and_verification_uses_the_key_card(
    bundle: Bundle, tmp_path: Path
) -> None:
    text = flat(pdf_text(member(bundle.zip, "report/report.pdf"), tmp_path))
    for label in (
        "Declared by the person",
        "Logged by the device",
        "Embedded in the file",
        "Certified by a time-stamp authority",
    ):
        assert label in text
    assert "ssh-keygen -Y verify" in text
    assert "ssh-keygen PRINTS" in text and "proves nothing" in text


def test_key_card_in_the_report_language_and_french(bundle: Bundle, tmp_path: Path) -> None:
    text = flat(pdf_text(member(bundle.zip, "report/report.pdf"), tmp_path, layout=True))
    compact = re.sub(r"\s", "", text)
    assert "Signing key card" in text and "Carte de clé de signature" in text
    assert compact.count(bundle.result.fingerprint) >= 2
    with Vault.open(bundle.vault_dir, PASSPHRASE) as vault:
        line = signer_line(vault.public_key())
    assert compact.count(re.sub(r"\s", "", line)) == 2


def test_french_report(populated_template: tuple[Path, list[str]], tmp_path: Path) -> None:
    set_language("en")
    path = export(populated_template[0], tmp_path, "fr", narrative="court")
    assert current_language() == "en" and _("Entries") == "Entries"
    text = flat(pdf_text(member(path, "report/report.pdf"), tmp_path, layout=True))
    for french in (
        "Attestation",
        "Bordereau de communication de pièces",
        "Pièce n° 1",
        "Comment vérifier",
        "Langue du dossier Français",
        "Durée 9 min",
        "article 441-7",
        "Traçabilité",
        "Synthèse des faits répétés",
    ):
        assert french in text, french
    assert "1 février 2026 (date seulement)" in text  # the date-only entry: no time at all
    for wrong in (
        "chaîne de possession",
        "contacté",
        "Durée 540",
        " fr ",
        "1 février 2026, 00:00",
        "1 févr. 2026, 00:00",
    ):
        assert wrong not in text, wrong
    page = member(path, "report/report.html").decode()
    fr = translations_for("fr").gettext
    for english in (
        "Phone call",
        "Documents / ID",
        "Harm to relatives",
        "Entry logged",
        "Who they claimed to be",
    ):
        assert fr(english) != english, english  # the catalog, not a table in the code
        assert html_lib.escape(fr(english), quote=True) in page
        assert english not in page


def test_markup_in_user_text_is_printed_not_run(
    populated_template: tuple[Path, list[str]], tmp_path: Path
) -> None:
    hostile = (
        '#import "/etc/passwd" ] #panic("x") $x$ <b>bold</b> & ]] '
        "</section><script>alert(1)</script>"
    )
    path = export(populated_template[0], tmp_path, "en", narrative=hostile)
    text = flat(pdf_text(member(path, "report/report.pdf"), tmp_path))
    assert hostile in text
    page = member(path, "report/report.html").decode()
    assert html_lib.escape(hostile, quote=True) in page and "<script>" not in page


def test_two_exports_give_identical_bytes(
    populated_template: tuple[Path, list[str]], tmp_path: Path, source_date_epoch: str
) -> None:
    """Uyghur and Chinese in one text (issue: font objects used to come out in any order)."""
    base = tmp_path / "base"
    shutil.copytree(populated_template[0], base)
    with Vault.open(base, PASSPHRASE) as vault, vault.transaction() as tx:
        add_entry(
            tx,
            {
                "occurred_at": "2026-02-01T09:00:00+01:00",
                "channel": "sms",
                "narrative": f"{UYGHUR} {CHINESE} {UYGHUR}",
            },
        )
    first = export(base, tmp_path, "ug", "one.zip")
    second = export(base, tmp_path, "ug", "two.zip")
    assert member(first, "report/report.pdf") == member(second, "report/report.pdf")
    assert first.read_bytes() == second.read_bytes()


def test_key_card_file_in_two_languages(vault: Vault, tmp_path: Path) -> None:
    path = tmp_path / "card.pdf"
    write_key_card(vault.public_key(), path, "ug")
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Pages:\s+2\b", info)
    text = pdf_text(path.read_bytes(), tmp_path)
    compact = re.sub(r"\s", "", text)
    assert compact.count(vault.fingerprint()) >= 4  # printed and in the verify command, twice
    assert compact.count(re.sub(r"\s", "", signer_line(vault.public_key()))) == 2
    assert "ئاچقۇچ" in text and "seule référence" in flat(text)
    assert len(qr_matrix(vault.fingerprint())) >= 21
    write_key_card(vault.public_key(), path, "fr")
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Pages:\s+1\b", info)


def test_uyghur_report_is_right_to_left(
    populated_template: tuple[Path, list[str]], tmp_path: Path
) -> None:
    path = export(populated_template[0], tmp_path, "ug")
    page = member(path, "report/report.html").decode()
    assert '<html lang="ug" dir="rtl">' in page and '<body dir="rtl">' in page
    assert '<section lang="fr" dir="ltr">' in page  # the key card in French
    text = pdf_text(member(path, "report/report.pdf"), tmp_path)
    assert all(word in words(text) for word in words(fold(UYGHUR)))
    assert "+86 991 555 0101" in flat(text)
