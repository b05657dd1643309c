"""Main-window notices and start-up fit: recovery key missing, screen size, app icon."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.helpers import PASSPHRASE
from tr_journal.crypto import keyslots
from tr_journal.gui.main_window import MainWindow
from tr_journal.vault import Vault


def _interrupt_rotation(vault_dir: Path) -> None:
    import tr_journal.vault as vault_module

    original = keyslots.write_header
    calls: list[int] = []

    def crash_on_final_write(folder: Path, header: keyslots.Header) -> None:
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt
        original(folder, header)

    vault = Vault.open(vault_dir, PASSPHRASE)
    vault_module.write_header = crash_on_final_write  # type: ignore[assignment]
    try:
        with pytest.raises(KeyboardInterrupt):
            vault.rotate_data_key(PASSPHRASE)
    finally:
        vault_module.write_header = original  # type: ignore[assignment]
        vault.close()


def _notices() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.isVisible()]


def test_missing_recovery_key_is_announced(qtbot, vault_dir: Path) -> None:
    _interrupt_rotation(vault_dir)
    window = MainWindow(vault_dir)
    qtbot.addWidget(window)
    window.open_vault(Vault.open(vault_dir, PASSPHRASE))
    qtbot.waitUntil(lambda: bool(_notices()))
    assert "recovery key" in _notices()[0].text()
    for box in _notices():
        box.close()
    window.lock()


def test_no_notice_for_a_healthy_vault(qtbot, vault_dir: Path) -> None:
    window = MainWindow(vault_dir)
    qtbot.addWidget(window)
    window.open_vault(Vault.open(vault_dir, PASSPHRASE))
    QApplication.processEvents()
    assert not _notices()
    window.lock()


def test_window_fits_the_screen_and_has_the_app_icon(qtbot, vault_dir: Path) -> None:
    from PySide6.QtGui import QGuiApplication

    from tr_journal.gui.app import make_application

    app = make_application()
    window = MainWindow(vault_dir)
    qtbot.addWidget(window)
    area = QGuiApplication.primaryScreen().availableGeometry()
    assert window.width() <= area.width() and window.height() <= area.height()
    assert not app.windowIcon().isNull()
