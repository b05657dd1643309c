"""The summary of repeated conduct: who called, claiming what, wanting and threatening what,
how often and from when to when.

Why it matters: harassment in French law (C. pén. art. 222-16, 222-33-2-2) is a repetition of
acts; a judge must see the repetition at a glance, with each count traceable to the entries.
Every figure is the app's own (:mod:`tr_journal.patterns`: the patterns view and ``stats``),
counted over the disclosed entries only, so for an export of the whole journal the dossier and
``stats --json`` say the same thing; callers are the person's caller profiles (numbers in
international form, accounts, and the merges the person made). The chart of attempts per month
is the app's own (:mod:`tr_journal.patterns.chart`), embedded as SVG in the PDF and the HTML.
"""

from __future__ import annotations

from dataclasses import replace

from tr_journal.evidence.report_dates import month_label, short_date, sort_key
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
from tr_journal.i18n import _
from tr_journal.i18n.labels import DEMAND_LABELS, THREAT_LABELS, label
from tr_journal.patterns.selection import SelectionFigures
from tr_journal.patterns.series import build_series, layer_label, periods_between
from tr_journal.patterns.stats import PatternReport


def first(times: list[str]) -> str:
    """The earliest of declared times (by the first instant each allows)."""
    return min(times, key=sort_key, default="")


def last(times: list[str]) -> str:
    return max(times, key=sort_key, default="")


def declared_date(declared: str | None, lang: str) -> str:
    """The date of a declared time (its day, month or year, as given), as the report's
    language writes dates: the date the chronology shows for that entry."""
    return short_date(declared, lang) if declared else ""


Row = tuple[Cell, int, int, str, str]


def _table(title: str, column: str, rows: list[Row], lang: str) -> list[Block]:
    if not rows:
        return []
    cells = tuple(
        (
            shown,
            fixed(str(entries)),
            fixed(str(attempts)),
            Cell(declared_date(first_at, lang)),
            Cell(declared_date(last_at, lang)),
        )
        for shown, entries, attempts, first_at, last_at in rows
    )
    head = (column, _("Entries"), _("Attempts"), _("First"), _("Last"))
    return [Heading(title, 2), Table(head, cells, (40, 12, 12, 18, 18), small=True)]


def _labelled(counts: PatternReport, kind: str) -> list[Row]:
    table, found = (
        (DEMAND_LABELS, counts.demands) if kind == "demand" else (THREAT_LABELS, counts.threats)
    )
    ordered = sorted(found.items(), key=lambda kv: (-kv[1].entries, kv[0]))
    return [
        (user(label(table, key, _)), c.entries, c.attempts, c.first_at, c.last_at)
        for key, c in ordered
    ]


def _pairs(report: PatternReport) -> list[Block]:
    rows = sorted(
        ((d, t, n) for d, row in report.demand_threat.items() for t, n in row.items()),
        key=lambda r: (-r[2], r[0], r[1]),
    )
    if not rows:
        return []
    cells = tuple(
        (user(label(DEMAND_LABELS, d, _)), user(label(THREAT_LABELS, t, _)), fixed(str(n)))
        for d, t, n in rows
    )
    return [
        Heading(_("Demand × threat"), 2),
        Table((_("Demand"), _("Threat"), _("Entries")), cells, (40, 40, 20), small=True),
    ]


def chart(report: PatternReport, lang: str) -> Picture | None:
    """Attempts per month stacked by channel, with the escalation marked: the series the
    patterns view draws, by the same renderer, months written in the report's language."""
    from tr_journal.patterns.chart import render_incidents_svg

    if not report.channel_rows:
        return None
    series = build_series(
        report.channel_rows,
        "month",
        layer_label("channel"),
        escalation_utc=report.escalation.threat_day,
        marker_label=_("first threat after a refusal"),
    )
    # the title is a heading of the page, not SVG text: Typst draws SVG text without falling
    # back to another font, and Noto Naskh has no parentheses
    series = replace(series, periods=tuple(month_label(p, lang) for p in series.periods))
    return Picture(render_incidents_svg(series, lang=lang), 170, _("Attempts per month"))


def _months(report: PatternReport, lang: str) -> list[Block]:
    """Every month from the first to the last (an empty month is a fact too)."""
    if not report.months:
        return []
    counted = {m.month: m for m in report.months}
    keys = periods_between(report.months[0].month, report.months[-1].month, "month")
    rows = tuple(
        (
            Cell(month_label(k, lang)),
            fixed(str(counted[k].entries if k in counted else 0)),
            fixed(str(counted[k].attempts if k in counted else 0)),
        )
        for k in keys
    )
    return [
        Heading(_("By month"), 2),
        Table((_("Month"), _("Entries"), _("Attempts")), rows, (50, 25, 25), small=True),
    ]


def summary(figures: SelectionFigures, lang: str) -> Section:
    report = figures.report
    totals = report.totals
    intro = _("{entries} entries ({attempts} attempts) from {first} to {last}.").format(
        entries=totals.entries,
        attempts=totals.attempts,
        first=declared_date(totals.first_at, lang) or "—",
        last=declared_date(totals.last_at, lang) or "—",
    )
    blocks: list[Block] = [
        Heading(_("Summary of repeated conduct")),
        para(intro),
        para(
            _(
                "Counts are of entries in this dossier; an entry may name several demands or "
                "threats. Repeated acts are what harassment requires (French Criminal Code, "
                "articles 222-16 and 222-33-2-2)."
            )
        ),
        para(
            _(
                "These are the figures of the journal's patterns view, counted over the entries "
                "in this dossier only; months and dates are those the person declared for each "
                "incident, as in the chronology."
            )
        ),
    ]
    picture = chart(report, lang)
    if picture is not None:
        blocks += [Heading(_("Attempts per month"), 2), picture]
    callers: list[Row] = [
        (fixed(", ".join(p.numbers + p.accounts)), p.entries, p.attempts, p.first_at, p.last_at)
        for p in report.callers
    ]
    blocks += _table(
        _("By caller (number in international form, or account)"), _("Caller"), callers, lang
    )
    agencies: list[Row] = [
        (user(a.shown), a.entries, a.attempts, a.first_at, a.last_at) for a in figures.agencies
    ]
    blocks += _table(
        _("By agency or identity claimed"), _("Who they claimed to be"), agencies, lang
    )
    blocks += _table(_("By demand"), _("Demand"), _labelled(report, "demand"), lang)
    blocks += _table(_("By threat"), _("Threat"), _labelled(report, "threat"), lang)
    blocks += _pairs(report)
    blocks += _months(report, lang)
    return Section(blocks)
