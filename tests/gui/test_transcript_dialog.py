"""Adding and editing transcripts and translations in the app (docs/record-format.md,
"Transcripts"): through the dialog under the file, saved by the same service as the command
line, shown under the file after, the chain still intact."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from tests.gui.conftest import add_entries, wait_idle
from tr_journal import maintenance
from tr_journal.journal import transcripts
from tr_journal.media.attaching import attach_files

UYGHUR = "سەن نامايىشقا بارما"
FRENCH = "Ne va pas à la manifestation"


def _panel_on_a_recording(qtbot, window, fixtures_dir: Path):
    [entry_id] = add_entries(window, [{"occurred_at": "2026-03-02T21:40"}])
    [audio] = attach_files(window.vault, entry_id, [fixtures_dir / "call-ug.flac"])
    window.timeline.refresh(select=entry_id)
    qtbot.waitUntil(lambda: window.detail.public_id == entry_id)
    panel = window.detail.attachments
    window.detail.tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: panel.list.count() == 1)
    panel.list.setCurrentRow(0)
    qtbot.waitUntil(lambda: panel.transcript_bar.isVisible())
    wait_idle(qtbot, window)
    return panel, audio.id


def _type(qtbot, widget, text: str) -> None:
    """Keys for ASCII; other scripts arrive as an input method commits them (QTest can only
    press keys of the ASCII table)."""
    if text.isascii():
        qtbot.keyClicks(widget, text)
        return
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def _fill_and_save(
    qtbot, window, dialog, language: str, text: str, by: str = "", method: str | None = None
) -> None:
    dialog.language.setCurrentIndex(dialog.language.findData(language))
    dialog.text.setFocus()
    _type(qtbot, dialog.text, text)
    if by:
        _type(qtbot, dialog.by, by)
    if method:
        dialog.method.setCurrentIndex(dialog.method.findData(method))
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    qtbot.waitUntil(
        lambda: window.detail.attachments.transcript_bar.dialog is None, timeout=10_000
    )  # saved, closed (and deleted)
    wait_idle(qtbot, window)


def test_a_transcript_and_its_translation_added_in_the_app(
    qtbot, unlocked, fixtures_dir: Path
) -> None:
    panel, audio_id = _panel_on_a_recording(qtbot, unlocked, fixtures_dir)
    bar = panel.transcript_bar
    assert not bar.translate_button.isEnabled() and not bar.edit_button.isEnabled()
    qtbot.mouseClick(bar.add_button, Qt.MouseButton.LeftButton)
    dialog = bar.dialog
    qtbot.waitExposed(dialog)
    assert dialog.language.currentData() is None  # a language is chosen, never guessed
    dialog.language.setCurrentIndex(dialog.language.findData("ug"))
    _type(qtbot, dialog.text, UYGHUR)
    assert dialog.text.document().defaultTextOption().alignment() & Qt.AlignmentFlag.AlignRight
    _fill_and_save(qtbot, unlocked, dialog, "ug", "", by="me")
    qtbot.waitUntil(lambda: UYGHUR in panel.transcripts.toPlainText(), timeout=10_000)
    assert bar.translate_button.isEnabled()

    qtbot.mouseClick(bar.translate_button, Qt.MouseButton.LeftButton)
    dialog = bar.dialog
    assert dialog.source_text.toPlainText() == UYGHUR
    assert dialog.language.currentData() == "en"  # the interface's language, as a start
    _fill_and_save(qtbot, unlocked, dialog, "fr", FRENCH, by="Cabinet X", method="professional")
    qtbot.waitUntil(lambda: FRENCH in panel.transcripts.toPlainText(), timeout=10_000)

    first, second = transcripts.read_transcripts(unlocked.vault, audio_id)
    assert (first.fields.language, first.fields.text, first.fields.by) == ("ug", UYGHUR, "me")
    assert str(first.fields.method) == "self"
    assert (second.fields.language, second.fields.text, second.fields.translates) == (
        "fr",
        FRENCH,
        first.id,
    )
    assert (str(second.fields.method), second.fields.by) == ("professional", "Cabinet X")
    assert maintenance.check(unlocked.vault)["ok"]

    def choose_the_translation() -> None:  # from the menu of both, with the keyboard
        menu = QApplication.activePopupWidget()
        for key in (Qt.Key.Key_Down, Qt.Key.Key_Down, Qt.Key.Key_Return):
            qtbot.keyClick(menu, key)

    QTimer.singleShot(200, choose_the_translation)
    qtbot.mouseClick(bar.edit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bar.dialog is not None)
    assert bar.dialog.current.id == second.id
    assert bar.dialog.source_text.toPlainText() == UYGHUR
    assert bar.dialog.text.toPlainText() == FRENCH


def test_edit_adds_a_revision_and_a_refusal_keeps_the_dialog(
    qtbot, unlocked, fixtures_dir: Path
) -> None:
    panel, audio_id = _panel_on_a_recording(qtbot, unlocked, fixtures_dir)
    bar = panel.transcript_bar
    dialog = bar.open_dialog()
    qtbot.keyClicks(dialog.text, "no language chosen")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    qtbot.waitUntil(lambda: dialog.message.isVisible(), timeout=10_000)
    assert "language" in dialog.message.text() and dialog.isVisible()
    assert transcripts.read_transcripts(unlocked.vault, audio_id) == []
    _fill_and_save(qtbot, unlocked, dialog, "ug", "")
    qtbot.waitUntil(lambda: bar.edit_button.isEnabled(), timeout=10_000)

    dialog = bar.open_dialog(bar.found[0])
    assert dialog.text.toPlainText() == "no language chosen"
    assert dialog.language.currentData() == "ug"
    dialog.text.clear()
    _fill_and_save(qtbot, unlocked, dialog, "ug", UYGHUR)
    [edited] = transcripts.read_transcripts(unlocked.vault, audio_id)
    assert (edited.revision, edited.fields.text) == (2, UYGHUR)
    qtbot.waitUntil(lambda: UYGHUR in panel.transcripts.toPlainText(), timeout=10_000)
    assert maintenance.check(unlocked.vault)["ok"]


def test_the_buttons_are_reached_by_alt_letters(qtbot, unlocked, fixtures_dir: Path) -> None:
    panel, _audio_id = _panel_on_a_recording(qtbot, unlocked, fixtures_dir)
    bar = panel.transcript_bar
    qtbot.keyClick(unlocked, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)  # "Add tra&nscript…"
    qtbot.waitUntil(lambda: bar.dialog is not None and bar.dialog.isVisible())
    dialog = bar.dialog
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)  # "&Language:"
    assert dialog.language.hasFocus()
    qtbot.keyClick(dialog, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)  # "Made &by:"
    assert dialog.by.hasFocus()


def test_locking_closes_the_dialog(qtbot, unlocked, fixtures_dir: Path) -> None:
    """What was being typed is not left on screen over the lock screen."""
    panel, _audio_id = _panel_on_a_recording(qtbot, unlocked, fixtures_dir)
    dialog = panel.transcript_bar.open_dialog()
    qtbot.waitExposed(dialog)
    _type(qtbot, dialog.text, UYGHUR)
    unlocked.lock()
    qtbot.waitUntil(lambda: unlocked.vault is None)
    assert panel.transcript_bar.dialog is None and not panel.transcript_bar.isVisible()
