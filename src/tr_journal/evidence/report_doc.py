"""The dossier as data: typed blocks that the PDF (Typst) and HTML renderers lay out alike.

Why a block model: the PDF and the HTML report must say the same things, and user text must
never become markup. Every word is decided here, already translated and formatted; the
renderers only place it. The Typst template receives the blocks as JSON (``sys_inputs``) and
shows every string as text, so a narrative containing ``#import`` or ``]`` is printed, never
run (docs/evidence-report.md).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, ClassVar

_RTL_CHARS = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_LTR_CHARS = re.compile(r"[A-Za-z\u00c0-\u024f\u0400-\u04ff\u3040-\u9fff]")


def text_direction(text: str) -> str:
    """``rtl`` when the first strong character is right-to-left (Uyghur, Arabic...)."""
    rtl, ltr = _RTL_CHARS.search(text), _LTR_CHARS.search(text)
    if rtl and (not ltr or rtl.start() < ltr.start()):
        return "rtl"
    return "ltr"


@dataclass(frozen=True)
class Cell:
    """One run of text. ``dir`` is set for user text (its own direction in any report
    language) and for identifiers, numbers and hashes (always ``ltr``); empty means the
    document's direction."""

    text: str
    mono: bool = False
    dir: str = ""
    bold: bool = False


def user(text: Any) -> Cell:
    """User text as typed, in its own direction."""
    value = ", ".join(map(str, text)) if isinstance(text, list) else str(text)
    return Cell(value, dir=text_direction(value))


def fixed(text: str) -> Cell:
    """An identifier, number or path: left to right in every language."""
    return Cell(text, dir="ltr")


def hash_cell(digest: str, group: int = 8) -> Cell:
    """A SHA-256 in monospace, in fixed groups so it wraps between groups, never inside one."""
    return Cell(
        " ".join(digest[i : i + group] for i in range(0, len(digest), group)), mono=True, dir="ltr"
    )


@dataclass(frozen=True)
class Heading:
    kind: ClassVar[str] = "heading"
    text: str
    level: int = 1


@dataclass(frozen=True)
class Para:
    kind: ClassVar[str] = "para"
    cells: tuple[Cell, ...]
    small: bool = False


def para(text: str, small: bool = False, **options: Any) -> Para:
    return Para((Cell(text, **options),), small)


@dataclass(frozen=True)
class Facts:
    """Label / value lines (the cover, an entry's fields)."""

    kind: ClassVar[str] = "facts"
    rows: tuple[tuple[str, Cell], ...]


@dataclass(frozen=True)
class Table:
    """A ruled table whose header repeats on every page; ``widths`` are relative. A row of one
    cell spans the whole width (the SHA-256 line under an exhibit)."""

    kind: ClassVar[str] = "table"
    head: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    widths: tuple[float, ...]
    small: bool = False


@dataclass(frozen=True)
class Blanks:
    """Labelled lines the person fills in by hand (attestation)."""

    kind: ClassVar[str] = "blanks"
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Picture:
    """An SVG the app drew itself (the key card's QR code), ``width`` in millimetres."""

    kind: ClassVar[str] = "picture"
    svg: str
    width: float
    alt: str


Block = Heading | Para | Facts | Table | Blanks | Picture


@dataclass
class Section:
    """Starts on a new page; a landscape section gets landscape pages."""

    blocks: list[Block] = field(default_factory=list)
    landscape: bool = False
    lang: str = ""  # a section in another language (the key card in French)
    rtl: bool = False


@dataclass
class Document:
    lang: str
    rtl: bool
    title: str
    footer: str  # left of every page footer: the export id
    page_label: str  # "page {x} / {y}" in the document's language
    sections: list[Section] = field(default_factory=list)


#: 24 or more characters with no break opportunity for a line breaker (Latin letters, digits,
#: signs; Arabic and CJK text breaks on its own): a link or an e-mail address typed by the person.
_UNBREAKABLE = re.compile(
    r"[^\s\u0600-\u06ff\u0750-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
    r"\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]{24,}"
)


def breakable(text: str) -> str:
    """Let a long unspaced run break anywhere (zero-width spaces between its characters): on
    paper a line running off the page edge would be cut off. Only for the PDF, and not for our
    monospace values (hashes, keys, paths), which must copy exactly."""
    return _UNBREAKABLE.sub(lambda m: "\u200b".join(m.group(0)), text)


def _cell_json(cell: Cell) -> dict[str, Any]:
    text = cell.text if cell.mono else breakable(cell.text)
    return {"text": text, "mono": cell.mono, "dir": cell.dir, "bold": cell.bold}


def _block_json(block: Block) -> dict[str, Any]:
    if isinstance(block, Heading):
        return {"kind": block.kind, "text": block.text, "level": block.level}
    if isinstance(block, Para):
        return {
            "kind": block.kind,
            "cells": [_cell_json(c) for c in block.cells],
            "small": block.small,
        }
    if isinstance(block, Facts):
        return {"kind": block.kind, "rows": [[k, _cell_json(v)] for k, v in block.rows]}
    if isinstance(block, Table):
        return {
            "kind": block.kind,
            "head": list(block.head),
            "widths": list(block.widths),
            "rows": [[_cell_json(c) for c in row] for row in block.rows],
            "small": block.small,
        }
    if isinstance(block, Picture):
        return {"kind": block.kind, "svg": block.svg, "width": block.width, "alt": block.alt}
    return {"kind": block.kind, "lines": list(block.lines)}


def document_json(document: Document) -> str:
    """The document as the JSON the Typst template reads (sorted keys: same input, same text)."""
    return json.dumps(
        {
            "lang": document.lang,
            "rtl": document.rtl,
            "title": document.title,
            "footer": document.footer,
            "page_label": document.page_label,
            "sections": [
                {
                    "landscape": s.landscape,
                    "lang": s.lang or document.lang,
                    "rtl": s.rtl if s.lang else document.rtl,
                    "blocks": [_block_json(b) for b in s.blocks],
                }
                for s in document.sections
            ],
        },
        ensure_ascii=False,
        sort_keys=True,
    )
