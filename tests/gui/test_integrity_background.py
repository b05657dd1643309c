"""The app runs the full check in the background after unlock, at most once a day."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import PASSPHRASE
from tr_journal.gui.main_window import MainWindow
from tr_journal.store.integrity_log import last_clean_check
from tr_journal.vault import Vault


def test_unlock_starts_the_daily_check_once(qtbot, vault_dir: Path) -> None:
    window = MainWindow(vault_dir)
    qtbot.addWidget(window)
    vault = Vault.open(vault_dir, PASSPHRASE)
    window.open_vault(vault)
    qtbot.waitUntil(lambda: not window.background_tasks.busy, timeout=10_000)
    with vault.reading() as conn:
        first = last_clean_check(conn)
    assert first is not None
    window.lock()
    again = Vault.open(vault_dir, PASSPHRASE)
    window.open_vault(again)
    assert not window.background_tasks.busy  # checked less than a day ago: not again
    window.lock()
