"""A long dossier is typeset in parts, so that its memory stays bounded (docs/evidence-report.md,
"Long dossiers").

Why: Typst keeps every laid-out page until a compilation ends, ~0.75 MiB a page with tags; a
1,000-entry dossier typeset at once peaked at ~820 MiB. Parts of consecutive sections (each
section starts a new page anyway, so a part boundary changes no page) are typeset one after the
other, each by its own child process (:mod:`typeset`), which returns its memory when it exits:
the peak is the largest part's, or the join's.

Two passes, because every footer says "page X / Y": the first asks each part for its page count
(a layout without the PDF), the second typesets each part told the pages before it and the total;
a last child joins the PDFs (:mod:`pdf_join`). A document under one part's budget is typeset in
one child as before, byte for byte. PDF/A is all or nothing: if one part holds a character no
font can draw, every part is typeset again without the claim.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from tr_journal.evidence.report_doc import Document, Section, document_json
from tr_journal.evidence.typeset import NoPdfA, ask_child, request_bytes, typeset

#: Characters of document JSON per part. A Typst child's peak grows ~0.3 MiB per 1,000
#: characters of JSON (entry pages, tables) above ~75 MiB of its own, so a part stays under
#: ~300 MiB; fewer, larger parts save the ~0.1 s each child costs to start (measured with
#: bench/bench_dossier.py: 400,000 → 9 parts, 11.4 s; 700,000 → 5 parts, 8.7 s, 280 MiB).
PART_BUDGET = 700_000


def plan_parts(document: Document, budget: int | None = None) -> list[Document]:
    """``document`` cut between sections into parts of at most ``budget`` characters of JSON
    (a section larger than that is a part of its own: a section is never cut)."""
    budget = budget or PART_BUDGET
    parts: list[list[Section]] = [[]]
    size = 0
    for section in document.sections:
        cost = _section_size(document, section)
        if parts[-1] and size + cost > budget:
            parts.append([])
            size = 0
        parts[-1].append(section)
        size += cost
    return [replace(document, sections=sections) for sections in parts]


def _section_size(document: Document, section: Section) -> int:
    return len(document_json(replace(document, sections=[section])))


def typeset_document(
    document: Document,
    timestamp: int,
    template: str = "dossier.typ",
    cancelled: Callable[[], bool] | None = None,
    budget: int | None = None,
) -> bytes:
    """The PDF of ``document`` (same errors as :func:`typeset.typeset`), in parts when longer
    than ``budget`` (:data:`PART_BUDGET` when not given)."""
    budget = budget or PART_BUDGET
    whole = document_json(document)
    if len(whole) <= budget:  # one child, as before parts: no cutting, no second encoding
        return typeset(whole, timestamp, template, cancelled)
    parts = [document_json(part) for part in plan_parts(document, budget)]
    if len(parts) == 1:  # one section longer than the budget: nothing to join
        return typeset(whole, timestamp, template, cancelled)
    counts = [
        int(ask_child(request_bytes(part, timestamp, template, mode="pages"), cancelled))
        for part in parts
    ]
    try:
        pdfs = _typeset_parts(parts, counts, timestamp, template, "yes", cancelled)
    except NoPdfA:
        pdfs = _typeset_parts(parts, counts, timestamp, template, "no", cancelled)
    sizes, pages = [len(pdf) for pdf in pdfs], sum(counts)
    joining = request_bytes(
        b"".join(pdfs), timestamp, template, mode="join", sizes=sizes, pages=pages
    )
    return ask_child(joining, cancelled)


def _typeset_parts(
    parts: list[str],
    counts: list[int],
    timestamp: int,
    template: str,
    pdfa: str,
    cancelled: Callable[[], bool] | None,
) -> list[bytes]:
    pdfs, offset, total = [], 0, sum(counts)
    for part, count in zip(parts, counts, strict=True):
        options = {"pdfa": pdfa, "page_offset": offset, "page_total": total}
        pdfs.append(ask_child(request_bytes(part, timestamp, template, **options), cancelled))
        offset += count
    return pdfs
