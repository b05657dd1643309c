"""Menu actions open the dialogs of the other modules (lazily imported) with the right arguments,
and are unavailable while the journal is locked."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog

from tr_journal.gui.main_window import _OPTIONAL_DIALOGS, module_available


def test_menus_exist_and_lock_disables_journal_actions(qtbot, main_window) -> None:
    titles = [a.text().replace("&", "") for a in main_window.menuBar().actions()]
    assert titles == ["File", "Entry", "Tools", "Help"]
    assert not main_window.action_new.isEnabled() and not main_window.action_lock.isEnabled()


@pytest.mark.parametrize("attr,module", [(a, m) for a, m, _menu, _key in _OPTIONAL_DIALOGS])
def test_dialog_actions_open_their_dialog(qtbot, unlocked, attr, module) -> None:
    if not module_available(module):
        pytest.skip(f"{module} is not there yet")
    action = getattr(unlocked, attr)
    assert action.isVisible() and action.isEnabled()
    opened: list[str] = []

    def close_it() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, close_it)
            return
        opened.append(type(dialog).__name__)
        if isinstance(dialog, QDialog):
            dialog.reject()
        else:
            dialog.close()

    QTimer.singleShot(0, close_it)
    action.trigger()
    assert opened and opened[0] != "QMessageBox"  # the dialog itself, not an error box


def test_missing_module_is_hidden(qtbot) -> None:
    assert not module_available("tr_journal.gui.dialogs.no_such_dialog")
