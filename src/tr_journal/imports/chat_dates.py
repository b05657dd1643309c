"""The date order of a chat export, decided from the whole file (docs/imports.md).

WhatsApp writes dates in the phone's locale: ``05/12/2026`` (d/m/y), ``12/5/26`` (m/d/y),
``2026-12-05`` or ``2026/12/05`` (y-m-d), ``05.12.26``. One date alone is often ambiguous; a
whole chat is not: a first number above 12 rules out m/d/y, a second above 12 rules out d/m/y,
and a chat is written in time order, so the reading with the fewest steps back in time wins.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from itertools import pairwise

from tr_journal.errors import N_
from tr_journal.imports.sources import refuse

_PARTS = re.compile(r"(\d{1,4})\D(\d{1,2})\D(\d{1,4})")


def split_date(text: str) -> tuple[int, int, int] | None:
    match = _PARTS.fullmatch(text)
    if match is None:
        return None
    a, b, c = (int(g) for g in match.groups())
    return a, b, c


def _year(value: int) -> int:
    return value + 2000 if value < 100 else value


def as_date(parts: tuple[int, int, int], order: str) -> date | None:
    a, b, c = parts
    day, month, year = {"dmy": (a, b, c), "mdy": (b, a, c), "ymd": (c, b, a)}[order]
    try:
        return date(_year(year), month, day)
    except ValueError:
        return None


def detect_order(dates: Sequence[str], name: str, prefer_day_first: bool = True) -> str:
    """The one order in which every date of the file is a real date, in time order if several."""
    parts = [p for p in (split_date(d) for d in dates) if p is not None]
    year_first = [d for d in dates if re.match(r"\d{4}", d)]
    orders = ("ymd",) if len(year_first) == len(dates) else ("dmy", "mdy")
    candidates = [o for o in orders if all(as_date(p, o) is not None for p in parts)]
    if not candidates:
        raise refuse(
            name,
            N_(
                "its dates are in no order this app reads (day/month/year, "
                "month/day/year, year-month-day)"
            ),
        )
    if len(candidates) == 1:
        return candidates[0]

    def steps_back(order: str) -> int:
        days = [as_date(p, order) for p in parts]
        return sum(1 for x, y in pairwise(days) if x is not None and y is not None and y < x)

    ranked = sorted(
        candidates, key=lambda o: (steps_back(o), 0 if (o == "dmy") == prefer_day_first else 1)
    )
    return ranked[0]
