"""Fixtures for attachment tests: a vault with one entry to attach to."""

from __future__ import annotations

import pytest

from tr_journal.journal.entries import add_entry
from tr_journal.vault import Vault


@pytest.fixture
def entry_id(vault: Vault) -> str:
    with vault.transaction() as conn:
        return add_entry(conn, {"occurred_at": "2026-01-29T15:03:00+01:00", "channel": "phone"})
