"""The dossier's HTML twin: the same blocks as the PDF, escaped, in one self-contained file.

Every string is escaped with :func:`html.escape` (quotes too), so user text is shown, never
parsed; directions are ``dir`` attributes, so a Uyghur narrative reads right to left in any
report language and a phone number keeps its order inside a Uyghur table.
"""

from __future__ import annotations

import base64
import html

from tr_journal.evidence.report_doc import (
    Blanks,
    Block,
    Cell,
    Document,
    Facts,
    Heading,
    Para,
    Picture,
    Section,
    Table,
)

FONT_FAMILIES = (
    "'Noto Sans', 'Noto Naskh Arabic', 'Noto Sans Arabic', 'Noto Sans SC TRJ', "
    "'Noto Sans CJK SC', sans-serif"
)
STYLE = (
    (
        f"body {{ font-family: {FONT_FAMILIES}; font-size: 10pt; max-width: 60em; "
        "margin: auto; }} tt {{ font-family: 'Noto Sans Mono', monospace; font-size: 9pt; }} "
        "table {{ border-collapse: collapse; margin: 0.5em 0; }} "
        "table.ruled td, table.ruled th {{ border: 1px solid #888; padding: 3px; "
        "vertical-align: top; }} th {{ background: #ddd; }} .small {{ font-size: 8pt; }} "
        "section {{ border-top: 2px solid #444; margin-top: 2em; }} "
        ".blank {{ border-bottom: 1px solid #000; "
        "min-height: 1.6em; margin: 0.6em 0; }}"
    )
    .replace("{{", "{")
    .replace("}}", "}")
)


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def run(cell: Cell, span: bool = True) -> str:
    text = _e(cell.text).replace("\n", "<br/>")
    if cell.mono:
        text = f"<tt>{text}</tt>"
    if cell.bold:
        text = f"<b>{text}</b>"
    return f'<span dir="{cell.dir}">{text}</span>' if cell.dir and span else text


def _cell(cell: Cell) -> str:
    """A table or field value as a block in its own direction."""
    inner = run(cell, span=False)
    return f'<div dir="{cell.dir}">{inner}</div>' if cell.dir else inner


def _block(block: Block) -> str:
    if isinstance(block, Heading):
        return f"<h{block.level}>{_e(block.text)}</h{block.level}>"
    if isinstance(block, Para):
        direction = block.cells[0].dir if block.cells else ""
        attrs = (f' dir="{direction}"' if direction else "") + (
            ' class="small"' if block.small else ""
        )
        return f"<p{attrs}>" + "".join(run(c, span=False) for c in block.cells) + "</p>"
    if isinstance(block, Facts):
        rows = "".join(
            f"<tr><td><b>{_e(k)}</b></td><td>{_cell(v)}</td></tr>" for k, v in block.rows
        )
        return f"<table>{rows}</table>"
    if isinstance(block, Table):
        head = "".join(f"<th>{_e(h)}</th>" for h in block.head)
        span = f' colspan="{len(block.head)}"'
        body = "".join(
            "<tr>"
            + "".join(f"<td{span if len(row) == 1 else ''}>{_cell(c)}</td>" for c in row)
            + "</tr>"
            for row in block.rows
        )
        small = " small" if block.small else ""
        return (
            f'<table class="ruled{small}"><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table>"
        )
    if isinstance(block, Picture):
        data = base64.b64encode(block.svg.encode("utf-8")).decode("ascii")
        return (
            f'<p><img alt="{_e(block.alt)}" style="width: {block.width}mm" '
            f'src="data:image/svg+xml;base64,{data}"/></p>'
        )
    assert isinstance(block, Blanks)
    return "".join(f'<div class="blank">{_e(line)}</div>' for line in block.lines)


def _section(section: Section) -> str:
    attrs = ""
    if section.lang:
        attrs = (
            f' lang="{_e(section.lang.replace("_", "-"))}" dir="{"rtl" if section.rtl else "ltr"}"'
        )
    return f"<section{attrs}>" + "".join(_block(b) for b in section.blocks) + "</section>"


def build_html(document: Document) -> str:
    direction = "rtl" if document.rtl else "ltr"
    lang = document.lang.replace("_", "-")
    body = "".join(_section(s) for s in document.sections)
    return (
        f'<!DOCTYPE html>\n<html lang="{_e(lang)}" dir="{direction}"><head>'
        f'<meta charset="utf-8"/><title>{_e(document.title)}</title>'
        f'<style>{STYLE}</style></head><body dir="{direction}">{body}</body></html>\n'
    )
