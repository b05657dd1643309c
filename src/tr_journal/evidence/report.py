"""The human report of a bundle, ``report.pdf`` and ``report.html``: a dossier a lawyer can file
(docs/evidence-report.md).

The parts are built as typed blocks in the report's language (:mod:`report_front`,
:mod:`report_summary`, :mod:`report_entries`, the key card of :mod:`keycard`), then laid out
twice from the same blocks: by Typst for the PDF and as escaped HTML. No Qt is involved, so an
export runs in the command line, a worker thread or a server alike.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tr_journal.errors import N_, InvalidInput
from tr_journal.evidence import keycard
from tr_journal.evidence.report_doc import Document, Section
from tr_journal.evidence.report_entries import (
    bordereau,
    chronology,
    current,
    entry_page,
    exhibits,
)
from tr_journal.evidence.report_front import attestation, checks, cover, custody_trail, times_note
from tr_journal.evidence.report_html import build_html
from tr_journal.evidence.report_summary import first, last, summary
from tr_journal.i18n import LANGUAGES, _, is_rtl, using_language
from tr_journal.patterns.selection import SelectionFigures

#: The line ssh-keygen prints on success, as the "how to verify" page quotes it.
GOOD_LINE = 'Good "{namespace}" signature for {identity} with ED25519 key SHA256:…'


@dataclass
class ReportData:
    custody: dict[str, Any]
    entries: list[dict[str, Any]]
    events: list[dict[str, Any]]
    export_event: dict[str, Any]
    lang: str
    #: the patterns figures of the disclosed entries, read from the vault with the snapshot
    figures: SelectionFigures


def report_language(code: str) -> str:
    """The dossier language for ``code`` (``zh-CN`` and ``zh_CN`` alike); any other language is
    refused with the list, never silently replaced by English."""
    wanted = (code or "").strip().replace("-", "_")
    if wanted not in LANGUAGES:
        choices = ", ".join(f"{key} ({name})" for key, name in LANGUAGES.items())
        raise InvalidInput(
            detail=N_(
                'The dossier cannot be written in "{lang}"; choose one '
                "of: {languages}. Nothing was exported."
            ),
            lang=code,
            languages=choices,
        )
    return wanted


def public_raw(line: str) -> bytes:
    """The 32 key bytes of an ``ssh-ed25519 <base64>`` line (the last field of its blob)."""
    return base64.b64decode(line.split()[1])[-32:]


def _period(entries: list[dict[str, Any]]) -> tuple[str, str]:
    times = [str(current(e)["occurred_at"]) for e in entries if current(e).get("occurred_at")]
    return first(times), last(times)


def build_document(data: ReportData, public: bytes) -> Document:
    """Every part of the dossier, in the current language (set by the caller)."""
    from tr_journal.crypto.signing import EVIDENCE_NAMESPACE
    from tr_journal.evidence.bag import SIGNER_IDENTITY

    lang = data.lang
    found = exhibits(data.entries)
    numbers = {x.attachment["id"]: x.number for x in found}
    transcripts = {
        t["id"] for x in found for t in x.attachment.get("transcripts") or [] if "id" in t
    }
    disclosed = {e["id"] for e in data.entries} | set(numbers) | transcripts
    total_attempts = data.figures.report.totals.attempts
    sections: list[Section] = [
        cover(
            data.custody,
            data.export_event["content_sha256"],
            (len(data.entries), total_attempts, len(found)),
            _period(data.entries),
            lang,
        ),
        attestation(),
        summary(data.figures, lang),
        chronology(data.entries, numbers, lang),
        *(entry_page(e, numbers, lang) for e in data.entries),
        bordereau(data.entries, found, lang),
        times_note(list(data.custody.get("stamps") or []), lang),
        checks(GOOD_LINE.format(namespace=EVIDENCE_NAMESPACE, identity=SIGNER_IDENTITY)),
    ]
    sections += keycard.card_sections(public, lang)
    sections.append(custody_trail(data.events, disclosed, lang))
    export_id = data.custody["export_id"]
    return Document(
        lang,
        is_rtl(lang),
        _("Dossier {id}").format(id=export_id),
        export_id,
        _("page {x} / {y}"),
        sections,
    )


def render_report(
    data: ReportData, cancelled: Callable[[], bool] | None = None
) -> tuple[bytes, bytes]:
    """``(report.html, report.pdf)`` in the export's language.

    The language is switched for this thread only: the export runs on a worker thread in the
    app, and the interface must keep its own language meanwhile. The PDF is typeset in a child
    process, killed if ``cancelled()`` turns true meanwhile (:mod:`typeset`).
    """
    from tr_journal.evidence.report_typst import compile_pdf

    with using_language(data.lang):
        document = build_document(data, public_raw(data.custody["public_key"]))
    moment = datetime.fromisoformat(data.custody["created_utc"].replace("Z", "+00:00"))
    pdf = compile_pdf(document, moment, cancelled=cancelled)
    return build_html(document).encode("utf-8"), pdf
