"""The timeline: newest first, full-text search, and every filter."""

from __future__ import annotations

from datetime import date

from tests.gui.conftest import add_entries, wait_idle
from tests.helpers import FIXTURES
from tr_journal.i18n.format import format_incident_time, strip_isolates
from tr_journal.media.ingest import add_attachment

ROWS = [
    {
        "occurred_at": "2026-01-10T09:00+01:00",
        "channel": "phone",
        "caller_number": "+86 991 555 0142",
        "claimed_identity": "Public security bureau",
        "demands": ["inform"],
        "threats": ["relatives"],
        "narrative": "asked about the association",
    },
    {
        "occurred_at": "2026-02-20T18:30+01:00",
        "channel": "wechat",
        "claimed_identity": "a cousin",
        "demands": ["return"],
        "narrative": "护照 and documents",
    },
    {
        "occurred_at": "2026-03-05T12:00+01:00",
        "channel": "letter",
        "threats": ["status"],
        "narrative": "summons letter",
    },
]


def ids_shown(window) -> list[str]:
    return [r.id for r in window.timeline.model.rows]


def reload(qtbot, window) -> None:
    window.timeline.refresh()
    wait_idle(qtbot, window)


def test_newest_first_with_local_time_and_columns(qtbot, unlocked) -> None:
    window = unlocked
    ids = add_entries(window, ROWS)
    reload(qtbot, window)
    assert ids_shown(window) == list(reversed(ids))
    model = window.timeline.model
    row = model.row_of(ids[0])
    assert model.index(row, 0).data() == format_incident_time(ROWS[0]["occurred_at"])
    assert model.index(row, 1).data() == "Phone call"
    assert model.index(row, 2).data() == "\u2066+86 991 555 0142\u2069"  # kept LTR
    assert model.index(row, 3).data() == "\u2068Public security bureau\u2069"
    assert "3 entries" in window.timeline.count.text()


def test_search_text_number_and_short_chinese(qtbot, unlocked) -> None:
    window = unlocked
    ids = add_entries(window, ROWS)
    timeline = window.timeline
    qtbot.keyClicks(timeline.search, "association")
    qtbot.waitUntil(lambda: ids_shown(window) == [ids[0]], timeout=5_000)
    timeline.search.setText("0086 991-555-0142")
    reload(qtbot, window)
    assert ids_shown(window) == [ids[0]]
    timeline.search.setText("护照")
    reload(qtbot, window)
    assert ids_shown(window) == [ids[1]]
    timeline.search.setText("nothing like this")
    reload(qtbot, window)
    assert ids_shown(window) == []


def test_filters(qtbot, unlocked) -> None:
    window = unlocked
    ids = add_entries(window, ROWS)
    with window.vault.transaction() as tx:
        add_attachment(tx, ids[2], FIXTURES / "call-fr-8k.wav")
    timeline = window.timeline
    timeline.channel.setCurrentIndex(timeline.channel.findData("wechat"))
    wait_idle(qtbot, window)
    assert ids_shown(window) == [ids[1]]
    timeline.channel.setCurrentIndex(0)
    timeline.demand.setCurrentIndex(timeline.demand.findData("inform"))
    wait_idle(qtbot, window)
    assert ids_shown(window) == [ids[0]]
    timeline.demand.setCurrentIndex(0)
    timeline.threat.setCurrentIndex(timeline.threat.findData("status"))
    wait_idle(qtbot, window)
    assert ids_shown(window) == [ids[2]]
    timeline.threat.setCurrentIndex(0)
    timeline.has_recording.setChecked(True)
    wait_idle(qtbot, window)
    assert ids_shown(window) == [ids[2]]
    assert window.timeline.model.rows[0].attachment_kinds == ("audio",)
    timeline.has_recording.setChecked(False)
    timeline.since.setDate(date(2026, 2, 1))
    timeline.until.setDate(date(2026, 2, 28))
    timeline.use_dates.setChecked(True)
    wait_idle(qtbot, window)
    assert ids_shown(window) == [ids[1]]


def test_selecting_a_row_shows_the_entry(qtbot, unlocked) -> None:
    window = unlocked
    ids = add_entries(window, ROWS)
    reload(qtbot, window)
    window.timeline.table.selectRow(window.timeline.model.row_of(ids[1]))
    qtbot.waitUntil(lambda: window.detail.public_id == ids[1])
    assert "documents" in window.detail.fields_view.toPlainText()
    assert window.timeline.selected_ids() == [ids[1]]


def test_reselects_in_a_right_to_left_layout(qtbot, unlocked) -> None:
    from PySide6.QtCore import Qt

    window = unlocked
    ids = add_entries(window, ROWS)
    window.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    window.timeline.refresh(select=ids[1])
    wait_idle(qtbot, window)
    assert window.timeline.current_id() == ids[1]
    qtbot.waitUntil(lambda: window.detail.public_id == ids[1])


def test_detail_shows_the_callers_own_clock(monkeypatch) -> None:
    from tr_journal.gui.widgets.entry_detail import own_time_text

    monkeypatch.setenv("TZ", "America/New_York")
    __import__("time").tzset()
    try:
        shown = strip_isolates(own_time_text("2026-01-29T15:03:00+05:00"))
        assert shown == "Jan 29, 2026, 3:03\u202fPM UTC+05:00"
        assert own_time_text("2026-01-29T15:03:00-05:00") == "Jan 29, 2026, 3:03\u202fPM"
    finally:
        monkeypatch.undo()
        __import__("time").tzset()
