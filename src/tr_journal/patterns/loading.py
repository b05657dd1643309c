"""The patterns as user actions: what the window and ``tr-journal stats``/``caller`` load or
change, each one read under the vault's lock or one transaction.

Qt-free, so the desktop app's patterns window (:mod:`tr_journal.gui.widgets.patterns_view`)
runs these through its task runner and only draws what they return (docs/patterns.md).
"""

from __future__ import annotations

from dataclasses import dataclass

from tr_journal.domain import Entry
from tr_journal.journal import entries
from tr_journal.patterns.series import LayerKind
from tr_journal.patterns.stats import (
    Escalation,
    PatternReport,
    build_report,
    escalation,
    merge_callers,
    unmerge_callers,
)
from tr_journal.store import stats as store
from tr_journal.store.caller_merges import MergeRecord
from tr_journal.store.stats import EntryFilter, Granularity, Window
from tr_journal.vault import Vault

LIST_LIMIT = 500


@dataclass(frozen=True)
class ChartData:
    """What the chart needs: counted per period and layer, and the escalation to mark."""

    generation: int
    window: Window
    granularity: Granularity
    layer: LayerKind
    rows: list[store.PeriodCount]
    escalation: Escalation


@dataclass(frozen=True)
class Loaded:
    """The report of a period: callers, demand × threat, escalation."""

    generation: int
    window: Window
    report: PatternReport


def load_chart(
    vault: Vault, generation: int, window: Window, granularity: Granularity, layer: LayerKind
) -> ChartData:
    with vault.reading() as conn:
        rows = store.by_period(conn, window, granularity, layer)
        return ChartData(generation, window, granularity, layer, rows, escalation(conn, window))


def load_report(vault: Vault, generation: int, window: Window) -> Loaded:
    with vault.reading() as conn:
        return Loaded(generation, window, build_report(conn, window))


def load_entries(vault: Vault, wanted: EntryFilter) -> tuple[int, list[Entry]]:
    """How many entries a figure counts, and the first :data:`LIST_LIMIT` of them."""
    with vault.reading() as conn:
        ids = store.entry_ids(conn, wanted)
        shown = entries.list_entries(conn, limit=LIST_LIMIT, ids=ids[:LIST_LIMIT]) if ids else []
    return len(ids), shown


def read_report(vault: Vault, window: Window) -> PatternReport:
    """Every figure of a period (the whole journal when the window is open)."""
    with vault.reading() as conn:
        return build_report(conn, window)


def merge(vault: Vault, first: str, second: str) -> MergeRecord:
    """Count two callers (identifier keys) as one, recorded as a ``caller.merged`` event."""
    with vault.transaction() as conn:
        return merge_callers(conn, first, second)


def unmerge(vault: Vault, merge_id: str | None = None) -> MergeRecord:
    """Undo a merge (the last one when ``merge_id`` is None), as a ``caller.unmerged`` event."""
    with vault.transaction() as conn:
        return unmerge_callers(conn, merge_id)
