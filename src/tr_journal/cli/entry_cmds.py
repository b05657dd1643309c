"""Commands over entries: add, edit, delete, list, search, show, import."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from tr_journal import model
from tr_journal.cli.common import open_vault, print_json, say
from tr_journal.cli.media_cmds import attached_json, same_bytes_text
from tr_journal.domain import Attachment, Entry
from tr_journal.errors import N_, UsageError
from tr_journal.i18n import _, ngettext
from tr_journal.i18n.format import format_incident_time, strip_isolates
from tr_journal.journal import actions
from tr_journal.journal.consistency import consistency_notes, note_text
from tr_journal.journal.when import bound_utc

_OPTION_FIELDS = {
    "occurred": "occurred_at",
    "timezone": "timezone",
    "channel": "channel",
    "direction": "direction",
    "duration": "duration_seconds",
    "attempts": "attempts",
    "intermediary": "intermediary",
    "relation": "intermediary_relation",
    "number": "caller_number",
    "caller": "caller_name",
    "account": "caller_account",
    "claimed": "claimed_identity",
    "language": "caller_language",
    "demands_text": "demands_text",
    "threats_text": "threats_text",
    "offers_text": "offers_text",
    "people": "people_mentioned",
    "response": "response",
    "reported_to": "reported_to",
    "reported_on": "reported_on",
    "report_reference": "report_reference",
    "report_officer": "report_officer",
    "recording_method": "recording_method",
    "text": "narrative",
}
_LIST_OPTIONS = (("demand", "demands"), ("threat", "threats"), ("offer", "offers"), ("tag", "tags"))
#: What ``--field NAME=`` may set: every field but those the app or an import sets.
FIELD_NAMES = tuple(n for n in model.FIELDS if n not in (*model.APP_FIELDS, *model.IMPORT_FIELDS))


def _fields_from_args(
    args: argparse.Namespace, base: dict[str, Any] | None = None
) -> dict[str, Any]:
    fields = dict(base or {})
    for option, name in _OPTION_FIELDS.items():
        value = getattr(args, option, None)
        if value is not None:
            fields[name] = value
    for option, name in _LIST_OPTIONS:
        if getattr(args, option):
            fields[name] = getattr(args, option)
    if args.witness:
        fields["witnesses"] = "; ".join(args.witness)
    for item in args.field:
        name, sep, value = item.partition("=")
        if not sep:
            raise UsageError(N_("--field takes NAME=VALUE, e.g. --field witnesses=Ayse."))
        if name.strip() in (*model.APP_FIELDS, *model.IMPORT_FIELDS):
            raise UsageError(
                N_(
                    "--field {name}: this field is set by the app (Logged at: when "
                    "the entry was first saved) or by an import, never typed."
                ),
                name=name.strip(),
            )
        if name.strip() not in FIELD_NAMES:
            raise UsageError(
                N_("--field {name}: no such field. Fields: {valid}."),
                name=name.strip(),
                valid=", ".join(FIELD_NAMES),
            )
        fields[name.strip()] = value
    return fields


def cmd_add(args: argparse.Namespace) -> int:
    fields = _fields_from_args(args)
    paths = [Path(p) for p in args.attach]
    attached: list[Attachment] = []
    if paths:
        from tr_journal.media.attaching import attach_files, check_readable

        for path in paths:  # a bad path adds nothing, not even the entry
            check_readable(path)
    with open_vault(args) as vault:
        entry_id = actions.add_entry(vault, fields)
        if paths:
            attached = attach_files(vault, entry_id, paths)
    if args.json:
        print_json({"id": entry_id, "attachments": [attached_json(a) for a in attached]})
    else:
        say(_("Saved as {id}.").format(id=entry_id))
        for item in attached:
            if item.same_as:
                say(same_bytes_text(item))
    return 0


def cmd_edit(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        base = actions.read_entry(vault, args.id).fields.to_dict()
        rev = actions.revise_entry(vault, args.id, _fields_from_args(args, base))
    if args.json:
        print_json({"id": args.id.upper(), "revision": rev})
    else:
        say(_("{id} revised (revision {rev}).").format(id=args.id.upper(), rev=rev))
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        actions.delete_entry(vault, args.id)
    if args.json:
        print_json({"id": args.id.upper(), "deleted": True})
    else:
        say(_("{id} deleted; the history keeps a tombstone.").format(id=args.id.upper()))
    return 0


def _when_text(occurred_at: str) -> str:
    """The time in words, only as precise as it was given ("2 mars 2026 (date only)"); the
    exact stored form is in ``show`` and ``--json``."""
    return strip_isolates(format_incident_time(occurred_at))


def _summary_line(entry: Entry) -> str:
    fields = entry.fields
    parts = [
        entry.id,
        _when_text(fields.occurred_at),
        fields.channel or "-",
        fields.caller_number or "-",
        fields.claimed_identity or "",
    ]
    return "  ".join(parts).rstrip()


def _print_entries(args: argparse.Namespace, found: list[Entry]) -> None:
    if args.json:
        print_json([e.to_json() for e in found])
        return
    for entry in found:
        say(_summary_line(entry))
    say(ngettext("{n} entry", "{n} entries", len(found)).format(n=len(found)))


def cmd_list(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        found = actions.list_entries(
            vault,
            limit=args.limit,
            since_utc=bound_utc(args.since, False),
            until_utc=bound_utc(args.until, True),
            channel=args.channel,
        )
    _print_entries(args, found)
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        found = actions.search_entries(vault, args.query, limit=args.limit)
    _print_entries(args, found)
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        found, revisions, attachments = actions.read_in_full(vault, args.id)
        texts = actions.read_transcripts(vault, [a.id for a in attachments])
    entry = found.to_json()
    entry["attachments"] = [
        {**a.to_json(), "transcripts": [t.to_json() for t in texts[a.id]]} for a in attachments
    ]
    notes = consistency_notes(found.fields, attachments)
    entry["consistency"] = [n.to_json() for n in notes]
    if args.history:
        entry["revisions"] = [r.to_json() for r in revisions]
    if args.json:
        print_json(entry)
        return 0
    for key, value in entry.items():
        if key in ("attachments", "revisions", "consistency"):
            continue
        if key == "occurred_at":
            value = f"{value} ({_when_text(value)})"
        say(f"{key}: {', '.join(value) if isinstance(value, list) else value}")
    for item in entry["attachments"]:
        say(f"{item['id']}  {item['name']}  {item['size']} B  sha256:{item['sha256']}")
        for text in item["transcripts"]:
            say(f"  {text['id']}  {text['language']}  {text['method']}")
            say("    " + text["text"].replace("\n", "\n    "))
    for note in notes:
        say(_("Note: {text}").format(text=note_text(note, _)))
    if revisions:
        say(
            _("Logged at {at} (set by the app when first saved)").format(
                at=found.fields.recorded_at or revisions[0].saved_at
            )
        )
    for revision in entry.get("revisions", []):
        say(_("revision {rev} saved {at}").format(rev=revision["rev"], at=revision["saved_at"]))
    return 0
