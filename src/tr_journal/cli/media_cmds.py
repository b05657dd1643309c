"""Commands over attachments: attach, extract, detach (docs/cli.md).

``attach`` follows the one attach policy of :mod:`tr_journal.media.attaching`: every path is
checked before anything is stored, then each file is its own transaction (a failure keeps the
files before it, and each is printed as soon as it is kept).
``extract`` streams the original chunk by chunk into an atomic writer, so the target holds the
old bytes or the complete new ones, never a mix, and a large file never sits whole in memory.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from tr_journal.cli.common import open_vault, print_json, say
from tr_journal.domain import Attachment
from tr_journal.i18n import _, ngettext
from tr_journal.media.records import extract
from tr_journal.media.removal import detach, vacuum


def cmd_attach(args: argparse.Namespace) -> int:
    from tr_journal.media.attaching import attach_files

    def report(item: Attachment) -> None:
        if args.json:
            return
        say(
            _("{id}: {name} ({size} bytes, {media_type}) SHA-256 {sha256}").format(
                id=item.id,
                name=item.name,
                size=item.size,
                media_type=item.media_type,
                sha256=item.sha256,
            )
        )
        if item.notice:
            say("  " + _(item.notice))
        if item.same_as:
            say("  " + same_bytes_text(item))

    with open_vault(args) as vault:
        added = attach_files(
            vault,
            args.entry,
            [Path(p) for p in args.files],
            on_added=report,
            link_same=not args.store_again,
        )
    if args.json:
        print_json([attached_json(a) for a in added])
        return 0
    say(ngettext("{n} file attached.", "{n} files attached.", len(added)).format(n=len(added)))
    return 0


def same_bytes_text(item: Attachment) -> str:
    """What the person is told when the bytes were already in the vault."""
    from tr_journal.media.attaching import SAME_BYTES, same_bytes_params

    return _(SAME_BYTES).format(**same_bytes_params(item))


def attached_json(item: Attachment) -> dict[str, object]:
    """An attach's JSON: the record, and ``same_as`` when the bytes were already there."""
    return {**item.to_json(), "same_as": list(item.same_as)}


def cmd_extract(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        found = extract(vault, args.attachment, Path(args.out))
    if args.json:
        print_json(
            {"id": found.id, "out": str(args.out), "size": found.size, "sha256": found.sha256}
        )
    else:
        say(
            _("{id} written to {out} ({size} bytes, SHA-256 {sha256}).").format(
                id=found.id, out=args.out, size=found.size, sha256=found.sha256
            )
        )
    return 0


def cmd_detach(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        removed = detach(vault, args.attachment)
        if args.vacuum:
            vacuum(vault)
    if args.json:
        print_json({**removed.to_json(), "removed": True, "vacuumed": bool(args.vacuum)})
    else:
        say(
            _("{id} removed; the history keeps a tombstone with its SHA-256.").format(id=removed.id)
        )
    return 0
