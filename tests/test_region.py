"""The home country national numbers are read in: variable, then setting, then locale."""

from __future__ import annotations

from pathlib import Path

import pytest

from tr_journal.journal.fields import normalise_fields
from tr_journal.region import home_region, region_from_locale
from tr_journal.settings import Settings, load_settings, save_settings


def test_region_from_locale() -> None:
    assert region_from_locale({"LANG": "fr_FR.UTF-8"}) == "FR"
    assert region_from_locale({"LC_ALL": "ug_CN", "LANG": "fr_FR.UTF-8"}) == "CN"
    assert region_from_locale({"LANG": "C.UTF-8"}) is None


def test_a_french_locale_reads_0612345678_as_french(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("TR_JOURNAL_REGION", raising=False)
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_CTYPE", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    fields, _ = normalise_fields(
        {"occurred_at": "2026-01-01T10:00+01:00", "caller_number": "06 12 34 56 78"}
    )
    assert fields["caller_number_e164"] == "+33612345678"


def test_the_setting_wins_over_the_locale(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("TR_JOURNAL_REGION", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    save_settings(Settings(home_region="de"))
    assert load_settings().home_region == "DE"
    assert home_region() == "DE"
    monkeypatch.setenv("TR_JOURNAL_REGION", "TR")
    assert home_region() == "TR"
