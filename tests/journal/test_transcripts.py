"""Transcripts and translations of a file (docs/record-format.md, "Transcripts"): salted
revisions in the chain, searchable, in show --json, the bundle (verified) and the dossier."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import FIXTURES, PASSPHRASE, run_cli

UYGHUR = "سەن نامايىشقا بارما، ئاكاڭ خىزمىتىدىن ئايرىلىدۇ."
FRENCH = "Ne va pas à la manifestation, ton frère perdra son travail."


@pytest.fixture
def cli(vault_dir: Path, tmp_path: Path) -> Any:
    pass_file = tmp_path / "pass.txt"
    pass_file.write_text(PASSPHRASE + "\n", encoding="utf-8")

    def run(*args: str, ok: bool = True) -> Any:
        done = run_cli(
            "--vault",
            str(vault_dir),
            *args,
            "--passphrase-file",
            str(pass_file),
            env={"TR_JOURNAL_LANG": "en"},
        )
        assert (done.returncode == 0) == ok, done.stderr
        return done

    return run


def _text(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_transcript_and_translation_travel_and_verify(cli: Any, tmp_path: Path) -> None:
    if not FIXTURES.is_dir():
        pytest.skip("shared fixtures not found")
    cli("add", "--occurred", "2026-03-02T21:40+01:00", "--attach", str(FIXTURES / "call-ug.flac"))
    added = json.loads(
        cli(
            "transcript",
            "add",
            "E0001-A1",
            "--lang",
            "ug",
            "--file",
            _text(tmp_path, "ug.txt", UYGHUR),
            "--by",
            "me",
            "--json",
        ).stdout
    )
    assert added["id"] == "E0001-A1-T1" and added["method"] == "self"
    cli(
        "transcript",
        "add",
        "E0001-A1",
        "--lang",
        "fr",
        "--file",
        _text(tmp_path, "fr.txt", "brouillon"),
        "--translates",
        "E0001-A1-T1",
        "--method",
        "professional",
        "--by",
        "Cabinet X",
    )
    cli("transcript", "edit", "E0001-A1-T2", "--file", _text(tmp_path, "fr2.txt", FRENCH))
    listed = json.loads(cli("transcript", "list", "E0001-A1", "--json").stdout)
    assert [(t["id"], t["language"], t.get("translates"), t["revision"]) for t in listed] == [
        ("E0001-A1-T1", "ug", None, 1),
        ("E0001-A1-T2", "fr", "E0001-A1-T1", 2),
    ]
    shown = json.loads(cli("show", "E0001", "--json").stdout)
    assert [t["text"] for t in shown["attachments"][0]["transcripts"]] == [UYGHUR, FRENCH]
    assert json.loads(cli("search", "frère", "--json").stdout)[0]["id"] == "E0001"
    assert json.loads(cli("search", "brouillon", "--json").stdout) == []  # replaced
    # a wrong translation target, an unknown method: a sentence, nothing saved
    bad = cli(
        "transcript",
        "add",
        "E0001-A1",
        "--lang",
        "ug",
        "--file",
        _text(tmp_path, "x.txt", "x"),
        "--translates",
        "E0001-A1-T1",
        ok=False,
    )
    assert "another language" in bad.stderr
    bundle = tmp_path / "b.zip"
    cli("export", "--out", str(bundle), "--entry", "E0001")
    verified = run_cli("verify", str(bundle), "--json")
    assert json.loads(verified.stdout)["valid"] is True, verified.stdout
    with zipfile.ZipFile(bundle) as archive:
        [name] = [n for n in archive.namelist() if n.endswith("entries.json")]
        doc = json.loads(archive.read(name))
        [html] = [n for n in archive.namelist() if n.endswith("report.html")]
        report = archive.read(html).decode("utf-8")
    travelled = doc["entries"][0]["attachments"][0]["transcripts"]
    assert [len(t["revisions"]) for t in travelled] == [1, 2]
    assert travelled[1]["revisions"][0]["transcript"]["text"] == "brouillon"  # history kept
    assert all(len(r["salt"]) == 32 for t in travelled for r in t["revisions"])
    assert FRENCH in report and UYGHUR in report
    assert json.loads(cli("check", "--json").stdout)["ok"] is True
