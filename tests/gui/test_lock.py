"""Locking: Ctrl+L, the toolbar, idle time, the screen saver; afterwards the keys are gone."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication, QPixmapCache
from PySide6.QtTest import QTest

from tests.gui.conftest import add_entries, wait_idle
from tr_journal.errors import VaultLocked


def assert_locked(window, vault) -> None:
    assert window.vault is None
    assert not vault.is_open
    with pytest.raises(VaultLocked):
        vault.conn.execute("SELECT 1")
    with pytest.raises(VaultLocked), vault.reading() as conn:
        conn.execute("SELECT 1")
    assert window.windowTitle() == "tr-journal"
    assert window.pages.currentWidget() is window.unlock_screen
    assert window.timeline.model.rowCount() == 0
    assert window.detail.public_id is None and window.detail.fields_view.toPlainText() == ""
    assert not window.lock_controller.armed
    assert not window.action_new.isEnabled()


def open_an_entry(qtbot, window) -> str:
    [entry_id] = add_entries(
        window, [{"occurred_at": "2026-01-29T15:03", "narrative": "secret words"}]
    )
    window.timeline.refresh(select=entry_id)
    qtbot.waitUntil(lambda: window.detail.public_id == entry_id)
    return entry_id


def test_ctrl_l_locks_at_once(qtbot, unlocked) -> None:
    window = unlocked
    vault = window.vault
    open_an_entry(qtbot, window)
    QPixmapCache.insert("probe", window.grab())
    window.detail.fields_view.selectAll()
    window.detail.fields_view.copy()
    owned = QGuiApplication.clipboard().ownsClipboard()  # False on the offscreen platform
    qtbot.keyClick(window.timeline.table, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert_locked(window, vault)
    assert QPixmapCache.find("probe") is None
    if owned:
        assert "secret words" not in QGuiApplication.clipboard().text()


def test_toolbar_button_locks(qtbot, unlocked) -> None:
    window = unlocked
    vault = window.vault
    button = window.toolbar.widgetForAction(window.action_lock)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert_locked(window, vault)


def test_idle_timeout_locks(qtbot, unlocked) -> None:
    window = unlocked
    vault = window.vault
    open_an_entry(qtbot, window)
    window.lock_controller.set_timeout_minutes(0.003)  # 180 ms
    qtbot.waitUntil(lambda: window.vault is None, timeout=5_000)
    assert_locked(window, vault)


def test_input_postpones_the_idle_lock(qtbot, unlocked) -> None:
    window = unlocked
    controller = window.lock_controller
    controller.set_timeout_minutes(1)
    controller._idle.stop()  # stands for "the countdown is running out"
    # as the window system delivers it: to the window first, then to the focused widget
    window.timeline.search.setFocus()
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_A)
    assert window.timeline.search.text().endswith("a")  # it did reach the widget
    assert controller._idle.isActive()  # any key restarts the countdown from the full delay
    assert controller._idle.interval() == 60_000
    assert window.vault is not None


def test_mouse_moves_in_a_dialog_postpone_the_idle_lock(qtbot, unlocked) -> None:
    from PySide6.QtWidgets import QDialog

    window = unlocked
    controller = window.lock_controller
    dialog = QDialog(window)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QGuiApplication.focusWindow() is dialog.windowHandle())
    controller._idle.stop()
    QTest.mouseMove(dialog.windowHandle(), QPoint(20, 20))
    assert controller._idle.isActive()
    dialog.close()


def test_screen_saver_signal_locks(qtbot, unlocked) -> None:
    window = unlocked
    vault = window.vault
    window.lock_controller.on_screensaver_active(False)
    assert window.vault is not None
    window.lock_controller.on_screensaver_active(True)
    assert_locked(window, vault)


def test_lock_during_an_import_cancels_it_and_still_locks(qtbot, unlocked, tmp_path) -> None:
    window = unlocked
    vault = window.vault
    entry_id = open_an_entry(qtbot, window)
    big = tmp_path / "big.bin"
    big.write_bytes(b"\0" * (24 * 1024 * 1024))
    window.detail.attachments.import_sources([big])
    window.lock_controller.lock_now()
    assert_locked(window, vault)
    from tests.gui.conftest import unlock

    unlock(qtbot, window)
    wait_idle(qtbot, window)
    from tr_journal.media.records import list_attachments

    with window.vault.reading() as conn:
        assert list_attachments(conn, entry_id) == []


def test_lock_closes_open_dialogs(qtbot, unlocked) -> None:
    from PySide6.QtWidgets import QMessageBox

    window = unlocked
    vault = window.vault
    box = QMessageBox(window)
    box.setText("an open dialog")
    box.show()
    qtbot.waitExposed(box)
    window.lock_controller.lock_now("idle")
    assert_locked(window, vault)
    assert not box.isVisible()


DBUS_CHILD = """
from PySide6.QtCore import QTimer
from PySide6.QtDBus import QDBusConnection, QDBusMessage
from PySide6.QtWidgets import QApplication
app = QApplication([])
from tr_journal.gui.lock import LockController
bus = QDBusConnection.sessionBus()
assert bus.registerService("org.freedesktop.ScreenSaver")  # stands for the desktop's
controller = LockController()
controller.arm()
got = []
controller.lock_requested.connect(lambda reason: (got.append(reason), app.quit()))
def screen_locks():
    signal = QDBusMessage.createSignal("/org/freedesktop/ScreenSaver",
                                       "org.freedesktop.ScreenSaver", "ActiveChanged")
    signal.setArguments([True])
    bus.send(signal)
QTimer.singleShot(50, screen_locks)
QTimer.singleShot(10_000, app.quit)
app.exec()
print(controller.screen_lock_watched, got)
"""


def run_on_a_private_bus(child: str) -> str:
    """Run ``child`` under dbus-run-session (a private bus); return its last printed line."""
    import os
    import shutil
    import subprocess
    import sys

    if shutil.which("dbus-run-session") is None:
        pytest.skip("dbus-run-session not installed (Debian package dbus-daemon)")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    env.pop("DBUS_SYSTEM_BUS_ADDRESS", None)
    done = subprocess.run(
        ["dbus-run-session", "--", sys.executable, "-c", child],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    lines = done.stdout.strip().splitlines()
    assert lines, done.stderr
    return lines[-1]


def test_screen_saver_dbus_signal_reaches_the_controller() -> None:
    """A real session bus (dbus-run-session): the freedesktop ActiveChanged(true) signal locks."""
    assert run_on_a_private_bus(DBUS_CHILD) == "True ['screen']"


LOGIND_CHILD = """
import os
os.environ["DBUS_SYSTEM_BUS_ADDRESS"] = os.environ["DBUS_SESSION_BUS_ADDRESS"]  # a private bus
from PySide6.QtCore import QTimer
from PySide6.QtDBus import QDBusConnection, QDBusMessage
from PySide6.QtWidgets import QApplication
app = QApplication([])
from tr_journal.gui.lock import LockController
bus = QDBusConnection.systemBus()
assert bus.registerService("org.freedesktop.login1")  # stands for systemd-logind
controller = LockController()
controller.arm()
got = []
controller.lock_requested.connect(lambda reason: (got.append(reason), app.quit()))
def session_locks():  # what `loginctl lock-session` makes logind send
    signal = QDBusMessage.createSignal("/org/freedesktop/login1/session/_32",
                                       "org.freedesktop.login1.Session", "Lock")
    bus.send(signal)
QTimer.singleShot(50, session_locks)
QTimer.singleShot(10_000, app.quit)
app.exec()
print(controller.screen_lock_watched, got)
"""


def test_logind_lock_signal_reaches_the_controller() -> None:
    """logind's Session.Lock on a private bus standing for the system bus locks the journal."""
    assert run_on_a_private_bus(LOGIND_CHILD) == "True ['screen']"
