"""The summary of repeated conduct: who called, claiming what, wanting and threatening what,
how often and from when to when.

Why it matters: harassment in French law (C. pén. art. 222-16, 222-33-2-2) is a repetition of
acts; a judge must see the repetition at a glance, with each count traceable to the entries.
Callers are grouped by their number in international form (E.164) when it can be known, else by
the account or the number as shown; claimed agencies by their text, ignoring case and spaces.
The chart of incidents per month is the app's own (:mod:`tr_journal.patterns.chart`), embedded
as SVG in both the PDF and the HTML.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from tr_journal.evidence.report_dates import month_key, month_label, short_date, sort_key
from tr_journal.evidence.report_doc import (
    Block,
    Cell,
    Heading,
    Picture,
    Section,
    Table,
    fixed,
    para,
    user,
)
from tr_journal.evidence.report_entries import current
from tr_journal.i18n import _
from tr_journal.i18n.labels import DEMAND_LABELS, THREAT_LABELS, channel_label, label


def first(times: list[str]) -> str:
    """The earliest of declared times (by the first instant each allows)."""
    return min(times, key=sort_key, default="")


def last(times: list[str]) -> str:
    return max(times, key=sort_key, default="")


def attempts(fields: dict[str, Any]) -> int:
    """Contact attempts an entry stands for: its ``attempts`` (ten missed calls in an evening
    are one entry of 10), 1 when not said (docs/record-format.md)."""
    count = fields.get("attempts")
    return count if isinstance(count, int) and count >= 1 else 1


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
    rows = tuple((fixed(g.shown) if ltr else user(g.shown), fixed(str(g.entries)),
                  fixed(str(g.attempts)), Cell(short_date(first(g.times), lang)),
                  Cell(short_date(last(g.times), lang))) for g in groups)
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


def month_keys(entries: list[dict[str, Any]]) -> list[str]:
    """Every month between the first and the last declared one, on the person's own calendar
    (empty months count: a gap is a fact too)."""
    used = {month_key(current(e).get("occurred_at")) for e in entries} - {""}
    if not used:
        return []
    year, month = map(int, min(used).split("-"))
    keys = []
    while (key := f"{year:04d}-{month:02d}") <= max(used):
        keys.append(key)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return keys


def chart(entries: list[dict[str, Any]], keys: list[str], lang: str) -> Picture:
    """Attempts per month stacked by channel, drawn by the app's own chart renderer
    (:mod:`tr_journal.patterns.chart`), so the dossier shows the picture the app shows."""
    from tr_journal.patterns.chart import IncidentSeries, Layer, render_incidents_svg

    index = {key: n for n, key in enumerate(keys)}
    counts: dict[str, list[int]] = {}
    for entry in entries:
        fields = current(entry)
        key = month_key(fields.get("occurred_at"))
        if key in index:
            channel = str(fields.get("channel") or "other")
            counts.setdefault(channel, [0] * len(keys))[index[key]] += attempts(fields)
    title = _("Attempts per month (declared dates)")
    layers = tuple(Layer(channel, channel_label(channel), tuple(counts[channel]))
                   for channel in sorted(counts))
    # the title is a heading of the page, not SVG text: Typst draws SVG text without falling
    # back to another font, and Noto Naskh has no parentheses
    series = IncidentSeries(tuple(month_label(k, lang) for k in keys), layers)
    return Picture(render_incidents_svg(series, lang=lang), 170, title)


def summary(entries: list[dict[str, Any]], lang: str) -> Section:
    times = [str(current(e)["occurred_at"]) for e in entries if current(e).get("occurred_at")]
    total_attempts = sum(attempts(current(e)) for e in entries)
    intro = _("{entries} entries ({attempts} attempts) from {first} to {last}.").format(
        entries=len(entries), attempts=total_attempts,
        first=short_date(first(times), lang) or "—", last=short_date(last(times), lang) or "—")
    keys = month_keys(entries)
    blocks: list[Block] = [
        Heading(_("Summary of repeated conduct")), para(intro),
        para(_("Counts are of entries in this dossier; an entry may name several demands or "
               "threats. Repeated acts are what harassment requires (French Criminal Code, "
               "articles 222-16 and 222-33-2-2).")),
    ]
    if keys:
        blocks += [Heading(_("Attempts per month (declared dates)"), 2),
                   chart(entries, keys, lang)]
    blocks += _table(_("By caller (number in international form, or account)"), _("Caller"),
                     tally(entries, _callers), lang, ltr=True)
    blocks += _table(_("By agency or identity claimed"), _("Who they claimed to be"),
                     tally(entries, _agencies), lang)
    blocks += _table(_("By demand"), _("Demand"), tally(entries, _labels("demands",
                                                                          DEMAND_LABELS)), lang)
    blocks += _table(_("By threat"), _("Threat"), tally(entries, _labels("threats",
                                                                          THREAT_LABELS)), lang)
    per_month = {k: [0, 0] for k in keys}
    for entry in entries:
        fields = current(entry)
        key = month_key(fields.get("occurred_at"))
        if key in per_month:
            per_month[key][0] += 1
            per_month[key][1] += attempts(fields)
    rows = tuple((Cell(month_label(k, lang)), fixed(str(n)), fixed(str(a)))
                 for k, (n, a) in per_month.items())
    if rows:
        blocks += [Heading(_("By month"), 2),
                   Table((_("Month"), _("Entries"), _("Attempts")), rows, (50, 25, 25),
                         small=True)]
    return Section(blocks)
