"""Attachments: add by button, drop, paste; bit-exact; progress and cancel; no path leaks."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QApplication, QFileDialog

from tests.gui.conftest import add_entries, drop_files, wait_idle
from tests.helpers import FIXTURE_SHA256
from tr_journal.canonical import sha256_hex
from tr_journal.media.decode import read_original
from tr_journal.media.records import list_attachments


@pytest.fixture
def panel(qtbot, unlocked):
    [entry_id] = add_entries(unlocked, [{"occurred_at": "2026-01-29T15:03"}])
    unlocked.timeline.refresh(select=entry_id)
    qtbot.waitUntil(lambda: unlocked.detail.public_id == entry_id)
    return unlocked.detail.attachments


def stored(panel) -> list[dict]:
    with panel.vault.reading() as conn:
        return [a.to_json() for a in list_attachments(conn, panel.entry_id)]


def wait_import(qtbot, panel) -> None:
    qtbot.waitUntil(lambda: panel.task is None, timeout=60_000)


def test_add_every_fixture_by_button_bit_exact(
    qtbot, panel, fixtures_dir: Path, monkeypatch
) -> None:
    files = [fixtures_dir / name for name in sorted(FIXTURE_SHA256)]
    seen: dict = {}

    def fake_dialog(parent, caption, directory, filters, options=None, **_kw):
        seen["options"] = options
        return [str(f) for f in files], ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(fake_dialog))
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    wait_import(qtbot, panel)
    assert seen["options"] & QFileDialog.Option.DontUseNativeDialog
    records = stored(panel)
    assert {r["name"]: r["sha256"] for r in records} == FIXTURE_SHA256
    with panel.vault.reading() as conn:
        for record in records:
            assert sha256_hex(read_original(conn, record["id"])) == record["sha256"]
    assert panel.list.count() == len(files)
    kinds = {r["media_type"].split("/")[0] for r in records}
    assert {"audio", "image"} <= kinds
    assert "Added 9 files." in panel.status.text()


def test_drop_files(qtbot, panel, fixtures_dir: Path) -> None:
    drop_files(panel, [fixtures_dir / "call-fr.m4a"])
    wait_import(qtbot, panel)
    [record] = stored(panel)
    assert record["sha256"] == FIXTURE_SHA256["call-fr.m4a"]
    assert record["media_type"].startswith("audio/")


def test_paste_image_from_clipboard_goes_in_from_memory(
    qtbot, panel, fixtures_dir: Path, tmp_path, monkeypatch
) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))
    monkeypatch.setattr("tempfile.tempdir", str(scratch))
    image = QImage(str(fixtures_dir / "wechat-police-demand.png"))
    QGuiApplication.clipboard().setImage(image)
    qtbot.mouseClick(panel.paste_button, Qt.MouseButton.LeftButton)
    wait_import(qtbot, panel)
    [record] = stored(panel)
    assert record["media_type"] == "image/png" and record["name"].startswith("pasted-")
    with panel.vault.reading() as conn:
        data = read_original(conn, record["id"])
    assert QImage.fromData(data).size() == image.size()
    assert list(scratch.iterdir()) == []  # nothing went through a temp file


def test_capture_screen_imports_a_png_or_says_why_not(qtbot, panel) -> None:
    panel._grab(panel.window())
    qtbot.waitUntil(lambda: panel.task is None)
    records = stored(panel)
    if records:
        assert records[0]["media_type"] == "image/png"
    else:
        assert "could not be captured" in panel.status.text()


def test_cancel_leaves_nothing(qtbot, panel, tmp_path: Path) -> None:
    big = tmp_path / "long-recording.bin"
    big.write_bytes(b"\x01" * (8 * 1024 * 1024))
    gate = threading.Event()
    panel.tasks.run("hold", lambda _p, _c: gate.wait(10))
    task = panel.import_sources([big])
    assert panel.progress.isVisible() and panel.cancel_button.isVisible()
    qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
    assert task.is_cancelled()
    gate.set()
    wait_import(qtbot, panel)
    assert stored(panel) == []
    assert "Cancelled" in panel.status.text()
    assert not panel.progress.isVisible()


def test_progress_reaches_the_end(qtbot, panel, tmp_path: Path) -> None:
    big = tmp_path / "big.bin"
    big.write_bytes(b"\x02" * (6 * 1024 * 1024))
    values: list[int] = []
    task = panel.import_sources([big])
    task.progressed.connect(lambda done, total: values.append(done * 1000 // total))
    wait_import(qtbot, panel)
    assert values and values[-1] == 1000
    assert [r["size"] for r in stored(panel)] == [6 * 1024 * 1024]


def test_preview_and_lock_clear_the_player(qtbot, panel, unlocked, fixtures_dir: Path) -> None:
    panel.import_sources([fixtures_dir / "call-en.mp3", fixtures_dir / "wechat-police-demand.png"])
    wait_import(qtbot, panel)
    panel.list.setCurrentRow(1)
    qtbot.waitUntil(
        lambda: panel.viewer is not None and panel.preview.currentWidget() is panel.viewer,
        timeout=10_000,
    )
    panel.list.setCurrentRow(0)
    qtbot.waitUntil(
        lambda: panel.player is not None and panel.preview.currentWidget() is panel.player,
        timeout=10_000,
    )
    assert panel.player.duration_ms() > 8000
    wait_idle(qtbot, unlocked)
    unlocked.lock()
    assert panel.player.duration_ms() == 0 and panel.viewer.image_size() == (0, 0)
    assert panel.list.count() == 0


def test_no_paths_or_names_in_settings_or_qt_history(
    qtbot, panel, fixtures_dir: Path, monkeypatch, tmp_path: Path
) -> None:
    """A real non-native QFileDialog is made and destroyed (that is when Qt saves history)."""
    from tr_journal.gui.widgets.file_dialogs import forget_qt_settings

    config = Path.home() / ".config"
    before = (
        {p: p.stat().st_mtime_ns for p in config.rglob("*") if p.is_file()}
        if config.is_dir()
        else {}
    )
    forget_qt_settings()
    dialog = QFileDialog(None, "x", str(fixtures_dir))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.selectFile(str(fixtures_dir / "call-en.mp3"))
    dialog.deleteLater()
    QApplication.processEvents()
    del dialog
    monkeypatch.setattr(
        QFileDialog,
        "getOpenFileNames",
        staticmethod(lambda *a, **k: ([str(fixtures_dir / "call-en.ogg")], "")),
    )
    panel.choose_files()
    wait_import(qtbot, panel)
    panel.window().lock()
    after = [p for p in config.rglob("*") if p.is_file()] if config.is_dir() else []
    changed = [p for p in after if before.get(p) != p.stat().st_mtime_ns]
    for path in changed:
        text = path.read_bytes()
        for secret in (
            b"call-en",
            str(fixtures_dir).encode(),
            str(panel.window().vault_dir).encode(),
        ):
            assert secret not in text, f"{path} holds {secret!r}"
    recent = Path.home() / ".local/share/recently-used.xbel"
    assert not recent.exists() or b"call-en" not in recent.read_bytes()


def test_window_answers_while_an_import_holds_the_vault(qtbot, panel, unlocked) -> None:
    """Choosing or editing another entry while a long import holds the vault's lock must not
    block the UI thread: the reads are queued on the worker behind the import."""
    [other] = add_entries(unlocked, [{"occurred_at": "2026-02-01T10:00", "narrative": "other"}])
    gate = threading.Event()
    held = threading.Event()
    unlocked.tasks.run("stands for a long import", lambda _p, _c: _hold(unlocked.vault, gate, held))
    assert held.wait(10)
    unlocked.show_entry(other)  # would deadlock the test if it read the vault here
    unlocked.edit_entry(other)
    unlocked.form.save()  # Ctrl+S while the entry is still loading: refused, nothing wiped
    assert not unlocked.form.saving
    assert unlocked.detail.public_id != other and not unlocked.form.isEnabled()
    gate.set()
    qtbot.waitUntil(lambda: unlocked.form.narrative.toPlainText() == "other", timeout=10_000)
    assert unlocked.form.isEnabled()
    from tr_journal.journal.entries import revisions

    with unlocked.vault.reading() as conn:
        assert len(revisions(conn, other)) == 1


def _hold(vault, gate: threading.Event, held: threading.Event) -> None:
    with vault.transaction():
        held.set()
        gate.wait(10)
