"""The seed call's last fact, its duration, is reached by Tab from the notes and by its own
Alt-letter, without opening "More details"; each Alt-letter of the form goes to its field."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication

from tr_journal.gui import qt_language as qt
from tr_journal.journal import entries


def focused():
    return QApplication.focusWidget()


@pytest.mark.parametrize("language", ["en", "ug"])
def test_duration_follows_the_notes_without_more_details(qtbot, unlocked, qapp, language) -> None:
    window, form = unlocked, unlocked.form
    qt.apply_language(qapp, language)
    QApplication.sendEvent(window, QEvent(QEvent.Type.LanguageChange))
    window.new_entry()
    assert not form.more_button.isChecked()
    assert form.duration.isVisibleTo(form)
    form.narrative.setFocus()
    qtbot.keyClicks(form.narrative, "He said my mother would suffer.")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is form.duration
    qtbot.keyClicks(focused(), "9:00")  # as people say it (journal/duration.py)
    qtbot.keyClick(focused(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.detail.public_id is not None, timeout=10_000)
    with window.vault.reading() as conn:
        saved = entries.get_entry(conn, window.detail.public_id).to_json()
    qt.apply_language(qapp, "en")
    QApplication.sendEvent(window, QEvent(QEvent.Type.LanguageChange))
    assert saved["duration_seconds"] == 540
    assert saved["narrative"] == "He said my mother would suffer."


def test_tab_order_of_the_essentials(qtbot, unlocked) -> None:
    form = unlocked.form
    unlocked.new_entry()
    form.channel.setFocus()
    seen = [focused()]
    for _ in range(8):
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        seen.append(focused())
    assert seen == [
        form.channel,
        form.lines["caller_number"],
        form.lines["claimed_identity"],
        form.demands,
        form.demands_text,
        form.threats,
        form.threats_text,
        form.narrative,
        form.duration,
    ]


def test_each_alt_letter_reaches_its_field(qtbot, unlocked) -> None:
    """Alt+W once went to "When" and then to "Who they claimed to be" (a clash)."""
    form = unlocked.form
    unlocked.new_entry()
    for label, field in (
        (form.labels["claimed_identity"], form.lines["claimed_identity"]),
        (form.labels["duration_seconds"], form.duration),
        (form.labels["channel"], form.channel),
    ):
        form.narrative.setFocus()
        letter = label.text()[label.text().index("&") + 1]
        qtbot.keyClick(
            focused(), getattr(Qt.Key, f"Key_{letter.upper()}"), Qt.KeyboardModifier.AltModifier
        )
        assert focused() is field, label.text()
