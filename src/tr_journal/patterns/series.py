"""From counted rows to a chart series: continuous periods, translated layers, the escalation
marker, and the bounds of one period (what a click on a bar lists). No Qt."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Literal

import sqlcipher3

from tr_journal.i18n import _, using_language
from tr_journal.i18n.labels import channel_label, demand_label, threat_label
from tr_journal.patterns.chart import IncidentSeries, Layer, Marker, render_incidents_svg
from tr_journal.store import stats as store
from tr_journal.store.stats import Granularity, PeriodCount, Window

LayerKind = Literal["channel", "demand", "threat"]


def _next(period: str, granularity: Granularity) -> str:
    if granularity == "week":
        return (date.fromisoformat(period) + timedelta(days=7)).isoformat()
    year, month = int(period[:4]), int(period[5:7])
    return f"{year + month // 12}-{month % 12 + 1:02d}"


def period_of(utc: str, granularity: Granularity) -> str:
    """The period (``2026-03`` or the Monday of the week) holding a UTC time."""
    if granularity == "month":
        return utc[:7]
    day = date.fromisoformat(utc[:10])
    return (day - timedelta(days=day.weekday())).isoformat()


def periods_between(first: str, last: str, granularity: Granularity) -> list[str]:
    out: list[str] = []
    current = first
    while current <= last and len(out) < 5000:
        out.append(current)
        current = _next(current, granularity)
    return out


def period_window(period: str, granularity: Granularity, within: Window) -> Window:
    """The UTC bounds of one period, narrowed to ``within``."""
    start = period + ("-01" if granularity == "month" else "")
    end = _next(period, granularity) + ("-01" if granularity == "month" else "")
    last = (date.fromisoformat(end) - timedelta(days=1)).isoformat()
    since, until = f"{start}T00:00:00Z", f"{last}T23:59:59Z"
    if within.since_utc and within.since_utc > since:
        since = within.since_utc
    if within.until_utc and within.until_utc < until:
        until = within.until_utc
    return Window(since, until)


def build_series(
    rows: list[PeriodCount],
    granularity: Granularity,
    label: Callable[[str], str],
    *,
    title: str = "",
    escalation_utc: str | None = None,
    marker_label: str = "",
    use_attempts: bool = True,
) -> IncidentSeries:
    """Every period from the first to the last counted (empty ones too, so time is to scale),
    one layer per key, largest first; counts are attempts unless told otherwise."""
    if not rows:
        return IncidentSeries((), (), title)
    periods = periods_between(min(r.period for r in rows), max(r.period for r in rows), granularity)
    index = {p: i for i, p in enumerate(periods)}
    per_key: dict[str, list[int]] = {}
    for row in rows:
        counts = per_key.setdefault(row.layer, [0] * len(periods))
        counts[index[row.period]] += row.attempts if use_attempts else row.entries
    order = sorted(per_key, key=lambda k: (-sum(per_key[k]), k))
    layers = tuple(Layer(k, label(k), tuple(per_key[k])) for k in order)
    markers: tuple[Marker, ...] = ()
    if escalation_utc:
        period = period_of(escalation_utc, granularity)
        if period in index:
            markers = (Marker(index[period], marker_label),)
    return IncidentSeries(tuple(periods), layers, title, markers)


def preset_window(months: int | None, now: datetime | None = None) -> Window:
    """The last ``months`` months up to now (None: the whole journal)."""
    if months is None:
        return Window()
    now = now or datetime.now(UTC)
    start = now - timedelta(days=round(months * 30.44))
    return Window(start.strftime("%Y-%m-%dT%H:%M:%SZ"), None)


def layer_label(layer: LayerKind) -> Callable[[str], str]:
    """The translated label of a channel, demand or threat id ("not recorded" for none)."""
    label = {"channel": channel_label, "demand": demand_label, "threat": threat_label}[layer]
    return lambda key: label(key) or _("not recorded")


def incident_series(
    rows: list[PeriodCount], granularity: Granularity, layer: LayerKind, escalation_utc: str | None
) -> IncidentSeries:
    """The chart's series in the current language: what the app shows and the dossier prints."""
    return build_series(
        rows,
        granularity,
        layer_label(layer),
        title=_("Attempts per month") if granularity == "month" else _("Attempts per week"),
        escalation_utc=escalation_utc,
        marker_label=_("first threat after a refusal"),
    )


def incidents_chart_svg(
    conn: sqlcipher3.Connection,
    window: Window,
    *,
    lang: str,
    granularity: Granularity = "month",
    layer: LayerKind = "channel",
    width: int = 720,
    height: int = 360,
) -> str:
    """The incidents chart of a vault as SVG text, labelled in ``lang``: one call for the
    dossier, the same picture as the patterns window."""
    from tr_journal.patterns.stats import escalation

    rows = store.by_period(conn, window, granularity, layer)
    marked = escalation(conn, window).threat_day
    with using_language(lang):
        series = incident_series(rows, granularity, layer, marked)
    return render_incidents_svg(series, lang=lang, width=width, height=height)
