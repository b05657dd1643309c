"""``transcript add|list|edit``: transcripts and translations of an attachment
(docs/record-format.md, "Transcripts")."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from tr_journal.cli.common import open_vault, print_json, say
from tr_journal.domain.transcript import Transcript
from tr_journal.errors import N_, FileUnreadable
from tr_journal.i18n import _
from tr_journal.journal import actions, transcripts


def _raw(args: argparse.Namespace) -> dict[str, Any]:
    raw: dict[str, Any] = {
        "language": args.lang,
        "translates": args.translates,
        "by": args.by,
        "method": args.method,
        "date": args.date,
    }
    if args.file:
        path = Path(args.file)
        try:
            raw["text"] = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise FileUnreadable(path=str(path), detail=N_("it is not UTF-8 text")) from exc
    return {k: v for k, v in raw.items() if v is not None}


def _line(item: Transcript) -> str:
    fields = item.fields
    kind = (
        _("translation of {id}").format(id=fields.translates)
        if fields.translates
        else _("transcript")
    )
    return "  ".join(
        p
        for p in (
            item.id,
            fields.language,
            kind,
            str(fields.method),
            fields.by or "",
            fields.date or "",
        )
        if p
    )


def _add(args: argparse.Namespace) -> int:
    raw = _raw(args)
    with open_vault(args) as vault:
        added = actions.add_transcript(vault, args.attachment, raw)
    if args.json:
        print_json(added.to_json())
    else:
        say(_("Saved as {id}.").format(id=added.id))
    return 0


def _edit(args: argparse.Namespace) -> int:
    raw = _raw(args)
    with open_vault(args) as vault:
        revised = actions.revise_transcript(vault, args.transcript, raw)
    if args.json:
        print_json(revised.to_json())
    else:
        say(_("{id} revised (revision {rev}).").format(id=revised.id, rev=revised.revision))
    return 0


def _list(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        found = transcripts.read_transcripts(vault, args.attachment)
    if args.json:
        print_json([t.to_json() for t in found])
        return 0
    for item in found:
        say(_line(item))
        say("    " + item.fields.text.replace("\n", "\n    "))
    return 0


def cmd_transcript(args: argparse.Namespace) -> int:
    handler = {"add": _add, "edit": _edit, "list": _list}[args.transcript_command]
    return handler(args)
