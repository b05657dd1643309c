"""GUI fixtures: the real main window over a fresh cheap-KDF vault, locked or unlocked.

Tasks run on the real worker pool; tests wait on signals or ``qtbot.waitUntil``, never sleep.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import CHEAP_KDF, PASSPHRASE


@pytest.fixture
def main_window(qtbot, vault_dir: Path) -> Iterator:
    """The main window on an existing (locked) vault, shown at the screenshot size."""
    from tr_journal.gui.main_window import MainWindow

    window = MainWindow(vault_dir, kdf=CHEAP_KDF)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()  # shortcuts are application-wide only in an active window
    qtbot.waitUntil(window.isActiveWindow)
    yield window
    window.tasks.cancel_all()
    window.tasks.wait_all()


def unlock(qtbot, window, secret: str = PASSPHRASE, recovery: bool = False) -> None:
    """Type the secret and press Enter, as a person would; wait for the journal page."""
    from PySide6.QtCore import Qt

    screen = window.unlock_screen
    screen.use_recovery.setChecked(recovery)
    screen.secret.setFocus()
    qtbot.keyClicks(screen.secret, secret)
    qtbot.keyClick(screen.secret, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.vault is not None or screen.message.isVisible(), timeout=15_000)


@pytest.fixture
def unlocked(qtbot, main_window):
    unlock(qtbot, main_window)
    assert main_window.vault is not None
    qtbot.waitUntil(lambda: not main_window.tasks.busy)
    return main_window


def add_entries(window, rows: list[dict]) -> list[str]:
    """Entries added through the service (setup for timeline tests), then the timeline reloads."""
    from tr_journal.journal import entries

    ids = []
    with window.vault.transaction() as tx:
        for raw in rows:
            ids.append(entries.add_entry(tx, raw))
    return ids


def wait_idle(qtbot, window) -> None:
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=30_000)


def drop_files(widget, paths: list[Path]) -> None:
    """Drag ``paths`` over ``widget`` (which must accept them) and drop them there."""
    from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    args = (
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    enter = QDragEnterEvent(QPoint(5, 5), *args)
    assert QApplication.sendEvent(widget, enter) and enter.isAccepted()
    QApplication.sendEvent(widget, QDropEvent(QPointF(5, 5), *args))


@pytest.fixture
def dialog(qtbot, vault):  # type: ignore[no-untyped-def]
    """The import window over a fresh vault, shown; its background reads stopped after."""
    from tr_journal.gui.dialogs.import_dialog import ImportDialog
    from tr_journal.gui.tasks import TaskRunner

    tasks = TaskRunner()
    dlg = ImportDialog(vault, tasks)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    yield dlg
    tasks.cancel_all()
    tasks.wait_all()
