"""The dossier's PDF: the block model typeset by Typst with the shipped Noto fonts.

Why Typst: it shapes Uyghur (Arabic script, right to left) and Chinese with our own fonts, needs
neither Qt nor a display, is one self-contained wheel, and gives the same bytes for the same
input: system fonts are ignored, and the document date is the export time (``timestamp``), so
``SOURCE_DATE_EPOCH`` fixes it. The output claims PDF/A-2b and is tagged (accessible).

User text reaches Typst only as JSON data (``sys.inputs.document``); the template shows strings
as text, so nothing a person typed can run as Typst code.

Typst runs in child processes (:mod:`typeset`, a long dossier in parts: :mod:`typeset_parts`):
:func:`compile_pdf` is what the app calls, :func:`compile_json` and :func:`compile_part` what a
child runs.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from tr_journal.evidence.report_doc import Document
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
    from tr_journal.evidence.typeset_parts import typeset_document

    return typeset_document(document, int(moment.timestamp()), template, cancelled)


def compile_json(
    document: str, timestamp: int, template: str = "dossier.typ", pages: PageNumbers | None = None
) -> bytes:
    """Typeset the document JSON here, in this process (the child's work).

    PDF/A forbids a character that no font can draw; a person may type one (an emoji, a rare
    ideograph), and the export must not fail for it: the same input is then typeset without
    the PDF/A claim (the character shows as a box), still byte for byte reproducible.
    """
    try:
        return compile_part(document, timestamp, template, pdfa=True, pages=pages)
    except NotDisplayable:
        return compile_part(document, timestamp, template, pdfa=False, pages=pages)


class NotDisplayable(TypstRefused):
    """A character no shipped font can draw: no PDF/A claim is possible for this document."""


@dataclass(frozen=True)
class PageNumbers:
    """What a part of a long dossier is told: the pages before it and the pages in all."""

    offset: int
    total: int

    def inputs(self) -> dict[str, str]:
        return {"page_offset": str(self.offset), "page_total": str(self.total)}


def compile_part(
    document: str, timestamp: int, template: str, pdfa: bool, pages: PageNumbers | None = None
) -> bytes:
    """One Typst run; ``pdfa`` claims PDF/A-2b (tagging for accessibility is Typst's default).
    Raises :class:`NotDisplayable` when ``pdfa`` is impossible, :class:`TypstRefused` else."""
    import typst

    source = template_path(template)
    inputs = {"document": document, **(pages.inputs() if pages else {})}
    try:
        pdf: bytes = typst.compile(
            str(source),
            root=str(source.parent),
            font_paths=[str(font_dir())],
            ignore_system_fonts=True,
            sys_inputs=inputs,
            pdf_standards=["a-2b"] if pdfa else [],
            timestamp=timestamp,
        )
    except typst.TypstError as exc:
        if pdfa and "could not be displayed" in str(exc):
            raise NotDisplayable(str(exc)) from exc
        raise TypstRefused(str(exc)) from exc
    return pdf


def count_pages(document: str, template: str) -> int:
    """How many pages ``document`` takes (a layout without making the PDF: the template marks
    its page count with the label ``<trj-pages>``)."""
    import typst

    source = template_path(template)
    try:
        value = typst.query(
            str(source),
            "<trj-pages>",
            field="value",
            one=True,
            root=str(source.parent),
            font_paths=[str(font_dir())],
            ignore_system_fonts=True,
            sys_inputs={"document": document, "counting": "yes"},
        )
    except typst.TypstError as exc:
        raise TypstRefused(str(exc)) from exc
    return int(json.loads(value))
