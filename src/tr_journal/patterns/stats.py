"""The figures of ``tr-journal stats``, the patterns view and the dossier, from one place.

Everything is counted by :mod:`tr_journal.store.stats` from indexed per-entry facts, so a
report costs the same order of time as a page of the list, whatever the journal's size. An
entry counts once in ``entries`` and ``attempts`` times in ``attempts`` (1 until an entry records
how many calls it stands for). Months and weeks are those of the date the person declared
(the date part of ``occurred_at``), and first and last are given as declared: a report agrees
with the chronology it sits beside (docs/patterns.md, "Months and weeks").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sqlcipher3

from tr_journal.canonical import canonical_sha256
from tr_journal.domain import EventKind
from tr_journal.errors import N_, InvalidInput
from tr_journal.journal.chain import append_event
from tr_journal.patterns.callers import CallerProfile, build_profiles, profile_for
from tr_journal.store import caller_merges
from tr_journal.store import stats as store
from tr_journal.store.stats import Totals, Window
from tr_journal.timeutil import now_utc_text


@dataclass(frozen=True)
class Count:
    """Entries and attempts, with first and last of a demand or threat (UTC instant for
    order, ``_at``: the time declared, for showing)."""

    entries: int
    attempts: int
    first_utc: str = ""
    last_utc: str = ""
    first_at: str = ""
    last_at: str = ""


@dataclass
class Month:
    month: str
    entries: int = 0
    attempts: int = 0
    channels: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Escalation:
    """When the first refusal was recorded, and the first threat that came after it (UTC
    instants, and the times declared for them: ``_at``, what is shown and marked)."""

    first_refusal_utc: str | None
    first_threat_after_utc: str | None
    first_refusal_at: str | None = None
    first_threat_after_at: str | None = None

    @property
    def threat_day(self) -> str | None:
        """The declared day of the first threat after a refusal: where the chart marks it."""
        return (
            store.declared_day(self.first_threat_after_at) if self.first_threat_after_at else None
        )


@dataclass
class PatternReport:
    window: Window
    totals: Totals
    callers: list[CallerProfile]
    months: list[Month]
    demands: dict[str, Count]
    threats: dict[str, Count]
    demand_threat: dict[str, dict[str, int]]
    escalation: Escalation
    #: entries and attempts per month and channel: what the chart draws
    channel_rows: list[store.PeriodCount] = field(default_factory=list)


def build_report(conn: sqlcipher3.Connection, window: Window) -> PatternReport:
    """The figures of a window (or, with ``window.entry_ids``, of those entries only)."""
    months: dict[str, Month] = {}
    channel_rows = store.by_period(conn, window, "month", "channel")
    for row in channel_rows:
        month = months.setdefault(row.period, Month(row.period))
        month.entries += row.entries
        month.attempts += row.attempts
        if row.layer:
            month.channels[row.layer] = row.entries
    demands: dict[str, Count] = {}
    threats: dict[str, Count] = {}
    pairs: dict[str, dict[str, int]] = {}
    for label in store.label_counts(conn, window):
        count = Count(
            label.entries,
            label.attempts,
            label.first_utc or "",
            label.last_utc or "",
            label.first_at,
            label.last_at,
        )
        if label.kind == "demand":
            demands[label.value] = count
        elif label.kind == "threat":
            threats[label.value] = count
        else:
            demand, threat = label.value.split(" ", 1)
            pairs.setdefault(demand, {})[threat] = label.entries
    callers = build_profiles(store.caller_summaries(conn, window), caller_merges.all_merges(conn))
    return PatternReport(
        window,
        store.totals(conn, window),
        callers,
        sorted(months.values(), key=lambda m: m.month),
        demands,
        threats,
        pairs,
        escalation(conn, window),
        channel_rows,
    )


def escalation(conn: sqlcipher3.Connection, window: Window) -> Escalation:
    refusal = store.first_refusal(conn, window)
    threat = store.first_threat_after(conn, refusal[0], window) if refusal else None
    return Escalation(
        refusal[0] if refusal else None,
        threat[0] if threat else None,
        refusal[1] if refusal else None,
        threat[1] if threat else None,
    )


def declared_date(declared: str | None) -> str | None:
    """The date part of a declared time (``2026-12-01``, ``2026-12``, ``2026``; an interval's
    start), as ``stats --json`` gives first and last."""
    if not declared:
        return None
    head = declared.split("/", 1)[0]
    size = 10 if head[7:8] == "-" else 7 if head[4:5] == "-" else 4
    return head[:size]


def _caller_json(profile: CallerProfile) -> dict[str, Any]:
    return {
        "id": profile.id,
        "numbers": profile.numbers,
        "accounts": profile.accounts,
        "names": profile.names,
        "claimed": profile.claimed,
        "entries": profile.entries,
        "attempts": profile.attempts,
        "first": declared_date(profile.first_at),
        "last": declared_date(profile.last_at),
        "first_at": profile.first_at or None,
        "last_at": profile.last_at or None,
        "channels": dict(sorted(profile.channels.items())),
        "demands": dict(sorted(profile.demands.items())),
        "threats": dict(sorted(profile.threats.items())),
        "merges": profile.merges,
    }


def report_json(report: PatternReport) -> dict[str, Any]:
    """The report as ``stats --json`` prints it (stable names: scripts read them)."""
    t = report.totals
    return {
        "since": report.window.since_utc,
        "until": report.window.until_utc,
        "totals": {
            "entries": t.entries,
            "attempts": t.attempts,
            "first": declared_date(t.first_at),
            "last": declared_date(t.last_at),
            "first_at": t.first_at or None,
            "last_at": t.last_at or None,
        },
        "callers": [_caller_json(p) for p in report.callers],
        "months": [
            {
                "month": m.month,
                "entries": m.entries,
                "attempts": m.attempts,
                "channels": dict(sorted(m.channels.items())),
            }
            for m in report.months
        ],
        "demands": {
            k: {"entries": c.entries, "attempts": c.attempts}
            for k, c in sorted(report.demands.items())
        },
        "threats": {
            k: {"entries": c.entries, "attempts": c.attempts}
            for k, c in sorted(report.threats.items())
        },
        "demand_threat": {
            d: dict(sorted(row.items())) for d, row in sorted(report.demand_threat.items())
        },
        "escalation": {
            "first_refusal": report.escalation.first_refusal_at,
            "first_threat_after_refusal": report.escalation.first_threat_after_at,
        },
    }


# -- merging profiles -----------------------------------------------------------------------
def merge_callers(
    conn: sqlcipher3.Connection, first: str, second: str
) -> caller_merges.MergeRecord:
    """Join the profiles holding two identifiers; an event in the chain records the decision
    (its content hash covers the two identifiers and the time, never shown in the chain)."""
    profiles = build_profiles(
        store.caller_summaries(conn, Window()), caller_merges.all_merges(conn)
    )
    a, b = profile_for(first, profiles), profile_for(second, profiles)
    for given, found in ((first, a), (second, b)):
        if found is None:
            raise InvalidInput(detail=N_("No entry has the caller {caller}."), caller=given)
    if a is b:
        raise InvalidInput(
            detail=N_("{first} and {second} are already one caller."), first=first, second=second
        )
    at = now_utc_text()
    record = caller_merges.add_merge(conn, first, second, at)
    append_event(conn, EventKind.CALLER_MERGED, record.public_id, _merge_hash(record), at)
    return record


def unmerge_callers(
    conn: sqlcipher3.Connection, merge_id: str | None = None
) -> caller_merges.MergeRecord:
    """Undo a merge (the latest one when no id is given); recorded in the chain too."""
    active = [m for m in caller_merges.all_merges(conn) if m.active]
    if merge_id:
        active = [m for m in active if m.public_id == merge_id.strip().upper()]
    if not active:
        raise InvalidInput(detail=N_("There is no merge of callers to undo."))
    record = active[-1]
    at = now_utc_text()
    caller_merges.mark_undone(conn, record.public_id, at)
    append_event(conn, EventKind.CALLER_UNMERGED, record.public_id, _merge_hash(record), at)
    return record


def _merge_hash(record: caller_merges.MergeRecord) -> str:
    return canonical_sha256(
        {
            "id": record.public_id,
            "first": record.first_key,
            "second": record.second_key,
            "merged_at": record.merged_utc,
        }
    )
