"""A long journal: the timeline lists a page, reads the next one as the list is scrolled to its
end, and so reaches the oldest entry (it used to stop at the newest 2000)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from tests.gui.conftest import wait_idle
from tr_journal.gui.models.timeline_model import PAGE_ROWS

N = 2_500
START = datetime(2020, 1, 1, 9, 0)


def fields(i: int) -> dict:
    """Entry ``i`` (0 is the oldest); 9 in 10 mention the passport, 1 in 50 a demand."""
    when = (START + timedelta(minutes=i)).isoformat(timespec="minutes") + "+01:00"
    narrative = f"call {i}" + (" about the passport" if i % 10 else "")
    return {
        "occurred_at": when,
        "channel": "phone",
        "narrative": narrative,
        "demands": ["inform"] if i % 50 == 7 else [],
    }


@pytest.fixture
def long_window(qtbot, unlocked):
    """The unlocked window over N entries (one transaction: well under a second)."""
    from tr_journal.journal import entries

    window = unlocked
    with window.vault.transaction() as tx:
        window.ids = [entries.add_entry(tx, fields(i)) for i in range(N)]
    window.timeline.refresh()
    wait_idle(qtbot, window)
    return window


def scroll_to_the_end(qtbot, window) -> None:
    """Scroll down, as a person would, until no page is left to read."""
    model, table = window.timeline.model, window.timeline.table
    while model.more:
        before = model.rowCount()
        table.scrollToBottom()
        qtbot.waitUntil(lambda n=before: model.rowCount() > n or not model.more, timeout=10_000)
    wait_idle(qtbot, window)


def shown(window) -> list[str]:
    return [r.id for r in window.timeline.model.rows]


def test_first_paint_is_one_page_and_scrolling_reaches_the_oldest(qtbot, long_window) -> None:
    window = long_window
    model = window.timeline.model
    assert model.rowCount() == PAGE_ROWS and model.more
    assert window.timeline.count.text() == f"{N} entries"  # the total, not the page
    scroll_to_the_end(qtbot, window)
    assert shown(window) == list(reversed(window.ids))  # all, newest first, none twice
    assert window.ids[0] in shown(window)  # the oldest
    assert not model.canFetchMore()


def test_search_hits_past_2000_are_reachable(qtbot, long_window) -> None:
    window = long_window
    timeline = window.timeline
    timeline.search.setText("passport")
    timeline.refresh()
    wait_idle(qtbot, window)
    assert timeline.model.rowCount() == PAGE_ROWS
    assert timeline.count.text() == f"{PAGE_ROWS} entries +"  # more as the list is scrolled
    scroll_to_the_end(qtbot, window)
    expected = [window.ids[i] for i in reversed(range(N)) if i % 10]
    assert len(expected) > 2000
    assert shown(window) == expected
    assert timeline.count.text() == f"{len(expected)} entries"


def test_pages_go_on_with_the_search_that_was_run(qtbot, long_window) -> None:
    """Text typed but not yet searched must not leak into the next page of the old search."""
    window = long_window
    timeline = window.timeline
    timeline.search.blockSignals(True)  # as if the debounce had not fired yet
    timeline.search.setText("call 1234")
    timeline.search.blockSignals(False)
    scroll_to_the_end(qtbot, window)
    assert len(shown(window)) == N


def test_a_rare_filter_reads_on_until_a_page_is_full(qtbot, long_window) -> None:
    """Demands are filtered after the query: the first load goes through every SQL page."""
    window = long_window
    timeline = window.timeline
    timeline.demand.setCurrentIndex(timeline.demand.findData("inform"))
    wait_idle(qtbot, window)
    expected = [window.ids[i] for i in reversed(range(N)) if i % 50 == 7]
    assert shown(window) == expected
    assert not timeline.model.more


def test_reload_keeps_the_place_and_selects_an_old_entry(qtbot, long_window) -> None:
    window = long_window
    timeline = window.timeline
    timeline.table.scrollToBottom()
    qtbot.waitUntil(lambda: timeline.model.rowCount() == 2 * PAGE_ROWS)
    wait_idle(qtbot, window)
    timeline.select_row(2 * PAGE_ROWS - 1)
    chosen = timeline.current_id()
    timeline.refresh()
    wait_idle(qtbot, window)
    assert timeline.model.rowCount() >= 2 * PAGE_ROWS  # (the view may read on: row at end)
    assert timeline.current_id() == chosen
    timeline.refresh(select=window.ids[0])  # e.g. the oldest entry was just saved
    wait_idle(qtbot, window)
    assert timeline.current_id() == window.ids[0]
    qtbot.waitUntil(lambda: window.detail.public_id == window.ids[0], timeout=10_000)


def test_lock_drops_a_page_being_read(qtbot, long_window) -> None:
    window = long_window
    model = window.timeline.model
    model.fetchMore()
    assert model.fetching
    window.lock()
    wait_idle(qtbot, window)
    assert model.rowCount() == 0 and not model.more and not model.canFetchMore()


def test_a_new_search_starts_again_from_one_page(qtbot, long_window) -> None:
    window = long_window
    timeline = window.timeline
    scroll_to_the_end(qtbot, window)
    timeline.search.setText("passport")
    timeline.refresh()
    wait_idle(qtbot, window)
    assert timeline.model.rowCount() == PAGE_ROWS and timeline.model.more
