"""`attach`, `extract`, `detach` and `add --attach` as real processes (docs/cli.md)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.helpers import FIXTURE_SHA256, run_cli, sha256_file


@pytest.fixture
def cli(vault_dir: Path, passphrase_file: Path):
    def run(*args: str):
        return run_cli(*args, "--vault", str(vault_dir), "--passphrase-file", str(passphrase_file))

    return run


@pytest.fixture
def entry(cli) -> str:
    done = cli("add", "--occurred", "2026-01-29T15:03+01:00", "--channel", "phone", "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)["id"]


def test_attach_all_fixtures_then_extract_bit_exact(
    cli, entry: str, fixtures_dir: Path, tmp_path: Path
) -> None:
    names = sorted(FIXTURE_SHA256)
    done = cli("attach", entry, *[str(fixtures_dir / n) for n in names], "--json")
    assert done.returncode == 0, done.stderr
    added = json.loads(done.stdout)
    assert [a["name"] for a in added] == names
    assert [a["sha256"] for a in added] == [FIXTURE_SHA256[n] for n in names]
    shown = json.loads(cli("show", entry, "--json").stdout)
    by_id = {a["id"]: a for a in shown["attachments"]}
    for item in added:
        assert by_id[item["id"]]["media_type"] == item["media_type"]
        assert by_id[item["id"]]["metadata"] == item["metadata"]
        out = tmp_path / "out" / item["name"]
        out.parent.mkdir(exist_ok=True)
        done = cli("extract", item["id"], "--out", str(out))
        assert done.returncode == 0, done.stderr
        assert sha256_file(out) == FIXTURE_SHA256[item["name"]]
    m4a = next(a for a in added if a["name"] == "call-fr.m4a")
    assert m4a["metadata"]["created"] == "2026-01-29T14:03:00Z"


def test_extract_replaces_an_existing_file_atomically(
    cli, entry: str, fixtures_dir: Path, tmp_path: Path
) -> None:
    cli("attach", entry, str(fixtures_dir / "call-fr.m4a"))
    out = tmp_path / "existing.m4a"
    out.write_bytes(b"old contents")
    done = cli("extract", f"{entry}-A1".lower(), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert sha256_file(out) == FIXTURE_SHA256["call-fr.m4a"]
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_one_bad_file_attaches_nothing(cli, entry: str, fixtures_dir: Path, tmp_path: Path) -> None:
    done = cli("attach", entry, str(fixtures_dir / "call-en.mp3"), str(tmp_path / "missing.wav"))
    assert done.returncode == 1
    assert "missing.wav" in done.stderr and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert json.loads(cli("show", entry, "--json").stdout)["attachments"] == []


def test_uyghur_name_with_spaces_round_trips(
    cli, entry: str, fixtures_dir: Path, tmp_path: Path
) -> None:
    name = "ساقچى ئىدارىسى تېلېفون خاتىرىسى.m4a"
    source = tmp_path / name
    shutil.copy(fixtures_dir / "call-fr.m4a", source)
    added = json.loads(cli("attach", entry, str(source), "--json").stdout)
    assert added[0]["name"] == name
    out = tmp_path / ("چىقىرىلغان " + name)
    assert cli("extract", added[0]["id"], "--out", str(out)).returncode == 0
    assert sha256_file(out) == FIXTURE_SHA256["call-fr.m4a"]
    text = cli("attach", entry, str(source)).stdout
    assert name in text


def test_undecodable_audio_says_so(cli, entry: str, tmp_path: Path) -> None:
    path = tmp_path / "voice.ogg"
    path.write_bytes(b"\x13\x37" * 5000)
    done = cli("attach", entry, str(path))
    assert done.returncode == 0, done.stderr
    assert "could not be decoded as audio" in done.stdout


def test_detach_with_vacuum(cli, entry: str, fixtures_dir: Path, tmp_path: Path) -> None:
    cli("attach", entry, str(fixtures_dir / "call-fr.m4a"), str(fixtures_dir / "call-en.mp3"))
    done = cli("detach", f"{entry}-A1", "--vacuum", "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["sha256"] == FIXTURE_SHA256["call-fr.m4a"] and result["vacuumed"]
    shown = json.loads(cli("show", entry, "--json").stdout)
    assert [a["id"] for a in shown["attachments"]] == [f"{entry}-A2"]
    done = cli("extract", f"{entry}-A1", "--out", str(tmp_path / "x"))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert not (tmp_path / "x").exists()
    assert cli("check").returncode == 0


def test_add_with_attach(cli, fixtures_dir: Path) -> None:
    done = cli(
        "add",
        "--occurred",
        "2026-01-29T15:03+01:00",
        "--attach",
        str(fixtures_dir / "wechat-relative-relay.jpg"),
        "--json",
    )
    assert done.returncode == 0, done.stderr
    attached = json.loads(done.stdout)["attachments"]
    assert attached[0]["media_type"] == "image/jpeg"
    assert attached[0]["metadata"]["width"] == 540
