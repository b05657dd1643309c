"""What is checked when (docs/integrity.md): a constant-size check at open, the full check in
``check`` and in the app's daily background run, and the last clean result kept in the vault."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlcipher3

from tests.helpers import PASSPHRASE, run_cli
from tr_journal import maintenance
from tr_journal.errors import Cancelled
from tr_journal.journal import entries
from tr_journal.store import connection
from tr_journal.store.integrity_log import check_due, last_clean_check, record_clean_check
from tr_journal.vault import Vault


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_open_reads_no_table_of_the_journal(
    vault_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The statements run at open: no check of entries, revisions, events or the index (their
    size grows with the journal; on 100,000 entries that made every command 4-5x slower)."""
    statements: list[str] = []
    real_connect = connection._connect

    def traced(*args: object) -> sqlcipher3.Connection:
        conn = real_connect(*args)  # type: ignore[arg-type]
        conn.set_trace_callback(statements.append)
        return conn

    monkeypatch.setattr(connection, "_connect", traced)
    Vault.open(vault_dir, PASSPHRASE).close()
    checks = [s for s in statements if "check" in s.lower()]
    assert checks == ["PRAGMA quick_check('meta')"]


def test_cli_check_records_a_clean_result(vault_dir: Path, passphrase_file: Path) -> None:
    with Vault.open(vault_dir, PASSPHRASE) as vault, vault.reading() as conn:
        assert last_clean_check(conn) is None and check_due(conn)
    result = run_cli(
        "check", "--vault", str(vault_dir), "--passphrase-file", str(passphrase_file), "--json"
    )
    assert result.returncode == 0 and json.loads(result.stdout)["ok"]
    with Vault.open(vault_dir, PASSPHRASE) as vault, vault.reading() as conn:
        recorded = last_clean_check(conn)
        assert recorded is not None and recorded.endswith("Z")
        assert not check_due(conn)


def test_a_check_that_finds_problems_writes_nothing(vault: Vault) -> None:
    before = _digests(vault.dir)
    maintenance.record_check(vault, {"ok": False})
    assert _digests(vault.dir) == before
    with vault.reading() as conn:
        assert last_clean_check(conn) is None


def test_the_check_is_due_again_after_a_day(vault: Vault) -> None:
    now = datetime(2026, 5, 1, 12, tzinfo=UTC)
    with vault.transaction() as conn:
        record_clean_check(conn, "2026-05-01T00:00:00Z")
    with vault.reading() as conn:
        assert not check_due(conn, now)
        assert check_due(conn, now + timedelta(hours=12))


def test_background_check_runs_on_its_own_connection_and_records(vault: Vault) -> None:
    with vault.transaction() as conn:
        entries.add_entry(conn, {"occurred_at": "2026-01-29T15:03+01:00"})
    report = maintenance.background_check(vault)
    assert report["ok"] and report["events"] == 2
    with vault.reading() as conn:
        assert last_clean_check(conn) is not None


def test_cancelled_background_check_records_nothing(vault: Vault) -> None:
    with pytest.raises(Cancelled):
        maintenance.background_check(vault, lambda: True)
    with vault.reading() as conn:
        assert last_clean_check(conn) is None
