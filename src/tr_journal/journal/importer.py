"""Importing entries from a spreadsheet (CSV with a header row) or a JSON-lines log.

Column names are the field names of ``show --json``; list fields take ``;``-separated values.
Every row is validated first and a bad one is reported with its line number; only if all rows
are good are they added, in one transaction, so nothing is ever half-imported.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import sqlcipher3

from tr_journal import model
from tr_journal.errors import N_, ImportFailed, InvalidInput, TrJournalError
from tr_journal.journal.entries import add_entry
from tr_journal.journal.fields import normalise_fields
from tr_journal.timeutil import now_utc_text

IGNORED = ("id", "revision", "saved_at", "record_format", "attachments", "revisions", "consistency")


def _clean(row: dict[str, Any]) -> dict[str, Any]:
    """The row's fields in today's terms (docs/record-format.md).

    The source's own ``recorded_at`` is kept as ``source_time`` ("Logged at" is the app's);
    what an earlier version wrote (``channel: relative``, free-text ``offers``) is read as
    :func:`~tr_journal.domain.record_v1.upgrade_fields` reads a format-1 revision.
    """
    fields = {k.strip(): v for k, v in row.items() if k and k.strip() not in IGNORED}
    logged = fields.pop("recorded_at", None)
    if logged not in (None, ""):
        fields.setdefault("source_time", logged)
    if fields.get("channel") == "relative":
        fields["channel"] = "other"
        fields.setdefault("intermediary_relation", "other_relative")
    offers = fields.get("offers")
    if (
        isinstance(offers, str)
        and offers.strip()
        and not all(part.strip() in model.OFFERS for part in offers.split(";"))
    ):
        fields.setdefault("offers_text", fields.pop("offers"))
    return fields


def read_rows(path: Path) -> list[tuple[int, dict[str, Any]]]:
    """``(line number, raw fields)`` for every record of the file."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ImportFailed(
            line=0, file=path.name, detail=N_("the file cannot be read as UTF-8 text")
        ) from exc
    if path.suffix.lower() in (".jsonl", ".ndjson", ".json"):
        rows = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ImportFailed(
                    line=number, file=path.name, detail=N_("this line is not valid JSON")
                ) from exc
            if not isinstance(record, dict):
                raise ImportFailed(
                    line=number, file=path.name, detail=N_("each line must be a JSON object")
                )
            rows.append((number, _clean(record)))
        return rows
    reader = csv.DictReader(text.splitlines(keepends=True))
    if not reader.fieldnames or "occurred_at" not in [f.strip() for f in reader.fieldnames]:
        raise ImportFailed(
            line=1, file=path.name, detail=N_("the header row must name the column occurred_at")
        )
    return [(reader.line_num, _clean(row)) for row in reader]


def validate(path: Path) -> list[dict[str, Any]]:
    rows = read_rows(path)
    for number, row in rows:
        for name in model.LIST_FIELDS:
            if isinstance(row.get(name), str):
                row[name] = row[name].split(";")
        try:
            normalise_fields(row, recorded_at=now_utc_text())
        except InvalidInput as exc:
            raise ImportFailed(
                line=number, file=path.name, detail=exc.english().rstrip(".")
            ) from exc
    return [row for _, row in rows]


def import_file(conn: sqlcipher3.Connection, path: Path) -> list[str]:
    """Add every record inside the caller's transaction; return the new ids."""
    rows = validate(path)
    ids = []
    for row in rows:
        try:
            ids.append(add_entry(conn, row))
        except TrJournalError:
            raise
    return ids
