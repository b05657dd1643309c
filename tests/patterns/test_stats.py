"""``stats --json`` against counts made independently from ``show --json`` of every entry;
facts kept in step with edits and deletions; an older vault upgraded; merges in the chain."""

from __future__ import annotations

import json
import random
import shutil
from collections import Counter, defaultdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import PASSPHRASE, run_cli
from tr_journal import model
from tr_journal.journal import entries
from tr_journal.journal.chain import all_events, verify_events
from tr_journal.patterns.stats import build_report, merge_callers, report_json, unmerge_callers
from tr_journal.store.stats import Window
from tr_journal.vault import Vault

DATA = Path(__file__).resolve().parent.parent / "data"
NUMBERS = (
    "+33 6 12 34 56 78",
    "0612345678",
    "0033612345678",
    "+33612345678",
    "+86 991 555 0142",
    "",
)
ENV = {"TR_JOURNAL_REGION": "FR"}


def _random_fields(rng: random.Random, i: int) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "occurred_at": f"2025-{rng.randrange(1, 13):02d}-{rng.randrange(1, 28):02d}T"
        f"{rng.randrange(0, 24):02d}:30",
        "timezone": rng.choice(["Europe/Paris", "Asia/Shanghai", "UTC"]),
        "channel": rng.choice(model.CHANNELS),
        "demands": rng.sample(model.DEMANDS, rng.randrange(0, 3)),
        "threats": rng.sample(model.THREATS, rng.randrange(0, 3)),
        "response": rng.choice(["I refused.", "Nothing", ""]),
    }
    number = NUMBERS[i % len(NUMBERS)]
    if number:
        fields["caller_number"] = number
    elif i % 2:
        fields["caller_account"] = f"wxid_{i % 3}"
    return fields


def _cli(vault_dir: Path, passphrase_file: Path, *args: str) -> Any:
    result = run_cli(
        *args,
        "--vault",
        str(vault_dir),
        "--passphrase-file",
        str(passphrase_file),
        "--json",
        env=ENV,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _utc(entry: dict[str, Any]) -> str:
    when = datetime.fromisoformat(entry["occurred_at"]).astimezone(UTC)
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def _independent(shown: list[dict[str, Any]]) -> dict[str, Any]:
    """The figures, from the entries as `show --json` prints them (no shared code)."""
    months: Counter[str] = Counter()
    demands: Counter[str] = Counter()
    threats: Counter[str] = Counter()
    pairs: dict[str, Counter[str]] = defaultdict(Counter)
    callers: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for entry in shown:
        months[entry["occurred_at"][:7]] += 1  # the month declared, not the UTC one
        demands.update(entry.get("demands", []))
        threats.update(entry.get("threats", []))
        for d in entry.get("demands", []):
            if entry.get("threats"):  # a demand without a threat makes no pair
                pairs[d].update(entry["threats"])
        caller = entry.get("caller_number_e164") or entry.get("caller_account", "").lower()
        if caller:
            callers[caller].append((_utc(entry), entry["occurred_at"]))
    return {
        "entries": len(shown),
        "months": dict(months),
        "demands": dict(demands),
        "threats": dict(threats),
        "pairs": {d: dict(c) for d, c in pairs.items()},
        "callers": {k: (len(v), min(v)[1][:10], max(v)[1][:10]) for k, v in callers.items()},
    }


def test_stats_json_agrees_with_every_entry_shown(
    vault_dir: Path, passphrase_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TR_JOURNAL_REGION", "FR")
    rng = random.Random(17)
    with Vault.open(vault_dir, PASSPHRASE) as vault, vault.transaction() as conn:
        ids = [entries.add_entry(conn, _random_fields(rng, i)) for i in range(36)]
    with Vault.open(vault_dir, PASSPHRASE) as vault, vault.transaction() as conn:
        for public_id in ids[:8]:  # edits change what is counted
            entries.revise_entry(conn, public_id, _random_fields(rng, rng.randrange(99)))
        for public_id in ids[8:12]:  # deleted entries count no more
            entries.delete_entry(conn, public_id)
    shown = [
        _cli(vault_dir, passphrase_file, "show", public_id) for public_id in ids[:8] + ids[12:]
    ]
    expected = _independent(shown)
    stats = _cli(vault_dir, passphrase_file, "stats")
    assert stats["totals"]["entries"] == expected["entries"] == 32
    assert stats["totals"]["attempts"] == 32  # no random entry says attempts: one each
    assert {m["month"]: m["entries"] for m in stats["months"]} == expected["months"]
    assert {k: v["entries"] for k, v in stats["demands"].items()} == expected["demands"]
    assert {k: v["entries"] for k, v in stats["threats"].items()} == expected["threats"]
    assert stats["demand_threat"] == expected["pairs"]
    got = {
        (c["numbers"] + c["accounts"])[0]: (c["entries"], c["first"], c["last"])
        for c in stats["callers"]
    }
    assert got == expected["callers"]
    with Vault.open(vault_dir, PASSPHRASE) as vault, vault.reading() as conn:
        tallied = report_json(build_report(conn, Window()))
        scanned = report_json(
            build_report(conn, Window("1970-01-01T00:00:00Z", "2999-12-31T23:59:59Z"))
        )
    for doc in (tallied, scanned):  # the maintained tallies and the range scan agree
        doc.pop("since"), doc.pop("until")
    assert tallied == scanned
    # the four French spellings are one number
    assert got["+33612345678"][0] == sum(1 for e in shown if e.get("caller_number") in NUMBERS[:4])


def test_since_and_until_bound_every_figure(vault: Vault) -> None:
    with vault.transaction() as conn:
        for month in (1, 2, 3):
            entries.add_entry(
                conn,
                {
                    "occurred_at": f"2026-0{month}-15T12:00+00:00",
                    "caller_account": "a",
                    "demands": ["money"],
                },
            )
    with vault.reading() as conn:
        doc = report_json(
            build_report(conn, Window("2026-02-01T00:00:00Z", "2026-02-28T23:59:59Z"))
        )
    assert doc["totals"]["entries"] == 1 and doc["demands"]["money"]["entries"] == 1
    assert [m["month"] for m in doc["months"]] == ["2026-02"]
    assert doc["callers"][0]["entries"] == 1


def test_older_vault_is_upgraded_with_its_entries_counted(tmp_path: Path) -> None:
    meta = json.loads((DATA / "v1-vault.json").read_text())
    folder = tmp_path / "old"
    shutil.copytree(DATA / "v1-vault", folder)
    with Vault.open(folder, meta["passphrase"]) as vault, vault.reading() as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] >= 3
        report = build_report(conn, Window())
        assert (
            report.totals.entries
            == conn.execute("SELECT count(*) FROM entries WHERE deleted = 0").fetchone()[0]
            >= 1
        )


def test_merge_and_unmerge_are_events_in_the_chain(vault: Vault) -> None:
    with vault.transaction() as conn:
        entries.add_entry(
            conn, {"occurred_at": "2026-01-01T10:00+01:00", "caller_number": "+33612345678"}
        )
        entries.add_entry(
            conn, {"occurred_at": "2026-01-02T10:00+01:00", "caller_account": "wxid_new"}
        )
    with vault.transaction() as conn:
        record = merge_callers(conn, "tel:+33612345678", "acct:wxid_new")
    with vault.reading() as conn:
        callers = build_report(conn, Window()).callers
        assert len(callers) == 1 and callers[0].entries == 2
        assert callers[0].merges == [record.public_id]
    with vault.transaction() as conn:
        unmerge_callers(conn)
    with vault.reading() as conn:
        assert len(build_report(conn, Window()).callers) == 2
        events = all_events(conn)
    assert [e.kind for e in events[-2:]] == ["caller.merged", "caller.unmerged"]
    assert {e.subject_id for e in events[-2:]} == {record.public_id}
    assert "+33" not in json.dumps([e.to_json() for e in events])  # ids and hashes only
    assert verify_events(events) == []


def test_cli_merge_reads_numbers_as_typed(vault_dir: Path, passphrase_file: Path) -> None:
    with Vault.open(vault_dir, PASSPHRASE) as vault, vault.transaction() as conn:
        entries.add_entry(
            conn, {"occurred_at": "2026-01-01T10:00+01:00", "caller_number": "+33 6 12 34 56 78"}
        )
        entries.add_entry(
            conn, {"occurred_at": "2026-01-02T10:00+01:00", "caller_account": "WXID_New"}
        )
    done = _cli(vault_dir, passphrase_file, "caller", "merge", "06 12 34 56 78", "wxid_new")
    assert done["first"] == "tel:+33612345678"
    callers = _cli(vault_dir, passphrase_file, "stats", "callers")["callers"]
    assert len(callers) == 1 and callers[0]["accounts"] == ["wxid_new"]
    assert _cli(vault_dir, passphrase_file, "caller", "unmerge")["undone"]
    assert len(_cli(vault_dir, passphrase_file, "stats", "callers")["callers"]) == 2
    check = run_cli("check", "--vault", str(vault_dir), "--passphrase-file", str(passphrase_file))
    assert check.returncode == 0, check.stdout


def test_check_finds_counts_out_of_step(vault: Vault) -> None:
    from tr_journal.maintenance import check

    with vault.transaction() as conn:
        entries.add_entry(
            conn,
            {
                "occurred_at": "2026-01-01T10:00+01:00",
                "caller_number": "+33612345678",
                "demands": ["money"],
            },
        )
    assert check(vault)["ok"]
    with vault.transaction() as conn:  # as if a trigger had missed an edit
        conn.execute("UPDATE tallies SET entries = entries + 1 WHERE dim = 'demand'")
        conn.execute("UPDATE entry_facts SET channel = 'sms'")
    report = check(vault)
    assert not report["ok"]
    assert [p.params["part"] for p in report["content"]] == ["facts", "tallies"]


def test_stats_command_does_not_load_qt() -> None:
    import subprocess
    import sys

    code = (
        "import sys, tr_journal.cli.stats_cmds, tr_journal.patterns.series;"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken'))))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
