"""Cancelling from the export wizard reaches the export service at every stage, end to end.

A journal without attachments used to export in one go whatever the user pressed: the only
cancellation point was per chunk of an original. These tests cancel such an export before the
worker starts and in the middle of writing the zip (from the worker thread itself, right after
the first progress report, so the timing is deterministic), and check that no file and no
event are left and that the wizard says so.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tr_journal.gui.dialogs.export_wizard import ExportWizard
from tr_journal.gui.tasks import TaskRunner
from tr_journal.journal.chain import all_events
from tr_journal.journal.entries import add_entry
from tr_journal.vault import Vault

pytestmark = pytest.mark.gui


@pytest.fixture
def tasks(qtbot) -> TaskRunner:  # qtbot makes the QApplication
    runner = TaskRunner()
    yield runner
    runner.cancel_all()
    runner.wait_all()


@pytest.fixture
def journal(vault: Vault) -> Vault:
    with vault.transaction() as tx:
        add_entry(
            tx,
            {
                "occurred_at": "2026-03-01T10:00:00+01:00",
                "channel": "phone",
                "narrative": "no attachment",
            },
        )
    return vault


def _start(
    qtbot, vault: Vault, tasks: TaskRunner, out: Path
) -> tuple[ExportWizard, threading.Event]:
    """Open the wizard and commit the export while a blocker holds the serial pool."""
    wizard = ExportWizard(vault, tasks)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitUntil(lambda: wizard.selection_page.loaded)
    while wizard.currentPage() is not wizard.destination_page:
        wizard.next()
    wizard.destination_page.path_edit.setText(str(out))
    gate = threading.Event()
    tasks.run("blocker", lambda _p, _c: gate.wait(30))
    wizard.next()
    assert wizard.task is not None
    return wizard, gate


def _assert_nothing_left(
    wizard: ExportWizard, vault: Vault, out: Path, events: list[dict[str, object]]
) -> None:
    assert wizard.export_page.result is None
    assert "cancelled" in wizard.export_page.status.text().lower()
    assert list(out.parent.iterdir()) == []
    with vault.reading() as conn:
        assert all_events(conn) == events


def test_cancel_before_the_worker_starts(
    qtbot, journal: Vault, tasks: TaskRunner, tmp_path: Path
) -> None:
    out = tmp_path / "out" / "bundle.zip"
    out.parent.mkdir()
    with journal.reading() as conn:
        events = all_events(conn)
    wizard, gate = _start(qtbot, journal, tasks, out)
    wizard.cancel_export()
    gate.set()
    qtbot.waitUntil(lambda: wizard.task is None, timeout=30_000)
    _assert_nothing_left(wizard, journal, out, events)


def test_cancel_while_the_zip_is_written(
    qtbot, journal: Vault, tasks: TaskRunner, tmp_path: Path
) -> None:
    out = tmp_path / "out" / "bundle.zip"
    out.parent.mkdir()
    with journal.reading() as conn:
        events = all_events(conn)
    wizard, gate = _start(qtbot, journal, tasks, out)
    task = wizard.task
    seen: list[int] = []

    def cancel_on_first_progress(done: int, total: int) -> None:  # runs on the worker
        seen.append(done)
        task.cancel()

    task.progressed.connect(cancel_on_first_progress, Qt.ConnectionType.DirectConnection)
    gate.set()
    qtbot.waitUntil(lambda: wizard.task is None, timeout=30_000)
    assert seen and seen[0] > 0
    _assert_nothing_left(wizard, journal, out, events)
    # and the user can try again: the retry exports for real
    wizard.export_page.retry_button.click()
    qtbot.waitUntil(lambda: wizard.export_page.result is not None, timeout=60_000)
    assert out.is_file()
