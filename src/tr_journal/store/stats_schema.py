"""Schema step: the small per-entry facts the patterns view and ``stats`` count (docs/patterns.md).

Why tables kept by triggers: counting callers, months, demands and threats must not parse every
entry's JSON (``stats`` on 100,000 entries within 1.5× of ``list``). ``entry_facts`` holds one
short row per current entry and ``entry_labels`` one per demand, threat and demand × threat
pair, all with covering indexes, so a count is an index scan. Triggers on ``revisions`` and
``entries`` keep them in step with every save, edit and deletion, whichever code writes, in the
same transaction. A deleted entry leaves no fact behind.

``attempts`` is read from the revision (1 when absent): when the record model's field lands,
counts follow with no change here. A refusal is a ``response`` that says so in one of the
interface languages (``response_kind`` = ``refused`` is honoured first, should the model add it).
"""

from __future__ import annotations

_CURRENT = (
    "FROM entries e JOIN revisions r ON r.entry_id = e.id AND r.rev = e.current_rev "
    "WHERE e.deleted = 0"
)
_F = "json_extract(r.body, '$.fields.{}')"
_RESPONSE = "lower(coalesce(" + _F.format("response") + ", ''))"
_NUMBER = (
    "replace(replace(replace(replace(replace(coalesce("
    + _F.format("caller_number")
    + ", ''), ' ', ''), '-', ''), '.', ''), '(', ''), ')', '')"
)
#: words that record a refusal, in English, French, Chinese, Uyghur and Turkish
_REFUSAL_WORDS = ("refus", "declin", "拒绝", "拒絕", "رەت", "reddet")

_REFRESH = """
    DELETE FROM entry_labels WHERE entry_id = {id};
    DELETE FROM entry_facts WHERE entry_id = {id};
    INSERT INTO entry_facts SELECT * FROM entry_facts_source WHERE entry_id = {id};
    INSERT INTO entry_labels SELECT * FROM entry_labels_source WHERE entry_id = {id};
"""


def _labels_part(kind: str, each: str, value: str, declared: bool = False) -> str:
    extra = ", f.declared_at, f.declared_day" if declared else ""
    return (
        f"SELECT e.id AS entry_id, '{kind}' AS kind, {value} AS value, "
        f"f.occurred_utc, f.attempts, f.number_key, f.account_key{extra} "
        f"FROM entries e JOIN revisions r ON r.entry_id = e.id AND r.rev = e.current_rev "
        f"JOIN entry_facts f ON f.entry_id = e.id, {each} WHERE e.deleted = 0"
    )


_DEMANDS = "json_each(r.body, '$.fields.demands') d"
_THREATS = "json_each(r.body, '$.fields.threats') t"

#: ``tallies`` rows: (dim, key, month) -> entries, attempts. ``month`` is the period: a month
#: (``2026-03``) for channel, demand, threat and pair dims, the Monday starting a week
#: (``2026-03-02``) for ``week_*`` dims, '' (all time) for caller dims, whose rows would
#: otherwise outnumber the entries.
#: Keys joining several parts use the unit separator (never typed in a number or account).
_SEP = "char(31)"
_CALLER = f"{{t}}.number_key || {_SEP} || {{t}}.account_key"
_HAS_CALLER = "({t}.number_key != '' OR {t}.account_key != '')"
#: periods are keyed on ``{day}``: ``occurred_utc`` in step 3, the declared day since step 8
_MONTH = "substr({t}.{day}, 1, 7)"
#: the Monday of the entry's week: weeks are keyed by the date they start
_WEEK = "date({t}.{day}, 'weekday 0', '-6 days')"


def _fact_tallies(t: str, day: str = "occurred_utc") -> list[tuple[str, str, str, str]]:
    """(dim, key, month, condition) of the tallies one fact row adds to."""
    caller, has = _CALLER.format(t=t), _HAS_CALLER.format(t=t)
    return [
        ("'channel'", f"{t}.channel", _MONTH.format(t=t, day=day), "1"),
        ("'week_channel'", f"{t}.channel", _WEEK.format(t=t, day=day), "1"),
        ("'caller'", caller, "''", has),
        ("'caller_channel'", f"{caller} || {_SEP} || {t}.channel", "''", has),
        ("'caller_name'", f"{caller} || {_SEP} || {t}.name", "''", f"{has} AND {t}.name != ''"),
        (
            "'caller_claimed'",
            f"{caller} || {_SEP} || {t}.claimed",
            "''",
            f"{has} AND {t}.claimed != ''",
        ),
    ]


def _label_tallies(t: str, day: str = "occurred_utc") -> list[tuple[str, str, str, str]]:
    caller, has = _CALLER.format(t=t), _HAS_CALLER.format(t=t)
    return [
        (f"{t}.kind", f"{t}.value", _MONTH.format(t=t, day=day), "1"),
        (f"'week_' || {t}.kind", f"{t}.value", _WEEK.format(t=t, day=day), f"{t}.kind != 'pair'"),
        (
            f"'caller_' || {t}.kind",
            f"{caller} || {_SEP} || {t}.value",
            "''",
            f"{has} AND {t}.kind != 'pair'",
        ),
    ]


def _tally_statements(parts: list[tuple[str, str, str, str]], sign: str, t: str) -> str:
    lines = []
    for dim, key, month, condition in parts:
        lines.append(
            f"INSERT INTO tallies (dim, key, month, entries, attempts) SELECT {dim}, {key}, "
            f"{month}, {sign}1, {sign}{t}.attempts WHERE {condition} ON CONFLICT (dim, key, "
            f"month) DO UPDATE SET entries = entries + excluded.entries, "
            f"attempts = attempts + excluded.attempts;"
        )
        if sign == "-":
            lines.append(
                f"DELETE FROM tallies WHERE dim = {dim} AND key = {key} AND "
                f"month = {month} AND entries <= 0;"
            )
    return "\n".join(lines)


def _tally_triggers(day: str = "occurred_utc") -> str:
    out = []
    for table, parts in (("entry_facts", _fact_tallies), ("entry_labels", _label_tallies)):
        out.append(
            f"CREATE TRIGGER {table}_tally_add AFTER INSERT ON {table} BEGIN\n"
            f"{_tally_statements(parts('new', day), '', 'new')}\nEND;"
        )
        out.append(
            f"CREATE TRIGGER {table}_tally_remove AFTER DELETE ON {table} BEGIN\n"
            f"{_tally_statements(parts('old', day), '-', 'old')}\nEND;"
        )
    return "\n".join(out)


def _tally_fill(day: str = "occurred_utc") -> str:
    """Fill ``tallies`` from facts already there, with one grouped insert per kind of tally."""
    out = []
    for table, parts in (("entry_facts", _fact_tallies), ("entry_labels", _label_tallies)):
        for dim, key, month, condition in parts("f", day):
            out.append(
                f"INSERT INTO tallies (dim, key, month, entries, attempts) "
                f"SELECT {dim} AS d, {key} AS k, {month} AS m, count(*), "
                f"sum(f.attempts) FROM {table} f WHERE {condition} GROUP BY d, k, m;"
            )
    return "\n".join(out)


#: the channel as read today: ``relative`` (record format 1) is ``other`` (docs/record-format.md)
_CHANNEL = (
    f"CASE coalesce({_F.format('channel')}, '') WHEN 'relative' THEN 'other' "
    f"ELSE coalesce({_F.format('channel')}, '') END"
)
#: the time as the person declared it (docs/time.md), and its day on their own calendar: the
#: date part of ``occurred_at`` in its own offset or zone; an interval's start; a month's or a
#: year's first day (docs/patterns.md, "Months and weeks")
_AT = f"coalesce({_F.format('occurred_at')}, e.occurred_utc)"
_DAY = (
    f"CASE WHEN substr({_AT}, 5, 1) = '-' AND substr({_AT}, 8, 1) = '-' "
    f"THEN substr({_AT}, 1, 10) WHEN substr({_AT}, 5, 1) = '-' "
    f"THEN substr({_AT}, 1, 7) || '-01' ELSE substr({_AT}, 1, 4) || '-01-01' END"
)


def _facts_view(declared: bool) -> str:
    """The facts of the current entries; with ``declared`` (schema step 8) also the declared
    time and day, the columns step 8 appends."""
    extra = f",\n       {_AT} AS declared_at, {_DAY} AS declared_day" if declared else ""
    return f"""CREATE VIEW entry_facts_source AS
SELECT e.id AS entry_id, e.occurred_utc AS occurred_utc,
       {_CHANNEL} AS channel,
       coalesce(nullif({_F.format("caller_number_e164")}, ''), {_NUMBER}) AS number_key,
       lower(trim(coalesce({_F.format("caller_account")}, ''))) AS account_key,
       trim(coalesce({_F.format("caller_name")}, '')) AS name,
       trim(coalesce({_F.format("claimed_identity")}, '')) AS claimed,
       max(1, coalesce(CAST({_F.format("attempts")} AS INTEGER), 1)) AS attempts,
       ({_F.format("response_kind")} IS 'refused'
        OR {" OR ".join(f"instr({_RESPONSE}, '{w}') > 0" for w in _REFUSAL_WORDS)}) AS refused,
       (coalesce(json_array_length(r.body, '$.fields.threats'), 0) > 0) AS threatened{extra}
{_CURRENT};
"""


def _labels_view(declared: bool) -> str:
    return f"""CREATE VIEW entry_labels_source AS
{_labels_part("demand", _DEMANDS, "d.value", declared)}
UNION ALL
{_labels_part("threat", _THREATS, "t.value", declared)}
UNION ALL
{_labels_part("pair", f"{_DEMANDS}, {_THREATS}", "d.value || ' ' || t.value", declared)};
"""


#: the view as schema steps 3 and 5 made it (frozen: those steps must replay as they were)
FACTS_VIEW = _facts_view(False)

STATS_STEP = f"""
CREATE TABLE entry_facts (
    entry_id INTEGER PRIMARY KEY REFERENCES entries (id),
    occurred_utc TEXT NOT NULL,
    channel TEXT NOT NULL,
    number_key TEXT NOT NULL,
    account_key TEXT NOT NULL,
    name TEXT NOT NULL,
    claimed TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    refused INTEGER NOT NULL,
    threatened INTEGER NOT NULL
);
CREATE INDEX entry_facts_by_time ON entry_facts
    (occurred_utc, channel, attempts, number_key, account_key, name, claimed);
CREATE INDEX entry_facts_by_caller ON entry_facts (number_key, account_key, occurred_utc);
CREATE INDEX entry_facts_refusals ON entry_facts (occurred_utc) WHERE refused = 1;
CREATE INDEX entry_facts_threats ON entry_facts (occurred_utc) WHERE threatened = 1;
CREATE TABLE entry_labels (
    entry_id INTEGER NOT NULL REFERENCES entries (id),
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    occurred_utc TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    number_key TEXT NOT NULL,
    account_key TEXT NOT NULL,
    PRIMARY KEY (entry_id, kind, value)
) WITHOUT ROWID;
CREATE INDEX entry_labels_by_value ON entry_labels (kind, value, occurred_utc);
CREATE INDEX entry_labels_by_time ON entry_labels
    (occurred_utc, kind, value, attempts, number_key, account_key);
CREATE TABLE tallies (
    dim TEXT NOT NULL,
    key TEXT NOT NULL,
    month TEXT NOT NULL,
    entries INTEGER NOT NULL,
    attempts INTEGER NOT NULL,
    PRIMARY KEY (dim, key, month)
) WITHOUT ROWID;
CREATE TABLE caller_merges (
    id INTEGER PRIMARY KEY,
    public_id TEXT NOT NULL UNIQUE,
    first_key TEXT NOT NULL,
    second_key TEXT NOT NULL,
    merged_utc TEXT NOT NULL,
    undone_utc TEXT
);
{FACTS_VIEW}
{_labels_view(False)}CREATE TRIGGER entry_facts_on_revision AFTER INSERT ON revisions BEGIN
{_REFRESH.format(id="new.entry_id")}
END;
CREATE TRIGGER entry_facts_on_entry AFTER UPDATE OF current_rev, occurred_utc, deleted
    ON entries BEGIN
{_REFRESH.format(id="new.id")}
END;
INSERT INTO entry_facts SELECT * FROM entry_facts_source;
INSERT INTO entry_labels SELECT * FROM entry_labels_source;
{_tally_fill()}
{_tally_triggers()}
"""

#: Step 8: months and weeks on the declared day, not the UTC instant (docs/patterns.md). A
#: date-only 2026-12-01 in Paris is 2026-11-30T23:00Z: it counts under December, as the
#: chronology shows it. The facts gain the declared time and day, and are rebuilt with the
#: labels and tallies from the entries.
_TRIGGERS = (
    "entry_facts_tally_add",
    "entry_facts_tally_remove",
    "entry_labels_tally_add",
    "entry_labels_tally_remove",
)
DECLARED_STEP = f"""
{"".join(f"DROP TRIGGER {name};" for name in _TRIGGERS)}
DROP VIEW entry_labels_source;
DROP VIEW entry_facts_source;
ALTER TABLE entry_facts ADD COLUMN declared_at TEXT NOT NULL DEFAULT '';
ALTER TABLE entry_facts ADD COLUMN declared_day TEXT NOT NULL DEFAULT '';
ALTER TABLE entry_labels ADD COLUMN declared_at TEXT NOT NULL DEFAULT '';
ALTER TABLE entry_labels ADD COLUMN declared_day TEXT NOT NULL DEFAULT '';
DROP INDEX entry_facts_by_time;
CREATE INDEX entry_facts_by_time ON entry_facts
    (occurred_utc, channel, attempts, number_key, account_key, name, claimed, declared_day);
DROP INDEX entry_labels_by_time;
CREATE INDEX entry_labels_by_time ON entry_labels
    (occurred_utc, kind, value, attempts, number_key, account_key, declared_day);
{_facts_view(True)}
{_labels_view(True)}
DELETE FROM tallies;
DELETE FROM entry_labels;
DELETE FROM entry_facts;
INSERT INTO entry_facts SELECT * FROM entry_facts_source;
INSERT INTO entry_labels SELECT * FROM entry_labels_source;
{_tally_fill("declared_day")}
{_tally_triggers("declared_day")}
"""
