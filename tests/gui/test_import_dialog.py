"""File → Import…: preview table, CSV field choosers, ticked rows imported, cancel."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.imports import samples
from tr_journal.gui.dialogs.import_dialog import ImportDialog
from tr_journal.journal.chain import all_events
from tr_journal.journal.entries import count_entries
from tr_journal.vault import Vault

pytestmark = pytest.mark.gui


def _wait_idle(qtbot, dlg: ImportDialog) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: dlg.running is None, timeout=20_000)


def test_chat_preview_tick_and_import(
    qtbot,
    dialog: ImportDialog,
    vault: Vault,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    chat = samples.whatsapp_zip(
        tmp_path / "chat.zip",
        samples.ANDROID_24H_DMY,
        "WhatsApp Chat with +86 139 1234 5678.txt",
        {"PTT-20261205-WA0001.opus": b"OggS" * 100},
    )
    dialog.open_path(chat)
    _wait_idle(qtbot, dialog)
    assert dialog.table.rowCount() == 4
    assert "PTT-20261205-WA0001.opus" in dialog.table.item(2, 3).text()
    assert not dialog.import_button.isEnabled()  # nothing ticked: nothing to import
    dialog.table.item(0, 0).setCheckState(Qt.CheckState.Checked)
    dialog.table.item(2, 0).setCheckState(Qt.CheckState.Checked)
    assert dialog.import_button.isEnabled()
    dialog.import_button.click()
    _wait_idle(qtbot, dialog)
    assert len(dialog.imported) == 2
    assert count_entries(vault.conn) == 2
    assert dialog.table.item(0, 4).text() == dialog.imported[0]  # the row shows its entry
    assert not dialog.table.item(0, 0).flags() & Qt.ItemFlag.ItemIsUserCheckable
    dialog.grab().save(str(tmp_path / "import-chat.png"))


def test_csv_field_chooser_per_column(
    qtbot,
    dialog: ImportDialog,
    vault: Vault,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    path = tmp_path / "journal.csv"
    path.write_text(
        "Date;Number;Kind\n2026-12-05 21:40;+8613912345678;phone\n"
        "2026-12-06 09:00;+8613912345678;fax\n",
        encoding="utf-8",
    )
    dialog.open_path(path)
    assert dialog.columns_box.isVisible() and dialog.table.rowCount() == 0
    combos = [w for w in dialog.columns_box.findChildren(type(dialog.by_combo))]
    combos[0].setCurrentIndex(combos[0].findData("occurred_at"))
    _wait_idle(qtbot, dialog)
    combos[2].setCurrentIndex(combos[2].findData("channel"))
    _wait_idle(qtbot, dialog)
    assert dialog.table.rowCount() == 2
    assert "fax" in dialog.table.item(1, 4).text()  # the problem shown, row not tickable
    dialog.tick_all(True)
    assert len(dialog.ticked()) == 1
    dialog.import_button.click()
    _wait_idle(qtbot, dialog)
    assert count_entries(vault.conn) == 1


def test_cancel_leaves_the_vault_unchanged(
    qtbot,
    dialog: ImportDialog,
    vault: Vault,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tr_journal.imports import service

    path = samples.calls_xml(
        tmp_path / "calls-1.xml", [("+8613912345678", 0, i * 1000, 3, "") for i in range(30)]
    )
    dialog.open_path(path)
    _wait_idle(qtbot, dialog)
    dialog.tick_all(True)
    before = len(all_events(vault.conn))
    real_add = service.add_entry
    started = threading.Event()

    def slow_add(conn, fields):  # type: ignore[no-untyped-def]
        started.set()
        time.sleep(0.05)  # leaves the person time to press Cancel
        return real_add(conn, fields)

    monkeypatch.setattr(service, "add_entry", slow_add)
    dialog.start_import()
    assert dialog.cancel_button.text() == "Cancel"
    assert started.wait(10)
    dialog.cancel_button.click()
    _wait_idle(qtbot, dialog)
    assert len(all_events(vault.conn)) == before
    assert "nothing" in dialog.status.text().lower()
    assert dialog.isVisible()  # Cancel stopped the import, it did not close the dialog


def test_hostile_file_one_sentence(qtbot, dialog: ImportDialog, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.imports.test_hostile import BOMB

    bomb = tmp_path / "calls-bomb.xml"
    bomb.write_text(BOMB)
    dialog.open_path(bomb)
    _wait_idle(qtbot, dialog)
    assert "calls-bomb.xml" in dialog.status.text() and dialog.table.rowCount() == 0


def test_ticked_screenshots_as_one_entry(
    qtbot,
    dialog: ImportDialog,
    vault: Vault,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    folder = tmp_path / "shots"
    folder.mkdir()
    for name in (
        "Screenshot_20261205-214012.png",
        "Screenshot_20261206-080000.png",
        "IMG_20261207_101010.jpg",
    ):
        (folder / name).write_bytes(name.encode())
    dialog.open_path(folder)
    _wait_idle(qtbot, dialog)
    assert dialog.table.rowCount() == 3  # one per day
    dialog.table.item(0, 0).setCheckState(Qt.CheckState.Checked)
    dialog.table.item(1, 0).setCheckState(Qt.CheckState.Checked)
    dialog.combine.setChecked(True)
    dialog.import_button.click()
    _wait_idle(qtbot, dialog)
    assert len(dialog.imported) == 1 and count_entries(vault.conn) == 1
