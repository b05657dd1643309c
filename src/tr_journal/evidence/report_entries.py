"""The dossier's entry parts: the chronology, one page per entry, and the list of exhibits.

Exhibits (pièces) are numbered once, in the order of the chronology (entries by declared time,
files in the order they were attached), so the chronology, the entry pages and the bordereau
cite the same numbers, as a lawyer cites them in submissions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tr_journal.canonical import canonical_sha256
from tr_journal.domain import Attachment, EntryFields, Revision
from tr_journal.errors import N_
from tr_journal.evidence.bag import media_kind
from tr_journal.evidence.report_dates import device_time, duration_text, short_date, when_text
from tr_journal.evidence.report_doc import (
    Block,
    Cell,
    Facts,
    Heading,
    Para,
    Section,
    Table,
    fixed,
    hash_cell,
    para,
    user,
)
from tr_journal.i18n import _
from tr_journal.i18n.format import format_number, format_size
from tr_journal.i18n.labels import (
    DEMAND_LABELS,
    METHOD_LABELS,
    OFFER_LABELS,
    THREAT_LABELS,
    channel_label,
    direction_label,
    field_label,
    label,
    labels_joined,
    relation_label,
)
from tr_journal.journal.consistency import consistency_notes, note_text
from tr_journal.model import FIELDS

#: Fields the entry page shows in their own place (times) rather than in the field list.
_TIME_FIELDS = ("occurred_at", "recorded_at", "timezone")
_KIND_LABELS = {
    "audio": N_("Audio recording"),
    "image": N_("Image"),
    "video": N_("Video"),
    "text": N_("Text"),
    "document": N_("Document"),
    "file": N_("File"),
}


@dataclass(frozen=True)
class Exhibit:
    number: int
    entry_id: str
    attachment: dict[str, Any]


def read_fields(revision: dict[str, Any], first_saved_at: str) -> dict[str, Any]:
    """A revision's fields in today's terms (a format-1 revision read as the app reads it,
    docs/record-format.md); the hash shown is always that of the object as stored."""
    return Revision.from_json(revision, first_saved_at).fields.to_dict()


def current(entry: dict[str, Any]) -> dict[str, Any]:
    revisions = entry["revisions"]
    return read_fields(revisions[-1], str(revisions[0]["saved_at"]))


def exhibits(entries: list[dict[str, Any]]) -> list[Exhibit]:
    found, number = [], 0
    for entry in entries:
        for attachment in entry["attachments"]:
            number += 1
            found.append(Exhibit(number, entry["id"], attachment))
    return found


def exhibit_label(number: int) -> str:
    return _("Exhibit no. {number}").format(number=number)


def kind_label(media_type: str) -> str:
    return _(_KIND_LABELS[media_kind(media_type)])


def declared(fields: dict[str, Any], lang: str) -> str:
    return when_text(fields.get("occurred_at"), lang, fields.get("timezone"))


def value_text(name: str, value: Any, lang: str) -> Cell:
    """A field's value: stored identifiers as the app's words, user text as typed."""
    if name == "channel":
        return Cell(channel_label(value))
    if name == "direction":
        return Cell(direction_label(value))
    if name in ("demands", "threats", "offers"):
        table = {"demands": DEMAND_LABELS, "threats": THREAT_LABELS, "offers": OFFER_LABELS}[name]
        return Cell(labels_joined(table, value if isinstance(value, list) else [value]))
    if name == "intermediary_relation":
        return Cell(relation_label(value))
    if name == "attempts":
        return fixed(str(value))
    if name == "duration_seconds":
        return Cell(duration_text(value, lang))
    if name == "caller_number" or name == "caller_number_e164":
        return fixed(str(value))
    return user(value)


def chronology(entries: list[dict[str, Any]], numbers: dict[str, int], lang: str) -> Section:
    rows = []
    for entry in entries:
        f = current(entry)
        caller = " / ".join(str(f[k]) for k in ("caller_number", "caller_account") if f.get(k))
        cited = ", ".join(str(numbers[a["id"]]) for a in entry["attachments"])
        rows.append(
            (
                fixed(entry["id"]),
                Cell(declared(f, lang)),
                Cell(channel_label(f.get("channel"))),
                user(caller),
                user(f.get("claimed_identity", "")),
                Cell(labels_joined(DEMAND_LABELS, f.get("demands"))),
                Cell(labels_joined(THREAT_LABELS, f.get("threats"))),
                fixed(cited),
            )
        )
    head = (
        _("Entry"),
        _("Date and time declared"),
        _("Channel"),
        _("Caller (number / account)"),
        _("Who they claimed to be"),
        _("Demands"),
        _("Threats"),
        _("Exhibit nos."),
    )
    return Section(
        [
            Heading(_("Chronology")),
            para(
                _(
                    "One line per entry, in the order of the declared times. Exhibit "
                    "numbers refer to the list of exhibits."
                ),
                dir="",
            ),
            Table(head, tuple(rows), (6, 17, 9, 14, 15, 13, 13, 7), small=True),
        ],
        landscape=True,
    )


def entry_page(entry: dict[str, Any], numbers: dict[str, int], lang: str) -> Section:
    fields = current(entry)
    order = {name: n for n, name in enumerate(FIELDS)}
    times = [
        (_("Declared by the person"), Cell(declared(fields, lang))),
        (_("Logged by the device"), Cell(device_time(fields.get("recorded_at"), lang))),
    ]
    if fields.get("timezone"):
        times.append((field_label("timezone"), fixed(str(fields["timezone"]))))
    rows = [
        (field_label(k), value_text(k, fields[k], lang))
        for k in sorted(fields, key=lambda k: (order.get(k, len(order)), k))
        if k not in (*_TIME_FIELDS, "narrative") and fields[k] not in ("", [], None)
    ]
    blocks: list[Block] = [
        Heading(_("Entry {id}").format(id=entry["id"])),
        Facts(tuple(times + rows)),
    ]
    if fields.get("narrative"):
        blocks += [
            Heading(_("Account in the person's words"), 3),
            Para((user(fields["narrative"]),)),
        ]
    blocks += notes_blocks(fields, entry["attachments"], lang)
    blocks += provenance_blocks(entry.get("imported", []))
    blocks += history(entry["revisions"], lang)
    for attachment in entry["attachments"]:
        blocks += file_facts(attachment, numbers[attachment["id"]], lang)
    return Section(blocks)


def notes_blocks(
    fields: dict[str, Any], attachments: list[dict[str, Any]], lang: str
) -> list[Block]:
    """Consistency notes: a file's own facts that disagree with the declared ones
    (docs/record-format.md), shown so they are explained rather than discovered."""
    files = [
        Attachment(
            a["id"], a["name"], a["size"], a["sha256"], a["media_type"], a.get("metadata") or {}
        )
        for a in attachments
    ]
    notes = consistency_notes(EntryFields.from_dict(fields), files)
    if not notes:
        return []
    return [
        Heading(_("Consistency notes"), 3),
        para(
            _(
                "Facts of the files that differ from what was declared; not errors, "
                "the person may explain them."
            )
        ),
        *(para(note_text(n, _, lang)) for n in notes),
    ]


def provenance_blocks(records: list[dict[str, Any]]) -> list[Block]:
    """Where an imported entry came from, as its provenance record says: the chain commits to
    the record (salt included), so a lawyer holding the export file can check its SHA-256 and
    find the row (docs/imports.md, "Provenance")."""
    blocks: list[Block] = []
    for record in records:
        blocks += [
            Heading(_("Imported from a phone export"), 3),
            Facts(
                (
                    (_("Export file"), user(record["file"])),
                    (_("Row in the export"), fixed(record["row"])),
                    (_("Export format"), fixed(record["format"])),
                    (_("SHA-256 of the export file"), hash_cell(record["sha256"])),
                )
            ),
        ]
    return blocks


def _shown(name: str, value: Any, lang: str) -> Cell:
    if value in ("", [], None):
        return Cell("—")
    return (
        value_text(name, value, lang)
        if name != "occurred_at"
        else Cell(when_text(str(value), lang))
    )


def history(revisions: list[dict[str, Any]], lang: str) -> list[Block]:
    """Each save with its device time and hash, then what changed, before and after in full:
    an edit must never hide what was first written."""
    head = (_("Revision"), _("Saved by the device at"), _("Fields changed"), _("Content SHA-256"))
    rows: list[tuple[Cell, ...]] = []
    changes: list[Block] = []
    previous: dict[str, Any] = {}
    for revision in revisions:
        fields = read_fields(revision, str(revisions[0]["saved_at"]))
        changed = sorted(
            k
            for k in set(fields) | set(previous)
            if fields.get(k) != previous.get(k) and k != "recorded_at"
        )
        names = ", ".join(field_label(k) for k in changed) if previous else _("first version")
        rows.append(
            (
                fixed(str(revision["rev"])),
                Cell(device_time(revision["saved_at"], lang)),
                Cell(names),
                hash_cell(canonical_sha256(revision)),
            )
        )
        if previous:
            intro = _("Revision {rev} (saved {saved}) changed:").format(
                rev=revision["rev"], saved=device_time(revision["saved_at"], lang)
            )
            diff: list[tuple[str, Cell]] = [
                pair
                for k in changed
                for pair in (
                    (
                        _("{field}, before").format(field=field_label(k)),
                        _shown(k, previous.get(k), lang),
                    ),
                    (
                        _("{field}, after").format(field=field_label(k)),
                        _shown(k, fields.get(k), lang),
                    ),
                )
            ]
            changes += [para(intro), Facts(tuple(diff))]
        previous = fields
    return [
        Heading(_("History of revisions"), 3),
        Table(head, tuple(rows), (10, 27, 28, 35)),
        *changes,
    ]


def file_facts(attachment: dict[str, Any], number: int, lang: str) -> list[Block]:
    meta = attachment.get("metadata") or {}
    rows = [
        (_("Original file name"), user(attachment["name"])),
        (_("Type"), Cell(f"{kind_label(attachment['media_type'])} ({attachment['media_type']})")),
        (
            _("Size"),
            Cell(
                _("{bytes} bytes ({human})").format(
                    bytes=format_number(attachment["size"], lang),
                    human=format_size(attachment["size"], lang),
                )
            ),
        ),
    ]
    if meta.get("duration"):
        rows.append((_("Duration"), Cell(duration_text(meta["duration"], lang))))
    if meta.get("width") and meta.get("height"):
        rows.append((_("Dimensions"), fixed(f"{meta['width']} × {meta['height']} px")))
    rows.append(
        (
            _("Time embedded in the file"),
            Cell(
                device_time(meta["created"], lang)
                if meta.get("created")
                else _("none found in the file")
            ),
        )
    )
    rows.append(
        (_("Imported by the device at"), Cell(device_time(attachment.get("imported_at"), lang)))
    )
    rows += [
        (_("File in the bundle"), Cell(attachment["path"], mono=True, dir="ltr")),
        ("SHA-256", hash_cell(attachment["sha256"])),
    ]
    return [
        Heading(f"{exhibit_label(number)} — {attachment['id']}", 3),
        Facts(tuple(rows)),
        *transcript_blocks(attachment, lang),
    ]


def transcript_blocks(attachment: dict[str, Any], lang: str) -> list[Block]:
    """The file's transcripts and translations next to the exhibit, each in its current
    revision (earlier ones and their hashes are in entries.json and the chain)."""
    blocks: list[Block] = []
    for transcript in attachment.get("transcripts", []):
        revisions = transcript["revisions"]
        fields = revisions[-1]["transcript"]
        title = (
            _("Translation {id} ({language}) of {source}").format(
                id=transcript["id"], language=fields["language"], source=fields["translates"]
            )
            if fields.get("translates")
            else _("Transcript {id} ({language})").format(
                id=transcript["id"], language=fields["language"]
            )
        )
        made = _("Made {how}{by}, {date}; revision {rev}, SHA-256 {sha}").format(
            how=label(METHOD_LABELS, fields.get("method", "self"), _),
            by=f" ({fields['by']})" if fields.get("by") else "",
            date=short_date(fields.get("date"), lang) or "—",
            rev=revisions[-1]["rev"],
            sha=hash_cell(canonical_sha256(revisions[-1])).text,
        )
        blocks += [Heading(title, 4), para(made), Para((user(fields["text"]),))]
    return blocks


def bordereau(entries: list[dict[str, Any]], found: list[Exhibit], lang: str) -> Section:
    """The bordereau de communication de pièces: one numbered line per original file."""
    by_id = {e["id"]: e for e in entries}
    rows: list[tuple[Cell, ...]] = []
    for exhibit in found:
        a = exhibit.attachment
        fields = current(by_id[exhibit.entry_id])
        description = _("{kind} attached to entry {entry}: {name}").format(
            kind=kind_label(a["media_type"]), entry=exhibit.entry_id, name=a["name"]
        )
        rows.append(
            (
                Cell(str(exhibit.number), bold=True),
                user(description),
                Cell(short_date(fields.get("occurred_at"), lang)),
                Cell(a["path"].removeprefix("data/originals/"), mono=True, dir="ltr"),
            )
        )
        rows.append((Cell("SHA-256 " + hash_cell(a["sha256"]).text, mono=True, dir="ltr"),))
    blocks: list[Block] = [
        Heading(_("List of exhibits (bordereau de communication de pièces)")),
        para(
            _(
                "Each exhibit is an original file, byte for byte as it was imported. Its file "
                "is in the folder data/originals/ of the bundle, under the entry's number; the "
                "SHA-256 identifies it (sha256sum prints the same value)."
            )
        ),
    ]
    if rows:
        blocks.append(
            Table(
                (_("No."), _("Description"), _("Date of the entry"), _("File in the bundle")),
                tuple(rows),
                (6, 46, 16, 32),
                small=True,
            )
        )
    else:
        blocks.append(para(_("No file is attached to the disclosed entries.")))
    return Section(blocks)
