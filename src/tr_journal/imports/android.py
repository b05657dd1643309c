"""Android call logs and messages as written by *SMS Backup & Restore* (docs/imports.md).

``calls-*.xml``: ``<calls><call number= duration= date= type= contact_name= .../></calls>``,
``date`` in epoch milliseconds, ``type`` 1 incoming, 2 outgoing, 3 missed, 4 voicemail,
5 rejected, 6 blocked. ``sms-*.xml``: ``<smses>`` of ``<sms address= date= type= body=/>``
(type 1 received, 2 sent) and ``<mms date= msg_box= address=>`` with ``<parts><part ct= cl=
text= data=/>`` (``data`` is the file in base64, attached bit-exact).

The XML is read with defusedxml's streaming parser: a document type declaration (and with it
every entity bomb and external entity) is refused, and each element is dropped once read, so
memory does not grow with the file.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from tr_journal.errors import N_
from tr_journal.imports.clock import from_epoch
from tr_journal.imports.rows import Blocks, ImportPreview, ImportRow, MediaRef, supports
from tr_journal.imports.sources import file_sha256, refuse

CALL_TYPES = {
    "1": ("incoming", "incoming"),
    "2": ("outgoing", "outgoing"),
    "3": ("incoming", "missed"),
    "4": ("incoming", "voicemail"),
    "5": ("incoming", "rejected"),
    "6": ("incoming", "blocked"),
    "7": ("incoming", "answered elsewhere"),
}
MISSED = "missed"
#: Base64 of one MMS part: a phone's MMS is limited to a few MB; this leaves room.
MAX_PART_CHARS = 96 * 1024 * 1024
_NULL = ("", "null", "(Unknown)")


def _attr(elem: Element, name: str) -> str:
    value = (elem.get(name) or "").strip()
    return "" if value in _NULL else value


def _elements(path: Path, tags: tuple[str, ...]) -> Iterator[Element]:
    """The wanted elements in document order; each is cleared after the caller used it."""
    try:
        context = iterparse(str(path), events=("start", "end"), forbid_dtd=True)
        root: Element | None = None
        for event, elem in context:
            if root is None:
                root = elem
            if event == "end" and elem.tag in tags:
                yield elem
                elem.clear()
                if root is not None and elem.tag != "part":
                    root.clear()
    except DefusedXmlException as exc:
        raise refuse(
            path,
            N_(
                "it declares XML entities or a document type, which are refused "
                "(an XML bomb or an external entity)"
            ),
        ) from exc
    except ParseError as exc:
        raise refuse(
            path, N_("it is not complete, well-formed XML ({reason})"), reason=str(exc)
        ) from exc
    except OSError as exc:
        raise refuse(path, N_("it cannot be read ({reason})"), reason=exc.strerror) from exc


def _epoch(path: Path, elem: Element) -> str:
    raw = _attr(elem, "date")
    try:
        return from_epoch(int(raw) / 1000)
    except (ValueError, OverflowError, OSError) as exc:
        raise refuse(path, N_("a record has no readable date ({value})"), value=raw) from exc


def _call_fields(path: Path, elem: Element) -> tuple[dict[str, Any], str]:
    direction, kind = CALL_TYPES.get(_attr(elem, "type"), ("incoming", "other"))
    fields: dict[str, Any] = {
        "occurred_at": _epoch(path, elem),
        "channel": "voicemail" if kind == "voicemail" else "phone",
        "direction": direction,
        "tags": [f"call:{kind}"],
    }
    for attr, name in (
        ("number", "caller_number"),
        ("contact_name", "caller_name"),
        ("duration", "duration_seconds"),
    ):
        if _attr(elem, attr):
            fields[name] = _attr(elem, attr)
    if supports("source_time") and _attr(elem, "readable_date"):
        fields["source_time"] = _attr(elem, "readable_date")
    return fields, kind


def preview_calls(path: Path, group_missed_minutes: int = 0) -> ImportPreview:
    """One row per call; with ``group_missed_minutes``, missed calls from one number each
    within that many minutes of the previous become one row with ``attempts``."""
    digest, size = file_sha256(path)
    raw: list[tuple[str, dict[str, Any], str, int]] = []
    for index, elem in enumerate(_elements(path, ("call",)), start=1):
        fields, kind = _call_fields(path, elem)
        key = f"call{index}:{_attr(elem, 'date')}:{_attr(elem, 'number')}:{_attr(elem, 'type')}"
        raw.append((key, fields, kind, int(_attr(elem, "date") or 0)))
    if group_missed_minutes:
        raw = _group_missed(raw, group_missed_minutes * 60_000)
    rows = [
        ImportRow(
            number=i,
            key=key,
            fields=fields,
            summary=f"{kind} {fields.get('caller_number', '')} {fields['occurred_at']}".strip(),
        )
        for i, (key, fields, kind, _ms) in enumerate(raw, start=1)
    ]
    return ImportPreview("android-calls", path.name, digest, size, rows)


def _group_missed(
    raw: list[tuple[str, dict[str, Any], str, int]], window_ms: int
) -> list[tuple[str, dict[str, Any], str, int]]:
    """Fold runs of missed calls from one number into the first, counting ``attempts``."""
    out: list[tuple[str, dict[str, Any], str, int]] = []
    last_missed: dict[str, int] = {}  # number -> index in out
    for key, fields, kind, ms in sorted(raw, key=lambda r: r[3]):
        number = fields.get("caller_number", "")
        at = last_missed.get(number)
        if kind == MISSED and number and at is not None and ms - out[at][3] <= window_ms:
            first_key, first, _kind, _ms = out[at]
            attempts = int(first.get("attempts", 1)) + 1
            start = str(first["occurred_at"]).split("/")[0]
            span = f"{start}/{fields['occurred_at']}"  # from the first call to the last
            out[at] = (
                f"{first_key}+{key}",
                {**first, "attempts": str(attempts), "occurred_at": span},
                MISSED,
                ms,
            )
            continue
        out.append((key, fields, kind, ms))
        if kind == MISSED and number:
            last_missed[number] = len(out) - 1
        else:
            last_missed.pop(number, None)
    return out


class _SmsMedia:
    """Streams MMS parts by re-reading the XML forward (in order: one pass per import)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._parts: Iterator[tuple[str, str]] | None = None
        self._at = ""

    def _walk(self) -> Iterator[tuple[str, str]]:
        mms = 0
        part = 0
        for elem in _elements(self.path, ("part", "mms")):
            if elem.tag == "mms":
                mms, part = mms + 1, 0
                continue
            part += 1
            yield f"{mms + 1}:{part}", elem.get("data") or ""

    def open(self, ref: MediaRef) -> Blocks:
        if self._parts is None or _order(ref.locator) <= _order(self._at):
            self._parts = self._walk()
        for locator, data in self._parts:
            self._at = locator
            if locator == ref.locator:
                yield _b64(self.path, data)
                return
        raise refuse(self.path, N_("it changed while it was being imported"))


def _order(locator: str) -> tuple[int, int]:
    if not locator:
        return (0, 0)
    first, _, second = locator.partition(":")
    return int(first), int(second)


def _b64(path: Path, data: str) -> bytes:
    if len(data) > MAX_PART_CHARS:
        raise refuse(path, N_("a file inside it is larger than any message can carry"))
    try:
        return base64.b64decode(data, validate=False)
    except (binascii.Error, ValueError) as exc:
        raise refuse(path, N_("a file inside a message is not valid base64")) from exc


def _message_fields(path: Path, elem: Element, body: str) -> dict[str, Any]:
    box = _attr(elem, "type") or _attr(elem, "msg_box")
    fields: dict[str, Any] = {
        "occurred_at": _epoch(path, elem),
        "channel": "sms",
        "direction": "outgoing" if box == "2" else "incoming",
    }
    for attr, name in (("address", "caller_number"), ("contact_name", "caller_name")):
        if _attr(elem, attr):
            fields[name] = _attr(elem, attr)
    if body:
        fields["narrative"] = body
    if supports("source_time") and _attr(elem, "readable_date"):
        fields["source_time"] = _attr(elem, "readable_date")
    return fields


def preview_sms(path: Path) -> ImportPreview:
    """One row per SMS and per MMS (its text parts joined, its files as media)."""
    digest, size = file_sha256(path)
    rows: list[ImportRow] = []
    parts: list[tuple[str, MediaRef | None]] = []
    mms = 0
    for elem in _elements(path, ("sms", "part", "mms")):
        if elem.tag == "part":
            parts.append(_part(elem, mms + 1, len(parts) + 1))
            continue
        if elem.tag == "mms":
            mms += 1
            text = "\n".join(t for t, _ in parts if t)
            media = tuple(m for _, m in parts if m is not None)
            key = f"mms{mms}:{_attr(elem, 'date')}"
            parts = []
        else:
            text, media = _attr(elem, "body"), ()
            key = f"sms{len(rows) + 1}:{_attr(elem, 'date')}:{_attr(elem, 'address')}"
        fields = _message_fields(path, elem, text)
        rows.append(
            ImportRow(
                number=len(rows) + 1,
                key=key,
                fields=fields,
                media=media,
                summary=f"{fields.get('caller_number', '')}: {text[:80]}",
            )
        )
    return ImportPreview(
        "android-sms", path.name, digest, size, rows, open_media=_SmsMedia(path).open
    )


def _part(elem: Element, mms: int, index: int) -> tuple[str, MediaRef | None]:
    kind = _attr(elem, "ct")
    if kind == "application/smil":
        return "", None
    if kind.startswith("text/") and not elem.get("data"):
        return _attr(elem, "text"), None
    data = elem.get("data") or ""
    name = _attr(elem, "cl") or _attr(elem, "name") or f"part-{index}"
    return "", MediaRef(
        name=Path(name).name or f"part-{index}", size=len(data) * 3 // 4, locator=f"{mms}:{index}"
    )
