"""The settings dialog on a real vault: passphrase, recovery key, key card, backup/restore,
auto-lock, language, vault location — and no trace of content or file names in config files."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QMessageBox

from tests.helpers import PASSPHRASE
from tr_journal.errors import WrongPassphrase
from tr_journal.gui.dialogs.settings_backup import restore_target
from tr_journal.gui.dialogs.settings_dialog import SettingsDialog, apply_language
from tr_journal.gui.tasks import TaskRunner
from tr_journal.i18n import current_language, translations_for
from tr_journal.journal.entries import add_entry, list_entries
from tr_journal.settings import load_settings, settings_path
from tr_journal.vault import Vault

pytestmark = pytest.mark.gui
NEW_PASSPHRASE = "violet harbour quietly marmalade 1987"


@pytest.fixture
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    return home


@pytest.fixture
def lock_controller(qtbot):
    from tr_journal.gui.lock import LockController

    return LockController()


@pytest.fixture
def dialog(qtbot, vault: Vault, config_home: Path, lock_controller) -> SettingsDialog:
    tasks = TaskRunner()
    dlg = SettingsDialog(vault, tasks, lock_controller)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitUntil(lambda: dlg.key_card.task is None)
    yield dlg
    tasks.cancel_all()
    tasks.wait_all()
    apply_language("en")


def wait_tab(qtbot, tab) -> None:
    qtbot.waitUntil(lambda: tab.task is None, timeout=30_000)


def fake_save(monkeypatch, target: Path) -> None:
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )


def test_change_passphrase(qtbot, dialog: SettingsDialog, vault: Vault) -> None:
    tab = dialog.passphrase
    dialog.tabs.setCurrentWidget(tab)
    tab.current.setText("not the passphrase")
    tab.new.setText(NEW_PASSPHRASE)
    tab.again.setText(NEW_PASSPHRASE + "x")
    assert not tab.change_button.isEnabled() and tab.mismatch.isVisible()
    tab.again.setText("password1")
    tab.new.setText("password1")
    assert not tab.change_button.isEnabled()  # too weak
    assert tab.meter.reasons.text()
    tab.new.setText(NEW_PASSPHRASE)
    tab.again.setText(NEW_PASSPHRASE)
    assert tab.change_button.isEnabled()
    tab.change_button.click()  # wrong current passphrase
    wait_tab(qtbot, tab)
    assert tab.status.is_error and "passphrase is not correct" in tab.status.text()
    Vault.open(vault.dir, PASSPHRASE).close()  # nothing changed
    tab.current.setText(PASSPHRASE)
    qtbot.keyClick(tab.again, Qt.Key.Key_Return)
    wait_tab(qtbot, tab)
    assert not tab.status.is_error, tab.status.text()
    assert "old passphrase" in tab.status.text() and "tr-journal rekey" in tab.status.text()
    assert tab.current.text() == tab.new.text() == ""
    with pytest.raises(WrongPassphrase):
        Vault.open(vault.dir, PASSPHRASE)
    Vault.open(vault.dir, NEW_PASSPHRASE).close()
    assert vault.is_open


def test_new_recovery_key_shown_once_and_works(
    qtbot, monkeypatch, dialog: SettingsDialog, vault: Vault, recovery_key: str
) -> None:
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes)
    )
    tab = dialog.passphrase
    dialog.tabs.setCurrentWidget(tab)
    tab.recovery_button.click()
    qtbot.waitUntil(lambda: tab.key_dialog is not None, timeout=30_000)
    shown = tab.key_dialog
    key = shown.recovery_key
    assert key and key != recovery_key and shown.key_label.text() == key
    assert key in shown.key_sheet_html()
    shown.reject()  # Escape before confirming does not close it
    assert shown.isVisible() and not shown.done_button.isEnabled()
    shown.written.setChecked(True)
    shown.done_button.click()
    assert not shown.isVisible() and shown.key_label.text() == ""
    assert tab.key_dialog is None
    qtbot.waitUntil(lambda: tab.task is None, timeout=30_000)  # the confirmation is written
    Vault.open(vault.dir, recovery_key=key).close()
    with pytest.raises(WrongPassphrase):
        Vault.open(vault.dir, recovery_key=recovery_key)


def test_new_recovery_key_closed_unconfirmed_keeps_the_old(
    qtbot, monkeypatch, dialog: SettingsDialog, vault: Vault, recovery_key: str
) -> None:
    """Closed by the app (the journal locking) before the confirmation: the old key stays."""
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes)
    )
    tab = dialog.passphrase
    tab.recovery_button.click()
    qtbot.waitUntil(lambda: tab.key_dialog is not None, timeout=30_000)
    shown = tab.key_dialog
    new = shown.recovery_key
    Vault.open(vault.dir, recovery_key=recovery_key).close()  # both work while it is shown
    shown.force_close()
    assert tab.key_dialog is None and tab.task is None
    Vault.open(vault.dir, PASSPHRASE).close()  # the next unlock drops the pending key
    Vault.open(vault.dir, recovery_key=recovery_key).close()
    with pytest.raises(WrongPassphrase):
        Vault.open(vault.dir, recovery_key=new)


def test_recovery_key_not_made_when_declined(
    monkeypatch, dialog: SettingsDialog, vault: Vault, recovery_key: str
) -> None:
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.No)
    )
    dialog.passphrase.recovery_button.click()
    assert dialog.passphrase.task is None
    Vault.open(vault.dir, recovery_key=recovery_key).close()


def test_key_card_pdf_and_fingerprint(
    qtbot, monkeypatch, dialog: SettingsDialog, vault: Vault, tmp_path: Path
) -> None:
    tab = dialog.key_card
    dialog.tabs.setCurrentWidget(tab)
    assert tab.fingerprint.text() == vault.fingerprint()
    fake_save(monkeypatch, tmp_path / "card")
    tab.card_button.click()
    wait_tab(qtbot, tab)
    card = tmp_path / "card.pdf"
    assert not tab.status.is_error, tab.status.text()
    assert card.read_bytes().startswith(b"%PDF")


def test_backup_then_restore_into_new_folder(
    qtbot, monkeypatch, dialog: SettingsDialog, vault: Vault, tmp_path: Path
) -> None:
    with vault.transaction() as tx:
        add_entry(tx, {"occurred_at": "2026-02-01T09:00:00+01:00", "narrative": "kept safe"})
    tab = dialog.backup
    dialog.tabs.setCurrentWidget(tab)
    backup_file = tmp_path / "usb" / "journal.trjbackup"
    backup_file.parent.mkdir()
    fake_save(monkeypatch, backup_file)
    tab.backup_button.click()
    wait_tab(qtbot, tab)
    assert not tab.status.is_error, tab.status.text()
    assert backup_file.is_file()
    # restore: into a non-empty folder -> a new sub-folder; the open vault untouched
    parent = tmp_path / "restore-here"
    parent.mkdir()
    (parent / "other.txt").write_text("unrelated")
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(backup_file), ""))
    )
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(parent))
    )
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: (PASSPHRASE, True)))
    tab.restore_button.click()
    wait_tab(qtbot, tab)
    assert not tab.status.is_error, tab.status.text()
    target = tab.restored
    assert target is not None and target.parent == parent
    restored = Vault.open(target, PASSPHRASE)
    with restored.reading() as conn:
        assert [e.fields.narrative for e in list_entries(conn)] == ["kept safe"]
    restored.close()
    assert (parent / "other.txt").read_text() == "unrelated"
    tab.use_button.click()
    assert load_settings().vault_dir == str(target)


def test_restore_with_the_recovery_key(
    qtbot, monkeypatch, dialog: SettingsDialog, vault: Vault, recovery_key: str, tmp_path: Path
) -> None:
    from tr_journal.maintenance import backup

    backup_file = tmp_path / "b.trjbackup"
    backup(vault, backup_file)
    target = tmp_path / "empty"
    target.mkdir()
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(backup_file), ""))
    )
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(target))
    )
    monkeypatch.setattr(
        QInputDialog, "getText", staticmethod(lambda *a, **k: (recovery_key.lower(), True))
    )
    dialog.backup.restore_button.click()
    wait_tab(qtbot, dialog.backup)
    assert not dialog.backup.status.is_error, dialog.backup.status.text()
    assert dialog.backup.restored == target
    Vault.open(target, PASSPHRASE).close()
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("nope", True)))
    other = tmp_path / "other"
    other.mkdir()
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(other))
    )
    dialog.backup.restore_button.click()
    wait_tab(qtbot, dialog.backup)
    assert (
        dialog.backup.status.is_error and "passphrase is not correct" in dialog.backup.status.text()
    )
    assert list(other.iterdir()) == []


def test_restore_refuses_the_open_vault_folder(
    monkeypatch, dialog: SettingsDialog, vault: Vault, tmp_path: Path
) -> None:
    monkeypatch.setattr(
        QFileDialog,
        "getOpenFileName",
        staticmethod(lambda *a, **k: (str(tmp_path / "x.trjbackup"), "")),
    )
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(vault.dir))
    )
    dialog.backup.restore_button.click()
    assert dialog.backup.status.is_error and dialog.backup.task is None


def test_restore_target_naming(tmp_path: Path) -> None:
    import datetime as dt

    assert restore_target(tmp_path) == tmp_path
    (tmp_path / "f").touch()
    day = dt.date(2026, 11, 26)
    assert restore_target(tmp_path, day) == tmp_path / "tr-journal-restored-2026-11-26"
    (tmp_path / "tr-journal-restored-2026-11-26").mkdir()
    assert restore_target(tmp_path, day) == tmp_path / "tr-journal-restored-2026-11-26-2"


def test_autolock_minutes_reach_the_lock_and_are_saved(
    dialog: SettingsDialog, lock_controller
) -> None:
    assert dialog.general.autolock.value() == 5
    dialog.general.autolock.setValue(12)
    assert lock_controller.timeout_minutes == 12
    assert load_settings().autolock_minutes == 12


def test_language_switch_retranslates_and_flips_layout(qtbot, dialog: SettingsDialog) -> None:
    combo = dialog.general.language
    combo.setCurrentIndex(combo.findData("ug"))
    assert current_language() == "ug" and load_settings().language == "ug"
    assert QGuiApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    qtbot.waitUntil(lambda: dialog.layoutDirection() == Qt.LayoutDirection.RightToLeft)
    combo.setCurrentIndex(combo.findData("fr"))
    assert QGuiApplication.layoutDirection() == Qt.LayoutDirection.LeftToRight
    french = translations_for("fr").gettext("Strength:")
    if french == "Strength:":
        pytest.skip("no French catalog compiled")
    label = dialog.passphrase.labels[3]
    qtbot.waitUntil(lambda: label.text() == french)


def test_vault_location_is_remembered_for_next_start(
    monkeypatch, dialog: SettingsDialog, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(elsewhere))
    )
    dialog.general.choose_button.click()
    assert load_settings().vault_dir == str(elsewhere)
    assert dialog.general.next_start.text() == str(elsewhere)
    dialog.general.default_button.click()
    assert load_settings().vault_dir is None


def test_no_config_file_holds_names_or_content(
    qtbot, dialog: SettingsDialog, vault: Vault, config_home: Path, tmp_path: Path
) -> None:
    """Real Qt file dialog (not monkeypatched) + every preference: only settings.json appears,
    and it holds none of the attachment name, the entry text or the folders visited."""
    from tr_journal.media.ingest import add_attachment

    canary_dir = tmp_path / "canary-folder-7d1f"
    canary_dir.mkdir()
    media = canary_dir / "canary-recording-93af.m4a"
    media.write_bytes(b"\0" * 4096)
    with vault.transaction() as tx:
        entry = add_entry(
            tx, {"occurred_at": "2026-02-01T09:00:00+01:00", "narrative": "canary-text-5be2"}
        )
        add_attachment(tx, entry, media)

    def accept_real_dialog() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QFileDialog):
            box.selectFile(str(canary_dir / "canary-card-0c4e.pdf"))
            box.accept()
        else:
            QTimer.singleShot(20, accept_real_dialog)

    QTimer.singleShot(0, accept_real_dialog)
    dialog.key_card.card_button.click()  # a real, modal, non-native QFileDialog
    wait_tab(qtbot, dialog.key_card)
    assert (canary_dir / "canary-card-0c4e.pdf").is_file()
    dialog.general.autolock.setValue(7)
    dialog.general.language.setCurrentIndex(dialog.general.language.findData("fr"))
    files = [p for p in config_home.rglob("*") if p.is_file()]
    assert files == [settings_path()]
    text = settings_path().read_text(encoding="utf-8")
    for canary in ("canary", "93af", "5be2", str(tmp_path)):
        assert canary not in text


def test_closing_for_lock_removes_the_recovery_key(
    qtbot, monkeypatch, dialog: SettingsDialog
) -> None:
    """The main window closes its dialogs when it locks: no key may stay on screen."""
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes)
    )
    dialog.tabs.setCurrentWidget(dialog.passphrase)
    dialog.passphrase.recovery_button.click()
    qtbot.waitUntil(lambda: dialog.passphrase.key_dialog is not None, timeout=30_000)
    shown = dialog.passphrase.key_dialog
    assert shown.isVisible()
    dialog.close()
    assert not shown.isVisible() and shown.key_label.text() == ""
    assert dialog.passphrase.key_dialog is None
