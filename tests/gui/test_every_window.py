"""Every window and dialog, in every interface language: no Alt-letter is used twice, no
menu, button or label is too narrow for its text, no English is left on a translated screen,
and no English text is shown that is not a message of the catalog (a string nobody marked for
translation).

The walk shows each screen a person can reach (first run, unlock, journal with an entry, the
form with every field, the settings tabs, the verify dialog, each export wizard page, the
recovery key, the keyboard shortcut list) and checks it as it is on screen, because a clash
only matters between widgets that are visible together.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from tests.gui.conftest import add_entries, unlock, wait_idle
from tests.gui.screen_checks import cut_texts, mnemonic_clashes, uncatalogued
from tests.helpers import CHEAP_KDF
from tests.i18n.test_screens import untranslated, visible_texts
from tr_journal.gui import qt_language as qt

LANGUAGES = ("en", "fr", "ug", "zh_CN", "tr")
Check = Callable[[str, QWidget], None]


def _show(qtbot, widget: QWidget) -> QWidget:
    qtbot.addWidget(widget)
    if isinstance(widget, QMainWindow):
        widget.resize(1366, 768)  # the size the app is designed for (the screenshots' size)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _check_import(qtbot, window, check: Check) -> None:
    """The import dialog with a CSV's column choosers and its preview, then with a group chat's
    "You are:" chooser (docs/imports.md)."""
    import tempfile

    from tr_journal.gui.dialogs.import_dialog import ImportDialog

    dialog = _show(qtbot, ImportDialog(window.vault, window.tasks, window))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "calls.csv"
        path.write_text("occurred_at,caller_number\n2026-11-05 21:40,+8613912345678\n")
        dialog.open_path(path)
        qtbot.waitUntil(
            lambda: dialog.running is None and dialog.table.rowCount() == 1, timeout=10_000
        )
        check("import", dialog)
        chat = Path(folder) / "chat.txt"  # a group chat: "You are:" and its notice are shown
        chat.write_text(
            "05/12/2026, 21:40 - 王警官: 你爸爸在等你的电话\n"
            "05/12/2026, 21:41 - ئايشە: سىز كىم؟\n"
            "05/12/2026, 21:42 - +86 139 1234 5678: 我们知道你家在哪里\n",
            encoding="utf-8",
        )
        dialog.open_path(chat)
        qtbot.waitUntil(
            lambda: dialog.running is None and dialog.me_chooser.isVisible(), timeout=10_000
        )
        check("import, a chat's senders", dialog)
    dialog.close()


def _check_whole_export(qtbot, window, check: Check) -> None:
    """The export wizard's amber warning: the ticked entry carries a whole phone export whose
    other entries stay unticked (docs/imports.md, "Attaching the export file itself")."""
    import tempfile

    from tests.evidence.test_whole_export_warning import import_chat
    from tr_journal.gui.dialogs.export_wizard import ExportWizard
    from tr_journal.journal import actions

    first = f"E{len(actions.list_entries(window.vault)) + 1:04d}"  # nothing was deleted
    with tempfile.TemporaryDirectory() as folder:
        import_chat(window.vault, Path(folder), first=first)
    wizard = _show(qtbot, ExportWizard(window.vault, window.tasks, window, [first]))
    qtbot.waitUntil(lambda: wizard.selection_page.notice.isVisible(), timeout=10_000)
    check("export page 0, a whole export disclosed", wizard)
    wizard.close()


def _check_transcripts(qtbot, window, entry_id: str, check: Check) -> None:
    """The files tab with a transcript under the recording, and the dialog that translates it
    (docs/record-format.md, "Transcripts")."""
    from tests.helpers import FIXTURES
    from tr_journal.journal import actions
    from tr_journal.media.attaching import attach_files

    [audio] = attach_files(window.vault, entry_id, [FIXTURES / "call-ug.flac"])
    actions.add_transcript(
        window.vault, audio.id, {"language": "ug", "text": "سەن نامايىشقا بارما"}
    )
    panel = window.detail.attachments
    window.detail.tabs.setCurrentWidget(panel)
    panel.reload()
    qtbot.waitUntil(lambda: panel.list.count() == 1)
    panel.list.setCurrentRow(0)
    qtbot.waitUntil(lambda: panel.transcript_bar.edit_button.isEnabled(), timeout=10_000)
    wait_idle(qtbot, window)
    check("files, with a transcript", window)
    bar = panel.transcript_bar
    dialog = _show(qtbot, bar.open_dialog(bar.found[0], translate=True))
    check("transcript dialog", dialog)
    dialog.close()
    window.detail.tabs.setCurrentIndex(0)


def walk_windows(qtbot, window, check: Check) -> None:
    """Bring ``window`` (an unlocked main window) through every screen; ``check`` each."""
    from tr_journal.gui.dialogs.export_wizard import ExportWizard
    from tr_journal.gui.dialogs.settings_dialog import SettingsDialog
    from tr_journal.gui.dialogs.verify_dialog import VerifyDialog
    from tr_journal.gui.widgets.recovery_key_view import RecoveryKeyDialog

    ids = add_entries(
        window,
        [
            {
                "occurred_at": "2026-11-05T21:40:00",
                "channel": "phone",
                "caller_number": "+86 991 555 0142",
            }
        ],
    )
    window.timeline.refresh(select=ids[0])
    window.show_entry(ids[0])
    wait_idle(qtbot, window)
    check("journal", window)
    _check_transcripts(qtbot, window, ids[0], check)
    window.new_entry()
    check("form", window)
    window.form.more_button.setChecked(True)
    check("form, more details", window)
    settings = _show(
        qtbot, SettingsDialog(window.vault, window.tasks, window.lock_controller, window)
    )
    for index in range(settings.tabs.count()):
        settings.tabs.setCurrentIndex(index)
        check(f"settings tab {index}", settings)
    settings.close()
    verify = _show(qtbot, VerifyDialog(window.tasks, window))
    check("verify", verify)
    verify.close()
    if hasattr(window, "action_stamps"):
        from tr_journal.gui.dialogs.stamps_dialog import StampsDialog

        stamps = _show(qtbot, StampsDialog(window.vault, window.tasks, window))
        wait_idle(qtbot, window)
        stamps._show_online(True)  # every control on screen (without saving the setting)
        check("time stamps", stamps)
        stamps.close()
    if hasattr(window, "action_import"):
        _check_import(qtbot, window, check)
    wizard = _show(qtbot, ExportWizard(window.vault, window.tasks, window))
    wait_idle(qtbot, window)
    for index in range(3):
        check(f"export page {index}", wizard)
        wizard.next()
    qtbot.waitUntil(
        lambda: (
            wizard.export_page.result is not None or wizard.export_page.retry_button.isVisible()
        ),
        timeout=60_000,
    )
    check("export result", wizard)
    wizard.close()
    _check_whole_export(qtbot, window, check)
    key = _show(qtbot, RecoveryKeyDialog("ABCD2-EFGH3-IJKL4-MNOP5", window))
    check("recovery key", key)
    key.written.setChecked(True)
    key.accept()
    window.show_patterns()
    from tr_journal.gui.widgets.patterns_view import PatternsWindow

    patterns = window.findChild(PatternsWindow)
    qtbot.waitExposed(patterns)
    qtbot.waitUntil(lambda: patterns.loaded is not None, timeout=10_000)
    check("patterns", patterns)
    patterns.close()
    if hasattr(window, "shortcuts_dialog"):
        shortcuts = window.shortcuts_dialog()
        _show(qtbot, shortcuts)
        check("keyboard shortcuts", shortcuts)
        shortcuts.close()


@pytest.fixture(params=LANGUAGES)
def language(request, qapp) -> Iterator[str]:
    qt.apply_language(qapp, request.param)
    yield request.param
    qt.apply_language(qapp, "en")


@pytest.mark.gui
def test_no_clash_and_no_cut_text_anywhere(
    qtbot, language, vault_dir: Path, tmp_path: Path, monkeypatch
) -> None:
    from tr_journal.gui.main_window import MainWindow

    monkeypatch.setenv("HOME", str(tmp_path))  # the export's default folder, never the user's
    found: list[str] = []

    def check(where: str, widget: QWidget) -> None:
        QApplication.processEvents()  # pending layouts, as before the next paint
        found.extend(f"{where}: {clash}" for clash in mnemonic_clashes(widget))
        found.extend(f"{where}: {cut}" for cut in cut_texts(widget))
        if language != "en":
            found.extend(f"{where}: {text}" for text in untranslated(widget, language))
        else:
            found.extend(f"{where}: {text}" for text in uncatalogued(visible_texts(widget)))

    first = MainWindow(tmp_path / "new-vault", kdf=CHEAP_KDF)
    _show(qtbot, first)
    check("create", first)
    screen = first.create_screen
    for field in (screen.first, screen.second):
        qtbot.keyClicks(field, "cinnamon lantern orbit meadow")
    screen.submit()
    qtbot.waitUntil(lambda: screen.pages.currentIndex() == 1, timeout=30_000)
    check("create, recovery key", first)
    window = MainWindow(vault_dir, kdf=CHEAP_KDF)
    _show(qtbot, window)
    check("unlock", window)
    unlock(qtbot, window)
    wait_idle(qtbot, window)
    try:
        walk_windows(qtbot, window, check)
    finally:
        window.tasks.cancel_all()
        window.tasks.wait_all()
    assert found == [], "\n".join(found)


def test_the_check_finds_a_clash(qtbot) -> None:
    """Two buddied labels with the same letter in one window are reported (as before the fix
    "&When" and "&Who they claimed to be" were)."""
    from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QVBoxLayout

    root = QWidget()
    layout = QVBoxLayout(root)
    for text in ("&When:", "&Who they claimed to be:"):
        label, edit = QLabel(text), QLineEdit()
        label.setBuddy(edit)
        layout.addWidget(label)
        layout.addWidget(edit)
    layout.addWidget(QPushButton("保存(&S)"))
    _show(qtbot, root)
    assert mnemonic_clashes(root) == ["Alt+W: QLabel '&When:' | QLabel '&Who they claimed to be:'"]


def test_the_check_finds_a_text_not_in_the_catalog(qtbot) -> None:
    from PySide6.QtWidgets import QLabel, QVBoxLayout

    root = QWidget()
    layout = QVBoxLayout(root)
    for text in ("Who they claimed to be:", "Nobody marked this", "E0042", "English"):
        layout.addWidget(QLabel(text))
    _show(qtbot, root)
    assert uncatalogued(visible_texts(root)) == [
        "QLabel: 'Nobody marked this' is not in the catalog"
    ]
