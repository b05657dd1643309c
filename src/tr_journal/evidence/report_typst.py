"""The dossier's PDF: the block model typeset by Typst with the shipped Noto fonts.

Why Typst: it shapes Uyghur (Arabic script, right to left) and Chinese with our own fonts, needs
neither Qt nor a display, is one self-contained wheel, and gives the same bytes for the same
input: system fonts are ignored, and the document date is the export time (``timestamp``), so
``SOURCE_DATE_EPOCH`` fixes it. The output claims PDF/A-2b and is tagged (accessible).

User text reaches Typst only as JSON data (``sys.inputs.document``); the template shows strings
as text, so nothing a person typed can run as Typst code.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import typst

from tr_journal.errors import N_, InvalidInput
from tr_journal.evidence.report_doc import Document, document_json
from tr_journal.resources_path import resource_path


def template_path(name: str = "dossier.typ") -> Path:
    return resource_path("report") / name


def font_dir() -> Path:
    return resource_path("fonts")


def compile_pdf(document: Document, moment: datetime, template: str = "dossier.typ") -> bytes:
    """Typeset ``document``; ``moment`` (the export time) is the PDF's creation date.

    PDF/A forbids a character that no font can draw; a person may type one (an emoji, a rare
    ideograph), and the export must not fail for it: the same input is then typeset without
    the PDF/A claim (the character shows as a box), still byte for byte reproducible.
    """
    try:
        return _compile(document, moment, template, pdfa=True)
    except typst.TypstError as exc:
        if "could not be displayed" not in str(exc):
            raise _failed(exc) from exc
    try:
        return _compile(document, moment, template, pdfa=False)
    except typst.TypstError as exc:
        raise _failed(exc) from exc


def _compile(document: Document, moment: datetime, template: str,
             pdfa: bool) -> bytes:
    """One Typst run; ``pdfa`` claims PDF/A-2b (tagging for accessibility is Typst's default)."""
    source = template_path(template)
    pdf: bytes = typst.compile(
        str(source), root=str(source.parent), font_paths=[str(font_dir())],
        ignore_system_fonts=True, sys_inputs={"document": document_json(document)},
        pdf_standards=["a-2b"] if pdfa else [], timestamp=int(moment.timestamp()))
    return pdf


def _failed(exc: Exception) -> InvalidInput:
    return InvalidInput(detail=N_("The report could not be typeset ({error}); nothing was "
                                  "exported."), error=str(exc))
