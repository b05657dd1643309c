"""F1 lists the shortcuts, About shows the version, and the recovery-key screens start on the
box to tick with Tab following the screen."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.helpers import CHEAP_KDF, PASSPHRASE
from tr_journal import __version__, i18n
from tr_journal.gui.dialogs.help_dialogs import ShortcutsDialog, about_text
from tr_journal.gui.widgets.recovery_key_view import RecoveryKeyDialog
from tr_journal.i18n.format import LRI, PDI, strip_isolates


def focused():
    return QApplication.focusWidget()


def test_f1_opens_the_list_of_shortcuts(qtbot, unlocked) -> None:
    window = unlocked
    seen: list[ShortcutsDialog] = []

    def look_and_close() -> None:
        dialog = QApplication.activeModalWidget()
        seen.append(dialog)
        dialog.close()

    QTimer.singleShot(200, look_and_close)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    assert isinstance(seen[0], ShortcutsDialog)
    rows = {strip_isolates(key): what for key, what in seen[0].rows()}
    assert rows["Ctrl+N"] == "New entry"
    assert rows["Ctrl+S"] == "Save entry"
    assert rows["Ctrl+L"] == "Lock now"
    assert rows["F1"] == "Keyboard shortcuts"
    assert "Esc" in rows
    assert window.action_shortcuts in window.menu_help.actions()


def test_menu_keys_are_isolated_left_to_right(qtbot, unlocked) -> None:
    """Qt's own key text in a right-to-left menu read ",+Ctrl"; ours is isolated LTR."""
    text = unlocked.action_settings.text()
    assert text.endswith("\t" + LRI + "Ctrl+," + PDI)
    assert unlocked.toolbar.widgetForAction(unlocked.action_new).text() == "New entry"


def test_about_shows_the_version(qtbot) -> None:
    assert __version__ in strip_isolates(about_text())
    i18n.set_language("fr")
    try:
        assert "Version" in about_text() and "réseau" in about_text()
    finally:
        i18n.set_language("en")


def test_about_box_opens_from_the_help_menu(qtbot, main_window) -> None:
    boxes: list[str] = []

    def close_box() -> None:
        box = QApplication.activeModalWidget()
        boxes.append(box.text() if isinstance(box, QMessageBox) else "")
        box.close()

    QTimer.singleShot(200, close_box)
    main_window.action_about.trigger()
    assert __version__ in strip_isolates(boxes[0])


def test_recovery_key_dialog_starts_on_the_box(qtbot) -> None:
    dialog = RecoveryKeyDialog("ABCDE-FGHIJ")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert focused() is dialog.written
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is dialog.print_button
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is dialog.done_button
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert dialog.result() == RecoveryKeyDialog.DialogCode.Accepted


def test_first_run_recovery_page_starts_on_the_box(qtbot, tmp_path: Path) -> None:
    from tr_journal.gui.main_window import MainWindow

    window = MainWindow(tmp_path / "vault", kdf=CHEAP_KDF)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    screen = window.create_screen
    qtbot.keyClicks(screen.first, PASSPHRASE)
    qtbot.keyClick(screen.first, Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(), PASSPHRASE)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.pages.currentIndex() == 1, timeout=30_000)
    assert focused() is screen.written
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is screen.print_button
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is screen.continue_button
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.vault is not None)
    window.tasks.cancel_all()
    window.tasks.wait_all()


def test_help_reads_right_to_left_in_uyghur(qtbot) -> None:
    """The About sentence starts with the Latin "tr-journal", and the Alt-letters row is
    two keys: both were laid out the wrong way round in Uyghur."""
    from tr_journal.gui.dialogs.help_dialogs import fixed_shortcuts

    i18n.set_language("ug")
    try:
        assert about_text().count("dir='rtl'") == 3
        keys = next(key for key, _what in fixed_shortcuts() if "Alt" in key)
        assert keys.startswith(LRI) and keys.endswith(PDI) and keys.count(LRI) == 1
    finally:
        i18n.set_language("en")
    assert "dir='ltr'" in about_text()
