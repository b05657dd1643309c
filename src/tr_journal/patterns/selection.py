"""The figures of a chosen set of entries: what the dossier of an export summarises.

Why here and not in the dossier: the summary of repeated conduct must say what ``stats`` and
the patterns view say, so it is the same :func:`~tr_journal.patterns.stats.build_report`,
restricted to the disclosed entries (a selective export counts nothing it does not disclose).
The rows are read by entry id, so an export of a few entries costs a few index lookups,
whatever the journal's size (docs/patterns.md, docs/evidence-report.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import sqlcipher3

from tr_journal.patterns.stats import PatternReport, build_report
from tr_journal.store import entries as entry_store
from tr_journal.store import stats as store
from tr_journal.store.stats import Window


@dataclass
class Agency:
    """One agency or identity claimed (grouped ignoring case and spaces), as first written."""

    shown: str
    entries: int = 0
    attempts: int = 0
    first_utc: str = ""
    last_utc: str = ""
    first_at: str = ""
    last_at: str = ""


@dataclass
class SelectionFigures:
    """The patterns report of the selected entries, with the agencies they claimed."""

    report: PatternReport
    agencies: list[Agency]


def agency_key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _agencies(rows: list[store.LabelCount]) -> list[Agency]:
    found: dict[str, Agency] = {}
    for row in rows:
        agency = found.setdefault(agency_key(row.value), Agency(" ".join(row.value.split())))
        agency.entries += row.entries
        agency.attempts += row.attempts
        if row.first_utc and (not agency.first_utc or row.first_utc < agency.first_utc):
            agency.first_utc, agency.first_at = row.first_utc, row.first_at
        if row.last_utc and row.last_utc >= agency.last_utc:
            agency.last_utc, agency.last_at = row.last_utc, row.last_at
    return sorted(found.values(), key=lambda a: (-a.entries, a.shown))


def selection_figures(conn: sqlcipher3.Connection, public_ids: Sequence[str]) -> SelectionFigures:
    """The figures of exactly these entries (public ids of current entries, as an export
    selects them); caller merges apply as in ``stats``. Every current entry selected is the
    whole journal: then the maintained tallies answer, as for ``stats`` itself."""
    wanted = set(public_ids)
    if len(wanted) == store.entry_count(conn):
        window = Window()
    else:
        window = Window(entry_ids=tuple(sorted(entry_store.row_id(conn, i) for i in wanted)))
    return SelectionFigures(
        build_report(conn, window), _agencies(store.claimed_counts(conn, window))
    )
