"""`--occurred` as precisely as the person knows it: stored exactly, sorted by its earliest
instant, shown without an invented 00:00, and refused in one sentence when it is wrong."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import PASSPHRASE, run_cli
from tr_journal.journal import chain, entries
from tr_journal.vault import Vault

PARIS = {"TZ": "Europe/Paris", "LANGUAGE": "en"}


def _common(vault_dir: Path, passphrase_file: Path) -> list[str]:
    return ["--vault", str(vault_dir), "--passphrase-file", str(passphrase_file)]


def _add(common: list[str], occurred: str, *extra: str) -> str:
    result = run_cli("add", *common, "--json", "--occurred", occurred, *extra, env=PARIS)
    assert result.returncode == 0, result.stderr
    return str(json.loads(result.stdout)["id"])


def test_a_date_alone_is_kept_as_a_date(vault_dir: Path, passphrase_file: Path) -> None:
    common = _common(vault_dir, passphrase_file)
    entry_id = _add(common, "2026-03-02")
    shown = json.loads(run_cli("show", entry_id, *common, "--json", env=PARIS).stdout)
    assert shown["occurred_at"] == "2026-03-02"
    assert shown["timezone"] == "Europe/Paris"
    human = run_cli("show", entry_id, *common, env=PARIS).stdout
    assert "occurred_at: 2026-03-02 (March 2, 2026 (date only))" in human
    assert "00:00" not in human


def test_every_edtf_form_round_trips_exactly(vault_dir: Path, passphrase_file: Path) -> None:
    common = _common(vault_dir, passphrase_file)
    forms = [
        "2026-03-02T21:40+01:00",
        "2026-03-02T21:40:05+01:00",
        "2026-03",
        "2026-03-02~",
        "2026-03?",
        "2026-03-02/2026-03-04",
        "2026-03-04T20:00+01:00/2026-03-04T22:00+01:00",
    ]
    for form in forms:
        entry_id = _add(common, form)
        shown = json.loads(run_cli("show", entry_id, *common, "--json", env=PARIS).stdout)
        assert shown["occurred_at"] == form


def test_lists_sort_mixed_precisions_by_earliest_instant(
    vault_dir: Path, passphrase_file: Path
) -> None:
    common = _common(vault_dir, passphrase_file)
    ids = {
        form: _add(common, form)
        for form in (
            "2026-03-02T09:00+01:00",
            "2026-03",
            "2026-03-02",
            "2026-02-28/2026-03-05",
            "2026-03-01T23:30+01:00",
        )
    }
    listed = json.loads(run_cli("list", *common, "--json", env=PARIS).stdout)
    newest_first = [e["occurred_at"] for e in listed]
    assert newest_first == [
        "2026-03-02T09:00+01:00",
        "2026-03-02",
        "2026-03-01T23:30+01:00",
        "2026-03",
        "2026-02-28/2026-03-05",
    ]
    assert {e["id"] for e in listed} == set(ids.values())
    human = run_cli("list", *common, env=PARIS).stdout
    assert "March 2026 (month only)" in human and "00:00" not in human
    march = json.loads(
        run_cli(
            "list", *common, "--json", "--since", "2026-03", "--until", "2026-03-01", env=PARIS
        ).stdout
    )
    assert [e["occurred_at"] for e in march] == ["2026-03-01T23:30+01:00", "2026-03"]


def test_typed_forms_are_read_with_the_zone(vault_dir: Path, passphrase_file: Path) -> None:
    common = _common(vault_dir, passphrase_file)
    entry_id = _add(common, "2026-03-02 21:40", "--timezone", "Asia/Urumqi")
    shown = json.loads(run_cli("show", entry_id, *common, "--json", env=PARIS).stdout)
    assert shown["occurred_at"] == "2026-03-02T21:40+06:00"
    assert shown["timezone"] == "Asia/Urumqi"


def test_offset_that_disagrees_with_the_zone_is_refused(
    vault_dir: Path, passphrase_file: Path
) -> None:
    common = _common(vault_dir, passphrase_file)
    result = run_cli(
        "add",
        *common,
        "--occurred",
        "2026-03-02T21:40+01:00",
        "--timezone",
        "Asia/Shanghai",
        env=PARIS,
    )
    assert result.returncode == 2
    assert "+08:00" in result.stderr and result.stderr.count("\n") == 1
    assert json.loads(run_cli("list", *common, "--json", env=PARIS).stdout) == []


def test_unreadable_time_is_refused_in_the_users_language(
    vault_dir: Path, passphrase_file: Path
) -> None:
    common = _common(vault_dir, passphrase_file)
    result = run_cli("add", *common, "--occurred", "hier soir", env={**PARIS, "LANGUAGE": "fr"})
    assert result.returncode == 2
    assert "n’est pas une heure" in result.stderr and "Traceback" not in result.stderr
    assert json.loads(run_cli("list", *common, "--json", env=PARIS).stdout) == []


def test_edit_to_a_vaguer_time_keeps_the_old_revision_byte_identical(
    vault_dir: Path, passphrase_file: Path
) -> None:
    """An old-style value (full ISO date-time with seconds) stays exactly as hashed; the new
    revision holds the month; the chain still verifies."""
    common = _common(vault_dir, passphrase_file)
    entry_id = _add(common, "2026-01-29T15:03:00+01:00", "--timezone", "Europe/Paris")
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        before = entries.revisions(vault.conn, entry_id)[0]
    edited = run_cli("edit", entry_id, *common, "--occurred", "2026-01~", env=PARIS)
    assert edited.returncode == 0, edited.stderr
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        history = entries.revisions(vault.conn, entry_id)
        assert history[0] == before
        assert before.fields.occurred_at == "2026-01-29T15:03:00+01:00"
        assert history[1].fields.occurred_at == "2026-01~"
        assert chain.verify_events(chain.all_events(vault.conn)) == []


def test_import_reads_the_same_forms(
    vault_dir: Path, passphrase_file: Path, tmp_path: Path
) -> None:
    common = _common(vault_dir, passphrase_file)
    log = tmp_path / "log.csv"
    log.write_text(
        "occurred_at,channel\n2026-03,phone\n2026-03-02~,sms\n"
        "2026-03-04T20:00+01:00/2026-03-04T22:00+01:00,phone\n",
        encoding="utf-8",
    )
    result = run_cli("import", str(log), *common, "--json", env=PARIS)
    assert result.returncode == 0, result.stderr
    listed = json.loads(run_cli("list", *common, "--json", env=PARIS).stdout)
    assert sorted(e["occurred_at"] for e in listed) == [
        "2026-03",
        "2026-03-02~",
        "2026-03-04T20:00+01:00/2026-03-04T22:00+01:00",
    ]
    bad = tmp_path / "bad.csv"
    bad.write_text("occurred_at,channel\n2026-03-05,phone\n21,phone\n", encoding="utf-8")
    refused = run_cli("import", str(bad), *common, env=PARIS)
    assert refused.returncode == 1 and "Line 3" in refused.stderr
    assert len(json.loads(run_cli("list", *common, "--json", env=PARIS).stdout)) == 3
