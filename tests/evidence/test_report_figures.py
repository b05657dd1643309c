"""The dossier's summary of repeated conduct says what ``stats --json`` says (issue 17): the
same callers (numbers in any written form as one, the person's merges applied), months,
demands, threats and demand × threat, checked against counts made independently from
``show --json``; a selective export counts and names nothing it does not disclose."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import unicodedata
import zipfile
from collections import Counter, defaultdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import PASSPHRASE, run_cli
from tr_journal.evidence.report_dates import month_label, short_date
from tr_journal.i18n.labels import demand_label, threat_label
from tr_journal.journal import entries
from tr_journal.patterns.selection import selection_figures
from tr_journal.patterns.stats import report_json
from tr_journal.vault import Vault

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is in tools/setup.sh"
)
ENV = {"TR_JOURNAL_REGION": "FR"}
HIDDEN_NUMBER = "+1 202 555 0199"  # only in the undisclosed entry (E.164 sorts first)
HIDDEN_WORDS = ("2025550199", "Hidden Bureau")
ENTRIES: list[dict[str, Any]] = [
    {
        "occurred_at": "2026-01-05T10:00+01:00",
        "caller_number": "+33 6 12 34 56 78",
        "channel": "phone",
        "claimed_identity": "Police",
        "demands": ["inform"],
        "threats": ["relatives"],
        "response": "I refused.",
    },
    {
        "occurred_at": "2026-01-20T09:00+01:00",
        "caller_number": "0612345678",
        "attempts": 3,
        "channel": "wechat",
        "claimed_identity": "police ",
        "demands": ["inform", "return"],
    },
    {
        "occurred_at": "2026-03-02T18:00+01:00",
        "caller_number": "0033612345678",
        "channel": "phone",
        "threats": ["relatives", "status"],
        "demands": ["return"],
    },
    {
        "occurred_at": "2026-03-10T08:00+01:00",
        "caller_account": "wxid_Abc",
        "channel": "wechat",
        "demands": ["inform"],
        "threats": ["status"],
    },
    {
        "occurred_at": "2026-03-12T08:00+08:00",
        "caller_number": "+86 991 555 0142",
        "channel": "phone",
        "claimed_identity": "Public Security Bureau",
    },
    # the undisclosed one: its number, agency and month must show nowhere in a selective export
    {
        "occurred_at": "2026-05-01T12:00+01:00",
        "caller_number": HIDDEN_NUMBER,
        "channel": "phone",
        "claimed_identity": "Hidden Bureau",
        "demands": ["money"],
        "threats": ["detention"],
    },
]


def _cli(vault_dir: Path, passphrase_file: Path, *args: str) -> Any:
    done = run_cli(
        *args,
        "--vault",
        str(vault_dir),
        "--passphrase-file",
        str(passphrase_file),
        "--json",
        env=ENV,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _utc(shown: dict[str, Any]) -> str:
    return (
        datetime.fromisoformat(shown["occurred_at"]).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    )


def _independent(shown: list[dict[str, Any]], joined: dict[str, str]) -> dict[str, Any]:
    """Figures from the entries as ``show --json`` prints them; ``joined`` maps an identifier
    to the one the person merged it with."""
    months: Counter[str] = Counter()
    demands: Counter[str] = Counter()
    threats: Counter[str] = Counter()
    pairs: dict[str, Counter[str]] = defaultdict(Counter)
    callers: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for entry in shown:
        months[entry["occurred_at"][:7]] += 1  # the month declared, as the chronology has it
        demands.update(entry.get("demands", []))
        threats.update(entry.get("threats", []))
        for demand in entry.get("demands", []):
            pairs[demand].update(entry.get("threats", []))
        caller = entry.get("caller_number_e164") or entry.get("caller_account", "").lower()
        callers[joined.get(caller, caller)].append((_utc(entry), entry["occurred_at"]))
    return {
        "months": dict(months),
        "demands": dict(demands),
        "threats": dict(threats),
        "pairs": {d: dict(c) for d, c in pairs.items()},
        "callers": {k: (len(v), min(v)[1][:10], max(v)[1][:10]) for k, v in callers.items()},
    }


def _stats_figures(stats: dict[str, Any]) -> dict[str, Any]:
    return {
        "months": {m["month"]: m["entries"] for m in stats["months"]},
        "demands": {k: v["entries"] for k, v in stats["demands"].items()},
        "threats": {k: v["entries"] for k, v in stats["threats"].items()},
        "pairs": stats["demand_threat"],
        "callers": {
            (c["numbers"] + c["accounts"])[0]: (c["entries"], c["first"], c["last"])
            for c in stats["callers"]
        },
    }


def _export(vault_dir: Path, passphrase_file: Path, out: Path, *ids: str) -> tuple[str, str]:
    """(summary text of report.pdf, report.html) of an English export."""
    out.parent.mkdir()
    selection = [a for i in ids for a in ("--entry", i)]
    _cli(vault_dir, passphrase_file, "export", "--out", str(out), "--lang", "en", *selection)
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
        pdf = archive.read(next(n for n in names if n.endswith("report.pdf")))
        html = archive.read(next(n for n in names if n.endswith("report.html"))).decode()
    (out.parent / "report.pdf").write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", str(out.parent / "report.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    text = re.sub(
        r"[\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069]", "", unicodedata.normalize("NFKC", text)
    )
    text = re.sub(r"\s+", " ", text)
    return text[text.index("Summary of repeated conduct") : text.index("Chronology")], html


def _day(declared: str) -> str:
    return short_date(declared[:10], "en")


def _assert_spans_shown(summary: str, shown: list[dict[str, Any]]) -> None:
    """First and last dates of each demand and threat, from ``show --json`` alone."""
    for field, name in (("demands", demand_label), ("threats", threat_label)):
        times: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for entry in shown:
            for key in entry.get(field, []):
                times[key].append((_utc(entry), entry["occurred_at"]))
        for key, found in times.items():
            assert (f"{name(key)} {len(found)} ") in summary
            assert f"{_day(min(found)[1])} {_day(max(found)[1])}" in summary.split(name(key), 1)[1]


def _assert_summary_shows(summary: str, stats: dict[str, Any]) -> None:
    """Every figure of ``stats --json`` is printed in the dossier's summary as a table row."""
    totals = stats["totals"]
    assert (
        f"{totals['entries']} entries ({totals['attempts']} attempts) from "
        f"{_day(totals['first'])} to {_day(totals['last'])}."
    ) in summary
    for caller in stats["callers"]:
        shown = ", ".join(caller["numbers"] + caller["accounts"])
        assert (
            f"{shown} {caller['entries']} {caller['attempts']} {_day(caller['first'])} "
            f"{_day(caller['last'])}"
        ) in summary
    for key, count in stats["demands"].items():
        assert f"{demand_label(key)} {count['entries']} {count['attempts']} " in summary
    for key, count in stats["threats"].items():
        assert f"{threat_label(key)} {count['entries']} {count['attempts']} " in summary
    for demand, row in stats["demand_threat"].items():
        for threat, n in row.items():
            assert f"{demand_label(demand)} {threat_label(threat)} {n}" in summary
    for month in stats["months"]:
        assert (
            f"{month_label(month['month'], 'en')} {month['entries']} {month['attempts']}"
        ) in summary


def test_dossier_summary_equals_stats_and_hides_the_undisclosed(
    vault_dir: Path, passphrase_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TR_JOURNAL_REGION", "FR")
    with Vault.open(vault_dir, PASSPHRASE) as vault, vault.transaction() as conn:
        ids = [entries.add_entry(conn, dict(fields)) for fields in ENTRIES]
    # "same man, new account", and the hidden number joined to him too
    _cli(vault_dir, passphrase_file, "caller", "merge", "06 12 34 56 78", "wxid_abc")
    _cli(vault_dir, passphrase_file, "caller", "merge", HIDDEN_NUMBER, "wxid_abc")
    shown = [_cli(vault_dir, passphrase_file, "show", i) for i in ids]
    stats = _cli(vault_dir, passphrase_file, "stats")

    # the whole journal: stats, the dossier's data and the independent counts agree
    joined = {"+33612345678": "+12025550199", "wxid_abc": "+12025550199"}
    assert _stats_figures(stats) == _independent(shown, joined)
    with Vault.open(vault_dir, PASSPHRASE) as vault, vault.reading() as conn:
        whole = report_json(selection_figures(conn, ids).report)
    for doc in (whole, stats):
        doc.pop("since"), doc.pop("until")
    assert whole == stats
    summary, _html = _export(vault_dir, passphrase_file, tmp_path / "all" / "b.zip")
    _assert_summary_shows(summary, stats)
    _assert_spans_shown(summary, shown)
    assert "+12025550199, +33612345678, wxid_abc 5 7" in summary  # the merges, as in stats

    # a selective export: the figures of the disclosed entries only, the hidden one nowhere
    disclosed = ids[:-1]
    expected = _independent(shown[:-1], {"wxid_abc": "+33612345678"})
    with Vault.open(vault_dir, PASSPHRASE) as vault, vault.reading() as conn:
        figures = selection_figures(conn, disclosed)
    partial = report_json(figures.report)
    assert _stats_figures(partial) == expected
    assert (partial["totals"]["entries"], partial["totals"]["attempts"]) == (5, 7)
    assert "2026-05" not in json.dumps(partial)
    assert not any(word in json.dumps(partial) for word in HIDDEN_WORDS)
    assert [a.shown for a in figures.agencies] == ["Police", "Public Security Bureau"]
    assert figures.agencies[0].entries == 2  # "Police" and "police " are one agency
    summary, html = _export(vault_dir, passphrase_file, tmp_path / "some" / "b.zip", *disclosed)
    _assert_summary_shows(summary, partial)
    _assert_spans_shown(summary, shown[:-1])
    assert "+33612345678, wxid_abc 4 6" in summary
    pdf = (tmp_path / "some" / "report.pdf").read_bytes()
    full_text = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    for word in (*HIDDEN_WORDS, "May 2026", "Detention of relatives", "Money"):
        assert word not in full_text and word not in html, word
