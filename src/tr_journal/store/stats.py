"""Counting queries over ``entry_facts`` and ``entry_labels`` (see store/stats_schema.py).

Over the whole journal, figures come from ``tallies`` (a few rows per month and per caller,
kept by triggers); within a window, from a range of the time indexes of the facts. Never a
parse of entry bodies. Each query returns typed rows that :mod:`tr_journal.patterns.stats`
assembles. Windows bound and order by ``occurred_utc`` (UTC text ``YYYY-MM-DDTHH:MM:SSZ``);
months and weeks are those of ``declared_day``, and first and last are given as the time
declared (``declared_at``, the entry's ``occurred_at``): a date-only 2026-12-01 in Paris is
2026-11-30T23:00Z, and counts and shows as 1 December, like the chronology
(docs/patterns.md, "Months and weeks").
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Literal

import sqlcipher3

Granularity = Literal["week", "month"]
LabelKind = Literal["demand", "threat", "pair"]
#: joins the parts of a tally key (see store/stats_schema.py)
SEP = "\x1f"


@dataclass(frozen=True)
class Window:
    """Bounds on when it happened (UTC text, inclusive); None is open.

    ``entry_ids`` (entry row ids) restricts the figures to those entries only: the dossier of
    a selective export counts what it discloses and nothing else (docs/patterns.md). Those rows
    are then read by their keys, not through a range of the time index.
    """

    since_utc: str | None = None
    until_utc: str | None = None
    entry_ids: tuple[int, ...] | None = None

    @property
    def is_open(self) -> bool:
        """No bound: the whole journal, counted from the maintained tallies."""
        return not (self.since_utc or self.until_utc) and self.entry_ids is None

    def source(self, table: str, index: str) -> str:
        """``table`` forced onto its time index, unless the rows are picked by entry id."""
        return table if self.entry_ids is not None else f"{table} INDEXED BY {index}"

    def clause(self, column: str = "occurred_utc") -> tuple[str, list[str]]:
        parts, params = ["1"], []
        if self.entry_ids is not None:
            prefix = column[: column.index(".") + 1] if "." in column else ""
            parts.append(f"{prefix}entry_id IN (SELECT value FROM json_each(?))")
            params.append(json.dumps(list(self.entry_ids)))
        if self.since_utc:
            parts.append(f"{column} >= ?")
            params.append(self.since_utc)
        if self.until_utc:
            parts.append(f"{column} <= ?")
            params.append(self.until_utc)
        return " AND ".join(parts), params


#: a first or last as one sortable text: the UTC instant, SEP, the time declared
_SPAN = "occurred_utc || char(31) || declared_at"


def split_span(value: str | None) -> tuple[str, str]:
    """(UTC instant, declared time) of a ``_SPAN`` value ("", "" when there is none)."""
    if not value:
        return "", ""
    utc, _, declared = value.partition(SEP)
    return utc, declared


def declared_day(declared: str) -> str:
    """The day an ``occurred_at`` counts under, as ``declared_day`` in store/stats_schema.py:
    its own date part; an interval's start; a month's or a year's first day."""
    if declared[4:5] == "-" and declared[7:8] == "-":
        return declared[:10]
    if declared[4:5] == "-":
        return declared[:7] + "-01"
    return declared[:4] + "-01-01"


@dataclass(frozen=True)
class Totals:
    """Entries and attempts, with the first and last entry's UTC instant (for order) and the
    time the person declared for it (``first_at``, ``last_at``: what is shown)."""

    entries: int
    attempts: int
    first_utc: str | None
    last_utc: str | None
    first_at: str = ""
    last_at: str = ""


@dataclass(frozen=True)
class PeriodCount:
    """Entries and attempts in one period for one layer (a channel, demand or threat id)."""

    period: str
    layer: str
    entries: int
    attempts: int


@dataclass(frozen=True)
class LabelCount:
    """Entries and attempts of one demand, threat or pair, with the first and last time of a
    demand or threat (empty for a pair)."""

    kind: str
    value: str
    entries: int
    attempts: int
    first_utc: str = ""
    last_utc: str = ""
    first_at: str = ""
    last_at: str = ""


@dataclass
class CallerSummary:
    """What one (number, account) pair did: counts per channel, demand, threat, name given and
    agency claimed (each name or agency with the number of entries that gave it)."""

    number_key: str
    account_key: str
    entries: int = 0
    attempts: int = 0
    first_utc: str = ""
    last_utc: str = ""
    first_at: str = ""
    last_at: str = ""
    counts: dict[str, dict[str, int]] = field(default_factory=dict)

    def widen(self, first: str, last: str) -> None:
        """Take in a group's first and last (``_SPAN`` values)."""
        first_utc, first_at = split_span(first)
        last_utc, last_at = split_span(last)
        if first_utc and (not self.first_utc or first_utc < self.first_utc):
            self.first_utc, self.first_at = first_utc, first_at
        if last_utc and last_utc >= self.last_utc:
            self.last_utc, self.last_at = last_utc, last_at

    def add(self, kind: str, value: str, entries: int) -> None:
        if value:
            per_kind = self.counts.setdefault(kind, {})
            per_kind[value] = per_kind.get(value, 0) + entries


def entry_count(conn: sqlcipher3.Connection) -> int:
    """Current (not deleted) entries: a sum over a few rows per month, not a count of rows."""
    row = conn.execute(
        "SELECT coalesce(sum(entries), 0) FROM tallies WHERE dim = 'channel'"
    ).fetchone()
    return int(row[0])


def totals(conn: sqlcipher3.Connection, window: Window) -> Totals:
    where, params = window.clause()
    # first and last asked apart: SQLite answers each from one end of the time index
    first, first_at = _end(conn, "entry_facts", where, params, "")
    last, last_at = _end(conn, "entry_facts", where, params, "DESC")
    if window.is_open:
        row = conn.execute(
            "SELECT coalesce(sum(entries), 0), coalesce(sum(attempts), 0) "
            "FROM tallies WHERE dim = 'channel'"
        ).fetchone()
    else:
        row = conn.execute(
            f"SELECT count(*), coalesce(sum(attempts), 0) FROM entry_facts WHERE {where}", params
        ).fetchone()
    return Totals(int(row[0]), int(row[1]), first, last, first_at, last_at)


def _end(
    conn: sqlcipher3.Connection, table: str, where: str, params: list[str], order: str
) -> tuple[str | None, str]:
    """(UTC instant, declared time) of the earliest (or, ``DESC``, latest) row."""
    row = conn.execute(
        f"SELECT occurred_utc, declared_at FROM {table} WHERE {where} "
        f"ORDER BY occurred_utc {order} LIMIT 1",
        params,
    ).fetchone()
    return (None, "") if row is None else (row[0], row[1])


def by_period(
    conn: sqlcipher3.Connection,
    window: Window,
    granularity: Granularity,
    layer: Literal["channel", "demand", "threat"],
) -> list[PeriodCount]:
    """Counts per period (a month ``2026-03`` or the Monday starting a week) and layer."""
    dim = layer if granularity == "month" else f"week_{layer}"
    if window.is_open:
        rows = conn.execute(
            "SELECT month, key, entries, attempts FROM tallies WHERE dim = ? ORDER BY month, key",
            (dim,),
        )
        return [PeriodCount(r[0], r[1], int(r[2]), int(r[3])) for r in rows]
    period = (
        "substr(declared_day, 1, 7)"
        if granularity == "month"
        else "date(declared_day, 'weekday 0', '-6 days')"
    )
    where, params = window.clause()
    if layer == "channel":
        sql = (
            f"SELECT {period} AS p, channel, count(*), sum(attempts) FROM "
            f"{window.source('entry_facts', 'entry_facts_by_time')} WHERE {where} "
            f"GROUP BY p, channel "
            f"ORDER BY p, channel"
        )
    else:
        sql = (
            f"SELECT {period} AS p, value, count(*), sum(attempts) FROM "
            f"{window.source('entry_labels', 'entry_labels_by_time')} "
            f"WHERE kind = ? AND {where} GROUP BY p, value "
            f"ORDER BY p, value"
        )
        params = [layer, *params]
    return [PeriodCount(r[0], r[1], int(r[2]), int(r[3])) for r in conn.execute(sql, params)]


def label_counts(conn: sqlcipher3.Connection, window: Window) -> list[LabelCount]:
    """Entries and attempts per demand, per threat and per demand × threat pair."""
    if window.is_open:
        rows = conn.execute(
            "SELECT dim, key, sum(entries), sum(attempts) FROM tallies "
            "WHERE dim IN ('demand', 'threat', 'pair') GROUP BY dim, key "
            "ORDER BY dim, key"
        ).fetchall()
        return [
            LabelCount(r[0], r[1], int(r[2]), int(r[3]), *_label_span(conn, r[0], r[1]))
            for r in rows
        ]
    else:
        where, params = window.clause()
        # the time index, never the value index: a window reads only its own rows
        rows = conn.execute(
            f"SELECT kind, value, count(*), sum(attempts), min({_SPAN}), "
            f"max({_SPAN}) FROM "
            f"{window.source('entry_labels', 'entry_labels_by_time')} "
            f"WHERE {where} GROUP BY kind, value ORDER BY kind, value",
            params,
        )
    return [LabelCount(r[0], r[1], int(r[2]), int(r[3]), *_spans(r[4], r[5])) for r in rows]


def _spans(first: str | None, last: str | None) -> tuple[str, str, str, str]:
    """first_utc, last_utc, first_at, last_at of two ``_SPAN`` values."""
    (first_utc, first_at), (last_utc, last_at) = split_span(first), split_span(last)
    return first_utc, last_utc, first_at, last_at


def _label_span(conn: sqlcipher3.Connection, kind: str, value: str) -> tuple[str, str, str, str]:
    """First and last of a demand or threat: two seeks of the value index."""
    if kind == "pair":
        return "", "", "", ""
    span = [
        conn.execute(
            f"SELECT occurred_utc || char(31) || declared_at FROM entry_labels "
            f"INDEXED BY entry_labels_by_value WHERE kind = ? AND value = ? "
            f"ORDER BY occurred_utc {order} LIMIT 1",
            (kind, value),
        ).fetchone()
        for order in ("", "DESC")
    ]
    return _spans(span[0][0] if span[0] else None, span[1][0] if span[1] else None)


def claimed_counts(conn: sqlcipher3.Connection, window: Window) -> list[LabelCount]:
    """Entries, attempts, first and last per agency or identity claimed (as typed, trimmed),
    counted from the rows of a window or a selection (for the dossier; no tally keeps it)."""
    where, params = window.clause()
    rows = conn.execute(
        f"SELECT claimed, count(*), sum(attempts), min({_SPAN}), "
        f"max({_SPAN}) FROM "
        f"{window.source('entry_facts', 'entry_facts_by_time')} "
        f"WHERE claimed != '' AND {where} GROUP BY claimed ORDER BY claimed",
        params,
    )
    return [LabelCount("claimed", r[0], int(r[1]), int(r[2]), *_spans(r[3], r[4])) for r in rows]


def caller_summaries(conn: sqlcipher3.Connection, window: Window) -> list[CallerSummary]:
    """One summary per (number, account) pair seen; entries with neither are left out (no
    caller to group them under)."""
    found = _summaries_from_tallies(conn) if window.is_open else _summaries_from_facts(conn, window)
    return sorted(found.values(), key=lambda c: (c.number_key, c.account_key))


def _summary(
    found: dict[tuple[str, str], CallerSummary], number: str, account: str
) -> CallerSummary:
    if (number, account) not in found:
        found[(number, account)] = CallerSummary(number, account)
    return found[(number, account)]


def _summaries_from_tallies(conn: sqlcipher3.Connection) -> dict[tuple[str, str], CallerSummary]:
    found: dict[tuple[str, str], CallerSummary] = {}
    rows = conn.execute(
        "SELECT dim, key, entries, attempts FROM tallies "
        "WHERE dim >= 'caller' AND dim < 'callerz' AND month = ''"
    )
    for dim, key, entries, attempts in rows:
        number, account, *rest = key.split(SEP)
        summary = _summary(found, number, account)
        if dim == "caller":
            summary.entries, summary.attempts = int(entries), int(attempts)
        else:
            summary.add(dim.removeprefix("caller_"), rest[0], int(entries))
    for summary in found.values():  # two index seeks per caller, whatever the entries
        keys = [summary.number_key, summary.account_key]
        where = "number_key = ? AND account_key = ?"
        first, summary.first_at = _end(conn, "entry_facts", where, keys, "")
        last, summary.last_at = _end(conn, "entry_facts", where, keys, "DESC")
        summary.first_utc, summary.last_utc = first or "", last or ""
    return found


def _summaries_from_facts(
    conn: sqlcipher3.Connection, window: Window
) -> dict[tuple[str, str], CallerSummary]:
    """The same from the rows in the window (a range of the time index: its cost grows with
    the window asked for, not with the journal)."""
    found: dict[tuple[str, str], CallerSummary] = {}
    where, params = window.clause()
    has_caller = "(number_key != '' OR account_key != '')"
    rows = conn.execute(
        f"SELECT number_key, account_key, channel, name, claimed, count(*), sum(attempts), "
        f"min({_SPAN}), max({_SPAN}) FROM "
        f"{window.source('entry_facts', 'entry_facts_by_time')} "
        f"WHERE {has_caller} AND {where} "
        f"GROUP BY number_key, account_key, channel, name, claimed",
        params,
    )
    for number, account, channel, name, claimed, entries, attempts, first, last in rows:
        summary = _summary(found, number, account)
        summary.entries += int(entries)
        summary.attempts += int(attempts)
        summary.widen(first, last)
        summary.add("channel", channel, int(entries))
        summary.add("name", name, int(entries))
        summary.add("claimed", claimed, int(entries))
    rows = conn.execute(
        f"SELECT number_key, account_key, kind, value, count(*) FROM "
        f"{window.source('entry_labels', 'entry_labels_by_time')} "
        f"WHERE kind != 'pair' AND {has_caller} AND {where} "
        f"GROUP BY number_key, account_key, kind, value",
        params,
    )
    for number, account, kind, value, entries in rows:
        _summary(found, number, account).add(kind, value, int(entries))
    return found


def first_refusal(conn: sqlcipher3.Connection, window: Window) -> tuple[str, str] | None:
    """(UTC instant, declared time) of the first refusal recorded."""
    where, params = window.clause()
    source = window.source("entry_facts", "entry_facts_refusals")
    row = conn.execute(
        f"SELECT occurred_utc, declared_at FROM {source} "
        f"WHERE refused = 1 AND {where} ORDER BY occurred_utc LIMIT 1",
        params,
    ).fetchone()
    return None if row is None else (row[0], row[1])


def first_threat_after(
    conn: sqlcipher3.Connection, after_utc: str, window: Window
) -> tuple[str, str] | None:
    """(UTC instant, declared time) of the first threat after ``after_utc``."""
    where, params = window.clause()
    source = window.source("entry_facts", "entry_facts_threats")
    row = conn.execute(
        f"SELECT occurred_utc, declared_at FROM {source} "
        f"WHERE threatened = 1 AND occurred_utc > ? "
        f"AND {where} ORDER BY occurred_utc LIMIT 1",
        [after_utc, *params],
    ).fetchone()
    return None if row is None else (row[0], row[1])


@dataclass(frozen=True)
class EntryFilter:
    """The entries behind a figure: a window plus at most one layer and a set of callers."""

    window: Window
    channel: str | None = None
    label: tuple[str, str] | None = None  # (kind, value), kind "pair" for a table cell
    callers: tuple[tuple[str, str], ...] | None = None  # (number_key, account_key) pairs


def entry_ids(conn: sqlcipher3.Connection, wanted: EntryFilter) -> list[int]:
    """Row ids of the entries counted in one bar, cell or caller, newest first."""
    where, params = wanted.window.clause("f.occurred_utc")
    sql = f"SELECT f.entry_id FROM entry_facts f WHERE {where}"
    if wanted.channel is not None:
        sql += " AND f.channel = ?"
        params.append(wanted.channel)
    if wanted.label is not None:
        sql += " AND f.entry_id IN (SELECT entry_id FROM entry_labels WHERE kind = ? AND value = ?)"
        params.extend(wanted.label)
    if wanted.callers is not None:
        pairs = " OR ".join("(f.number_key = ? AND f.account_key = ?)" for _ in wanted.callers)
        sql += f" AND ({pairs or '0'})"
        params.extend(k for pair in wanted.callers for k in pair)
    sql += " ORDER BY f.occurred_utc DESC, f.entry_id DESC"
    return [int(r[0]) for r in conn.execute(sql, params)]


def derived_problems(conn: sqlcipher3.Connection) -> list[str]:
    """Where the maintained facts or tallies disagree with the entries (empty = in step): the
    facts against the entries, and each month's and week's tallies against the facts' declared
    days.

    For ``tr-journal check``: they are derived data, kept by triggers, and every figure of
    ``stats`` and the patterns window is read from them. Reads every entry once.
    """
    problems = []
    if _tables_differ(conn, "entry_facts", "entry_facts_source"):
        problems.append("facts")
    if _tables_differ(conn, "entry_labels", "entry_labels_source"):
        problems.append("labels")
    tallied = conn.execute(
        "SELECT dim, month, sum(entries), sum(attempts) FROM tallies "
        "WHERE dim IN ('channel', 'demand', 'threat', 'pair') "
        "GROUP BY dim, month ORDER BY dim, month"
    ).fetchall()
    counted = conn.execute(
        "SELECT 'channel', substr(declared_day, 1, 7) AS m, count(*), sum(attempts) "
        "FROM entry_facts GROUP BY m UNION ALL "
        "SELECT kind, substr(declared_day, 1, 7) AS m, count(*), sum(attempts) "
        "FROM entry_labels GROUP BY kind, m ORDER BY 1, 2"
    ).fetchall()
    weeks = "date(declared_day, 'weekday 0', '-6 days')"
    tallied += conn.execute(
        "SELECT dim, month, sum(entries), sum(attempts) FROM tallies "
        "WHERE dim IN ('week_channel', 'week_demand', 'week_threat') "
        "GROUP BY dim, month ORDER BY dim, month"
    ).fetchall()
    counted += conn.execute(
        f"SELECT 'week_channel', {weeks} AS w, count(*), sum(attempts) FROM entry_facts "
        f"GROUP BY w UNION ALL SELECT 'week_' || kind, {weeks} AS w, count(*), sum(attempts) "
        f"FROM entry_labels WHERE kind != 'pair' GROUP BY kind, w ORDER BY 1, 2"
    ).fetchall()
    if [tuple(r) for r in tallied] != [tuple(r) for r in counted]:
        problems.append("tallies")
    return problems


def _tables_differ(conn: sqlcipher3.Connection, kept: str, source: str) -> bool:
    """True if a maintained table and the view it is derived from hold other rows (either way)."""
    for a, b in ((kept, source), (source, kept)):
        sql = f"SELECT EXISTS (SELECT * FROM {a} EXCEPT SELECT * FROM {b})"  # names are ours
        if conn.execute(sql).fetchone()[0]:
            return True
    return False
