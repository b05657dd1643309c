"""Chain problems are English strings for ``check`` and templates for the bundle verifier.

``verify_events`` serves two readers: the vault's ``check`` (its ``--json`` is read by scripts,
so the words must not change) and the evidence verdict, which a lawyer reads in French, Uyghur,
Chinese or Turkish. Each problem is both: a ``str`` in English and a translatable template.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.helpers import run_cli
from tr_journal.errors import Sentence
from tr_journal.i18n import translations_for
from tr_journal.journal.chain import GENESIS_HASH, event_hash, verify_events
from tr_journal.maintenance import check
from tr_journal.vault import Vault

DIGEST = "ab" * 32


def _chain(count: int) -> list[dict[str, Any]]:
    events, prev = [], GENESIS_HASH
    for seq in range(1, count + 1):
        event = {
            "seq": seq,
            "at_utc": f"2026-01-0{seq}T00:00:00Z",
            "kind": "entry.created",
            "subject_id": f"E000{seq}",
            "content_sha256": DIGEST,
            "prev_hash": prev,
        }
        event["hash"] = prev = event_hash(event)
        events.append(event)
    return events


def test_intact_chain_has_no_problem() -> None:
    assert verify_events(_chain(3)) == []


def test_problems_keep_their_english_words() -> None:
    events = _chain(4)
    events[3]["at_utc"] = "2020-01-01T00:00:00Z"
    del events[1]
    assert verify_events(events) == [
        "event 3 stands where event 2 was expected",
        "event 3 does not link to the event before it",
        "event 4 (entry.created E0004) was altered",
    ]
    assert verify_events([]) == ["the chain is empty"]
    assert verify_events([{"seq": 1}]) == [
        "event 1 lacks at_utc, kind, subject_id, content_sha256, prev_hash, hash"
    ]


def test_problems_are_translated_templates() -> None:
    events = _chain(4)
    events[3]["at_utc"] = "2020-01-01T00:00:00Z"
    del events[1]
    problems = verify_events(events) + verify_events([]) + verify_events([{"seq": 1}])
    expected_fr = [
        "l'événement 3 se trouve là où l'événement 2 était attendu",
        "l'événement 3 n'est pas relié à l'événement qui le précède",
        "l'événement 4 (entry.created E0004) a été modifié",
        "la chaîne est vide",
    ]
    french = translations_for("fr").gettext
    said = [french(p.template).format(**p.params) for p in problems]
    assert said[:4] == expected_fr
    assert said[4].startswith("il manque des champs à l'événement 1 : at_utc")
    for problem in problems:
        assert isinstance(problem, Sentence)
        for lang in ("ug", "zh_CN", "tr"):
            text = translations_for(lang).gettext(problem.template).format(**problem.params)
            assert text != str(problem), (lang, text)


def test_check_still_reports_english_in_json(vault: Vault) -> None:
    from tr_journal.journal import entries

    with vault.transaction() as conn:
        entries.add_entry(conn, {"occurred_at": "2026-01-29T15:03+01:00"})
    vault.conn.execute("UPDATE events SET at_utc = '2020-01-01T00:00:00Z' WHERE seq = 2")
    report = check(vault)
    decoded = json.loads(json.dumps(report))
    assert decoded["chain"] == ["event 2 (entry.created E0001) was altered"]
    assert not decoded["ok"]


def test_cli_check_json_is_unchanged(vault_dir: Path, passphrase_file: Path) -> None:
    done = run_cli(
        "check",
        "--vault",
        str(vault_dir),
        "--passphrase-file",
        str(passphrase_file),
        "--json",
        env={"TR_JOURNAL_LANG": "fr"},
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["chain"] == []


def test_cli_check_says_chain_and_content_problems_in_french(
    vault_dir: Path, passphrase_file: Path
) -> None:
    from tests.helpers import PASSPHRASE
    from tr_journal.journal import entries

    with Vault.open(vault_dir, PASSPHRASE) as vault:
        with vault.transaction() as conn:
            entries.add_entry(conn, {"occurred_at": "2026-01-29T15:03+01:00", "narrative": "true"})
        vault.conn.execute("UPDATE events SET at_utc = '2020-01-01T00:00:00Z' WHERE seq = 2")
        vault.conn.execute("UPDATE revisions SET body = replace(body, 'true', 'fake')")
    done = run_cli(
        "check",
        "--vault",
        str(vault_dir),
        "--passphrase-file",
        str(passphrase_file),
        env={"TR_JOURNAL_LANG": "fr"},
    )
    assert done.returncode == 1, done.stderr
    assert "l'événement 2 (entry.created E0001) a été modifié" in done.stdout, done.stdout
    assert "la révision 1 de E0001 ne correspond pas à son événement" in done.stdout
    assert "was altered" not in done.stdout and "does not match" not in done.stdout


def test_a_field_of_the_wrong_type_is_reported_not_raised() -> None:
    events = _chain(2)
    events[1]["seq"] = "2"
    events[0]["subject_id"] = 7
    assert verify_events(events[1:]) == ["event 1 lacks seq"]
    assert verify_events(events) == ["event 1 lacks subject_id"]
