"""The chart renderer: valid SVG that Qt draws, bars in proportion, the shipped fonts named."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from tr_journal.patterns.chart import (
    IncidentSeries,
    Layer,
    Marker,
    layout,
    nice_ceiling,
    render_incidents_svg,
)

SVG = "{http://www.w3.org/2000/svg}"


def _series(label: str = "Téléphone") -> IncidentSeries:
    return IncidentSeries(
        ("2026-01", "2026-02", "2026-03"),
        (Layer("phone", label, (1, 0, 3)), Layer("wechat", "WeChat", (2, 0, 1))),
        "Incidents <par> mois",
        (Marker(1, "refus"),),
    )


def test_bars_stack_in_proportion_and_skip_empty_periods() -> None:
    bars = layout(_series(), 600, 300)
    assert [(b.period_index, b.layer_key, b.count) for b in bars] == [
        (0, "phone", 1),
        (0, "wechat", 2),
        (2, "phone", 3),
        (2, "wechat", 1),
    ]
    unit = bars[0].height
    assert all(abs(b.height - b.count * unit) < 1e-6 for b in bars)
    assert abs(bars[1].y + bars[1].height - bars[0].y) < 1e-6  # stacked, touching
    hit = bars[2]
    assert hit.contains(hit.x + 1, hit.y + 1) and not hit.contains(hit.x - 2, hit.y)


def test_svg_is_valid_escaped_and_names_the_shipped_fonts() -> None:
    svg = render_incidents_svg(_series(), lang="fr", width=600, height=300)
    root = ET.fromstring(svg)
    assert root.get("font-family", "").startswith("'Noto Sans', ")
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "Incidents <par> mois" in texts and "Téléphone" in texts and "refus" in texts
    ug = ET.fromstring(render_incidents_svg(_series("تېلېفون"), lang="ug"))
    assert ug.get("font-family", "").startswith("'Noto Sans Arabic'")
    zh = ET.fromstring(render_incidents_svg(_series("电话"), lang="zh_CN"))
    assert zh.get("font-family", "").startswith("'Noto Sans SC TRJ'")


def test_qt_draws_it(qtbot) -> None:
    svg = render_incidents_svg(_series("تېلېفون"), lang="ug", width=400, height=200)
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    assert renderer.isValid()
    image = QImage(400, 200, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    bar = layout(_series(), 400, 200)[0]
    assert image.pixelColor(int(bar.x + bar.width / 2), int(bar.y + bar.height / 2)) == QColor(
        "#0072B2"
    )


def test_axis_maximum_is_round() -> None:
    assert [nice_ceiling(v) for v in (0, 1, 3, 7, 11, 180)] == [1, 1, 5, 10, 20, 200]


def test_one_call_gives_the_dossier_the_chart_of_a_vault(vault) -> None:
    from tr_journal.journal.entries import add_entry
    from tr_journal.patterns.series import incidents_chart_svg
    from tr_journal.store.stats import Window

    with vault.transaction() as conn:
        add_entry(
            conn,
            {"occurred_at": "2026-01-10T10:00+00:00", "channel": "wechat", "response": "I refused"},
        )
        add_entry(
            conn,
            {"occurred_at": "2026-03-10T10:00+00:00", "channel": "phone", "threats": ["relatives"]},
        )
    with vault.reading() as conn:
        fr = ET.fromstring(incidents_chart_svg(conn, Window(), lang="fr"))
        ug = ET.fromstring(incidents_chart_svg(conn, Window(), lang="ug", granularity="week"))
    texts = [t.text for t in fr.iter(f"{SVG}text")]
    assert "Tentatives par mois" in texts and "WeChat" in texts
    assert "première menace après un refus" in texts  # the escalation, marked in March
    assert [t for t in texts if t and t[:4] == "2026"] == ["2026-01", "2026-02", "2026-03"]
    assert ug.get("font-family", "").startswith("'Noto Sans Arabic'")
    assert "ھەپتىلىك ئۇرۇنۇشلار" in [t.text for t in ug.iter(f"{SVG}text")]
