"""A vault and a bundle written by the release before record format 2 (tests/data/, made by
tests/data/make_record_v1.py) still open, check and verify (docs/record-format.md)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from tests.helpers import REPO, run_cli

DATA = REPO / "tests" / "data"
INFO: dict[str, Any] = json.loads((DATA / "record-v1.json").read_text(encoding="utf-8"))


def v1_vault(tmp_path: Path) -> tuple[Path, Path]:
    """A writable copy of the format-1 vault and a passphrase file for it."""
    folder = tmp_path / "vault"
    shutil.copytree(DATA / "record-v1-vault", folder)
    pass_file = tmp_path / "pass.txt"
    pass_file.write_text(INFO["passphrase"] + "\n", encoding="utf-8")
    return folder, pass_file


def cli(folder: Path, pass_file: Path, *args: str) -> Any:
    done = run_cli("--vault", str(folder), *args, "--passphrase-file", str(pass_file), "--json",
                   env={"TR_JOURNAL_LANG": "en"})
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_v1_bundle_still_verifies() -> None:
    done = run_cli("verify", str(DATA / "record-v1-bundle.zip"), "--fingerprint",
                   INFO["fingerprint"], "--json", env={"TR_JOURNAL_LANG": "en"})
    assert done.returncode == 0, done.stdout + done.stderr
    assert json.loads(done.stdout)["valid"] is True


def test_v1_vault_opens_and_its_chain_checks(tmp_path: Path) -> None:
    folder, pass_file = v1_vault(tmp_path)
    report = cli(folder, pass_file, "check")
    assert report["ok"] is True, report
    assert [e["id"] for e in cli(folder, pass_file, "list")] == ["E0004", "E0002", "E0001"]
