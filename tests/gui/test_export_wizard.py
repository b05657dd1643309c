"""The export wizard with a real vault, a real export, and the shown commands run for real."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QWizard

from tests.helpers import sha256_file
from tr_journal.gui.dialogs.export_commands import verification_commands
from tr_journal.gui.dialogs.export_wizard import ExportWizard, default_destination
from tr_journal.gui.tasks import TaskRunner
from tr_journal.journal.entries import add_entry
from tr_journal.vault import Vault

pytestmark = pytest.mark.gui


def add(vault: Vault, when: str, number: str, text: str) -> str:
    with vault.transaction() as tx:
        return add_entry(
            tx,
            {"occurred_at": when, "channel": "phone", "caller_number": number, "narrative": text},
        )


@pytest.fixture
def filled(vault: Vault) -> Vault:
    add(vault, "2026-03-01T10:00:00+01:00", "+86 991 555 0101", "first call")
    add(vault, "2026-04-02T11:00:00+02:00", "+86 991 555 0102", "second call")
    add(vault, "2026-05-03T12:00:00+02:00", "+86 991 555 0103", "third call")
    return vault


@pytest.fixture
def tasks(qtbot) -> TaskRunner:  # qtbot makes the QApplication
    runner = TaskRunner()
    yield runner
    runner.cancel_all()
    runner.wait_all()


def open_wizard(qtbot, vault: Vault, tasks: TaskRunner, **kw) -> ExportWizard:
    wizard = ExportWizard(vault, tasks, **kw)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitUntil(lambda: wizard.selection_page.loaded)
    return wizard


def run_to_end(qtbot, wizard: ExportWizard, out: Path) -> None:
    while wizard.currentPage() is not wizard.destination_page:
        wizard.next()
    wizard.destination_page.path_edit.setText(str(out))
    assert wizard.button(QWizard.WizardButton.CommitButton).isEnabled()
    wizard.next()  # commit -> export runs
    qtbot.waitUntil(
        lambda: wizard.export_page.result is not None or wizard.export_page.status.is_error,
        timeout=60_000,
    )


def test_ticked_entries_export_and_commands_verify_with_standard_tools(
    qtbot, filled: Vault, tasks: TaskRunner, tmp_path: Path
) -> None:
    wizard = open_wizard(qtbot, filled, tasks, preselected_ids=["E0002"])
    page = wizard.selection_page
    assert page.entries.count() == 3
    assert page.ticked_ids() == ["E0002"]
    assert "+86 991 555 0102" in page.entries.item(1).text()  # newest first
    out = tmp_path / "out" / "bundle for lawyer.zip"
    out.parent.mkdir()
    run_to_end(qtbot, wizard, out)
    result = wizard.export_page.result
    assert result is not None, wizard.export_page.status.text()
    assert result.entries == 1
    assert "bundle for lawyer.tsq" in wizard.export_page.status.text()  # time-stamp reminder
    assert "Time stamps" in wizard.export_page.status.text()
    assert wizard.export_page.sha256.text() == sha256_file(out) == result.sha256
    assert wizard.export_page.fingerprint.text() == filled.fingerprint()
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    text = wizard.export_page.commands.toPlainText()
    assert f"tr-journal verify 'bundle for lawyer.zip' --fingerprint {filled.fingerprint()}" in text
    wizard.export_page.copy_button.click()
    copied = QApplication.clipboard().text()
    assert result.sha256 in copied and filled.fingerprint() in copied
    # The standard-tool route, exactly as printed, from the folder the lawyer saved the zip in.
    if not (shutil.which("ssh-keygen") and shutil.which("unzip") and shutil.which("sha256sum")):
        pytest.skip("ssh-keygen, unzip and sha256sum are needed for the standard-tool route")
    standard = "# 2." + text.split("# 2.", 1)[1]
    done = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", standard],
        cwd=out.parent,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert result.sha256 in done.stdout
    assert filled.fingerprint() in done.stdout
    assert 'Good "tr-journal-evidence-v1" signature' in done.stdout + done.stderr


def test_date_range_and_report_language(
    qtbot, filled: Vault, tasks: TaskRunner, tmp_path: Path
) -> None:
    from PySide6.QtCore import QDate

    wizard = open_wizard(qtbot, filled, tasks)
    page = wizard.selection_page
    page.range_radio.setChecked(True)
    assert not page.entries.isEnabled() and page.since.isEnabled()
    page.since.setDate(QDate(2026, 4, 1))
    page.until.setDate(QDate(2026, 5, 3))
    assert page.isComplete()
    page.until.setDate(QDate(2026, 3, 1))
    assert not page.isComplete()
    page.until.setDate(QDate(2026, 5, 3))
    wizard.next()
    combo = wizard.language_page.combo
    combo.setCurrentIndex(combo.findData("fr"))
    out = tmp_path / "range.zip"
    run_to_end(qtbot, wizard, out)
    result = wizard.export_page.result
    assert result is not None, wizard.export_page.status.text()
    assert result.entries == 2
    with zipfile.ZipFile(out) as bundle:
        custody = next(n for n in bundle.namelist() if n.endswith("custody/export.json"))
        assert json.loads(bundle.read(custody))["language"] == "fr"


def test_ticking_nothing_blocks_next(qtbot, filled: Vault, tasks: TaskRunner) -> None:
    wizard = open_wizard(qtbot, filled, tasks)
    page = wizard.selection_page
    page.ticked_radio.setChecked(True)
    assert not page.isComplete()
    page.entries.item(0).setCheckState(Qt.CheckState.Checked)
    assert page.isComplete() and page.ticked_ids() == ["E0003"]
    page.tick_none.click()
    assert not page.isComplete()
    page.tick_all.click()
    assert len(page.ticked_ids()) == 3


def test_browse_uses_qt_dialog_and_adds_zip(
    qtbot, monkeypatch, filled: Vault, tasks: TaskRunner, tmp_path: Path
) -> None:
    seen = {}

    def fake_save(parent, caption, start, filters, options=None):
        seen["options"] = options
        return str(tmp_path / "chosen"), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake_save))
    wizard = open_wizard(qtbot, filled, tasks)
    wizard.destination_page.browse.click()
    assert wizard.destination_page.destination() == tmp_path / "chosen.zip"
    assert seen["options"] & QFileDialog.Option.DontUseNativeDialog


def test_failure_is_one_sentence_and_retry_works(
    qtbot, filled: Vault, tasks: TaskRunner, tmp_path: Path
) -> None:
    wizard = open_wizard(qtbot, filled, tasks)
    folder = tmp_path / "usb-stick"
    folder.mkdir()
    while wizard.currentPage() is not wizard.destination_page:
        wizard.next()
    wizard.destination_page.path_edit.setText(str(folder / "x.zip"))
    folder.rmdir()  # the stick was pulled out after choosing it
    wizard.next()
    qtbot.waitUntil(lambda: wizard.task is None, timeout=30_000)
    page = wizard.export_page
    assert page.result is None
    assert page.status.is_error
    assert "Traceback" not in page.status.text() and "\n" not in page.status.text()
    assert not page.retry_button.isHidden()
    folder.mkdir()
    page.retry_button.click()
    qtbot.waitUntil(lambda: page.result is not None, timeout=60_000)
    assert (folder / "x.zip").is_file()


def test_cancel_leaves_no_file(qtbot, filled: Vault, tasks: TaskRunner, tmp_path: Path) -> None:
    from tr_journal.media.ingest import add_attachment

    media = tmp_path / "recording.bin"
    media.write_bytes(bytes(range(256)) * 8192)  # 2 MiB: the export reads it in chunks
    with filled.transaction() as tx:
        add_attachment(tx, "E0001", media)
    wizard = open_wizard(qtbot, filled, tasks)
    wizard.next()
    wizard.next()
    out = tmp_path / "cancelled.zip"
    wizard.destination_page.path_edit.setText(str(out))
    # Cancel before the worker gets to it: the serial pool runs a blocker first.
    import threading

    gate = threading.Event()
    tasks.run("blocker", lambda _p, _c: gate.wait(30))
    wizard.next()
    wizard.cancel_export()
    gate.set()
    qtbot.waitUntil(lambda: wizard.task is None, timeout=30_000)
    assert wizard.export_page.result is None
    assert "cancelled" in wizard.export_page.status.text().lower()
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".cancelled")]


def test_default_destination_never_replaces(tmp_path: Path, monkeypatch) -> None:
    import datetime as dt

    from tr_journal.gui.widgets import file_dialogs

    monkeypatch.setattr(file_dialogs, "documents_dir", lambda: tmp_path)
    day = dt.date(2026, 11, 26)
    assert default_destination(day) == tmp_path / "TRJ-2026-11-26.zip"
    (tmp_path / "TRJ-2026-11-26.zip").touch()
    assert default_destination(day) == tmp_path / "TRJ-2026-11-26-2.zip"


def test_commands_quote_names() -> None:
    text = verification_commands("a b.zip", "TRJ-1", "SHA256:x", "ab" * 32, "id@x")
    assert "tr-journal verify 'a b.zip' --fingerprint SHA256:x" in text
    assert "unzip -q 'a b.zip' && cd TRJ-1" in text
    assert "-I id@x -n tr-journal-evidence-v1" in text


def test_the_bar_is_busy_while_the_bundle_is_prepared(
    qtbot, filled: Vault, tasks: TaskRunner, tmp_path: Path
) -> None:
    """A long journal's dossier takes seconds before the first byte of the zip: the bar moves
    meanwhile (busy), then shows the fraction written."""
    wizard = open_wizard(qtbot, filled, tasks)
    page = wizard.export_page
    page.set_running(True)
    assert (page.progress.minimum(), page.progress.maximum()) == (0, 0)  # busy
    wizard._progressed(250, 1000)
    assert page.progress.maximum() == 1000 and page.progress.value() == 250
    page.set_running(False)
