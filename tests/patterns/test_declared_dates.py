"""Months, weeks and first/last contact are those the person declared, not the UTC instant
(docs/patterns.md, "Months and weeks"): a date-only 1 December in Paris is 30 November 23:00
UTC, and ``stats``, the patterns view and the dossier must still say December, as the
chronology does. A vault made before schema step 8 is recounted on upgrade."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import CHEAP_KDF, PASSPHRASE, run_cli
from tr_journal.journal import entries
from tr_journal.patterns.stats import build_report, report_json
from tr_journal.store import connection as store_connection
from tr_journal.store import schema
from tr_journal.store.stats import Window, by_period, derived_problems
from tr_journal.vault import Vault

PARIS = {"TZ": "Europe/Paris", "TR_JOURNAL_REGION": "FR"}
NUMBER = "+33 6 12 34 56 78"
#: (what is typed, zone): each one's UTC instant falls in another month or week than declared
TYPED = [
    ("2026-12-01", "Europe/Paris"),  # 2026-11-30T23:00Z
    ("2027-02-01 00:30", "Europe/Paris"),  # 2027-01-31T23:30Z
    ("2026-12-07 00:30", "Asia/Shanghai"),  # 2026-12-06T16:30Z, a Sunday
    ("2027-03", "Europe/Paris"),
]  # 2027-02-28T23:00Z
MONTHS = {"2026-12": 2, "2027-02": 1, "2027-03": 1}
#: the Monday of each declared day's week; a month-only entry counts in its 1st's week
WEEKS = {"2026-11-30": 1, "2026-12-07": 1, "2027-02-01": 1, "2027-03-01": 1}


def _cli(vault_dir: Path, passphrase_file: Path, env: dict[str, str], *args: str) -> Any:
    done = run_cli(
        *args,
        "--vault",
        str(vault_dir),
        "--passphrase-file",
        str(passphrase_file),
        "--json",
        env=env,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _add_all(vault_dir: Path, passphrase_file: Path, env: dict[str, str]) -> list[str]:
    return [
        _cli(
            vault_dir,
            passphrase_file,
            env,
            "add",
            "--occurred",
            typed,
            "--timezone",
            zone,
            "--number",
            NUMBER,
            "--demand",
            "money",
            "--threat",
            "relatives",
        )["id"]
        for typed, zone in TYPED
    ]


def _weeks(conn: Any, window: Window) -> dict[str, int]:
    return {r.period: r.entries for r in by_period(conn, window, "week", "channel")}


def _summary_text(vault_dir: Path, passphrase_file: Path, out: Path, lang: str) -> str:
    out.parent.mkdir()
    _cli(vault_dir, passphrase_file, PARIS, "export", "--out", str(out), "--lang", lang)
    with zipfile.ZipFile(out) as archive:
        pdf = archive.read(next(n for n in archive.namelist() if n.endswith("report.pdf")))
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    text = re.sub(
        r"[\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069]", "", unicodedata.normalize("NFKC", text)
    )
    return re.sub(r"\s+", " ", text)


def test_stats_weeks_and_first_last_are_the_declared_dates(
    vault_dir: Path, passphrase_file: Path
) -> None:
    ids = _add_all(vault_dir, passphrase_file, PARIS)
    shown = [_cli(vault_dir, passphrase_file, PARIS, "show", i) for i in ids]
    assert [s["occurred_at"] for s in shown] == [
        "2026-12-01",
        "2027-02-01T00:30+01:00",
        "2026-12-07T00:30+08:00",
        "2027-03",
    ]
    stats = _cli(vault_dir, passphrase_file, PARIS, "stats")
    assert {m["month"]: m["entries"] for m in stats["months"]} == MONTHS
    assert (stats["totals"]["first"], stats["totals"]["last"]) == ("2026-12-01", "2027-03")
    assert (stats["totals"]["first_at"], stats["totals"]["last_at"]) == ("2026-12-01", "2027-03")
    caller = stats["callers"][0]
    assert (caller["entries"], caller["first"], caller["last"]) == (4, "2026-12-01", "2027-03")
    with Vault.open(vault_dir, PASSPHRASE) as vault, vault.reading() as conn:
        assert derived_problems(conn) == []
        windowed = Window("2026-01-01T00:00:00Z", "2027-12-31T23:59:59Z")
        assert _weeks(conn, Window()) == _weeks(conn, windowed) == WEEKS
        ranged = report_json(build_report(conn, windowed))
        money = build_report(conn, Window()).demands["money"]
    assert {m["month"]: m["entries"] for m in ranged["months"]} == MONTHS
    assert (ranged["totals"]["first"], ranged["totals"]["last"]) == ("2026-12-01", "2027-03")
    assert (money.first_at, money.last_at) == ("2026-12-01", "2027-03")


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils: tools/setup.sh")
def test_dossier_summary_agrees_with_its_chronology(
    vault_dir: Path, passphrase_file: Path, tmp_path: Path
) -> None:
    _add_all(vault_dir, passphrase_file, PARIS)
    text = _summary_text(vault_dir, passphrase_file, tmp_path / "fr" / "b.zip", "fr")
    summary = text[text.index("Synthèse des faits répétés") : text.index("Chronologie")]
    assert "Entrées : 4 (tentatives : 4), du 1 déc. 2026 au mars 2027." in summary
    assert "+33612345678 4 4 1 déc. 2026 mars 2027" in summary
    assert "déc. 2026 2 2 janv. 2027 0 0 févr. 2027 1 1 mars 2027 1 1" in summary
    assert "nov. 2026" not in summary and "UTC" not in summary
    assert "les dates déclarées" in summary  # the sentence on which dates count
    assert "1 décembre 2026 (date seulement)" in text


def test_asia_shanghai_machine_gives_the_same_declared_months(
    vault_dir: Path, passphrase_file: Path
) -> None:
    env = {"TZ": "Asia/Shanghai", "TR_JOURNAL_REGION": "FR"}
    _cli(
        vault_dir, passphrase_file, env, "add", "--occurred", "2026-12-01 00:30", "--number", NUMBER
    )
    stats = _cli(vault_dir, passphrase_file, env, "stats")
    assert [m["month"] for m in stats["months"]] == ["2026-12"]
    assert stats["totals"]["first"] == "2026-12-01"
    assert stats["totals"]["first_at"] == "2026-12-01T00:30+08:00"


def test_a_vault_made_before_step_8_is_recounted_on_the_declared_dates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "v7"
    with monkeypatch.context() as old:  # the code as it was: schema 7, months of the UTC time
        old.setattr(schema, "SCHEMA_VERSION", 7)
        old.setattr(store_connection, "SCHEMA_VERSION", 7)
        vault, _recovery = Vault.create(folder, PASSPHRASE, CHEAP_KDF)
        with vault, vault.transaction() as conn:
            for typed, zone in TYPED:
                entries.add_entry(
                    conn,
                    {
                        "occurred_at": typed.replace(" ", "T"),
                        "timezone": zone,
                        "caller_number": NUMBER,
                    },
                )
            assert conn.execute("PRAGMA user_version").fetchone()[0] == 7
            months = {r.period for r in by_period(conn, Window(), "month", "channel")}
            assert months == {"2026-11", "2027-01", "2026-12", "2027-02"}  # the old defect
    with Vault.open(folder, PASSPHRASE) as vault, vault.reading() as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
        assert {
            r.period: r.entries for r in by_period(conn, Window(), "month", "channel")
        } == MONTHS
        assert _weeks(conn, Window()) == WEEKS
        assert derived_problems(conn) == []
        report = build_report(conn, Window())
    assert (report.totals.first_at, report.totals.last_at) == ("2026-12-01", "2027-03")
    with Vault.open(folder, PASSPHRASE) as vault:
        with vault.transaction() as conn:  # the triggers count new entries the same way
            entries.add_entry(conn, {"occurred_at": "2027-04-01", "timezone": "Europe/Paris"})
        with vault.reading() as conn:
            counted = {r.period for r in by_period(conn, Window(), "month", "channel")}
            assert "2027-04" in counted and "2027-03" in counted and derived_problems(conn) == []


def test_check_finds_a_tally_on_the_utc_week(vault: Vault) -> None:
    """``check`` recounts months and weeks from the declared days: a week tally left on the
    UTC week (as before step 8) is reported."""
    with vault.transaction() as conn:
        entries.add_entry(conn, {"occurred_at": "2026-12-07", "timezone": "Europe/Paris"})
        assert derived_problems(conn) == []
        conn.execute("UPDATE tallies SET month = '2026-11-30' WHERE dim = 'week_channel'")
        assert derived_problems(conn) == ["tallies"]
