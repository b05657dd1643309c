"""Bringing in what the phone already holds: call logs, chat exports, screenshot folders.

Every format is read into an :class:`~tr_journal.imports.rows.ImportPreview` first (nothing is
written); :mod:`tr_journal.imports.service` writes the rows the person selected in one
transaction, each with its provenance. No Qt here (docs/imports.md).
"""
