"""The summary of repeated conduct: who called, claiming what, wanting and threatening what,
how often and from when to when.

Why it matters: harassment in French law (C. pén. art. 222-16, 222-33-2-2) is a repetition of
acts; a judge must see the repetition at a glance, with each count traceable to the entries.
Callers are grouped by their number in international form (E.164) when it can be known, else by
the account or the number as shown; claimed agencies by their text, ignoring case and spaces.
The chart of incidents per month is drawn by the report renderer itself (Typst shapes in the
PDF, boxes in the HTML).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from tr_journal.evidence.report_dates import month_key, month_label, short_date
from tr_journal.evidence.report_doc import Block, Cell, Chart, Heading, Section, Table, fixed, para
from tr_journal.evidence.report_entries import current
from tr_journal.i18n import _
from tr_journal.i18n.labels import DEMAND_LABELS, THREAT_LABELS, label


def attempts(fields: dict[str, Any]) -> int:
    """Contact attempts an entry stands for: one, until the record model counts them."""
    return 1


def caller_key(fields: dict[str, Any]) -> str:
    """The caller as one identity: the international form of the number when known."""
    if fields.get("caller_number_e164"):
        return str(fields["caller_number_e164"])
    number = str(fields.get("caller_number") or "").strip()
    if number:
        from tr_journal.journal.textfold import to_e164

        return to_e164(number) or number
    return str(fields.get("caller_account") or "").strip()


@dataclass
class Tally:
    """Entries, attempts and first/last declared times of one group."""

    shown: str
    entries: int = 0
    attempts: int = 0
    times: list[str] = field(default_factory=list)

    def add(self, fields: dict[str, Any]) -> None:
        self.entries += 1
        self.attempts += attempts(fields)
        if fields.get("occurred_at"):
            self.times.append(str(fields["occurred_at"]))


def tally(entries: list[dict[str, Any]],
          keys: Callable[[dict[str, Any]], Iterable[tuple[str, str]]]) -> list[Tally]:
    """Groups of entries by ``keys(fields)`` -> (group key, text shown); most entries first."""
    groups: dict[str, Tally] = {}
    for entry in entries:
        fields = current(entry)
        for key, shown in keys(fields):
            groups.setdefault(key, Tally(shown)).add(fields)
    return sorted(groups.values(), key=lambda t: (-t.entries, t.shown))


def _table(title: str, column: str, groups: list[Tally], lang: str, ltr: bool = False
           ) -> list[Block]:
    if not groups:
        return []
    rows = tuple((fixed(g.shown) if ltr else Cell(g.shown), fixed(str(g.entries)),
                  fixed(str(g.attempts)), Cell(short_date(min(g.times), lang) if g.times else ""),
                  Cell(short_date(max(g.times), lang) if g.times else "")) for g in groups)
    head = (column, _("Entries"), _("Attempts"), _("First"), _("Last"))
    return [Heading(title, 2), Table(head, rows, (40, 12, 12, 18, 18), small=True)]


def _callers(fields: dict[str, Any]) -> list[tuple[str, str]]:
    key = caller_key(fields)
    return [(key, key)] if key else []


def _agencies(fields: dict[str, Any]) -> list[tuple[str, str]]:
    text = " ".join(str(fields.get("claimed_identity") or "").split())
    return [(text.casefold(), text)] if text else []


def _labels(name: str, table: dict[str, str]) -> Callable[[dict[str, Any]],
                                                           list[tuple[str, str]]]:
    def keys(fields: dict[str, Any]) -> list[tuple[str, str]]:
        values = fields.get(name) or []
        return [(v, label(table, v, _)) for v in (values if isinstance(values, list) else [values])]
    return keys


def months(entries: list[dict[str, Any]], lang: str) -> list[tuple[str, int]]:
    """Entries per month on the person's own calendar, every month between the first and the
    last (empty months count: a gap is a fact too)."""
    counts: dict[str, int] = {}
    for entry in entries:
        key = month_key(current(entry).get("occurred_at"))
        if len(key) == 7:
            counts[key] = counts.get(key, 0) + 1
    if not counts:
        return []
    year, month = map(int, min(counts).split("-"))
    last = max(counts)
    series = []
    while (key := f"{year:04d}-{month:02d}") <= last:
        series.append((month_label(key, lang), counts.get(key, 0)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return series


def summary(entries: list[dict[str, Any]], lang: str) -> Section:
    times = [str(current(e)["occurred_at"]) for e in entries if current(e).get("occurred_at")]
    total_attempts = sum(attempts(current(e)) for e in entries)
    intro = _("{entries} entries ({attempts} attempts) from {first} to {last}.").format(
        entries=len(entries), attempts=total_attempts,
        first=short_date(min(times), lang) if times else "—",
        last=short_date(max(times), lang) if times else "—")
    per_month = months(entries, lang)
    blocks: list[Block] = [
        Heading(_("Summary of repeated conduct")), para(intro),
        para(_("Counts are of entries in this dossier; an entry may name several demands or "
               "threats. Repeated acts are what harassment requires (French Criminal Code, "
               "articles 222-16 and 222-33-2-2).")),
    ]
    if per_month:
        blocks.append(Chart(_("Entries per month (declared dates)"), tuple(per_month)))
    blocks += _table(_("By caller (number in international form, or account)"), _("Caller"),
                     tally(entries, _callers), lang, ltr=True)
    blocks += _table(_("By agency or identity claimed"), _("Who they claimed to be"),
                     tally(entries, _agencies), lang)
    blocks += _table(_("By demand"), _("Demand"), tally(entries, _labels("demands",
                                                                          DEMAND_LABELS)), lang)
    blocks += _table(_("By threat"), _("Threat"), tally(entries, _labels("threats",
                                                                          THREAT_LABELS)), lang)
    rows = tuple((Cell(name), fixed(str(count))) for name, count in per_month)
    if rows:
        blocks += [Heading(_("By month"), 2),
                   Table((_("Month"), _("Entries")), rows, (60, 40), small=True)]
    return Section(blocks)
