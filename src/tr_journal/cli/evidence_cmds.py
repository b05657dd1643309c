"""``export`` and ``verify`` (docs/cli.md, docs/bundle-format.md); ``verify`` needs no vault."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from tr_journal.cli.common import open_vault, print_json, say, warn
from tr_journal.errors import EXIT_FAILED
from tr_journal.i18n import _, current_language
from tr_journal.untrusted import one_line

if TYPE_CHECKING:
    from tr_journal.evidence.disclosure import WholeExport


def cmd_export(args: argparse.Namespace) -> int:
    from tr_journal.domain import ExportSelection
    from tr_journal.evidence.export import export_bundle
    from tr_journal.evidence.readme_text import VERIFY

    selection = ExportSelection(tuple(args.entry or ()), args.since, args.until)
    with open_vault(args) as vault:
        result = export_bundle(
            vault, Path(args.out), selection, lang=args.lang or current_language()
        )
    verify_command = f"tr-journal verify {result.path} --fingerprint {result.fingerprint}"
    _warn_whole_exports(result.whole_exports)
    if args.json:
        print_json(
            {
                "path": str(result.path),
                "export_id": result.export_id,
                "sha256": result.sha256,
                "tagmanifest_sha256": result.tagmanifest_sha256,
                "fingerprint": result.fingerprint,
                "entries": result.entries,
                "files": result.files,
                "verify_command": verify_command,
                "tsq": str(result.tsq) if result.tsq else None,
                "whole_exports": [
                    {
                        "entry": found.entry_id,
                        "attachment": found.attachment_id,
                        "file": found.name,
                        "undisclosed_entries": found.undisclosed,
                    }
                    for found in result.whole_exports
                ],
            }
        )
        return 0
    say(_("Evidence bundle {id} written to {path}").format(id=result.export_id, path=result.path))
    say(_("Entries: {n}; original files: {m}").format(n=result.entries, m=result.files))
    say(_("Bundle SHA-256: {sha}").format(sha=result.sha256))
    say(_("Tag-manifest SHA-256: {sha}").format(sha=result.tagmanifest_sha256))
    say(_("Signing key fingerprint: {fp}").format(fp=result.fingerprint))
    say(_("To verify: {command}").format(command=verify_command))
    say(_("Or, in the extracted folder: {command}").format(command=VERIFY))
    if result.tsq:
        say(
            _(
                "A time-stamp request over this export was written to {path}; to have it "
                "stamped, carry it to a computer with internet as `tr-journal stamp request` "
                "explains."
            ).format(path=result.tsq)
        )
    return 0


def _warn_whole_exports(found: tuple[WholeExport, ...]) -> None:
    """One sentence on stderr per disclosed original that is a whole phone export of which some
    entries stay undisclosed (docs/imports.md): the bundle ships their messages anyway."""
    from tr_journal.evidence.disclosure import whole_export_warning

    for case in found:
        warn(whole_export_warning(case, one_line(case.name)))


def cmd_verify(args: argparse.Namespace) -> int:
    from tr_journal.evidence.verify import describe_verdict, verify_bundle

    verdict = verify_bundle(Path(args.path), fingerprint=args.fingerprint)
    if args.json:
        print_json(verdict.to_json())
    else:
        say(describe_verdict(verdict))
    return 0 if verdict.valid else EXIT_FAILED
