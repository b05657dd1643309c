"""Caller profiles: the numbers and accounts that belong to one caller, and what he did.

Identifiers are ``tel:<E.164>`` (or the number as written, without spaces, when no country can be
known) and ``acct:<account, lower case>``. Two identifiers are one profile when an entry names
both (the same man called from a number and wrote from an account), or when the person merged
them; undoing the merge splits them again. Names given and agencies claimed are shown, never
used to join: many callers say "police".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from tr_journal.store.caller_merges import MergeRecord
from tr_journal.store.stats import CallerSummary

TEL, ACCT = "tel:", "acct:"


def identifiers(number_key: str, account_key: str) -> list[str]:
    found = [TEL + number_key] if number_key else []
    return found + ([ACCT + account_key] if account_key else [])


@dataclass
class CallerProfile:
    """One caller as the person sees him; ``id`` is his first number, else first account."""

    id: str
    numbers: list[str] = field(default_factory=list)
    accounts: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    claimed: list[str] = field(default_factory=list)
    entries: int = 0
    attempts: int = 0
    first_utc: str = ""
    last_utc: str = ""
    #: the first and last contact as the person declared it (``occurred_at``)
    first_at: str = ""
    last_at: str = ""
    channels: Counter[str] = field(default_factory=Counter)
    demands: Counter[str] = field(default_factory=Counter)
    threats: Counter[str] = field(default_factory=Counter)
    merges: list[str] = field(default_factory=list)
    #: the (number, account) pairs behind the profile: what a click lists
    pairs: list[tuple[str, str]] = field(default_factory=list)


class _Groups:
    """Union-find over identifiers."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, key: str) -> str:
        self.parent.setdefault(key, key)
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _sort_key(identifier: str) -> tuple[int, str]:
    return (0 if identifier.startswith(TEL) else 1, identifier)


def build_profiles(
    summaries: Iterable[CallerSummary], merges: Iterable[MergeRecord]
) -> list[CallerProfile]:
    """Profiles with at least one entry, most entries first."""
    summaries, groups = list(summaries), _Groups()
    seen: set[str] = set()
    for summary in summaries:
        keys = identifiers(summary.number_key, summary.account_key)
        seen.update(keys)
        groups.find(keys[0])
        for key in keys[1:]:
            groups.union(keys[0], key)
    active = [m for m in merges if m.active]
    for merge in active:
        groups.union(merge.first_key, merge.second_key)
    members: dict[str, set[str]] = {}
    for key in list(groups.parent):
        members.setdefault(groups.find(key), set()).add(key)
    profiles: dict[str, CallerProfile] = {}
    for summary in summaries:
        root = groups.find(identifiers(summary.number_key, summary.account_key)[0])
        if root not in profiles:
            # named after an identifier it counts: a merge may join one that is outside the
            # window or undisclosed, which must not show
            profiles[root] = CallerProfile(id=sorted(members[root] & seen, key=_sort_key)[0])
        _add_summary(profiles[root], summary)
    for merge in active:
        root = groups.find(merge.first_key)
        if root in profiles:
            profiles[root].merges.append(merge.public_id)
    return sorted(profiles.values(), key=lambda p: (-p.entries, p.first_utc, p.id))


def _add_summary(p: CallerProfile, summary: CallerSummary) -> None:
    p.entries += summary.entries
    p.attempts += summary.attempts
    if summary.first_utc and (not p.first_utc or summary.first_utc < p.first_utc):
        p.first_utc, p.first_at = summary.first_utc, summary.first_at
    if summary.last_utc and summary.last_utc >= p.last_utc:
        p.last_utc, p.last_at = summary.last_utc, summary.last_at
    counts = summary.counts
    p.channels.update(counts.get("channel", {}))
    p.demands.update(counts.get("demand", {}))
    p.threats.update(counts.get("threat", {}))
    _add_unique(p.numbers, [summary.number_key] if summary.number_key else [])
    _add_unique(p.accounts, [summary.account_key] if summary.account_key else [])
    _add_unique(p.names, sorted(counts.get("name", {})))
    _add_unique(p.claimed, sorted(counts.get("claimed", {})))
    p.pairs.append((summary.number_key, summary.account_key))


def _add_unique(target: list[str], values: Iterable[str]) -> None:
    for value in values:
        if value not in target:
            target.append(value)


def profile_for(identifier: str, profiles: Iterable[CallerProfile]) -> CallerProfile | None:
    """The profile holding ``identifier`` (as :func:`identifier_key` gives it)."""
    for profile in profiles:
        if identifier in [TEL + n for n in profile.numbers] + [ACCT + a for a in profile.accounts]:
            return profile
    return None


def identifier_key(text: str, region: str | None) -> str:
    """What the person typed (a number in any form, an account, or ``tel:``/``acct:``) as an
    identifier: a number is read as E.164 in the home region when it can be."""
    from tr_journal.journal.textfold import phone_query_digits, to_e164

    text = text.strip()
    if text.startswith((TEL, ACCT)):
        return text
    if phone_query_digits(text):
        e164 = to_e164(text, region)
        if e164:
            return TEL + e164
        return TEL + "".join(ch for ch in text if ch.isdigit() or ch == "+")
    return ACCT + text.lower()
