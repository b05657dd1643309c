"""The "When" field driven by key events only: each form people and EDTF write is typed with
``keyClicks``, saved with Ctrl+S, and what reached the vault is checked. Nothing unreadable is
saved as something else; a future or pre-2000 time is saved only when confirmed."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from tr_journal.i18n import current_language, set_language
from tr_journal.journal import entries

#: Saturday 5 December 2026, 18:00 in Paris.
NOW = datetime(2026, 12, 5, 17, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def paris(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "Europe/Paris")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def focused():
    return QApplication.focusWidget()


def answer(button: QMessageBox.StandardButton, seen: list[str]) -> None:
    """When a message box opens, note its text and press ``button`` with the space bar."""
    tries = [0]

    def poke() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            QTest.keyClick(box.button(button), Qt.Key.Key_Space)
        elif tries[0] < 500:
            tries[0] += 1
            QTimer.singleShot(10, poke)

    QTimer.singleShot(0, poke)


def type_time(qtbot, window, typed: str):
    """Ctrl+N, type ``typed`` into "When" (the time shown is selected and replaced)."""
    form = window.form
    form.occurred.now = NOW
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert focused() is form.occurred
    qtbot.keyClicks(focused(), typed)
    assert focused() is form.occurred  # "-" and "/" stay in the field
    assert form.occurred.text() == typed
    return form


def save(qtbot, window, reply: QMessageBox.StandardButton | None = None) -> list[str]:
    seen: list[str] = []
    if reply is not None:
        answer(reply, seen)
    before = window.detail.public_id
    qtbot.keyClick(focused(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    if reply in (None, QMessageBox.StandardButton.Save):
        qtbot.waitUntil(lambda: window.detail.public_id not in (None, before), timeout=10_000)
    return seen


def stored(window) -> dict:
    with window.vault.reading() as conn:
        return entries.get_entry(conn, window.detail.public_id).to_json()


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("yesterday 21:40", "2026-12-04T21:40+01:00"),
        ("hier 21:40", "2026-12-04T21:40+01:00"),
        ("2026-12-05 17:40", "2026-12-05T17:40+01:00"),
        ("12/5 9:40 am", "2026-12-05T09:40+01:00"),  # English: month/day
        ("16h05", "2026-12-05T16:05+01:00"),
        ("2026-12-04", "2026-12-04"),
        ("2026-03-02T21:40+01:00", "2026-03-02T21:40+01:00"),
        ("2026-03-02T21:40:05+01:00", "2026-03-02T21:40:05+01:00"),
        ("2026-03", "2026-03"),
        ("2026-03-02~", "2026-03-02~"),
        ("2026-03?", "2026-03?"),
        ("2026-03-02/2026-03-04", "2026-03-02/2026-03-04"),
        (
            "2026-03-04T20:00+01:00/2026-03-04T22:00+01:00",
            "2026-03-04T20:00+01:00/2026-03-04T22:00+01:00",
        ),
    ],
)
def test_each_form_typed_is_stored(qtbot, unlocked, typed: str, expected: str) -> None:
    form = type_time(qtbot, unlocked, typed)
    assert "cannot" not in form.occurred.echo.text()
    save(qtbot, unlocked)
    entry = stored(unlocked)
    assert entry["occurred_at"] == expected
    # read in the machine's zone, as the echo said; a typed offset names no zone
    assert entry.get("timezone") == (None if "+01:00" in typed else "Europe/Paris")


def test_the_echo_says_it_in_words(qtbot, unlocked) -> None:
    form = type_time(qtbot, unlocked, "2026-12-05 17:40")
    assert form.occurred.echo.text() == "Saturday, December 5, 2026, 5:40\u202fPM, Paris Time"
    qtbot.keyClick(focused(), Qt.Key.Key_Backspace)
    qtbot.keyClick(focused(), Qt.Key.Key_Backspace)
    qtbot.keyClick(focused(), Qt.Key.Key_Backspace)
    assert "is not a time this journal can read" in form.occurred.echo.text()
    assert form.occurred.accessibleDescription() == form.occurred.echo.text()


def test_day_and_month_in_french_order(qtbot, unlocked) -> None:
    previous = current_language()
    set_language("fr")
    try:
        form = type_time(qtbot, unlocked, "4/12 21h40")
        assert form.occurred.echo.text() == "vendredi 4 décembre 2026, 21:40, heure : Paris"
        save(qtbot, unlocked)
    finally:
        set_language(previous)
    assert stored(unlocked)["occurred_at"] == "2026-12-04T21:40+01:00"


def test_2140_is_tonight_and_the_future_is_confirmed(qtbot, unlocked) -> None:
    """ "21:40" at 18:00 is tonight, not the year 2140: saved only after saying yes."""
    type_time(qtbot, unlocked, "21:40")
    seen = save(qtbot, unlocked, QMessageBox.StandardButton.Cancel)
    assert seen and "in the future" in seen[0] and "9:40" in seen[0]
    assert unlocked.focusWidget() is unlocked.form.occurred  # back to the field
    with unlocked.vault.reading() as conn:
        assert entries.count_entries(conn) == 0
    unlocked.activateWindow()
    qtbot.waitUntil(lambda: focused() is unlocked.form.occurred)
    save(qtbot, unlocked, QMessageBox.StandardButton.Save)
    assert stored(unlocked)["occurred_at"] == "2026-12-05T21:40+01:00"


def test_before_2000_is_confirmed(qtbot, unlocked) -> None:
    type_time(qtbot, unlocked, "1999-12-31")
    seen = save(qtbot, unlocked, QMessageBox.StandardButton.Save)
    assert "before the year 2000" in seen[0]
    assert stored(unlocked)["occurred_at"] == "1999-12-31"


@pytest.mark.parametrize("typed", ["21", "2026-02-30", "tomorrow 9:00", "yesterday evening"])
def test_unreadable_is_refused_and_nothing_saved(qtbot, unlocked, typed: str) -> None:
    form = type_time(qtbot, unlocked, typed)
    assert "is not a time this journal can read" in form.occurred.echo.text()
    seen = save(qtbot, unlocked, QMessageBox.StandardButton.Ok)
    assert seen and seen[0].startswith("Nothing was saved")
    assert unlocked.focusWidget() is form.occurred and form.occurred.text() == typed
    with unlocked.vault.reading() as conn:
        assert entries.count_entries(conn) == 0


def test_timeline_and_detail_show_a_date_as_a_date(qtbot, unlocked) -> None:
    """No invented 00:00: the timeline cell and the detail view say "(date only)", and the
    timeline sorts the day, the month and the minute by their earliest instant."""
    from tests.gui.conftest import add_entries, wait_idle
    from tr_journal.i18n.format import strip_isolates

    ids = add_entries(
        unlocked,
        [
            {"occurred_at": "2026-03-02", "channel": "phone"},
            {"occurred_at": "2026-03", "channel": "sms"},
            {"occurred_at": "2026-03-02T09:00+01:00", "channel": "email"},
        ],
    )
    unlocked.timeline.refresh(select=ids[0])
    wait_idle(qtbot, unlocked)
    model = unlocked.timeline.model
    shown = [strip_isolates(model.index(row, 0).data()) for row in range(model.rowCount())]
    assert shown[0].startswith("Mar 2, 2026") and shown[1] == "March 2, 2026 (date only)"
    assert shown[2] == "March 2026 (month only)"
    qtbot.waitUntil(lambda: unlocked.detail.public_id == ids[0])
    detail_text = strip_isolates(_detail_text(unlocked.detail))
    assert "March 2, 2026 (date only)" in detail_text and "00:00" not in detail_text


def _detail_text(detail) -> str:
    from PySide6.QtWidgets import QLabel, QTextEdit

    parts = [w.text() for w in detail.findChildren(QLabel)]
    parts += [w.toPlainText() for w in detail.findChildren(QTextEdit)]
    return "\n".join(parts)
