"""The home country of phone numbers is chosen in Settings and used for the next numbers saved."""

from __future__ import annotations

from pathlib import Path

import pytest

from tr_journal.gui.dialogs.settings_dialog import SettingsDialog
from tr_journal.gui.tasks import TaskRunner
from tr_journal.journal.fields import normalise_fields
from tr_journal.settings import load_settings
from tr_journal.vault import Vault

pytestmark = pytest.mark.gui


def test_choosing_a_country_reads_national_numbers_there(
    qtbot, vault: Vault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    monkeypatch.delenv("TR_JOURNAL_REGION", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_CTYPE", raising=False)
    dialog = SettingsDialog(vault, TaskRunner(), None)
    qtbot.addWidget(dialog)
    combo = dialog.general.region
    assert combo.currentData() is None and combo.count() > 200
    combo.setCurrentIndex(combo.findData("FR"))
    assert load_settings().home_region == "FR"
    fields, _ = normalise_fields(
        {"occurred_at": "2026-01-01T10:00+01:00", "caller_number": "06 12 34 56 78"}
    )
    assert fields["caller_number_e164"] == "+33612345678"
    combo.setCurrentIndex(0)
    assert load_settings().home_region is None
