"""The settings file: defaults, round trip, validation, atomic and private, nothing extra kept."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from tr_journal import settings as settings_mod
from tr_journal.settings import Settings, load_settings, save_settings, settings_path


@pytest.fixture
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    return home


def test_missing_file_gives_defaults(config_home: Path) -> None:
    assert load_settings() == Settings(language=None, autolock_minutes=5, vault_dir=None)
    assert not settings_path().exists()


def test_round_trip_in_config_dir(config_home: Path) -> None:
    save_settings(Settings(language="ug", autolock_minutes=12, vault_dir="/srv/v"))
    path = settings_path()
    assert path.is_relative_to(config_home)
    assert load_settings() == Settings(language="ug", autolock_minutes=12, vault_dir="/srv/v")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert not [p for p in path.parent.iterdir() if p.name != path.name]  # no temp left


def test_invalid_values_fall_back(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    path.write_text(
        json.dumps({"language": "xx", "autolock_minutes": "soon", "vault_dir": 3}), encoding="utf-8"
    )
    assert load_settings(path) == Settings()
    path.write_text(json.dumps({"autolock_minutes": 100000}), encoding="utf-8")
    assert load_settings(path).autolock_minutes == settings_mod.MAX_AUTOLOCK_MINUTES
    path.write_text(json.dumps({"autolock_minutes": 0}), encoding="utf-8")
    assert load_settings(path).autolock_minutes == settings_mod.MIN_AUTOLOCK_MINUTES


def test_damaged_file_is_read_as_defaults_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    path.write_bytes(b"{not json\xff")
    assert load_settings(path) == Settings()
    assert path.read_bytes() == b"{not json\xff"


def test_unknown_fields_are_never_saved_again(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    path.write_text(
        json.dumps({"language": "fr", "recent_files": ["/home/a/call.m4a"], "note": "secret text"}),
        encoding="utf-8",
    )
    save_settings(load_settings(path), path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert sorted(doc) == [
        "autolock_minutes",
        "home_region",
        "language",
        "online_stamps",
        "vault_dir",
    ]
    assert "call.m4a" not in path.read_text(encoding="utf-8")


def test_save_validates_too(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    save_settings(Settings(language="klingon", autolock_minutes=-3), path)
    assert load_settings(path) == Settings(language=None, autolock_minutes=1)
