"""The human report of a bundle: ``report.html`` and ``report.pdf`` (design §5).

The PDF goes through QtGui (QTextDocument + QPdfWriter, offscreen) because Qt shapes Uyghur
right-to-left and renders CJK with font fallback; this is the one service allowed to touch Qt,
and only QtCore/QtGui. The PDF must be reproducible: Qt stamps the wall-clock creation time and
a random document id, so both are replaced by values derived from the export (same length, so
the cross-reference offsets stay right).
"""

from __future__ import annotations

import html
import re
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tr_journal.canonical import canonical_sha256
from tr_journal.errors import N_
from tr_journal.evidence.readme_text import VERIFY, VERIFY_WIN
from tr_journal.evidence.report_text import long_text
from tr_journal.i18n import _, is_rtl, using_language
from tr_journal.i18n.labels import (
    DEMAND_LABELS,
    THREAT_LABELS,
    channel_label,
    direction_label,
    field_label,
    labels_joined,
)
from tr_journal.model import FIELDS

FONT_DIRS = (Path(__file__).resolve().parents[3] / "resources" / "fonts",
             Path(__file__).resolve().parents[1] / "resources" / "fonts")
FONT_FAMILIES = ("'Noto Sans', 'Noto Naskh Arabic', 'Noto Sans Arabic', 'Noto Sans CJK SC', "
                 "sans-serif")
_RTL_CHARS = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_LTR_CHARS = re.compile(r"[A-Za-z\u00c0-\u024f\u0400-\u04ff\u3040-\u9fff]")
#: The chain's event kinds in words; the identifier stays shown under it, as in events.jsonl.
EVENT_LABELS = {
    "vault.created": N_("Journal created"), "entry.created": N_("Entry logged"),
    "entry.revised": N_("Entry revised"), "entry.deleted": N_("Entry deleted"),
    "attachment.added": N_("File attached"), "attachment.removed": N_("File removed"),
    "export.created": N_("Evidence bundle exported"),
    "key.rotated": N_("Encryption key rotated"),
    "stamp.imported": N_("Time stamp recorded"),
}
#: Column widths (%) of the chronological table: the exhibits column fits 16 hex digits a line.
CHRONOLOGY_WIDTHS = [8, 11, 11, 9, 10, 12, 11, 10, 18]
_app: Any = None
_fonts_added: list[bool] = []  # shipped fonts are registered once per process


@dataclass
class ReportData:
    custody: dict[str, Any]
    entries: list[dict[str, Any]]
    events: list[dict[str, Any]]
    export_event: dict[str, Any]
    lang: str


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def text_direction(text: str) -> str:
    """``rtl`` when the first strong character is right-to-left (Uyghur, Arabic...)."""
    rtl, ltr = _RTL_CHARS.search(text), _LTR_CHARS.search(text)
    if rtl and (not ltr or rtl.start() < ltr.start()):
        return "rtl"
    return "ltr"


def _user(text: Any) -> str:
    """User text in its own direction, so Uyghur reads right-to-left in any report language."""
    value = ", ".join(map(str, text)) if isinstance(text, list) else str(text)
    return (f'<span dir="{text_direction(value)}">'
            + _e(value).replace("\n", "<br/>") + "</span>")


def _cell(text: Any) -> str:
    """User text filling a table cell, as a block in its own direction: Qt honours ``dir``
    on blocks only, and a phone number in a Uyghur report must not read "0101 555 991 86+"."""
    value = ", ".join(map(str, text)) if isinstance(text, list) else str(text)
    return (f'<div dir="{text_direction(value)}">'
            + _e(value).replace("\n", "<br/>") + "</div>")


def _table(headers: list[str], rows: list[list[str]], widths: list[int] | None = None) -> str:
    """A bordered table; ``widths`` in percent, since Qt's automatic layout starves columns
    of unbreakable text such as hashes."""
    sizes = [f' width="{w}%"' for w in widths] if widths else [""] * len(headers)
    head = "".join(f"<th{size}>{_e(h)}</th>" for h, size in zip(headers, sizes, strict=True))
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return (f'<table border="1" cellspacing="0" cellpadding="3" width="100%">'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")


def _current(entry: dict[str, Any]) -> dict[str, Any]:
    fields: dict[str, Any] = entry["revisions"][-1]["fields"]
    return fields


def _exhibits(entry: dict[str, Any]) -> str:
    """Id and full SHA-256 in four lines of 16 digits: the table keeps nine columns on an A4
    page, and Qt would otherwise break the digits wherever the narrow column ends."""
    return "<br/>".join(
        f"{_e(a['id'])}<br/><tt>"
        + "<br/>".join(_e(a["sha256"][i:i + 16]) for i in range(0, 64, 16)) + "</tt>"
        for a in entry["attachments"])


def _cover(data: ReportData) -> str:
    custody = data.custody
    originals = len(custody["originals"])
    facts = [
        (_("Export id"), _e(custody["export_id"])),
        (_("Exported at (UTC, device clock)"), _e(custody["created_utc"])),
        (_("Signing key fingerprint"), f"<tt>{_e(custody['key_fingerprint'])}</tt>"),
        (_("Export record SHA-256"), f"<tt>{_e(data.export_event['content_sha256'])}</tt>"),
        (_("Entries disclosed"), str(len(data.entries))),
        (_("Original files"), str(originals)),
        (_("Events in the chain"), str(len(data.events))),
    ]
    rows = "".join(f"<tr><td><b>{_e(k)}</b></td><td>{v}</td></tr>" for k, v in facts)
    return (f"<h1>{_e(_('Evidence bundle'))} {_e(custody['export_id'])}</h1>"
            f'<table cellpadding="4">{rows}</table>'
            + _para(f"{_('Tag-manifest SHA-256')}: {long_text('cover-note')}"))


def _chronology(data: ReportData) -> str:
    rows = []
    for entry in data.entries:
        f = _current(entry)
        rows.append([_e(entry["id"]), _cell(f.get("occurred_at", "")),
                     _e(_utc_of(entry)), _e(channel_label(f.get("channel"))),
                     _cell(f.get("caller_number", "")), _cell(f.get("claimed_identity", "")),
                     _e(labels_joined(DEMAND_LABELS, f.get("demands"))),
                     _e(labels_joined(THREAT_LABELS, f.get("threats"))), _exhibits(entry)])
    headers = [_("Entry"), _("Local time"), _("UTC"), _("Channel"), _("Number"),
               _("Identity claimed"), _("Demands"), _("Threats"), _("Exhibits")]
    return (f"<h2>{_e(_('Chronological table'))}</h2>"
            f'<div class="small">{_table(headers, rows, CHRONOLOGY_WIDTHS)}</div>')


def _utc_of(entry: dict[str, Any]) -> str:
    from datetime import datetime

    from tr_journal.timeutil import to_utc_text

    occurred = _current(entry).get("occurred_at")
    try:
        return to_utc_text(datetime.fromisoformat(occurred)) if occurred else ""
    except ValueError:
        return ""


def _value(name: str, value: Any) -> str:
    """A field's value as HTML: stored identifiers as translated labels, user text as typed."""
    if name == "channel":
        return _e(channel_label(value))
    if name == "direction":
        return _e(direction_label(value))
    if name in ("demands", "threats"):
        table = DEMAND_LABELS if name == "demands" else THREAT_LABELS
        return _e(labels_joined(table, value if isinstance(value, list) else [value]))
    return _cell(value)


def _entry_section(entry: dict[str, Any]) -> str:
    fields = _current(entry)
    order = {name: n for n, name in enumerate(FIELDS)}  # the form's order, not storage order
    rows = "".join(f"<tr><td><b>{_e(field_label(k))}</b></td><td>{_value(k, fields[k])}</td></tr>"
                   for k in sorted(fields, key=lambda k: (order.get(k, len(order)), k))
                   if k != "narrative" and fields[k] not in ("", [], None))
    parts = [f'<h2 style="page-break-before: always">{_e(_("Entry"))} {_e(entry["id"])}</h2>',
             f'<table cellpadding="3">{rows}</table>']
    if fields.get("narrative"):
        parts.append(f"<h3>{_e(_('Narrative'))}</h3>"
                     f'<p dir="{text_direction(fields["narrative"])}">'
                     f'{_e(fields["narrative"]).replace(chr(10), "<br/>")}</p>')
    parts.append(_history(entry["revisions"]))
    if entry["attachments"]:
        parts.append(f"<h3>{_e(_('Exhibits'))}</h3>")
        parts.extend(
            f"<p><b>{_e(a['id'])}</b> — {_user(a['name'])} — {_e(a['media_type'])} — "
            f"{_e(a['size'])} {_e(_('bytes'))}<br/>{_e(_('File in the bundle'))}: "
            f"<tt>{_e(a['path'])}</tt><br/>SHA-256: <tt>{_e(a['sha256'])}</tt></p>"
            for a in entry["attachments"])
    return "".join(parts)


def _history(revisions: list[dict[str, Any]]) -> str:
    """Every revision with its hash and the fields it changed; earlier texts in full, since an
    edit must never hide what was first written."""
    rows, earlier = [], []
    previous: dict[str, Any] = {}
    for revision in revisions:
        fields = revision["fields"]
        changed = sorted(k for k in set(fields) | set(previous) if fields.get(k) != previous.get(k)
                         and k != "recorded_at")
        labels = ", ".join(field_label(k) for k in changed) if previous else "—"
        rows.append([_e(revision["rev"]), _e(revision["saved_at"]), _e(labels),
                     f"<tt>{_e(canonical_sha256(revision))}</tt>"])
        if revision is not revisions[-1] and fields.get("narrative"):
            earlier.append(f"<p><b>{_e(_('Revision'))} {_e(revision['rev'])}:</b></p>"
                           + _para(fields["narrative"]))
        previous = fields
    return (f"<h3>{_e(_('Revision history'))}</h3>"
            + _table([_("Revision"), _("Saved at (UTC)"), _("Changed"), _("Content SHA-256")],
                     rows) + "".join(earlier))


def _custody(data: ReportData) -> str:
    disclosed = {e["id"] for e in data.entries}
    disclosed |= {a["id"] for e in data.entries for a in e["attachments"]}
    rows = []
    for event in data.events:
        subject = event["subject_id"]
        shown = subject if subject in disclosed or not subject.startswith("E") else (
            f"{subject} ({_('not disclosed')})")
        kind = event["kind"]
        label = _(EVENT_LABELS[kind]) if kind in EVENT_LABELS else kind
        rows.append([_e(event["seq"]), _e(event["at_utc"]),
                     f"{_e(label)}<br/><tt>{_e(kind)}</tt>", _e(shown),
                     f"<tt>{_e(event['content_sha256'][:16])}…</tt>"])
    return (f'<h2 style="page-break-before: always">{_e(_("Custody timeline"))}</h2>'
            + _table(["#", _("Time (UTC)"), _("Event"), _("Subject"), _("Content SHA-256")],
                     rows))


def _para(text: str) -> str:
    """A paragraph in its own direction (an untranslated English one inside a Uyghur report
    must not put its full stop on the left)."""
    return f'<p dir="{text_direction(text)}">{_e(text).replace(chr(10), "<br/>")}</p>'


def _closing() -> str:
    return (f"<h2>{_e(_('Declared and certified times'))}</h2>{_para(long_text('time-note'))}"
            f"<h2>{_e(_('What the checks prove'))}</h2>{_para(long_text('proves'))}"
            f"<h2>{_e(_('What they do not prove'))}</h2>{_para(long_text('not-proves'))}"
            f"<h2>{_e(_('How to verify'))}</h2>{_para(long_text('verify-intro'))}"
            + "".join(f'<p dir="ltr"><tt>{_e(command)}</tt></p>' for command in (
                VERIFY, "sha256sum -c tagmanifest-sha256.txt", "sha256sum -c manifest-sha256.txt",
                "Windows (cmd.exe): " + VERIFY_WIN)))


def build_html(data: ReportData) -> str:
    direction = "rtl" if is_rtl(data.lang) else "ltr"
    body = (_cover(data) + _chronology(data)
            + "".join(_entry_section(e) for e in data.entries) + _custody(data) + _closing())
    return (f'<!DOCTYPE html>\n<html lang="{_e(data.lang)}" dir="{direction}"><head>'
            f'<meta charset="utf-8"/><title>{_e(_("Evidence bundle"))} '
            f'{_e(data.custody["export_id"])}</title><style>body {{ font-family: '
            f"{FONT_FAMILIES}; font-size: 10pt; }} tt {{ font-size: 8pt; }} "
            f"th {{ background: #ddd; }} .small {{ font-size: 8pt; }} "
            f".small tt {{ font-size: 6pt; }}</style></head>"
            f'<body dir="{direction}">{body}</body></html>\n')


def render_report(data: ReportData) -> tuple[bytes, bytes]:
    """``(report.html, report.pdf)`` in the export's language.

    The language is switched for this thread only: the export runs on a worker thread in the
    app, and the interface must keep its own language meanwhile.
    """
    with using_language(data.lang):
        markup = build_html(data)
        title = f"{_('Evidence bundle')} {data.custody['export_id']}"
    seed = data.export_event["content_sha256"]
    pdf = html_to_pdf(markup, title, seed, data.custody["created_utc"])
    return markup.encode("utf-8"), pdf


def ensure_gui_app() -> None:
    """A QGuiApplication must exist for fonts; make an offscreen one if the process has none."""
    global _app
    from PySide6.QtGui import QFontDatabase, QGuiApplication

    if QGuiApplication.instance() is None:
        _app = QGuiApplication(["tr-journal", "-platform", "offscreen"])
    if _fonts_added:
        return
    _fonts_added.append(True)
    for folder in FONT_DIRS:
        if folder.is_dir():
            for font in sorted(folder.glob("*.[ot]t[fc]")):
                QFontDatabase.addApplicationFont(str(font))


def html_to_pdf(markup: str, title: str, seed: str, created_utc: str) -> bytes:
    """Render ``markup`` to A4 PDF bytes, reproducibly for the same inputs."""
    ensure_gui_app()
    from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QUuid
    from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPdfWriter, QTextDocument

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(title)
    writer.setCreator("tr-journal")
    if hasattr(writer, "setDocumentId"):
        writer.setDocumentId(QUuid(str(uuid.uuid5(uuid.NAMESPACE_URL, "tr-journal:" + seed))))
    writer.setResolution(300)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Portrait,
                                     QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter))
    document = QTextDocument()
    document.setDefaultFont(QFont("Noto Sans", 10))
    document.setHtml(markup)
    document.print_(writer)
    del writer
    buffer.close()
    return fix_pdf_dates(bytes(buffer.data().data()), created_utc)


_PDF_DATE = re.compile(rb"D:\d{14}(?:Z|[+-]\d\d'\d\d'?)?")
_XMP_DATE = re.compile(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:Z|[+-]\d\d:\d\d)?")


def fix_pdf_dates(pdf: bytes, created_utc: str) -> bytes:
    """Replace every wall-clock stamp Qt wrote with the export time, keeping byte lengths."""
    digits = re.sub(r"\D", "", created_utc)[:14].encode()

    def pdf_date(match: re.Match[bytes]) -> bytes:
        old = match.group(0)
        new = b"D:" + digits + (b"Z" if len(old) > 16 else b"")
        return new.ljust(len(old), b" ") if len(new) <= len(old) else old

    def xmp_date(match: re.Match[bytes]) -> bytes:
        old = match.group(0)
        base = created_utc.encode()[:19]
        new = base + {25: b"+00:00", 20: b"Z"}.get(len(old), b"")
        return new if len(new) == len(old) else old

    pdf = _PDF_DATE.sub(pdf_date, pdf)
    return _XMP_DATE.sub(xmp_date, pdf)
