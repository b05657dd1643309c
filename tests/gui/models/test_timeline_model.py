"""The timeline model over a real vault: the "when" column in the interface language and on
the incident's own clock, the ISO time in its tooltip, and order by the real instant."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSortFilterProxyModel, Qt

from tr_journal.gui.models.timeline_model import (
    COLUMNS,
    SORT_ROLE,
    Filters,
    TimelineModel,
    load_page,
)
from tr_journal.i18n import current_language, set_language
from tr_journal.i18n.format import strip_isolates
from tr_journal.journal import entries

WHEN = COLUMNS.index("when")
# Beijing time 10:00 is 02:00 UTC; Paris 05:00 is 04:00 UTC: the Paris call is the later one,
# although its clock reads earlier.
BEIJING = {
    "occurred_at": "2026-11-26T10:00:00+08:00",
    "timezone": "Asia/Shanghai",
    "channel": "phone",
    "narrative": "first",
}
PARIS = {
    "occurred_at": "2026-11-26T05:00:00+01:00",
    "timezone": "Europe/Paris",
    "channel": "phone",
    "narrative": "second",
}


@pytest.fixture
def paris_machine(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The machine's clock in Paris and the interface in French."""
    previous = current_language()
    monkeypatch.setenv("TZ", "Europe/Paris")
    time.tzset()
    set_language("fr")
    yield
    set_language(previous)
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def model(qapp, vault, paris_machine) -> TimelineModel:
    with vault.transaction() as tx:
        entries.add_entry(tx, BEIJING)
        entries.add_entry(tx, PARIS)
    shown = TimelineModel()
    shown.set_page(load_page(vault, Filters()))
    return shown


def test_newest_instant_first_whatever_the_clocks(model: TimelineModel) -> None:
    assert [r.entry.fields.narrative for r in model.rows] == ["second", "first"]
    instants = [model.index(row, WHEN).data(SORT_ROLE) for row in range(2)]
    assert instants == ["2026-11-26T04:00:00Z", "2026-11-26T02:00:00Z"]


def test_sorting_by_the_sort_role_uses_the_instant(model: TimelineModel) -> None:
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.sort(WHEN, Qt.SortOrder.AscendingOrder)
    # By the displayed text, « 26 nov. 2026, 05:00 » would sort before « … 10:00 ».
    first = proxy.mapToSource(proxy.index(0, WHEN)).row()
    assert model.rows[first].entry.fields.narrative == "first"


def test_when_is_in_french_on_the_callers_clock_with_its_offset(model: TimelineModel) -> None:
    paris = strip_isolates(model.index(0, WHEN).data())
    beijing = strip_isolates(model.index(1, WHEN).data())
    assert paris == "26 nov. 2026, 05:00"  # the machine's own offset: not repeated
    assert beijing == "26 nov. 2026, 10:00 UTC+08:00"  # never shifted to 03:00 Paris time
    tip = strip_isolates(model.index(1, WHEN).data(Qt.ItemDataRole.ToolTipRole))
    assert tip == "2026-11-26T10:00:00+08:00 (Asia/Shanghai)"


def test_offset_stays_left_to_right_inside_uyghur(model: TimelineModel) -> None:
    set_language("ug")
    text = model.index(1, WHEN).data()
    assert text.startswith("\u2067") and "\u2066UTC+08:00\u2069" in text  # RLI date, LRI offset
    assert "10:00" in text and "2026" in text


def test_a_language_change_redoes_the_dates(model: TimelineModel) -> None:
    assert strip_isolates(model.index(0, WHEN).data()) == "26 nov. 2026, 05:00"
    set_language("tr")
    model.retranslate()  # what the timeline widget calls when the language changes
    assert strip_isolates(model.index(0, WHEN).data()) == "26 Kas 2026 05:00"


def test_column_titles_have_their_text_as_tooltip() -> None:
    model = TimelineModel()
    for section in range(len(COLUMNS)):
        title = model.headerData(section, Qt.Orientation.Horizontal)
        assert (
            title
            and model.headerData(section, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
            == title
        )
