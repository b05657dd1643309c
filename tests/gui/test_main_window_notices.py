"""Main-window notices and start-up fit: recovery key missing, screen size, app icon."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from tests.helpers import PASSPHRASE, legacy_vault_copy
from tr_journal.gui.main_window import MainWindow
from tr_journal.vault import Vault


def _notices() -> list[QMessageBox]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    ]


def test_missing_recovery_key_is_announced(qtbot, tmp_path: Path) -> None:
    """A rotation interrupted by a version without two-phase recovery keys left none."""
    vault_dir, secrets = legacy_vault_copy("v1-vault-mid-rotation", tmp_path / "vault")
    window = MainWindow(vault_dir)
    qtbot.addWidget(window)
    window.open_vault(Vault.open(vault_dir, secrets["passphrase"]))
    qtbot.waitUntil(lambda: bool(_notices()))
    assert "recovery key" in _notices()[0].text()
    for box in _notices():
        box.close()
    window.lock()


def test_interrupted_recovery_key_change_is_announced(qtbot, vault_dir: Path) -> None:
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        vault.begin_new_recovery_key()  # shown, then the app died before the confirmation
    window = MainWindow(vault_dir)
    qtbot.addWidget(window)
    window.open_vault(Vault.open(vault_dir, PASSPHRASE))
    qtbot.waitUntil(lambda: bool(_notices()))
    assert "previous recovery key still does" in _notices()[0].text()
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
