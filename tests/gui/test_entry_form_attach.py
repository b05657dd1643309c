"""Files chosen or dropped while writing an entry are added, bit-exact, once it is saved."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from tests.gui.conftest import drop_files, wait_idle
from tests.helpers import FIXTURE_SHA256
from tr_journal.journal import entries
from tr_journal.media.records import list_attachments


def stored(window, public_id: str) -> list[dict]:
    with window.vault.reading() as conn:
        return [a.to_json() for a in list_attachments(conn, public_id)]


def wait_attached(qtbot, window, count: int) -> str:
    panel = window.detail.attachments
    qtbot.waitUntil(
        lambda: (
            panel.entry_id is not None and panel.task is None and len(panel.attachments) == count
        ),
        timeout=60_000,
    )
    return panel.entry_id


def test_save_and_attach_adds_the_files_to_the_new_entry(
    qtbot, unlocked, fixtures_dir: Path, monkeypatch
) -> None:
    window, form = unlocked, unlocked.form
    chosen = [fixtures_dir / "call-fr.m4a", fixtures_dir / "wechat-police-demand.png"]
    monkeypatch.setattr(
        QFileDialog,
        "getOpenFileNames",
        staticmethod(lambda *a, **k: ([str(p) for p in chosen], "")),
    )
    window.new_entry()
    qtbot.keyClicks(form.lines["claimed_identity"], "Police, Kashgar")
    qtbot.mouseClick(form.pending.button, Qt.MouseButton.LeftButton)
    public_id = wait_attached(qtbot, window, 2)
    with window.vault.reading() as conn:
        assert entries.get_entry(conn, public_id).fields.claimed_identity == "Police, Kashgar"
    hashes = sorted(record["sha256"] for record in stored(window, public_id))
    assert hashes == sorted(FIXTURE_SHA256[p.name] for p in chosen)
    assert window.detail.tabs.currentWidget() is window.detail.attachments
    assert form.pending.paths == []


def test_files_dropped_on_the_form_are_added_after_the_save(
    qtbot, unlocked, fixtures_dir: Path
) -> None:
    window, form = unlocked, unlocked.form
    window.new_entry()
    qtbot.keyClicks(form.lines["claimed_identity"], "Uncle, on WeChat")
    drop_files(form, [fixtures_dir / "voice-note-zh.opus"])
    public_id = wait_attached(qtbot, window, 1)
    [record] = stored(window, public_id)
    assert record["sha256"] == FIXTURE_SHA256["voice-note-zh.opus"]


def test_a_refused_save_keeps_the_files_waiting_and_closing_forgets_them(
    qtbot, unlocked, fixtures_dir: Path, monkeypatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(
        "tr_journal.gui.widgets.entry_form.show_error",
        lambda _parent, error: shown.append(str(error)),
    )
    window, form = unlocked, unlocked.form
    window.new_entry()
    monkeypatch.setattr(form, "fields", lambda: {"channel": "phone"})  # no time: refused
    form.pending.add([fixtures_dir / "call-en.mp3"])
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert form.pending.paths == [fixtures_dir / "call-en.mp3"]
    assert "call-en.mp3" in form.pending.hint.text()  # the person sees what still waits
    form.close_form()
    assert form.pending.paths == []
    wait_idle(qtbot, window)
    with window.vault.reading() as conn:
        assert conn.execute("SELECT count(*) FROM attachments").fetchone()[0] == 0


def test_locking_forgets_files_waiting_for_a_save(qtbot, unlocked, fixtures_dir: Path) -> None:
    window, form = unlocked, unlocked.form
    window.new_entry()
    form.pending.paths.append(fixtures_dir / "call-en.mp3")  # as if the save were under way
    window._pending_files = ("E-0001", [fixtures_dir / "call-en.mp3"])
    window.lock()
    assert form.pending.paths == [] and window._pending_files is None
