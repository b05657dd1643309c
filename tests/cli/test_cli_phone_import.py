"""``import`` of phone exports from the command line: preview, select, write, refuse."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import run_cli, sha256_file
from tests.imports import samples
from tests.imports.test_hostile import BOMB


def _common(vault_dir: Path, passphrase_file: Path) -> list[str]:
    return ["--vault", str(vault_dir), "--passphrase-file", str(passphrase_file), "--json"]


def _events(vault_dir: Path, passphrase_file: Path) -> int:
    result = run_cli("check", *_common(vault_dir, passphrase_file))
    assert result.returncode == 0, result.stderr
    return len(result.stdout)


def test_dry_run_select_and_again(vault_dir: Path, passphrase_file: Path, tmp_path: Path) -> None:
    common = _common(vault_dir, passphrase_file)
    chat = samples.whatsapp_zip(
        tmp_path / "chat.zip",
        samples.ANDROID_24H_DMY,
        "WhatsApp Chat with +86 139 1234 5678.txt",
        {"PTT-20261205-WA0001.opus": b"OggS-voice" * 50},
    )
    dry = run_cli("import", str(chat), "--dry-run")  # no vault needed to look
    assert dry.returncode == 0, dry.stderr
    preview = json.loads(dry.stdout)
    assert [r["number"] for r in preview["rows"]] == [1, 2, 3, 4]
    assert preview["source"]["sha256"] == sha256_file(chat)
    assert preview["rows"][2]["media"] == [{"name": "PTT-20261205-WA0001.opus", "size": 500}]
    listed = run_cli("list", *common)
    assert json.loads(listed.stdout) == []
    done = run_cli("import", str(chat), "--select", "1,3-4", "--attach-source", *common)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["imported"] == ["E0001", "E0002", "E0003"]
    assert result["attachments"] == 1 and result["source"]["attachment"] == "E0001-A1"
    out = tmp_path / "source.zip"
    assert run_cli("extract", "E0001-A1", "--out", str(out), *common).returncode == 0
    assert sha256_file(out) == sha256_file(chat)
    again = json.loads(run_cli("import", str(chat), "--all", *common).stdout)
    assert again["imported"] == ["E0004"] and again["skipped"] == [1, 3, 4]
    assert json.loads(run_cli("import", str(chat), "--all", *common).stdout)["imported"] == []


def test_map_lists_columns_and_imports(
    vault_dir: Path, passphrase_file: Path, tmp_path: Path
) -> None:
    path = tmp_path / "journal.csv"
    path.write_bytes(
        "Date\tNumber\tWhat\n2026-12-05 21:40\t+8613912345678\t他要我的护照\n".encode("gb18030")
    )
    shown = run_cli("import", str(path), "--map")
    assert shown.returncode == 0, shown.stderr
    assert "Number" in shown.stdout and "+8613912345678" in shown.stdout
    done = run_cli(
        "import",
        str(path),
        "--map",
        "Date=occurred_at",
        "--map",
        "Number=caller_number",
        "--map",
        "3=narrative",
        "--all",
        *_common(vault_dir, passphrase_file),
    )
    assert done.returncode == 0, done.stderr
    entry = json.loads(run_cli("show", "E0001", *_common(vault_dir, passphrase_file)).stdout)
    assert entry["narrative"] == "他要我的护照" and entry["caller_number"] == "+8613912345678"


def test_no_choice_without_terminal_is_a_sentence(
    tmp_path: Path, vault_dir: Path, passphrase_file: Path
) -> None:
    path = samples.calls_xml(tmp_path / "calls-1.xml", [("+861", 0, 0, 3, "")])
    result = run_cli("import", str(path), *_common(vault_dir, passphrase_file))
    assert result.returncode == 2 and "--all" in result.stderr


def test_hostile_file_one_sentence_vault_unchanged(
    vault_dir: Path, passphrase_file: Path, tmp_path: Path
) -> None:
    before = _events(vault_dir, passphrase_file)
    bomb = tmp_path / "calls-bomb.xml"
    bomb.write_text(BOMB)
    result = run_cli("import", str(bomb), "--all", *_common(vault_dir, passphrase_file))
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "calls-bomb.xml" in result.stderr
    assert _events(vault_dir, passphrase_file) == before


def test_chat_by_day_and_group_missed_switch(
    vault_dir: Path, passphrase_file: Path, tmp_path: Path
) -> None:
    chat = tmp_path / "chat.txt"
    chat.write_text(samples.IOS_12H_DMY, encoding="utf-8")
    dry = json.loads(run_cli("import", str(chat), "--by", "day", "--dry-run").stdout)
    assert [r["fields"]["occurred_at"] for r in dry["rows"]] == [
        "2026-12-05T21:40:12",
        "2026-12-13T08:05",
    ]
    calls = samples.calls_xml(tmp_path / "calls-1.xml", [("+861", 0, 0, 3, "")] * 2)
    grouped = run_cli("import", str(calls), "--group-missed", "10", "--dry-run")
    assert grouped.returncode == 0, grouped.stderr
    [row] = json.loads(grouped.stdout)["rows"]
    assert row["fields"]["attempts"] == "2" and row["fields"]["source_time"]


def test_chat_by_day_me_is_never_the_caller(
    vault_dir: Path, passphrase_file: Path, tmp_path: Path
) -> None:
    common = _common(vault_dir, passphrase_file)
    chat = tmp_path / "chat.txt"
    chat.write_text(samples.ANDROID_24H_DMY, encoding="utf-8")
    done = run_cli("import", str(chat), "--by", "day", "--me", "Ayşe", "--all", *common)
    assert done.returncode == 0, done.stderr
    entry = json.loads(run_cli("show", "E0001", *common).stdout)
    assert entry["caller_number"] == "+86 139 1234 5678"
    assert not entry.get("caller_name")
    assert entry["occurred_at"].count("2026-12-05T") == 2  # 21:40 to 21:42
    wrong = run_cli("import", str(chat), "--by", "day", "--me", "Moi", "--dry-run")
    assert wrong.returncode == 1 and "Moi" in wrong.stderr and "Traceback" not in wrong.stderr


def test_telegram_me_from_the_command_line(tmp_path: Path) -> None:
    group = samples.telegram_chat(
        tmp_path / "result.json",
        "Hometown news",
        "private_group",
        [("Officer Wang", "user777", "We know where you live."), ("Ayşe", "user1", "Stop.")],
    )
    unknown = json.loads(run_cli("import", str(group), "--dry-run").stdout)
    assert unknown["senders"] == ["Officer Wang", "Ayşe"] and unknown["me"] is None
    assert not any("caller_name" in r["fields"] for r in unknown["rows"])
    told = run_cli("import", str(group), "--me", "Ayşe", "--dry-run")
    assert told.returncode == 0, told.stderr
    rows = json.loads(told.stdout)["rows"]
    assert [r["fields"].get("caller_name") for r in rows] == ["Officer Wang", "Officer Wang"]
    assert [r["fields"]["direction"] for r in rows] == ["incoming", "outgoing"]
    wrong = run_cli("import", str(group), "--me", "Moi", "--dry-run")
    assert wrong.returncode == 1 and "Moi" in wrong.stderr and "Traceback" not in wrong.stderr
