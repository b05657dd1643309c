"""First run: passphrase twice with a strength meter, then the recovery key shown once."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt

from tests.helpers import CHEAP_KDF
from tr_journal.vault import Vault

STRONG = "cinnamon lantern orbit meadow"


def test_create_vault_flow(qtbot, tmp_path: Path) -> None:
    from tr_journal.gui.main_window import MainWindow

    folder = tmp_path / "new-vault"
    window = MainWindow(folder, kdf=CHEAP_KDF)
    qtbot.addWidget(window)
    window.show()
    screen = window.create_screen
    assert window.pages.currentWidget() is screen
    qtbot.keyClicks(screen.first, "password1")
    assert screen.meter.value() <= 1
    assert screen.reasons.isVisible() and screen.reasons.text()
    assert not screen.create_button.isEnabled()
    screen.first.clear()
    qtbot.keyClicks(screen.first, STRONG)
    qtbot.keyClicks(screen.second, STRONG + "x")
    assert "not the same" in screen.mismatch.text()
    assert not screen.create_button.isEnabled()
    qtbot.keyClick(screen.second, Qt.Key.Key_Backspace)
    assert screen.meter.value() >= 3 and screen.create_button.isEnabled()
    qtbot.keyClick(screen.second, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.pages.currentIndex() == 1, timeout=15_000)
    key = screen.key_label.text()
    assert re.fullmatch(r"([A-Z2-7]{5}-){7}[A-Z2-7]{5}", key)
    assert key in screen.key_sheet_html()
    assert screen.first.text() == "" and screen.second.text() == ""
    assert not screen.continue_button.isEnabled()
    screen.written.setChecked(True)
    qtbot.mouseClick(screen.continue_button, Qt.MouseButton.LeftButton)
    assert window.vault is not None and window.pages.currentWidget() is window.splitter
    assert screen.key_label.text() == ""  # shown once
    window.lock()
    Vault.open(folder, recovery_key=key).close()
    Vault.open(folder, passphrase=STRONG).close()
