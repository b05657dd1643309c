"""A saved time shown again in "When" (opening an entry, after saving, a restored draft): as
the person would type it, read back by the same reader to the very same stored value, so a
re-save never moves the time of an entry (docs/time.md)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.gui.conftest import add_entries
from tr_journal.i18n import current_language, set_language
from tr_journal.i18n.when_text import echo_text
from tr_journal.journal import entries
from tr_journal.journal.fields import normalise_fields
from tr_journal.journal.when import parse_when

PARIS = "Europe/Paris"
NOW = datetime(2026, 12, 5, 17, 0, tzinfo=UTC)

#: (stored occurred_at, stored timezone, what the field shows) for every precision
SHOWN = [
    ("2026-12-05T17:28+01:00", PARIS, "2026-12-05 17:28"),  # minute
    ("2026-12-05T17:28+00:00", "UTC", "2026-12-05 17:28"),
    ("2026-12-05T17:28:05+01:00", PARIS, "2026-12-05 17:28:05"),  # second
    ("2026-01-29T15:03:00+01:00", PARIS, "2026-01-29 15:03:00"),  # old vaults
    ("2026-03-02T20:40Z", "UTC", "2026-03-02 20:40Z"),
    ("2026-10-25T02:30+01:00", PARIS, "2026-10-25 02:30+01:00"),  # the second 02:30 that night
    ("2026-01-29T15:03:00+05:00", None, "2026-01-29 15:03:00+05:00"),  # an offset, no zone
    ("2026-12-05", PARIS, "2026-12-05"),  # day
    ("2026-12", PARIS, "2026-12"),  # month
    ("2026", PARIS, "2026"),  # year
    ("2026-03-02~", PARIS, "2026-03-02~"),  # approximate
    ("2026-03?", PARIS, "2026-03?"),  # uncertain
    ("2026-03-02%", PARIS, "2026-03-02%"),
    ("2026-03-02/2026-03-04", PARIS, "2026-03-02/2026-03-04"),  # date interval
    (
        "2026-03-04T20:00+01:00/2026-03-04T22:00+01:00",
        PARIS,  # date-time interval
        "2026-03-04 20:00/2026-03-04 22:00",
    ),
    (
        "2026-03-04T20:00+01:00/2026-03-04T22:00+01:00",
        None,
        "2026-03-04 20:00+01:00/2026-03-04 22:00+01:00",
    ),
]


@pytest.fixture(autouse=True)
def paris(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", PARIS)
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    previous = current_language()
    set_language(request.param)
    yield request.param
    set_language(previous)


@pytest.mark.parametrize("language", ["en", "fr", "ug"], indirect=True)
def test_every_precision_is_shown_readably_and_reads_back_the_same(qtbot, language) -> None:
    from tr_journal.gui.tasks import TaskRunner
    from tr_journal.gui.widgets.entry_form import EntryForm

    tasks = TaskRunner()
    form = EntryForm(tasks)
    qtbot.addWidget(form)
    form.occurred.now = NOW
    for stored, zone, shown in SHOWN:
        form.set_fields({"occurred_at": stored, **({"timezone": zone} if zone else {})}, "E0001")
        assert form.occurred.text() == shown, stored
        assert form.occurred.echo.text() == echo_text(parse_when(stored, zone)), stored
        fields = form.fields()
        assert fields["occurred_at"] == stored and fields.get("timezone") == zone, stored
        normalised, _utc = normalise_fields(fields)
        assert normalised["occurred_at"] == stored and normalised.get("timezone") == zone


def focused():
    return QApplication.focusWidget()


def test_reopened_and_resaved_the_time_does_not_move(qtbot, unlocked) -> None:
    """Open with the keyboard (Ctrl+E), see the readable time, Ctrl+S: the new revision has
    the same occurred_at and timezone as the first, for every kind of stored time."""
    window = unlocked
    rows = [
        {"occurred_at": stored, "timezone": zone} if zone else {"occurred_at": stored}
        for stored, zone, _shown in SHOWN
    ]
    ids = add_entries(window, rows)
    form = window.form
    for entry_id, (stored, zone, shown) in zip(ids, SHOWN, strict=True):
        window.timeline.refresh(select=entry_id)
        qtbot.waitUntil(lambda entry_id=entry_id: window.detail.public_id == entry_id)
        window.edit_entry(entry_id)
        qtbot.waitUntil(
            lambda entry_id=entry_id: (
                form.isEnabled() and form.public_id == entry_id and focused() is form.occurred
            )
        )
        assert form.occurred.text() == shown
        qtbot.keyClick(focused(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(
            lambda: (
                window.right.currentWidget() is window.detail and window.detail.history.count() == 2
            ),
            timeout=10_000,
        )
        with window.vault.reading() as conn:
            first, second = (r.to_json() for r in entries.revisions(conn, entry_id))
        for name in ("occurred_at", "timezone"):
            assert (
                second["fields"].get(name)
                == first["fields"].get(name)
                == {"occurred_at": stored, "timezone": zone}[name]
            ), (stored, name)


def test_after_saving_the_field_shows_the_time_saved(qtbot, unlocked) -> None:
    """ "yesterday 21:40" would be another day tomorrow: after the save the field shows the
    day and time that were stored."""
    window, form = unlocked, unlocked.form
    form.occurred.now = NOW
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(focused(), "yesterday 21:40")
    qtbot.keyClick(focused(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.detail.public_id is not None, timeout=10_000)
    with window.vault.reading() as conn:
        assert (
            entries.get_entry(conn, window.detail.public_id).fields.occurred_at
            == "2026-12-04T21:40+01:00"
        )
    assert form.occurred.text() == "2026-12-04 21:40"
    assert not form.is_dirty()
