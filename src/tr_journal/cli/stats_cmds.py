"""``stats`` and ``caller merge/unmerge``: the patterns of a journal on the command line."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from tr_journal.cli.common import open_vault, print_json, say
from tr_journal.i18n import _
from tr_journal.i18n.labels import channel_label, demand_label, threat_label
from tr_journal.journal.when import bound_utc
from tr_journal.patterns import loading
from tr_journal.patterns.callers import CallerProfile, identifier_key
from tr_journal.patterns.stats import (
    PatternReport,
    declared_date,
    report_json,
)
from tr_journal.region import home_region
from tr_journal.store.stats import Window


def cmd_stats(args: argparse.Namespace) -> int:
    window = Window(bound_utc(args.since, False), bound_utc(args.until, True))
    with open_vault(args) as vault:
        report = loading.read_report(vault, window)
    if args.json:
        doc = report_json(report)
        print_json({"callers": doc["callers"]} if args.view == "callers" else doc)
        return 0
    _print_callers(report.callers)
    if args.view != "callers":
        _print_rest(report)
    return 0


def _counts(counter: dict[str, int], label: Callable[[str], str]) -> str:
    return ", ".join(f"{label(k)} {n}" for k, n in sorted(counter.items(), key=lambda kv: -kv[1]))


def _print_callers(callers: list[CallerProfile]) -> None:
    say(_("Callers"))
    for p in callers:
        ids = ", ".join(p.numbers + p.accounts)
        figures = _("entries: {entries}, attempts: {attempts}, from {first} to {last}")
        say(
            f"  {ids}  "
            + figures.format(
                entries=p.entries,
                attempts=p.attempts,
                first=declared_date(p.first_at) or "",
                last=declared_date(p.last_at) or "",
            )
        )
        extra = [
            ", ".join(p.names),
            ", ".join(p.claimed),
            _counts(p.channels, channel_label),
            _counts(p.demands, demand_label),
            _counts(p.threats, threat_label),
        ]
        line = " | ".join(x for x in extra if x)
        if line:
            say(f"      {line}")


def _print_rest(report: PatternReport) -> None:
    say(_("Per month"))
    for month in report.months:
        say(
            f"  {month.month}  "
            + _("entries: {entries}, attempts: {attempts}").format(
                entries=month.entries, attempts=month.attempts
            )
        )
    say(_("Per demand"))
    for key, count in report.demands.items():
        say(f"  {demand_label(key)}: {count.entries}")
    say(_("Per threat"))
    for key, count in report.threats.items():
        say(f"  {threat_label(key)}: {count.entries}")
    say(_("Demand × threat"))
    for demand, row in report.demand_threat.items():
        say(f"  {demand_label(demand)}: " + _counts(row, threat_label))
    esc = report.escalation
    if esc.first_refusal_at:
        say(_("First refusal recorded: {when}").format(when=esc.first_refusal_at))
        if esc.first_threat_after_at:
            say(_("First threat after it: {when}").format(when=esc.first_threat_after_at))
    total = report.totals
    say(
        _("entries: {entries}, attempts: {attempts}").format(
            entries=total.entries, attempts=total.attempts
        )
    )


def cmd_caller(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        if args.caller_action == "merge":
            region = home_region()
            record = loading.merge(
                vault, identifier_key(args.first, region), identifier_key(args.second, region)
            )
        else:
            record = loading.unmerge(vault, args.merge)
    doc = {
        "merge": record.public_id,
        "first": record.first_key,
        "second": record.second_key,
        "undone": args.caller_action == "unmerge",
    }
    if args.json:
        print_json(doc)
    elif args.caller_action == "merge":
        say(
            _("Merged as one caller ({id}); undo with `tr-journal caller unmerge {id}`.").format(
                id=record.public_id
            )
        )
    else:
        say(_("Merge {id} undone.").format(id=record.public_id))
    return 0
