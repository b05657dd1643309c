"""A spreadsheet (CSV) with a column mapping: any delimiter, encoding and header row.

The delimiter is sniffed from the start of the file (comma, semicolon, tab, pipe); the encoding
comes from :func:`~tr_journal.imports.sources.decode_text`. Columns are named by the header row
when the first row names known fields or looks like a header, else by their number (1, 2, ...);
a mapping key may be either. Without a mapping, columns named like entry fields map to
themselves (the historical ``import FILE.csv``). Each row is checked with the journal's own
field rules and a bad one carries its problem and line number (docs/imports.md).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tr_journal import model
from tr_journal.errors import N_, InvalidInput, UsageError
from tr_journal.imports.rows import ImportPreview, ImportRow
from tr_journal.imports.sources import file_sha256, read_text_file, refuse
from tr_journal.journal.fields import normalise_fields

SNIFF_BYTES = 64 * 1024
DELIMITERS = ",;\t|"


@dataclass(frozen=True)
class Table:
    """The decoded rows of a CSV file with their first line numbers."""

    columns: list[str]
    has_header: bool
    rows: list[tuple[int, list[str]]]


def _dialect(sample: str) -> type[csv.Dialect] | csv.Dialect:
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS)
    except csv.Error:
        return csv.excel


def _looks_like_header(first: list[str], sample: str) -> bool:
    names = {c.strip() for c in first}
    if names & set(model.FIELDS):
        return True
    try:
        return csv.Sniffer().has_header(sample)
    except csv.Error:
        return False


def read_table(path: Path, header: bool | None = None) -> Table:
    """All rows of the file; ``header`` None means: decide from the first row."""
    text = read_text_file(path)
    dialect = _dialect(text[:SNIFF_BYTES])
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    rows: list[tuple[int, list[str]]] = []
    try:
        start = 1
        for record in reader:
            if any(cell.strip() for cell in record):
                rows.append((start, record))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise refuse(
            path,
            N_("line {line} is not valid CSV ({reason})"),
            line=reader.line_num,
            reason=str(exc),
        ) from exc
    if not rows:
        return Table([], False, [])
    if header is None:
        header = _looks_like_header(rows[0][1], text[:SNIFF_BYTES])
    width = max(len(r) for _, r in rows)
    if header:
        names = [c.strip() or str(i) for i, c in enumerate(rows[0][1], start=1)]
        names += [str(i) for i in range(len(names) + 1, width + 1)]
        return Table(names, True, rows[1:])
    return Table([str(i) for i in range(1, width + 1)], False, rows)


def parse_mapping(items: list[str], columns: list[str]) -> dict[int, str]:
    """``["Date=occurred_at", "3=caller_number"]`` -> {column index: field}."""
    mapping: dict[int, str] = {}
    for item in items:
        column, sep, field = item.rpartition("=")
        column, field = column.strip(), field.strip()
        if not sep or not column:
            raise UsageError(N_('--map takes COLUMN=FIELD, e.g. --map "Date=occurred_at".'))
        if field not in model.FIELDS:
            raise UsageError(
                N_("{field} is not a field of an entry (one of: {fields})."),
                field=field,
                fields=", ".join(model.FIELDS),
            )
        if column in columns:
            mapping[columns.index(column)] = field
        elif column.isdigit() and 1 <= int(column) <= len(columns):
            mapping[int(column) - 1] = field
        else:
            raise UsageError(
                N_("The file has no column {column} (its columns: {columns})."),
                column=column,
                columns=", ".join(columns),
            )
    return mapping


def identity_mapping(columns: list[str]) -> dict[int, str]:
    """Columns named like entry fields, mapped to themselves."""
    return {i: c for i, c in enumerate(columns) if c in model.FIELDS}


def _fields(record: list[str], mapping: Mapping[int, str]) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for index, name in mapping.items():
        value = record[index].strip() if index < len(record) else ""
        if not value:
            continue
        if name in model.LIST_FIELDS:
            fields[name] = [v for v in value.split(";") if v.strip()]
        elif name in fields:  # two columns into one text field: keep both
            fields[name] = f"{fields[name]}\n{value}"
        else:
            fields[name] = value
    return fields


def problem_of(fields: Mapping[str, Any]) -> InvalidInput | None:
    """The journal's own verdict on a row's fields (None: the journal would take it)."""
    try:
        normalise_fields(dict(fields))
    except InvalidInput as exc:
        return exc
    return None


def preview_csv(path: Path, items: list[str] | None, header: bool | None = None) -> ImportPreview:
    """Every row under the mapping, each with its problem if the journal would refuse it."""
    if (
        header is None
        and items
        and any(not item.rpartition("=")[0].strip().isdigit() for item in items)
    ):
        header = True  # a column named in the mapping is named by the first row
    table = read_table(path, header)
    mapping = parse_mapping(items, table.columns) if items else identity_mapping(table.columns)
    if "occurred_at" not in mapping.values():
        raise UsageError(
            N_(
                "Map a column to occurred_at (when it happened), e.g. --map "
                '"Date=occurred_at"; the file\'s columns: {columns}.'
            ),
            columns=", ".join(table.columns) or "-",
        )
    digest, size = file_sha256(path)
    rows = []
    for number, (line, record) in enumerate(table.rows, start=1):
        fields = _fields(record, mapping)
        summary = " | ".join(c.strip() for c in record)[:120]
        error = problem_of(fields)
        rows.append(
            ImportRow(
                number=number,
                key=f"line{line}",
                fields=fields,
                line=line,
                problem=error.english() if error else None,
                summary=summary,
                error=error,
            )
        )
    return ImportPreview("csv", path.name, digest, size, rows, columns=table.columns)
