"""Every control of the dialogs has an accessible name, and the flows work with keys alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget, QWizard

from tr_journal.gui.dialogs.export_wizard import ExportWizard
from tr_journal.gui.dialogs.settings_dialog import SettingsDialog
from tr_journal.gui.dialogs.verify_dialog import VerifyDialog
from tr_journal.gui.tasks import TaskRunner
from tr_journal.gui.widgets.recovery_key_view import RecoveryKeyDialog
from tr_journal.journal.entries import add_entry
from tr_journal.vault import Vault

pytestmark = pytest.mark.gui


@pytest.fixture
def tasks(qtbot):
    runner = TaskRunner()
    yield runner
    runner.cancel_all()
    runner.wait_all()


def activate(qtbot, window: QWidget) -> None:
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def unnamed(root: QWidget) -> list[str]:
    """Visible, enabled, focusable controls a screen reader could not name."""
    missing = []
    for widget in root.findChildren(QWidget):
        if not (
            widget.isVisible()
            and widget.isEnabled()
            and widget.focusPolicy() != Qt.FocusPolicy.NoFocus
        ):
            continue
        if (
            widget.parent() is not None
            and isinstance(widget.parent(), QWidget)
            and type(widget.parent()).__name__
            in ("QComboBox", "QAbstractSpinBox", "QSpinBox", "QDateEdit", "QDateTimeEdit")
        ):
            continue  # the inner line edit of a combo/spin box is named by its owner
        text = widget.text() if isinstance(widget, QAbstractButton) else ""
        if not (widget.accessibleName() or text.replace("&", "").strip()):
            missing.append(f"{type(widget).__name__} {widget.objectName()}")
    return missing


def test_all_controls_are_named(
    qtbot, vault: Vault, tasks: TaskRunner, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    wizard = ExportWizard(vault, tasks)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitUntil(lambda: wizard.selection_page.loaded)
    for _page in range(3):
        assert unnamed(wizard.currentPage()) == [], wizard.currentPage().title()
        wizard.next()
    settings = SettingsDialog(vault, tasks, None)
    qtbot.addWidget(settings)
    settings.show()
    for index in range(settings.tabs.count()):
        settings.tabs.setCurrentIndex(index)
        assert unnamed(settings.tabs.currentWidget()) == [], settings.tabs.tabText(index)
    verify = VerifyDialog(tasks)
    qtbot.addWidget(verify)
    verify.show()
    assert unnamed(verify) == []
    key = RecoveryKeyDialog("AAAAA-BBBBB")
    qtbot.addWidget(key)
    key.show()
    assert unnamed(key) == []


def test_export_with_the_keyboard_alone(
    qtbot, vault: Vault, tasks: TaskRunner, tmp_path: Path
) -> None:
    with vault.transaction() as tx:
        add_entry(tx, {"occurred_at": "2026-01-29T15:03", "channel": "phone"})
    wizard = ExportWizard(vault, tasks)
    qtbot.addWidget(wizard)
    activate(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.selection_page.loaded)
    qtbot.keyClick(QApplication.focusWidget() or wizard, Qt.Key.Key_Return)
    assert wizard.currentPage() is wizard.language_page
    qtbot.keyClick(QApplication.focusWidget() or wizard, Qt.Key.Key_Return)
    assert wizard.currentPage() is wizard.destination_page
    edit = wizard.destination_page.path_edit
    qtbot.keyClick(wizard, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)  # "&Save as:"
    assert QApplication.focusWidget() is edit
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(edit, str(tmp_path / "keys.zip"))
    qtbot.keyClick(edit, Qt.Key.Key_Return)  # the default button is "Export"
    qtbot.waitUntil(lambda: wizard.export_page.result is not None, timeout=60_000)
    assert (tmp_path / "keys.zip").is_file()
    page = wizard.export_page
    assert QApplication.focusWidget() is page.copy_button
    qtbot.keyClick(page.copy_button, Qt.Key.Key_Space)
    assert page.result.sha256 in QApplication.clipboard().text()
    assert str(tmp_path / "keys.zip") in page.status.text()  # "Copied." never replaces it
    assert page.copied.text()
    qtbot.keyClick(page.copy_button, Qt.Key.Key_Return)  # Enter finishes, even from there
    assert wizard.result() == QWizard.DialogCode.Accepted and not wizard.isVisible()


def test_verify_with_the_keyboard_alone(qtbot, tasks: TaskRunner, tmp_path: Path) -> None:
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"not a zip")
    dialog = VerifyDialog(tasks)
    qtbot.addWidget(dialog)
    activate(qtbot, dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)  # "Expected &key:"
    assert QApplication.focusWidget() is dialog.fp_edit
    qtbot.keyClick(dialog, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)  # "&Bundle:"
    assert QApplication.focusWidget() is dialog.path_edit
    qtbot.keyClicks(QApplication.focusWidget(), str(junk))
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.task is None and dialog.verdict is not None, timeout=30_000)
    assert not dialog.verdict.valid
