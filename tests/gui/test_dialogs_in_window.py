"""The dialogs as the main window opens them (its menus, lazily), and what locking does to them."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.gui.conftest import add_entries, wait_idle

pytestmark = pytest.mark.gui


def when_modal(qtbot, kind: str, then) -> dict[str, Any]:
    """Once a modal dialog of class ``kind`` is up, call ``then(dialog)`` (exec() blocks)."""
    seen: dict[str, Any] = {}

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is not None and type(dialog).__name__ == kind:
            seen["dialog"] = dialog
            then(dialog)
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)
    return seen


def test_export_from_menu_gets_the_selected_entries_and_closes_on_lock(qtbot, unlocked) -> None:
    window = unlocked
    ids = add_entries(
        window,
        [
            {"occurred_at": "2026-01-29T15:03", "channel": "phone"},
            {"occurred_at": "2026-02-01T10:00", "channel": "sms"},
        ],
    )
    window.timeline.refresh(select=ids[0])
    qtbot.waitUntil(lambda: window.timeline.selected_ids() == [ids[0]], timeout=15_000)
    state: dict[str, Any] = {}

    def check_then_lock(wizard) -> None:
        def loaded() -> None:
            if not wizard.selection_page.loaded:
                QTimer.singleShot(20, loaded)
                return
            state["ticked"] = wizard.selection_page.ticked_ids()
            window.lock("idle")

        loaded()

    seen = when_modal(qtbot, "ExportWizard", check_then_lock)
    window.open_dialog("tr_journal.gui.dialogs.export_wizard")
    assert state["ticked"] == [ids[0]]
    assert window.vault is None and not seen["dialog"].isVisible()


def test_lock_while_a_new_recovery_key_is_shown_removes_it(qtbot, monkeypatch, unlocked) -> None:
    window = unlocked
    wait_idle(qtbot, window)
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes)
    )
    state: dict[str, Any] = {}

    def make_key(settings) -> None:
        settings.passphrase.recovery_button.click()

        def shown() -> None:
            key_dialog = settings.passphrase.key_dialog
            if key_dialog is None or not key_dialog.isVisible():
                QTimer.singleShot(20, shown)
                return
            state["key_dialog"] = key_dialog
            window.lock("idle")

        shown()

    when_modal(qtbot, "SettingsDialog", make_key)
    window.open_dialog("tr_journal.gui.dialogs.settings_dialog")
    key_dialog = state["key_dialog"]
    assert window.vault is None
    assert not key_dialog.isVisible() and key_dialog.key_label.text() == ""


def test_verify_from_menu_needs_no_vault(qtbot, main_window) -> None:
    seen = when_modal(qtbot, "VerifyDialog", lambda dialog: dialog.reject())
    main_window.open_dialog("tr_journal.gui.dialogs.verify_dialog")
    assert seen["dialog"].tasks is main_window.tasks
