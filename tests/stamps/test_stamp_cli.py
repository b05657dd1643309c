"""``tr-journal stamp ...`` as real processes, with a real local TSA (and a local HTTP one)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.helpers import run_cli
from tests.stamps.conftest import Authorities


def _common(vault_dir: Path, passphrase_file: Path) -> list[str]:
    return ["--vault", str(vault_dir), "--passphrase-file", str(passphrase_file)]


def _add(common: list[str]) -> None:
    done = run_cli("add", *common, "--occurred", "2026-01-29T15:03+01:00", "--text", "a call")
    assert done.returncode == 0, done.stderr


def test_request_prints_the_offline_steps(
    vault_dir: Path, passphrase_file: Path, tmp_path: Path
) -> None:
    common = _common(vault_dir, passphrase_file)
    out = tmp_path / "journal.tsq"
    done = run_cli("stamp", "request", *common, "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert out.stat().st_size > 40
    text = done.stdout
    for needle in (
        "Nothing was sent",
        "https://freetsa.org/tsr",
        "timestamp.digicert.com",
        "timestamp.sectigo.com/qualified",
        "--data-binary @journal.tsq",
        "openssl ts -reply -in journal-freetsa.tsr -text",
        "tr-journal stamp import journal-freetsa.tsr",
        "Article 41",
    ):
        assert needle in text, needle
    done = run_cli("stamp", "request", *common, "--out", str(out), "--json")
    info = json.loads(done.stdout)
    assert info["head_seq"] == 1 and len(info["services"]) == 4
    assert [s["qualified_eidas"] for s in info["services"]] == [False, False, False, True]
    french = run_cli("stamp", "request", *common, "--out", str(out), env={"TR_JOURNAL_LANG": "fr"})
    assert "Rien n'a été envoyé" in french.stdout and "article 41" in french.stdout
    missing = run_cli("stamp", "request", *common)
    assert missing.returncode == 2 and "--out" in missing.stderr


def test_import_list_status(
    vault_dir: Path, passphrase_file: Path, tmp_path: Path, authorities: Authorities
) -> None:
    common = _common(vault_dir, passphrase_file)
    _add(common)
    status = json.loads(run_cli("stamp", "status", *common, "--json").stdout)
    assert status["uncovered_entries"] == 1 and status["stamps"] == 0
    tsq = tmp_path / "j.tsq"
    assert run_cli("stamp", "request", *common, "--out", str(tsq)).returncode == 0
    tsr = authorities.ca.reply(tsq, tmp_path / "j.tsr", authorities.tsa)
    tampered = tmp_path / "bad.tsr"
    data = tsr.read_bytes()
    tampered.write_bytes(data[:-40] + bytes([data[-40] ^ 1]) + data[-39:])
    bad = run_cli("stamp", "import", *common, str(tampered))
    assert bad.returncode == 1 and "Traceback" not in bad.stderr
    assert bad.stderr.startswith("tr-journal: The time-stamp reply was refused")
    assert bad.stderr.count("\n") == 1
    good = run_cli("stamp", "import", *common, str(tsr), "--ca-file", str(authorities.ca.root.cert))
    assert good.returncode == 0, good.stderr
    assert "Time stamp S0001 recorded" in good.stdout and "CN=Test TSA" in good.stdout
    assert good.stderr == ""
    listed = json.loads(run_cli("stamp", "list", *common, "--json").stdout)
    assert listed["uncovered_entries"] == 0 and listed["stamps"][0]["root"] == "ca-file"
    text = run_cli("stamp", "list", *common).stdout
    assert "S0001" in text and "root given with --ca-file" in text
    check = run_cli("check", *common, "--json")
    assert check.returncode == 0, check.stdout


def test_unknown_root_is_recorded_with_a_warning(
    vault_dir: Path, passphrase_file: Path, tmp_path: Path, authorities: Authorities
) -> None:
    common = _common(vault_dir, passphrase_file)
    tsq = tmp_path / "j.tsq"
    run_cli("stamp", "request", *common, "--out", str(tsq))
    tsr = authorities.other_ca.reply(tsq, tmp_path / "j.tsr", authorities.other_tsa)
    done = run_cli("stamp", "import", *common, str(tsr), "--json")
    assert done.returncode == 0, done.stderr
    info = json.loads(done.stdout)
    assert info["root"] == "unknown" and info["root_name"] == "CN=Other Root"
    assert info["warning"] and info["root_fingerprint"] in done.stderr
    assert done.stderr.startswith(
        "tr-journal: Warning: the authority's certificates end at CN=Other Root"
    )


def test_send_goes_online_only_when_asked(
    vault_dir: Path, passphrase_file: Path, tmp_path: Path, http_tsa: str, authorities: Authorities
) -> None:
    common = _common(vault_dir, passphrase_file)
    out = tmp_path / "sent.tsq"
    done = run_cli(
        "stamp",
        "request",
        *common,
        "--send",
        http_tsa,
        "--out",
        str(out),
        "--ca-file",
        str(authorities.ca.root.cert),
        "--json",
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["root"] == "ca-file"
    assert out.is_file() and out.with_suffix(".tsr").is_file()
    down = run_cli("stamp", "request", *common, "--send", "http://127.0.0.1:9/tsr")
    assert down.returncode == 1 and "could not be sent to http://127.0.0.1:9/tsr" in down.stderr
    scheme = run_cli("stamp", "request", *common, "--send", "file:///etc/passwd")
    assert scheme.returncode == 1 and "only http:// and https://" in scheme.stderr


NO_NETWORK_PROBE = """
import sys
sockets = []
sys.addaudithook(lambda event, args: sockets.append(event) if event.startswith("socket.")
                 else None)
from tr_journal.cli import main
codes = [main(argv) for argv in {argvs!r}]
loaded = sorted(m for m in sys.modules if m == "tr_journal.evidence.tsa_send")
print(codes, loaded, sockets)
"""


def test_no_other_command_loads_the_network_module(
    vault_dir: Path, passphrase_file: Path, tmp_path: Path, authorities: Authorities
) -> None:
    common = _common(vault_dir, passphrase_file)
    tsq, bundle = tmp_path / "j.tsq", tmp_path / "b.zip"
    _add(common)
    run_cli("stamp", "request", *common, "--out", str(tsq))
    tsr = authorities.ca.reply(tsq, tmp_path / "j.tsr", authorities.tsa)
    argvs = [
        ["list", *common],
        ["stamp", "request", *common, "--out", str(tmp_path / "k.tsq")],
        ["stamp", "import", *common, str(tsr)],
        ["stamp", "status", *common],
        ["stamp", "list", *common],
        ["export", *common, "--out", str(bundle)],
        ["verify", str(bundle)],
        ["check", *common],
    ]
    probe = subprocess.run(
        [sys.executable, "-c", NO_NETWORK_PROBE.format(argvs=argvs)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert probe.returncode == 0, probe.stderr
    assert probe.stdout.strip().splitlines()[-1] == "[0, 0, 0, 0, 0, 0, 0, 0] [] []"
