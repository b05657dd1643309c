"""Import from a spreadsheet (CSV) or JSON lines: all rows or nothing, bad rows by line."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import run_cli


def _common(vault_dir: Path, passphrase_file: Path) -> list[str]:
    return ["--vault", str(vault_dir), "--passphrase-file", str(passphrase_file), "--json"]


def test_csv_import(vault_dir: Path, passphrase_file: Path, tmp_path: Path) -> None:
    csv_file = tmp_path / "log.csv"
    csv_file.write_text(
        "occurred_at,channel,caller_number,claimed_identity,demands,narrative\n"
        '2026-01-10T09:00+01:00,phone,+86 991 555 0142,police Urumqi,"documents;inform",'
        '"Il voulait mon passeport, encore"\n'
        "2026-01-12T18:30+01:00,wechat,,cousin,photos_location,ئاپامنىڭ\n",
        encoding="utf-8",
    )
    result = run_cli("import", str(csv_file), *_common(vault_dir, passphrase_file))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["imported"] == ["E0001", "E0002"]
    shown = json.loads(run_cli("show", "E0001", *_common(vault_dir, passphrase_file)).stdout)
    assert shown["demands"] == ["documents", "inform"]
    assert shown["narrative"] == "Il voulait mon passeport, encore"


def test_jsonl_round_trip_of_show_json(
    vault_dir: Path, passphrase_file: Path, tmp_path: Path
) -> None:
    common = _common(vault_dir, passphrase_file)
    run_cli(
        "add",
        *common,
        "--occurred",
        "2026-01-29T15:03+01:00",
        "--channel",
        "sms",
        "--demand",
        "money",
        "--tag",
        "a",
        "--field",
        "witnesses=Ayse",
    )
    shown = run_cli("show", "E0001", *common).stdout
    log = tmp_path / "log.jsonl"
    log.write_text(json.dumps(json.loads(shown), ensure_ascii=False) + "\n")
    assert run_cli("import", str(log), *common).returncode == 0
    copy = json.loads(run_cli("show", "E0002", *common).stdout)
    original = json.loads(shown)
    for key in ("occurred_at", "channel", "demands", "tags", "witnesses"):
        assert copy[key] == original[key]


def test_bad_row_reported_by_line_and_nothing_imported(
    vault_dir: Path, passphrase_file: Path, tmp_path: Path
) -> None:
    csv_file = tmp_path / "log.csv"
    csv_file.write_text("occurred_at,channel\n2026-01-10T09:00,phone\n2026-01-11T09:00,fax\n")
    result = run_cli("import", str(csv_file), *_common(vault_dir, passphrase_file))
    assert result.returncode == 1
    assert "Line 3" in result.stderr and "fax" in result.stderr
    listed = run_cli("list", *_common(vault_dir, passphrase_file))
    assert json.loads(listed.stdout) == []
    jsonl = tmp_path / "log.jsonl"
    jsonl.write_text('{"occurred_at": "2026-01-10T09:00"}\n{oops\n')
    result = run_cli("import", str(jsonl), *_common(vault_dir, passphrase_file))
    assert result.returncode == 1 and "Line 2" in result.stderr
