"""``export`` says when a disclosed entry carries a whole phone export whose other entries stay
undisclosed (docs/cli.md, docs/imports.md): one sentence on stderr, a ``whole_exports`` member
in ``--json``; the export itself goes ahead."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import run_cli
from tests.imports import samples

#: a file name is untrusted: a right-to-left override must reach the terminal escaped
NAME = "WhatsApp Chat with \u202egpj.zip"


def _imported(vault_dir: Path, passphrase_file: Path, tmp_path: Path) -> list[str]:
    common = ["--vault", str(vault_dir), "--passphrase-file", str(passphrase_file)]
    chat = samples.whatsapp_zip(
        tmp_path / NAME, samples.ANDROID_24H_DMY, "WhatsApp Chat with X.txt", {}
    )
    done = run_cli("import", str(chat), "--all", "--attach-source", "--json", *common)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["imported"] == ["E0001", "E0002", "E0003", "E0004"]
    return common


def test_export_of_the_carrier_warns_on_stderr(
    vault_dir: Path, passphrase_file: Path, tmp_path: Path
) -> None:
    common = _imported(vault_dir, passphrase_file, tmp_path)
    done = run_cli("export", "--entry", "E0001", "--out", str(tmp_path / "b.zip"), *common)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr == (
        "tr-journal: E0001 carries the whole export 'WhatsApp Chat with \\u202egpj.zip': it "
        "also holds the messages of 3 entries this bundle does not disclose.\n"
    )
    assert (tmp_path / "b.zip").is_file()  # a warning, not a refusal


def test_export_json_lists_whole_exports(
    vault_dir: Path, passphrase_file: Path, tmp_path: Path
) -> None:
    common = [*_imported(vault_dir, passphrase_file, tmp_path), "--json"]
    done = run_cli("export", "--entry", "E0001", "--out", str(tmp_path / "b.zip"), *common)
    assert done.returncode == 0, done.stderr
    assert "\u202e" not in done.stdout  # escaped in JSON too
    assert json.loads(done.stdout)["whole_exports"] == [
        {"entry": "E0001", "attachment": "E0001-A1", "file": NAME, "undisclosed_entries": 3}
    ]
    assert "3 entries this bundle does not disclose" in done.stderr
    every = ["--entry", "E0001", "--entry", "E0002", "--entry", "E0003", "--entry", "E0004"]
    whole = run_cli("export", *every, "--out", str(tmp_path / "all.zip"), *common)
    assert whole.returncode == 0, whole.stderr
    assert json.loads(whole.stdout)["whole_exports"] == [] and whole.stderr == ""
