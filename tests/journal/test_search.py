"""Search in any script, without accents, and phone numbers however typed (docs/architecture.md)."""

from __future__ import annotations

import pytest

from tr_journal.journal import entries, search
from tr_journal.vault import Vault

TEXTS = {
    "uyghur": "ئۇ ماڭا ئاپامنىڭ ئەھۋالىنى سورىدى، ئاندىن پاسپورتىمنى تەلەپ قىلدى",
    "chinese": "他说如果你不把护照寄过来你妈妈会有麻烦",
    "french": "Il a parlé de la communauté ouïghoure à Paris",
    "english": "He asked for the addresses of the association members",
}


@pytest.fixture
def filled(vault: Vault) -> dict[str, str]:
    ids = {}
    with vault.transaction() as conn:
        for key, text in TEXTS.items():
            ids[key] = entries.add_entry(
                conn, {"occurred_at": "2026-01-29T15:03+01:00", "narrative": text}
            )
        ids["phone"] = entries.add_entry(
            conn, {"occurred_at": "2026-01-29T15:03+01:00", "caller_number": "+86 991 555 0142"}
        )
    return ids


def _found(vault: Vault, query: str) -> set[str]:
    rows = search.matching_ids(vault.conn, query)
    return {e.id for e in entries.list_entries(vault.conn, ids=rows)} if rows else set()


@pytest.mark.parametrize(
    "query,key",
    [
        ("پاسپورتىمنى", "uyghur"),
        ("ئەھۋالىنى", "uyghur"),
        ("护照", "chinese"),
        ("妈", "chinese"),
        ("ouighour", "french"),
        ("OUÏGHOURE", "french"),
        ("communaute", "french"),
        ("addresses", "english"),
        ("ASSOCIATION members", "english"),
        ("+86 991 555 0142", "phone"),
        ("0086991 555 0142", "phone"),
        ("0086 991 5550142", "phone"),
        ("991-555-0142", "phone"),
        ("(991) 555 0142", "phone"),
        ("9915550142", "phone"),
    ],
)
def test_query_finds_the_entry(vault: Vault, filled: dict[str, str], query: str, key: str) -> None:
    assert _found(vault, query) == {filled[key]}


def test_no_false_positives(vault: Vault, filled: dict[str, str]) -> None:
    assert _found(vault, "passport") == set()
    assert _found(vault, "护士") == set()
    assert _found(vault, "+33 6 12 34 56 78") == set()
    assert _found(vault, "") == set()


def test_search_sees_only_current_revisions(vault: Vault, filled: dict[str, str]) -> None:
    with vault.transaction() as conn:
        entries.revise_entry(
            conn,
            filled["english"],
            {"occurred_at": "2026-01-29T15:03+01:00", "narrative": "rewritten"},
        )
        entries.delete_entry(conn, filled["chinese"])
    assert _found(vault, "addresses") == set()
    assert _found(vault, "rewritten") == {filled["english"]}
    assert _found(vault, "护照") == set()


def test_quotes_and_operators_are_plain_text(vault: Vault, filled: dict[str, str]) -> None:
    assert _found(vault, 'he "asked') == set()
    assert _found(vault, "NOT OR AND") == set()
    assert _found(vault, "members)") == set()
