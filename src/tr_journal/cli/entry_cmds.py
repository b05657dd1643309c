"""Commands over entries: add, edit, delete, list, search, show, import."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from tr_journal.cli.common import open_vault, print_json, say
from tr_journal.errors import N_, UsageError
from tr_journal.i18n import _, ngettext
from tr_journal.i18n.format import format_incident_time, strip_isolates
from tr_journal.journal import entries, search
from tr_journal.journal.when import bound_utc
from tr_journal.media.records import list_attachments

_OPTION_FIELDS = {"occurred": "occurred_at", "timezone": "timezone", "channel": "channel",
                  "direction": "direction", "duration": "duration_seconds",
                  "number": "caller_number", "caller": "caller_name",
                  "account": "caller_account", "claimed": "claimed_identity",
                  "language": "caller_language", "text": "narrative"}


def _fields_from_args(args: argparse.Namespace, base: dict[str, Any] | None = None
                      ) -> dict[str, Any]:
    fields = dict(base or {})
    for option, name in _OPTION_FIELDS.items():
        value = getattr(args, option, None)
        if value is not None:
            fields[name] = value
    for option, name in (("demand", "demands"), ("threat", "threats"), ("tag", "tags")):
        if getattr(args, option):
            fields[name] = getattr(args, option)
    for item in args.field:
        name, sep, value = item.partition("=")
        if not sep:
            raise UsageError(N_("--field takes NAME=VALUE, e.g. --field witnesses=Ayse."))
        fields[name.strip()] = value
    return fields


def _attach_paths(conn: Any, entry_id: str, paths: list[str]) -> list[dict[str, Any]]:
    if not paths:
        return []
    from tr_journal.media.ingest import add_attachment

    return [add_attachment(conn, entry_id, Path(p)) for p in paths]


def cmd_add(args: argparse.Namespace) -> int:
    fields = _fields_from_args(args)
    with open_vault(args) as vault, vault.transaction() as conn:
        entry_id = entries.add_entry(conn, fields)
        attached = _attach_paths(conn, entry_id, args.attach)
    if args.json:
        print_json({"id": entry_id, "attachments": attached})
    else:
        say(_("Saved as {id}.").format(id=entry_id))
    return 0


def cmd_edit(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        current = entries.get_entry(vault.conn, args.id)
        base = {k: v for k, v in current.items() if k not in ("id", "revision", "saved_at")}
        with vault.transaction() as conn:
            rev = entries.revise_entry(conn, args.id, _fields_from_args(args, base))
    if args.json:
        print_json({"id": args.id.upper(), "revision": rev})
    else:
        say(_("{id} revised (revision {rev}).").format(id=args.id.upper(), rev=rev))
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    with open_vault(args) as vault, vault.transaction() as conn:
        entries.delete_entry(conn, args.id)
    if args.json:
        print_json({"id": args.id.upper(), "deleted": True})
    else:
        say(_("{id} deleted; the history keeps a tombstone.").format(id=args.id.upper()))
    return 0


def _when_text(occurred_at: str) -> str:
    """The time in words, only as precise as it was given ("2 mars 2026 (date only)"); the
    exact stored form is in ``show`` and ``--json``."""
    return strip_isolates(format_incident_time(occurred_at))


def _summary_line(entry: dict[str, Any]) -> str:
    when = _when_text(entry["occurred_at"])
    parts = [entry["id"], when, entry.get("channel", "-"),
             entry.get("caller_number", "-"), entry.get("claimed_identity", "")]
    return "  ".join(p for p in parts if p is not None).rstrip()


def _print_entries(args: argparse.Namespace, found: list[dict[str, Any]]) -> None:
    if args.json:
        print_json(found)
        return
    for entry in found:
        say(_summary_line(entry))
    say(ngettext("{n} entry", "{n} entries", len(found)).format(n=len(found)))


def cmd_list(args: argparse.Namespace) -> int:
    with open_vault(args) as vault, vault.reading() as conn:
        found = entries.list_entries(conn, limit=args.limit,
                                     since_utc=bound_utc(args.since, False),
                                     until_utc=bound_utc(args.until, True),
                                     channel=args.channel)
    _print_entries(args, found)
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    with open_vault(args) as vault, vault.reading() as conn:
        ids = search.matching_ids(conn, args.query)
        found = entries.list_entries(conn, limit=args.limit, ids=ids) if ids else []
    _print_entries(args, found)
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    with open_vault(args) as vault, vault.reading() as conn:
        entry = entries.get_entry(conn, args.id)
        entry["attachments"] = list_attachments(conn, entry["id"])
        if args.history:
            entry["revisions"] = entries.revisions(conn, entry["id"])
    if args.json:
        print_json(entry)
        return 0
    for key, value in entry.items():
        if key in ("attachments", "revisions"):
            continue
        if key == "occurred_at":
            value = f"{value} ({_when_text(value)})"
        say(f"{key}: {', '.join(value) if isinstance(value, list) else value}")
    for item in entry["attachments"]:
        say(f"{item['id']}  {item['name']}  {item['size']} B  sha256:{item['sha256']}")
    for revision in entry.get("revisions", []):
        say(_("revision {rev} saved {at}").format(rev=revision["rev"], at=revision["saved_at"]))
    return 0
