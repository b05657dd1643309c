"""Commands over attachments: attach, extract, detach (design §6).

``attach`` stores every file of one call in ONE transaction: either all are kept or none.
``extract`` streams the original chunk by chunk into an atomic writer, so the target holds the
old bytes or the complete new ones, never a mix, and a large file never sits whole in memory.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from tr_journal.cli.common import open_vault, print_json, say
from tr_journal.fsutil import atomic_writer
from tr_journal.i18n import _, ngettext
from tr_journal.media.ingest import add_attachment
from tr_journal.media.records import attachment_row, iter_chunks
from tr_journal.media.removal import remove_attachment, vacuum


def cmd_attach(args: argparse.Namespace) -> int:
    with open_vault(args) as vault, vault.transaction() as conn:
        added = [add_attachment(conn, args.entry, Path(p)) for p in args.files]
    if args.json:
        print_json(added)
        return 0
    for item in added:
        say(_("{id}: {name} ({size} bytes, {media_type}) SHA-256 {sha256}").format(**item))
        notice = item["metadata"].get("notice")
        if notice:
            say("  " + _(notice))
    say(ngettext("{n} file attached.", "{n} files attached.", len(added)).format(n=len(added)))
    return 0


def cmd_extract(args: argparse.Namespace) -> int:
    with open_vault(args) as vault, vault.reading() as conn:
        row = attachment_row(conn, args.attachment)
        with atomic_writer(Path(args.out)) as handle:
            for chunk in iter_chunks(conn, row["id"]):
                handle.write(chunk)
    if args.json:
        print_json({"id": row["id"], "out": str(args.out), "size": row["size"],
                    "sha256": row["sha256"]})
    else:
        say(_("{id} written to {out} ({size} bytes, SHA-256 {sha256}).").format(
            id=row["id"], out=args.out, size=row["size"], sha256=row["sha256"]))
    return 0


def cmd_detach(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        with vault.transaction() as conn:
            removed = remove_attachment(conn, args.attachment)
        if args.vacuum:
            vacuum(vault)
    if args.json:
        print_json({**removed, "removed": True, "vacuumed": bool(args.vacuum)})
    else:
        say(_("{id} removed; the history keeps a tombstone with its SHA-256.").format(
            id=removed["id"]))
    return 0
