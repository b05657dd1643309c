"""Ctrl+E (export) works while a text field has the keyboard, as on a real Linux desktop.

Under X11 Qt binds Ctrl+E in text fields to "end of line"; the field claimed the key and File →
Export did nothing from the search field (where the cursor is after unlocking). Qt's offscreen
platform has no such binding, so the claim itself is checked in a child under Xvfb (xcb), and
the main window's keeper offscreen.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit

CHILD = r"""
import sys
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit, QMainWindow
from tr_journal.gui.shortcut_keeper import WindowShortcutKeeper

app = QApplication([])
window = QMainWindow()
field = QLineEdit()
window.setCentralWidget(field)
export = QAction(window)
export.setShortcut(QKeySequence("Ctrl+E"))
window.addAction(export)

def claimed() -> bool:
    event = QKeyEvent(QEvent.Type.ShortcutOverride, Qt.Key.Key_E,
                      Qt.KeyboardModifier.ControlModifier)
    event.ignore()
    QApplication.sendEvent(field, event)
    return event.isAccepted()

before = claimed()
app.installEventFilter(WindowShortcutKeeper(window))
print(before, claimed())
"""


def free_display() -> str:
    return next(
        f":{n}"
        for n in range(140, 240)
        if not Path(f"/tmp/.X11-unix/X{n}").exists() and not Path(f"/tmp/.X{n}-lock").exists()
    )


def test_a_text_field_under_x11_lets_the_window_shortcut_through(tmp_path: Path) -> None:
    if shutil.which("Xvfb") is None:
        pytest.fail("Xvfb is needed (tools/setup.sh installs it)")
    display = free_display()
    xvfb = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", "800x600x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        socket = Path(f"/tmp/.X11-unix/X{display[1:]}")
        for _ in range(100):
            if socket.exists():
                break
            time.sleep(0.05)  # waiting for the server to listen, not timing anything
        env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb", HOME=str(tmp_path))
        done = subprocess.run(
            [sys.executable, "-c", CHILD], env=env, capture_output=True, text=True, timeout=120
        )
    finally:
        xvfb.terminate()
        xvfb.wait()
    assert done.returncode == 0, done.stderr
    before, after = done.stdout.split()
    assert before == "True", "Qt under X11 no longer binds Ctrl+E in text fields"
    assert after == "False"


def test_the_main_window_keeps_its_shortcuts(qtbot, main_window) -> None:
    from tests.gui.conftest import unlock

    unlock(qtbot, main_window)
    keeper = main_window.shortcut_keeper
    assert QKeySequence("Ctrl+E") in keeper.reserved()  # File → Export…
    assert QKeySequence("Ctrl+N") in keeper.reserved()
    field = QLineEdit()
    event = QKeyEvent(
        QEvent.Type.ShortcutOverride, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier
    )
    assert keeper.eventFilter(field, event) and not event.isAccepted()
    typing = QKeyEvent(QEvent.Type.ShortcutOverride, Qt.Key.Key_End, Qt.KeyboardModifier.NoModifier)
    assert not keeper.eventFilter(field, typing)  # the field keeps its own keys
