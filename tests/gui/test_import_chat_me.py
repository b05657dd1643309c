"""File → Import…, "You are:": the person says which sender of a chat they are, so the caller
column names the other party, never them (docs/imports.md, "Who is the caller")."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.imports import samples
from tr_journal.gui.dialogs.import_dialog import ImportDialog
from tr_journal.i18n.format import strip_isolates

pytestmark = pytest.mark.gui


def _open(qtbot, dlg: ImportDialog, path: Path) -> None:  # type: ignore[no-untyped-def]
    dlg.open_path(path)
    qtbot.waitUntil(lambda: dlg.running is None and dlg.preview is not None, timeout=20_000)


def _callers(dlg: ImportDialog) -> list[str]:
    return [strip_isolates(dlg.table.item(i, 1).text()) for i in range(dlg.table.rowCount())]


def _choose(qtbot, dlg: ImportDialog, sender: str) -> None:  # type: ignore[no-untyped-def]
    combo = dlg.me_chooser.combo
    before = dlg.preview
    combo.setCurrentIndex(combo.findData(sender))
    qtbot.waitUntil(lambda: dlg.running is None and dlg.preview is not before, timeout=20_000)


def test_group_chat_choosing_me_fills_the_other_party(
    qtbot,
    dialog: ImportDialog,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    path = tmp_path / "chat.txt"
    path.write_text(samples.ANDROID_GROUP, encoding="utf-8")
    _open(qtbot, dialog, path)
    chooser = dialog.me_chooser
    assert chooser.isVisible() and chooser.notice.isVisible()  # unknown: said plainly
    assert chooser.chosen() is None
    senders = [chooser.combo.itemData(i) for i in range(1, chooser.combo.count())]
    assert senders == ["Officer Li", "Ayşe", "+86 139 1234 5678"]
    assert _callers(dialog) == [""] * 4  # nobody named while the person is unknown
    _choose(qtbot, dialog, "Ayşe")
    assert _callers(dialog) == ["Officer Li", "", "+86 139 1234 5678", ""]
    assert not chooser.notice.isVisible() and chooser.chosen() == "Ayşe"
    assert [r.fields.get("direction") for r in dialog.preview.rows] == [
        "incoming",
        "outgoing",
        "incoming",
        "outgoing",
    ]
    _choose(qtbot, dialog, "Officer Li")  # another choice reads the chat again
    assert _callers(dialog) == ["", "Ayşe", "+86 139 1234 5678", "Ayşe"]
    assert "Officer Li" not in _callers(dialog)
    _choose(qtbot, dialog, "")  # "not chosen": nobody is named again
    assert _callers(dialog) == [""] * 4 and chooser.notice.isVisible()


def test_file_name_preselects_the_person(
    qtbot,
    dialog: ImportDialog,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    path = samples.whatsapp_zip(
        tmp_path / "WhatsApp Chat with +86 139 1234 5678.zip",
        samples.ANDROID_24H_DMY,
        "WhatsApp Chat with +86 139 1234 5678.txt",
        {},
    )
    _open(qtbot, dialog, path)
    chooser = dialog.me_chooser
    assert chooser.isVisible() and chooser.chosen() == "Ayşe"
    assert not chooser.notice.isVisible()
    assert _callers(dialog) == ["+86 139 1234 5678"] * 4
    csv = tmp_path / "calls.csv"  # another kind of export: no chooser
    csv.write_text("occurred_at,caller_number\n2026-11-05 21:40,+8613912345678\n")
    _open(qtbot, dialog, csv)
    assert not chooser.isVisible() and chooser.chosen() is None


def test_telegram_group_chooser(qtbot, dialog: ImportDialog, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = samples.telegram_chat(
        tmp_path / "result.json",
        "Hometown news",
        "private_group",
        [("Officer Wang", "user777", "We know where you live."), ("Ayşe", "user1", "Stop.")],
    )
    _open(qtbot, dialog, path)
    assert dialog.me_chooser.isVisible() and _callers(dialog) == ["", ""]
    _choose(qtbot, dialog, "Ayşe")
    assert _callers(dialog) == ["Officer Wang", "Officer Wang"]


def test_chooser_by_alt_letter_and_tab(qtbot, dialog: ImportDialog, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "chat.txt"
    path.write_text(samples.ANDROID_GROUP, encoding="utf-8")
    _open(qtbot, dialog, path)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    combo = dialog.me_chooser.combo
    qtbot.keyClick(dialog, Qt.Key.Key_Y, Qt.KeyboardModifier.AltModifier)  # "&You are:"
    assert QApplication.focusWidget() is combo
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # the first sender, chosen with the keyboard
    qtbot.waitUntil(lambda: dialog.running is None and dialog.me_chooser.chosen() is not None)
    qtbot.waitUntil(lambda: "Ayşe" in _callers(dialog), timeout=20_000)  # Li is "me" now
    dialog.path_edit.setFocus()
    for _step in range(12):
        if QApplication.focusWidget() is combo:
            break
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is combo


def test_a_choice_made_while_reading_is_not_lost(
    qtbot,
    dialog: ImportDialog,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    import threading

    from tr_journal.gui.dialogs import import_dialog

    path = tmp_path / "chat.txt"
    path.write_text(samples.ANDROID_GROUP, encoding="utf-8")
    _open(qtbot, dialog, path)
    gate, real = threading.Event(), import_dialog.read_preview

    def slow(*args, **kwargs):  # type: ignore[no-untyped-def]
        assert gate.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(import_dialog, "read_preview", slow)
    combo = dialog.me_chooser.combo
    combo.setCurrentIndex(combo.findData("Officer Li"))
    assert dialog.running is not None  # that read waits at the gate
    combo.setCurrentIndex(combo.findData("Ayşe"))  # changed her mind meanwhile
    gate.set()
    qtbot.waitUntil(
        lambda: dialog.running is None and _callers(dialog)[0] == "Officer Li", timeout=20_000
    )
    assert dialog.me_chooser.chosen() == "Ayşe"
    assert _callers(dialog) == ["Officer Li", "", "+86 139 1234 5678", ""]
