"""The export wizard says, before exporting, when a ticked entry carries a whole phone export
whose other entries stay unticked (docs/imports.md, "Attaching the export file itself"); the
person can still export."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt

from tests.evidence.test_whole_export_warning import CHAT_NAME, import_chat
from tests.gui.test_export_wizard import open_wizard, run_to_end
from tr_journal.gui import palette
from tr_journal.gui.dialogs.export_wizard import ExportWizard
from tr_journal.gui.tasks import TaskRunner
from tr_journal.vault import Vault

pytestmark = pytest.mark.gui


@pytest.fixture
def tasks(qtbot) -> TaskRunner:  # qtbot makes the QApplication
    runner = TaskRunner()
    yield runner
    runner.cancel_all()
    runner.wait_all()


def _tick(wizard: ExportWizard, public_id: str, on: bool) -> None:
    entries = wizard.selection_page.entries
    for row in range(entries.count()):
        item = entries.item(row)
        if item.data(Qt.ItemDataRole.UserRole) == public_id:
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)


def _shown(qtbot, wizard: ExportWizard, visible: bool) -> str:
    notice = wizard.selection_page.notice
    qtbot.waitUntil(lambda: notice.isVisible() == visible, timeout=10_000)
    return notice.text()


def test_the_warning_comes_before_export_and_follows_the_ticks(
    qtbot, vault: Vault, tasks: TaskRunner, tmp_path: Path
) -> None:
    import_chat(vault, tmp_path)
    wizard = open_wizard(qtbot, vault, tasks, preselected_ids=["E0001"])
    text = _shown(qtbot, wizard, True)
    assert "E0001" in text and CHAT_NAME in text
    assert "it also holds the messages of 3 entries this bundle does not disclose" in text
    assert wizard.selection_page.notice.styleSheet() == palette.CAUTION_BANNER
    wizard.selection_page.tick_all.click()  # every entry of the import: nothing kept back
    _shown(qtbot, wizard, False)
    _tick(wizard, "E0004", False)
    assert "messages of 1 entry this bundle" in _shown(qtbot, wizard, True)
    _tick(wizard, "E0001", False)  # the file is no longer disclosed
    _shown(qtbot, wizard, False)
    _tick(wizard, "E0001", True)
    _shown(qtbot, wizard, True)
    run_to_end(qtbot, wizard, tmp_path / "bundle.zip")  # a warning, not a refusal
    result = wizard.export_page.result
    assert result is not None, wizard.export_page.status.text()
    assert result.entries == 3 and [w.undisclosed for w in result.whole_exports] == [1]


def test_the_date_range_is_checked_too(qtbot, vault: Vault, tasks: TaskRunner, tmp_path: Path):
    import_chat(vault, tmp_path)
    wizard = open_wizard(qtbot, vault, tasks)
    _shown(qtbot, wizard, False)  # "All entries": the whole import is disclosed
    page = wizard.selection_page
    page.range_radio.setChecked(True)
    page.since.setDate(QDate(2026, 12, 4))
    page.until.setDate(QDate(2026, 12, 9))  # the last message, of 13 December, stays out
    assert "messages of 1 entry this bundle" in _shown(qtbot, wizard, True)
    page.until.setDate(QDate(2026, 12, 20))
    _shown(qtbot, wizard, False)
