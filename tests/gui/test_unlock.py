"""Unlock screen: right passphrase, wrong passphrase (clear message), recovery key."""

from __future__ import annotations

from tests.gui.conftest import unlock
from tests.helpers import PASSPHRASE


def test_right_passphrase_opens_the_journal(qtbot, main_window) -> None:
    assert main_window.pages.currentWidget() is main_window.unlock_screen
    assert main_window.windowTitle() == "tr-journal"
    unlock(qtbot, main_window)
    assert main_window.vault is not None and main_window.vault.is_open
    assert main_window.pages.currentWidget() is main_window.splitter
    assert main_window.unlock_screen.secret.text() == ""
    assert main_window.lock_controller.armed


def test_wrong_passphrase_says_so_and_stays_locked(qtbot, main_window) -> None:
    unlock(qtbot, main_window, "not the passphrase")
    screen = main_window.unlock_screen
    assert main_window.vault is None
    assert screen.message.isVisible()
    assert "passphrase is not correct" in screen.message.text()
    assert "Traceback" not in screen.message.text()
    assert screen.secret.isEnabled() and not screen.busy.isVisible()
    screen.secret.clear()
    unlock(qtbot, main_window, PASSPHRASE)
    assert main_window.vault is not None
    assert not screen.message.isVisible()


def test_recovery_key_opens_and_a_typo_is_explained(qtbot, main_window, recovery_key) -> None:
    screen = main_window.unlock_screen
    unlock(qtbot, main_window, "ABCDE-FGHIJ", recovery=True)
    assert main_window.vault is None
    assert "recovery key" in screen.message.text()
    screen.secret.clear()
    unlock(qtbot, main_window, recovery_key.lower().replace("-", " "), recovery=True)
    assert main_window.vault is not None and main_window.vault.is_open


def test_busy_indicator_while_deriving(qtbot, main_window) -> None:
    screen = main_window.unlock_screen
    gate = __import__("threading").Event()
    main_window.tasks.run("hold", lambda _p, _c: gate.wait(10))  # keeps the worker busy
    screen.secret.setText(PASSPHRASE)
    screen.submit()
    assert screen.busy.isVisible() and not screen.secret.isEnabled()
    screen.submit()  # a second Enter while busy starts nothing
    gate.set()
    qtbot.waitUntil(lambda: main_window.vault is not None, timeout=15_000)
    assert not screen.busy.isVisible()
