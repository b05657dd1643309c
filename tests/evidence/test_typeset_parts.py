"""A long dossier is typeset in parts and joined (evidence/typeset_parts.py, evidence/pdf_join.py):
the joined PDF must be the document one Typst run makes — same text on the same pages with the
same "page X / Y", same structure elements, same bookmarks — and a valid tagged PDF/A file.
A small part budget makes a short document split, so every case runs in seconds."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pikepdf
import pytest

from tests.evidence.pdf_structure import read_structure
from tests.helpers import PASSPHRASE
from tr_journal.domain import ExportSelection
from tr_journal.errors import Cancelled, InvalidInput
from tr_journal.evidence import pdf_join, typeset, typeset_parts
from tr_journal.evidence.export import export_bundle
from tr_journal.evidence.report_doc import (
    Document,
    Facts,
    Heading,
    Section,
    Table,
    document_json,
    fixed,
    hash_cell,
    para,
    user,
)
from tr_journal.evidence.verify import verify_bundle
from tr_journal.vault import Vault

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is in tools/setup.sh"
)
STAMP = int(datetime(2026, 5, 28, 20, 26, 40, tzinfo=UTC).timestamp())
DIGEST = "b8249d07f3ca9014192f5f1a979afdbfcfb2ae4f62f554996fb277c50b79bf3a"
UYGHUR = "ئۇلار ماڭا تېلېفون قىلىپ، تۇغقانلىرىمغا زىيان يەتكۈزىمىز دەپ تەھدىت سالدى."


def _entry(n: int, long: bool = False) -> Section:
    lines = 60 if long else 2  # a long entry runs over two pages
    return Section(
        [
            Heading(f"Entrée E{n:04d}", 1),
            Facts((("Numéro affiché", fixed("+86 991 555 0101")), ("Récit", user(UYGHUR)))),
            Heading("Récit de la personne", 3),
            *[para(f"Ligne {k} de l'entrée {n} — 他们说要见面") for k in range(lines)],
            Table(
                ("Révision", "Enregistrée le", "SHA-256"),
                ((fixed("1"), user("5 déc. 2026"), hash_cell(DIGEST)),),
                (15, 35, 50),
            ),
        ]
    )


def _chronology(rows: int) -> Section:
    return Section(
        [
            Heading("Chronologie", 1),
            Table(
                ("N°", "Date", "Appelant", "Demandes"),
                tuple(
                    (fixed(str(n)), user(f"{n} mars 2026"), fixed("+86 10 5555 0199"), user(UYGHUR))
                    for n in range(rows)
                ),
                (8, 22, 30, 40),
            ),
        ],
        landscape=True,
    )


def _document(entries: int = 12, text: str = "") -> Document:
    sections = [
        Section([Heading("Dossier", 1), para("Relevé tenu par la personne." + text)]),
        _chronology(70),
        *[_entry(n, long=n == 3) for n in range(1, entries + 1)],
        Section([Heading("Bordereau", 1), para("Pièce n° 1")]),
    ]
    return Document("fr", False, "Dossier", "TRJ-2026-0001", "page {x} / {y}", sections)


def _budget(document: Document, parts: int) -> int:
    """A budget that cuts ``document`` into about ``parts`` parts."""
    return len(document_json(document)) // parts


def _pdftotext(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "dossier.pdf"
    path.write_bytes(pdf)
    done = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return done.stdout


def _single(document: Document) -> bytes:
    return typeset.typeset(document_json(document), STAMP)


def test_plan_parts_cuts_between_sections_in_order() -> None:
    document = _document()
    budget = _budget(document, 4)
    parts = typeset_parts.plan_parts(document, budget)
    assert len(parts) >= 3
    assert [s for part in parts for s in part.sections] == document.sections
    for part in parts:
        assert part.footer == document.footer and part.page_label == document.page_label
        assert len(part.sections) == 1 or len(document_json(part)) <= budget + 200
    assert typeset_parts.plan_parts(document) == [document]  # short: one part, as before


def test_a_dossier_in_parts_is_the_document_one_run_makes(tmp_path: Path) -> None:
    document = _document()
    single = _single(document)
    joined = typeset_parts.typeset_document(document, STAMP, budget=_budget(document, 4))
    assert joined != single  # it really was joined (fonts are embedded once per part)
    text = _pdftotext(joined, tmp_path)
    assert text == _pdftotext(single, tmp_path)  # same words on the same pages
    pages = text.count("\f")
    assert pages > len(document.sections)  # the long entry and the chronology run over
    for number in (1, pages // 2, pages):
        assert f"page {number} / {pages}" in text
    ours, theirs = read_structure(joined), read_structure(single)
    assert ours.problems == [] and theirs.problems == []
    assert ours.elements == theirs.elements and ours.elements["/TH"] > 0
    assert ours.bookmarks == theirs.bookmarks and len(ours.bookmarks) > len(document.sections)
    assert (ours.ids, ours.parent_keys) == (theirs.ids, theirs.parent_keys)
    assert b"<pdfaid:part>2</pdfaid:part>" in joined  # the XMP stays unfiltered, PDF/A claimed


def test_a_joined_dossier_is_the_same_bytes_twice_with_every_font_embedded(
    tmp_path: Path,
) -> None:
    document = _document(entries=6)
    budget = _budget(document, 3)
    first = typeset_parts.typeset_document(document, STAMP, budget=budget)
    assert first == typeset_parts.typeset_document(document, STAMP, budget=budget)
    path = tmp_path / "joined.pdf"
    path.write_bytes(first)
    fonts = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert fonts and all(" yes yes " in line for line in fonts), fonts


def test_the_structure_check_catches_a_join_that_keeps_clashing_ids(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The check above can fail: every part numbers its table cells from the start, so a join
    that does not rename them leaves one name for two cells."""
    document = _document(entries=4)
    parts = [
        typeset.typeset(document_json(part), STAMP)
        for part in typeset_parts.plan_parts(document, _budget(document, 3))
    ]
    assert read_structure(pdf_join.join_parts(parts)).problems == []
    monkeypatch.setattr(pdf_join, "_rename_ids", lambda *_args: None)
    problems = read_structure(pdf_join.join_parts(parts)).problems
    assert "the ID tree is not sorted or has a name twice" in problems


def test_the_structure_check_catches_a_join_that_keeps_page_keys(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    document = _document(entries=4)
    parts = [
        typeset.typeset(document_json(part), STAMP)
        for part in typeset_parts.plan_parts(document, _budget(document, 3))
    ]
    monkeypatch.setattr(pdf_join, "_shift_struct_parents", lambda *_args: None)
    problems = read_structure(pdf_join.join_parts(parts)).problems
    assert any("parent tree" in problem for problem in problems), problems


def test_a_character_no_font_draws_drops_pdfa_in_every_part(tmp_path: Path) -> None:
    """PDF/A is all or nothing: an emoji in the first part makes every part plain PDF."""
    document = _document(entries=4, text=" 🙂")
    joined = typeset_parts.typeset_document(document, STAMP, budget=_budget(document, 3))
    assert b"pdfaid" not in joined
    assert read_structure(joined).problems == []
    assert "Relevé tenu par la personne" in _pdftotext(joined, tmp_path)


def test_the_join_refuses_what_it_would_lose() -> None:
    document = _document(entries=2)
    pdf = _single(document)
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        doc.Root.PageLabels = pikepdf.Dictionary(Nums=pikepdf.Array([0, pikepdf.Dictionary()]))
        buffer = io.BytesIO()
        doc.save(buffer)
    with pytest.raises(pdf_join.JoinRefused, match="PageLabels"):
        pdf_join.join_parts([pdf, buffer.getvalue()])
    with pytest.raises(pdf_join.JoinRefused, match="pages"):
        pdf_join.join_parts([pdf, pdf], expected_pages=1)


def test_a_join_the_child_refuses_is_a_typed_error() -> None:
    request = b'{"mode": "join", "sizes": [5], "pages": 1, "template": "dossier.typ"}\nnotpdf'
    with pytest.raises(InvalidInput):
        typeset.ask_child(request)


def test_cancel_between_parts_leaves_no_child(
    monkeypatch: pytest.MonkeyPatch, started_children: list[subprocess.Popen[bytes]]
) -> None:
    started = started_children
    monkeypatch.setattr(typeset, "POLL_SECONDS", 0.01)
    document = _document()
    with pytest.raises(Cancelled):
        typeset_parts.typeset_document(
            document, STAMP, cancelled=lambda: len(started) >= 2, budget=_budget(document, 4)
        )
    assert len(started) == 2
    assert all(proc.returncode is not None for proc in started)  # finished or killed, reaped


def _export(template: Path, folder: Path, selection: list[str]) -> bytes:
    shutil.copytree(template, folder)
    with Vault.open(folder, PASSPHRASE) as vault:
        ids = ExportSelection(entry_ids=tuple(selection))
        result = export_bundle(vault, folder.parent / f"{folder.name}.zip", ids, lang="fr")
    assert verify_bundle(result.path).valid
    with zipfile.ZipFile(result.path) as archive:
        (name,) = [n for n in archive.namelist() if n.endswith("report/report.pdf")]
        return archive.read(name)


def test_an_export_whose_dossier_is_joined_verifies_and_reads_the_same(
    populated_template: tuple[Path, list[str]],
    source_date_epoch: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The real export path, the dossier cut into parts by a small budget: the bundle verifies,
    and its report reads exactly as the one typeset in one run from the same vault."""
    template, selection = populated_template
    one_run = _export(template, tmp_path / "one", selection)
    monkeypatch.setattr(typeset_parts, "PART_BUDGET", 8_000)
    joined = _export(template, tmp_path / "parts", selection)
    assert joined != one_run
    text = _pdftotext(joined, tmp_path)
    assert text == _pdftotext(one_run, tmp_path)
    pages = text.count("\f")
    assert f"page {pages} / {pages}" in text and pages > 5
    assert read_structure(joined).problems == []
