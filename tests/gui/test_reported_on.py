""" "Reported on": read by the time reader as a date in the interface language's order, echoed
in words, stored as an ISO date; a translated hint; nothing else stored as a date."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.gui.conftest import add_entries, wait_idle
from tr_journal.i18n import current_language, set_language
from tr_journal.i18n.format import format_date, strip_isolates
from tr_journal.journal import entries
from tr_journal.journal.when import DAY_WORDS, parse_when

NOW = datetime(2026, 12, 5, 17, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def paris(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "Europe/Paris")
    time.tzset()
    previous = current_language()
    yield
    set_language(previous)
    monkeypatch.undo()
    time.tzset()


def in_language(window, code: str) -> None:
    set_language(code)
    window.form.retranslate()


def type_report_date(qtbot, window, typed: str):
    """A new entry (the time: yesterday), "More details", the report date typed by keys."""
    form = window.form
    form.occurred.now = NOW
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(form.occurred, "2026-12-04")
    form.more_button.setChecked(True)
    form.reported_on.setFocus()
    qtbot.keyClicks(form.reported_on, typed)
    return form


def save_and_read(qtbot, window) -> dict:
    before = window.detail.public_id
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.detail.public_id not in (None, before), timeout=10_000)
    with window.vault.reading() as conn:
        return entries.get_entry(conn, window.detail.public_id).to_json()


@pytest.mark.parametrize(
    ("code", "expected", "echo"),
    [
        ("fr", "2026-12-05", "samedi 5 décembre 2026"),
        ("en", "2026-05-12", "Tuesday, May 12, 2026"),
    ],
)
def test_a_typed_date_is_stored_as_the_date_it_means(qtbot, unlocked, code, expected, echo) -> None:
    """ "5/12/2026" is the 5th of December in French, the 12th of May in English: the echo
    says which, and the vault holds that date, not the typed digits."""
    in_language(unlocked, code)
    form = type_report_date(qtbot, unlocked, "5/12/2026")
    assert strip_isolates(form.reported_on.echo.text()).startswith(echo)
    assert save_and_read(qtbot, unlocked)["reported_on"] == expected


def test_yesterday_is_a_date(qtbot, unlocked) -> None:
    form = type_report_date(qtbot, unlocked, "yesterday")
    form.reported_on.now = NOW
    assert save_and_read(qtbot, unlocked)["reported_on"] == "2026-12-04"


@pytest.mark.parametrize("code", ["en", "fr", "ug", "zh_CN", "tr"])
def test_the_hint_is_translated_and_its_examples_are_read(qtbot, unlocked, code) -> None:
    in_language(unlocked, code)
    hint = strip_isolates(unlocked.form.reported_on.placeholderText())
    assert "YYYY" not in hint and "2026-03-02" in hint
    short = format_date(date(2026, 3, 2), length="short")
    assert short in hint
    assert parse_when(short, "Europe/Paris", now=NOW, language=code).text == "2026-03-02"
    assert (
        any(
            word in hint for word, shift in DAY_WORDS.items() if shift == -1 and word != "yesterday"
        )
        or code == "en"
    )


def _answer_ok(seen: list[str]) -> None:
    def poke() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            QTest.keyClick(box, Qt.Key.Key_Return)
        else:
            QTimer.singleShot(10, poke)

    QTimer.singleShot(0, poke)


@pytest.mark.parametrize("typed", ["5/13/2026x", "yesterday 21:40", "last week"])
def test_what_is_not_a_date_is_not_saved(qtbot, unlocked, typed) -> None:
    form = type_report_date(qtbot, unlocked, typed)
    assert form.reported_on.echo.text()  # says what is wrong, under the field
    seen: list[str] = []
    _answer_ok(seen)
    qtbot.keyClick(form.reported_on, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(seen))
    assert seen[0].startswith("Nothing was saved")
    assert unlocked.focusWidget() is form.reported_on
    with unlocked.vault.reading() as conn:
        assert entries.count_entries(conn) == 0


def test_older_text_is_kept_while_unchanged_and_dates_are_shown_in_words(qtbot, unlocked) -> None:
    """An entry saved before the field read dates keeps its text on an unrelated edit; the
    detail view writes an ISO report date in words."""
    window, form = unlocked, unlocked.form
    old, dated = add_entries(
        window,
        [
            {"occurred_at": "2026-11-02", "reported_on": "early November, by phone"},
            {"occurred_at": "2026-11-03", "reported_on": "2026-11-04"},
        ],
    )
    window.timeline.refresh(select=dated)
    qtbot.waitUntil(lambda: window.detail.public_id == dated)
    wait_idle(qtbot, window)
    assert "November 4, 2026" in strip_isolates(window.detail.fields_view.toPlainText())
    window.edit_entry(old)
    qtbot.waitUntil(
        lambda: (
            form.isEnabled()
            and form.public_id == old
            and form.reported_on.text() == "early November, by phone"
        )
    )
    assert form.reported_on.echo.text() == "" and not form.reported_on.echo.isVisibleTo(form)
    form.narrative.setFocus()
    qtbot.keyClicks(form.narrative, "more")
    qtbot.keyClick(form.narrative, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.detail.history.count() == 2, timeout=10_000)
    with window.vault.reading() as conn:
        assert entries.get_entry(conn, old).to_json()["reported_on"] == "early November, by phone"
