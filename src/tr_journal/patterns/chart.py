"""The one chart of incidents over time, as SVG text: the desktop app and the dossier draw it.

Why SVG text and no Qt: the app shows it with ``QSvgRenderer`` and the dossier (Typst) embeds
the very same file, so the lawyer and the person see the same picture. The renderer only
writes Unicode text with the font families the app ships (``resources/fonts``); shaping
Uyghur (Arabic script, joined and right to left) and Chinese is the drawing engine's job
(Qt's and Typst's both shape with HarfBuzz), so labels are never pre-shaped or turned into paths.

Layout (:func:`layout`) is separate from drawing so the app can map a click to the bar under
it: :class:`Bar` carries the period and the layer it stands for.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from tr_journal.i18n.fonts import ARABIC_FAMILY, CJK_FAMILY, LATIN_FAMILY

#: Colour-blind-safe palette (Okabe-Ito), then greys; a layer keeps its colour by position.
PALETTE = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#000000",
    "#999999",
    "#666666",
    "#BBBBBB",
    "#444444",
)
MARKER_COLOUR = "#B00020"


@dataclass(frozen=True)
class Layer:
    """One stacked part of every bar: a channel, a demand or a threat (``key`` is its id)."""

    key: str
    label: str
    counts: tuple[int, ...]


@dataclass(frozen=True)
class Marker:
    """A vertical line before a period, e.g. the first threat after the first refusal."""

    period_index: int
    label: str


@dataclass(frozen=True)
class IncidentSeries:
    """Counts per period (week or month), stacked by layer. Labels are already translated."""

    periods: tuple[str, ...]
    layers: tuple[Layer, ...]
    title: str = ""
    markers: tuple[Marker, ...] = ()

    def total(self, index: int) -> int:
        return sum(layer.counts[index] for layer in self.layers)


@dataclass(frozen=True)
class Bar:
    """A drawn rectangle: which period and layer it counts, and where it is."""

    period_index: int
    layer_key: str
    count: int
    x: float
    y: float
    width: float
    height: float

    def contains(self, x: float, y: float) -> bool:
        return self.x <= x <= self.x + self.width and self.y <= y <= self.y + self.height


@dataclass(frozen=True)
class _Frame:
    left: float
    top: float
    right: float
    bottom: float
    legend_top: float


def font_families(lang: str) -> str:
    """CSS font-family list of the shipped fonts, the language's own script first."""
    base = lang.split("_")[0]
    first = {"ug": ARABIC_FAMILY, "zh": CJK_FAMILY}.get(base, LATIN_FAMILY)
    ordered = [first] + [f for f in (LATIN_FAMILY, CJK_FAMILY, ARABIC_FAMILY) if f != first]
    return ", ".join(f"'{f}'" for f in ordered) + ", sans-serif"


def _frame(series: IncidentSeries, width: int, height: int) -> _Frame:
    legend_rows = (len(series.layers) + 3) // 4
    legend_h = 18 * legend_rows + 8
    top = (34 if series.title else 12) + (16 if series.markers else 0)
    return _Frame(
        left=44,
        top=top,
        right=width - 12,
        bottom=height - 30 - legend_h,
        legend_top=height - legend_h,
    )


def nice_ceiling(value: int) -> int:
    """The axis maximum: 1, 2, 5 × a power of ten at or above ``value``."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if value <= step * factor:
                return step * factor
        step *= 10


def layout(series: IncidentSeries, width: int, height: int) -> list[Bar]:
    """The rectangles of every non-empty (period, layer), bottom layer first."""
    frame = _frame(series, width, height)
    count = max(1, len(series.periods))
    top = nice_ceiling(max([series.total(i) for i in range(len(series.periods))] + [1]))
    slot = (frame.right - frame.left) / count
    bar_w = max(1.0, slot * 0.8)
    scale = (frame.bottom - frame.top) / top
    bars: list[Bar] = []
    for i in range(len(series.periods)):
        x = frame.left + i * slot + (slot - bar_w) / 2
        y = frame.bottom
        for layer in series.layers:
            n = layer.counts[i]
            if n <= 0:
                continue
            h = n * scale
            y -= h
            bars.append(Bar(i, layer.key, n, x, y, bar_w, h))
    return bars


def _text(
    x: float, y: float, text: str, *, size: int = 11, anchor: str = "middle", extra: str = ""
) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}"'
        f"{extra}>{escape(text)}</text>"
    )


def _axes(series: IncidentSeries, frame: _Frame) -> list[str]:
    top = nice_ceiling(max([series.total(i) for i in range(len(series.periods))] + [1]))
    parts = [
        f'<line x1="{frame.left}" y1="{frame.bottom}" x2="{frame.right}" '
        f'y2="{frame.bottom}" stroke="#333333" stroke-width="1"/>'
    ]
    # whole numbers only: incidents are counted, never split
    ticks = min(top, next(n for n in (5, 4, 2, 1) if top % n == 0))
    for k in range(ticks + 1):
        value = top * k / ticks
        y = frame.bottom - (frame.bottom - frame.top) * k / ticks
        if k:
            parts.append(
                f'<line x1="{frame.left}" y1="{y:.1f}" x2="{frame.right}" '
                f'y2="{y:.1f}" stroke="#DDDDDD" stroke-width="1"/>'
            )
        label = f"{value:g}" if value == int(value) else f"{value:.1f}"
        parts.append(_text(frame.left - 6, y + 4, label, size=10, anchor="end"))
    count = len(series.periods)
    slot = (frame.right - frame.left) / max(1, count)
    every = max(1, int(60 // max(slot, 1)) + (1 if slot < 60 else 0))
    for i, period in enumerate(series.periods):
        if i % every == 0:
            parts.append(_text(frame.left + (i + 0.5) * slot, frame.bottom + 15, period, size=10))
    return parts


def _legend(series: IncidentSeries, frame: _Frame, width: int, rtl: bool) -> list[str]:
    parts: list[str] = []
    column_w = (width - 24) / 4
    for n, layer in enumerate(series.layers):
        row, col = divmod(n, 4)
        y = frame.legend_top + row * 18
        colour = PALETTE[n % len(PALETTE)]
        if rtl:  # read from the right: swatch on the right of its label
            x = width - 12 - col * column_w
            parts.append(
                f'<rect x="{x - 12:.1f}" y="{y:.1f}" width="10" height="10" fill="{colour}"/>'
            )
            parts.append(_text(x - 16, y + 9, layer.label, anchor="end", extra=' direction="rtl"'))
        else:
            x = 12 + col * column_w
            parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="10" height="10" fill="{colour}"/>')
            parts.append(_text(x + 14, y + 9, layer.label, anchor="start"))
    return parts


def render_incidents_svg(
    series: IncidentSeries, *, lang: str, width: int = 720, height: int = 360
) -> str:
    """The chart as a standalone SVG document (UTF-8 text, no external references)."""
    rtl = lang.split("_")[0] == "ug"
    frame = _frame(series, width, height)
    colours = {layer.key: PALETTE[n % len(PALETTE)] for n, layer in enumerate(series.layers)}
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.2" baseProfile="tiny" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f"font-family={quoteattr(font_families(lang))}>",
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#FFFFFF"/>',
    ]
    if series.title:
        x: float
        x, anchor = (width - 12, "end") if rtl else (12, "start")
        extra = ' font-weight="bold"' + (' direction="rtl"' if rtl else "")
        parts.append(_text(x, 20, series.title, size=14, anchor=anchor, extra=extra))
    parts += _axes(series, frame)
    for bar in layout(series, width, height):
        parts.append(
            f'<rect x="{bar.x:.1f}" y="{bar.y:.1f}" width="{bar.width:.1f}" '
            f'height="{bar.height:.1f}" fill="{colours[bar.layer_key]}"/>'
        )
    slot = (frame.right - frame.left) / max(1, len(series.periods))
    for marker in series.markers:
        x = frame.left + marker.period_index * slot
        parts.append(
            f'<line x1="{x:.1f}" y1="{frame.top - 14}" x2="{x:.1f}" '
            f'y2="{frame.bottom}" '
            f'stroke="{MARKER_COLOUR}" stroke-width="2" stroke-dasharray="4,3"/>'
        )
        parts.append(
            _text(
                x + (-4 if rtl else 4),
                frame.top - 5,
                marker.label,
                size=10,
                anchor="end" if rtl else "start",
                extra=f' fill="{MARKER_COLOUR}"',
            )
        )
    parts += _legend(series, frame, width, rtl)
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
