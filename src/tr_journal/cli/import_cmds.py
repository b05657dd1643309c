"""``import``: every format of docs/imports.md, previewed before anything is written.

``--dry-run`` prints the preview (numbered rows) as JSON and opens no vault; ``--all`` or
``--select 1,3-7`` say which rows become entries; on a terminal without either, the preview is
shown and the person is asked. CSV without any of these options and JSON lines keep the
historical all-or-nothing import (journal/importer.py).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tr_journal.cli.common import open_vault, print_json, say
from tr_journal.errors import N_, UsageError
from tr_journal.i18n import _, ngettext
from tr_journal.imports.csv_map import read_table
from tr_journal.imports.detect import ReadOptions, detect, read_preview
from tr_journal.imports.rows import ImportPreview, supports
from tr_journal.imports.service import combined, import_rows, parse_selection, selected_rows
from tr_journal.journal import actions, importer


def _legacy(args: argparse.Namespace, kind: str) -> bool:
    chosen = args.dry_run or args.all or args.select or args.map or args.attach_source
    return kind == "jsonl" or (kind == "csv" and not chosen)


def _cmd_legacy(args: argparse.Namespace, path: Path) -> int:
    importer.validate(path)  # report a bad row before asking for the passphrase
    with open_vault(args) as vault:
        ids = actions.import_entries(vault, path)
    if args.json:
        print_json({"imported": ids})
    else:
        say(ngettext("{n} entry imported.", "{n} entries imported.", len(ids)).format(n=len(ids)))
    return 0


def _print_columns(args: argparse.Namespace, path: Path) -> int:
    table = read_table(path, _header(args))
    if args.json:
        print_json(
            {
                "columns": table.columns,
                "header": table.has_header,
                "first_row": table.rows[0][1] if table.rows else [],
            }
        )
        return 0
    first = table.rows[0][1] if table.rows else []
    for index, name in enumerate(table.columns):
        sample = first[index] if index < len(first) else ""
        say(f"{index + 1}\t{name}\t{sample}")
    return 0


def _header(args: argparse.Namespace) -> bool | None:
    return False if args.no_header else (True if args.header else None)


def _options(args: argparse.Namespace) -> ReadOptions:
    if args.group_missed and not supports("attempts"):
        raise UsageError(
            N_(
                "This version's entries have no count of attempts, so missed "
                "calls cannot be grouped; import them one by one."
            )
        )
    return ReadOptions(
        mapping=tuple(m for m in args.map if m),
        header=_header(args),
        by=args.by,
        group_missed_minutes=args.group_missed or 0,
        prefer_day_first=args.date_order != "mdy",
        me=args.me,
    )


def _ask(preview: ImportPreview) -> list[int]:
    if not sys.stdin.isatty():
        raise UsageError(
            N_(
                "Say which rows to import: --all, or --select 1,3-7 after looking "
                "at them with --dry-run."
            )
        )
    for row in preview.rows:
        mark = f"  ! {row.problem}" if row.problem else ""
        say(f"{row.number:>5}  {row.summary}{mark}")
    answer = input(_("Rows to import (e.g. 1,3-7 or all; nothing to stop): ")).strip()
    if not answer:
        return []
    if answer.lower() in ("all", _("all")):
        return [r.number for r in preview.rows]
    return parse_selection(answer, len(preview.rows))


def cmd_import(args: argparse.Namespace) -> int:
    path = Path(args.file)
    kind = detect(path, args.format)
    if _legacy(args, kind):
        return _cmd_legacy(args, path)
    if "" in args.map and kind == "csv":
        return _print_columns(args, path)
    preview = read_preview(path, kind, _options(args))
    try:
        if args.dry_run:
            print_json(preview.to_json())
            return 0
        numbers = (
            None
            if args.all
            else parse_selection(args.select, len(preview.rows))
            if args.select
            else _ask(preview)
        )
        rows = selected_rows(preview, numbers)
        if args.combine:
            rows = combined(rows)
        if not rows:
            say(_("Nothing was selected; nothing was imported."))
            return 0
        source = path if args.attach_source and path.is_file() else None
        with open_vault(args) as vault:
            result = import_rows(vault, preview, rows, source_path=source)
    finally:
        preview.close()
    if args.json:
        print_json(
            {
                "imported": result.created,
                "skipped": result.skipped,
                "attachments": result.attachments,
                "source": {
                    "name": preview.source_name,
                    "sha256": preview.source_sha256,
                    "attachment": result.source_attachment,
                },
            }
        )
        return 0
    say(
        ngettext("{n} entry imported.", "{n} entries imported.", len(result.created)).format(
            n=len(result.created)
        )
    )
    if result.skipped:
        say(
            ngettext(
                "{n} row was already imported from this file and was skipped.",
                "{n} rows were already imported from this file and were skipped.",
                len(result.skipped),
            ).format(n=len(result.skipped))
        )
    return 0
