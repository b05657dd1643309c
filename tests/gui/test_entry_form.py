"""Logging a call with the keyboard alone, editing it (a revision, visible in the history),
and drafts that survive a lock."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.gui.conftest import add_entries, unlock, wait_idle
from tr_journal.journal import entries


def focused():
    return QApplication.focusWidget()


def tab(qtbot) -> None:
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)


def test_log_an_entry_by_keyboard_alone(qtbot, unlocked) -> None:
    window, form = unlocked, unlocked.form
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.right.currentWidget() is form
    assert focused() is form.occurred
    tab(qtbot)
    assert focused() is form.channel
    qtbot.keyClicks(form.channel, "W")  # type-ahead: WeChat
    tab(qtbot)
    assert focused() is form.lines["caller_number"]
    qtbot.keyClicks(focused(), "+86 991 555 0142")
    tab(qtbot)
    qtbot.keyClicks(focused(), "Public security bureau, Urumqi")
    tab(qtbot)
    assert focused() is form.demands
    qtbot.keyClick(focused(), Qt.Key.Key_Space)  # inform
    qtbot.keyClick(focused(), Qt.Key.Key_Right)
    qtbot.keyClick(focused(), Qt.Key.Key_Right)
    qtbot.keyClick(focused(), Qt.Key.Key_Space)  # delete_posts
    tab(qtbot)
    qtbot.keyClicks(focused(), "names of the association members")
    tab(qtbot)
    assert focused() is form.threats
    qtbot.keyClick(focused(), Qt.Key.Key_Space)  # relatives
    tab(qtbot)
    tab(qtbot)
    assert focused() is form.narrative
    qtbot.keyClicks(focused(), "He said my mother would suffer. ")
    form.narrative.insertPlainText("他说护照")  # what an input method delivers
    qtbot.keyClick(focused(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.detail.public_id is not None, timeout=10_000)
    with window.vault.reading() as conn:
        saved = entries.get_entry(conn, window.detail.public_id).to_json()
        drafts = conn.execute("SELECT count(*) FROM drafts").fetchone()[0]
    assert saved["channel"] == "wechat"
    assert saved["caller_number"] == "+86 991 555 0142"
    assert saved["caller_number_e164"] == "+869915550142"
    assert saved["claimed_identity"] == "Public security bureau, Urumqi"
    assert saved["demands"] == ["delete_posts", "inform"]
    assert saved["threats"] == ["relatives"]
    assert saved["narrative"].endswith("他说护照")
    assert drafts == 0
    wait_idle(qtbot, window)
    assert window.timeline.model.rows[0].id == saved["id"]


def test_edit_makes_a_revision_and_history_shows_it(qtbot, unlocked) -> None:
    window = unlocked
    with window.vault.transaction() as tx:
        entry_id = entries.add_entry(
            tx,
            {"occurred_at": "2026-01-29T15:03", "channel": "phone", "narrative": "first account"},
        )
    window.timeline.refresh(select=entry_id)
    qtbot.waitUntil(lambda: window.detail.public_id == entry_id)
    assert window.detail.history.count() == 1
    qtbot.mouseClick(window.detail.edit_button, Qt.MouseButton.LeftButton)
    form = window.form
    qtbot.waitUntil(lambda: form.narrative.toPlainText() == "first account")
    assert form.isEnabled() and focused() is form.occurred
    assert form.occurred.text() == "2026-01-29 15:03"  # as typed; the zone gives the offset
    form.narrative.setFocus()
    qtbot.keyClicks(form.narrative, " - corrected")
    qtbot.keyClick(form.narrative, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(
        lambda: (
            window.right.currentWidget() is window.detail and window.detail.history.count() == 2
        ),
        timeout=10_000,
    )
    with window.vault.reading() as conn:
        history = entries.revisions(conn, entry_id)
    assert [r.fields.narrative for r in history] == ["first account", "first account - corrected"]
    detail = window.detail
    assert "corrected" in detail.fields_view.toPlainText()
    detail.history.setCurrentRow(1)  # the older revision
    assert "corrected" not in detail.fields_view.toPlainText()
    assert detail.revision_note.isVisible()


def test_draft_survives_lock_and_unlock(qtbot, unlocked) -> None:
    window, form = unlocked, unlocked.form
    window.new_entry()
    qtbot.keyClicks(form.lines["claimed_identity"], "consulate officer")
    form.narrative.setFocus()
    qtbot.keyClicks(form.narrative, "unsaved words")
    qtbot.keyClick(form.narrative, Qt.Key.Key_Escape)  # leave the form: kept as a draft
    assert window.right.currentWidget() is window.detail
    window.lock_controller.lock_now()
    assert window.vault is None and form.narrative.toPlainText() == ""
    unlock(qtbot, window)
    assert window.right.currentWidget() is form
    assert form.narrative.toPlainText() == "unsaved words"
    assert form.lines["claimed_identity"].text() == "consulate officer"
    assert form.notice.isVisible()


def test_autosave_writes_a_draft_into_the_vault(qtbot, unlocked) -> None:
    window, form = unlocked, unlocked.form
    form._autosave.setInterval(50)
    window.new_entry()
    qtbot.keyClicks(form.lines["caller_number"], "0033612345678")

    def draft_saved() -> bool:
        with window.vault.reading() as conn:
            row = conn.execute("SELECT body FROM drafts WHERE name = 'entry:new'").fetchone()
        return row is not None and "0033612345678" in row[0]

    qtbot.waitUntil(draft_saved, timeout=10_000)


def test_invalid_input_is_one_sentence(qtbot, unlocked, monkeypatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(
        "tr_journal.gui.widgets.entry_form.show_error",
        lambda _parent, error: shown.append(str(error)),
    )
    window, form = unlocked, unlocked.form
    window.new_entry()
    form.lines["caller_name"].setText("x")
    monkeypatch.setattr(form, "fields", lambda: {"channel": "phone"})  # no time: refused
    form.save()
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert "required" in shown[0] and not form.saving


def test_discard_removes_the_draft(qtbot, unlocked, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    window, form = unlocked, unlocked.form
    window.new_entry()
    qtbot.keyClicks(form.lines["caller_name"], "Mr X")
    form.save_draft()
    wait_idle(qtbot, window)
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes)
    )
    qtbot.mouseClick(form.discard_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    with window.vault.reading() as conn:
        assert conn.execute("SELECT count(*) FROM drafts").fetchone()[0] == 0
    assert window.right.currentWidget() is window.detail
    assert form.lines["caller_name"].text() == ""


def test_new_entry_shortcut_returns_to_unsaved_text(qtbot, unlocked) -> None:
    """Ctrl+N after wandering off an unsaved new entry brings it back; it is never wiped."""
    window, form = unlocked, unlocked.form
    [other] = add_entries(window, [{"occurred_at": "2026-01-02T10:00"}])
    window.new_entry()
    qtbot.keyClicks(form.lines["claimed_identity"], "embassy")
    window.show_entry(other)
    assert window.right.currentWidget() is window.detail
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert form.lines["claimed_identity"].text() == "embassy"
    form.save()
    qtbot.waitUntil(lambda: not form.unsaved and window.right.currentWidget() is window.detail)
    window.new_entry()
    assert form.lines["claimed_identity"].text() == ""


def test_edit_keeps_the_entrys_own_utc_offset(qtbot, unlocked, monkeypatch) -> None:
    """Logged at +05:00 (no zone name), edited on a machine in another zone: time unchanged."""
    monkeypatch.setenv("TZ", "America/New_York")
    window = unlocked
    [entry_id] = add_entries(
        window, [{"occurred_at": "2026-01-29T15:03:00+05:00", "narrative": "x"}]
    )
    window.timeline.refresh(select=entry_id)
    qtbot.waitUntil(lambda: window.detail.public_id == entry_id)
    window.edit_entry(entry_id)
    form = window.form
    qtbot.waitUntil(lambda: form.isEnabled() and form.narrative.toPlainText() == "x")
    qtbot.keyClicks(form.narrative, "y")
    form.save()
    qtbot.waitUntil(lambda: window.detail.history.count() == 2, timeout=10_000)
    with window.vault.reading() as conn:
        first, second = entries.revisions(conn, entry_id)
    assert second.fields.occurred_at == first.fields.occurred_at == "2026-01-29T15:03:00+05:00"


def test_times_and_numbers_read_left_to_right_in_every_language(qtbot, unlocked) -> None:
    """In Uyghur the window is mirrored, but "10:27 2026-11-26" must not become "27:10"."""
    import re

    from PySide6.QtWidgets import QLineEdit

    from tr_journal.gui.widgets.entry_form import EntryForm

    form = unlocked.form
    for widget in (form.occurred, form.lines["caller_number"], form.lines["reported_on"]):
        assert widget.layoutDirection() == Qt.LayoutDirection.LeftToRight
    app = QApplication.instance()
    app.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    try:
        mirrored = EntryForm(unlocked.tasks)
        qtbot.addWidget(mirrored)
        shown = mirrored.occurred.text()
        assert isinstance(mirrored.occurred, QLineEdit)
        assert re.match(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$", shown), shown
    finally:
        app.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
