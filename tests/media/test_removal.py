"""Removing an attachment: a tombstone event with its hash, the bytes gone, VACUUM on request."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.helpers import FIXTURE_SHA256
from tr_journal.errors import NotFound
from tr_journal.journal.chain import all_events, verify_events
from tr_journal.media.ingest import add_attachment
from tr_journal.media.records import iter_chunks, list_attachments
from tr_journal.media.removal import remove_attachment, vacuum
from tr_journal.vault import Vault


def test_remove_leaves_tombstone_and_drops_bytes(
    vault: Vault, entry_id: str, fixtures_dir: Path
) -> None:
    with vault.transaction() as conn:
        kept = add_attachment(conn, entry_id, fixtures_dir / "call-en.mp3")
        gone = add_attachment(conn, entry_id, fixtures_dir / "call-fr.m4a")
    with vault.transaction() as conn:
        result = remove_attachment(conn, gone.id.lower())
    assert result.sha256 == FIXTURE_SHA256["call-fr.m4a"]
    with vault.reading() as conn:
        assert [a.id for a in list_attachments(conn, entry_id)] == [kept.id]
        with pytest.raises(NotFound):
            list(iter_chunks(conn, gone.id))
        rowid = conn.execute(
            "SELECT id FROM attachments WHERE public_id = ?", (gone.id,)
        ).fetchone()[0]
        assert (
            conn.execute(
                "SELECT count(*) FROM attachment_chunks WHERE attachment_id = ?", (rowid,)
            ).fetchone()[0]
            == 0
        )
        events = all_events(conn)
    last = events[-1]
    assert (last.kind, last.subject_id) == ("attachment.removed", gone.id)
    # the removal repeats what the addition recorded: the salted commitment, not the file's hash
    added = next(e for e in events if (e.kind, e.subject_id) == ("attachment.added", gone.id))
    assert last.content_sha256 == added.content_sha256 == gone.event_content
    assert last.content_sha256 != FIXTURE_SHA256["call-fr.m4a"]
    assert verify_events(e.to_json() for e in events) == []
    with vault.transaction() as conn, pytest.raises(NotFound):
        remove_attachment(conn, gone.id)
    with vault.transaction() as conn:  # ids are not reused after a removal
        again = add_attachment(conn, entry_id, fixtures_dir / "call-fr.m4a")
    assert again.id == f"{entry_id}-A3"


def test_vacuum_gives_the_space_back(vault: Vault, entry_id: str, tmp_path: Path) -> None:
    path = tmp_path / "big.bin"
    path.write_bytes(os.urandom(6 * 1024 * 1024))
    with vault.transaction() as conn:
        record = add_attachment(conn, entry_id, path)
    db = vault.dir / "journal.db"
    with vault.reading() as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = db.stat().st_size
    with vault.transaction() as conn:
        remove_attachment(conn, record.id)
    vacuum(vault)
    assert db.stat().st_size < before - 5 * 1024 * 1024
    with vault.reading() as conn:
        assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
