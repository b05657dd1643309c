"""The dossier's PDF: the block model typeset by Typst with the shipped Noto fonts.

Why Typst: it shapes Uyghur (Arabic script, right to left) and Chinese with our own fonts, needs
neither Qt nor a display, is one self-contained wheel, and gives the same bytes for the same
input: system fonts are ignored, and the document date is the export time (``timestamp``), so
``SOURCE_DATE_EPOCH`` fixes it. The output claims PDF/A-2b and is tagged (accessible).

User text reaches Typst only as JSON data (``sys.inputs.document``); the template shows strings
as text, so nothing a person typed can run as Typst code.

Typst runs in a child process (:mod:`typeset`): :func:`compile_pdf` is what the app calls,
:func:`compile_json` what the child runs.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from tr_journal.evidence.report_doc import Document, document_json
from tr_journal.resources_path import resource_path


class TypstRefused(Exception):
    """Typst could not typeset the document (its message is the text)."""


def template_path(name: str = "dossier.typ") -> Path:
    return resource_path("report") / name


def font_dir() -> Path:
    return resource_path("fonts")


def compile_pdf(
    document: Document,
    moment: datetime,
    template: str = "dossier.typ",
    cancelled: Callable[[], bool] | None = None,
) -> bytes:
    """Typeset ``document`` in a child process; ``moment`` (the export time) is the PDF's
    creation date. ``cancelled`` is polled meanwhile; the child is killed when it turns true."""
    from tr_journal.evidence.typeset import typeset

    return typeset(document_json(document), int(moment.timestamp()), template, cancelled)


def compile_json(document: str, timestamp: int, template: str = "dossier.typ") -> bytes:
    """Typeset the document JSON here, in this process (the child's work).

    PDF/A forbids a character that no font can draw; a person may type one (an emoji, a rare
    ideograph), and the export must not fail for it: the same input is then typeset without
    the PDF/A claim (the character shows as a box), still byte for byte reproducible.
    """
    import typst

    try:
        return _compile(document, timestamp, template, pdfa=True)
    except typst.TypstError as exc:
        if "could not be displayed" not in str(exc):
            raise TypstRefused(str(exc)) from exc
    try:
        return _compile(document, timestamp, template, pdfa=False)
    except typst.TypstError as exc:
        raise TypstRefused(str(exc)) from exc


def _compile(document: str, timestamp: int, template: str, pdfa: bool) -> bytes:
    """One Typst run; ``pdfa`` claims PDF/A-2b (tagging for accessibility is Typst's default)."""
    import typst

    source = template_path(template)
    pdf: bytes = typst.compile(
        str(source),
        root=str(source.parent),
        font_paths=[str(font_dir())],
        ignore_system_fonts=True,
        sys_inputs={"document": document},
        pdf_standards=["a-2b"] if pdfa else [],
        timestamp=timestamp,
    )
    return pdf
