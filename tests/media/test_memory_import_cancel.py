"""In-memory import (GUI paste/capture): progress, cancel, and nothing through a temp file."""

from __future__ import annotations

from pathlib import Path

import pytest

from tr_journal.errors import Cancelled
from tr_journal.journal.entries import add_entry
from tr_journal.media.memory_import import add_attachment_bytes


def test_progress_and_no_temp_file(vault, fixtures_dir: Path, tmp_path: Path, monkeypatch) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))
    monkeypatch.setattr("tempfile.tempdir", str(scratch))
    data = (fixtures_dir / "call-en.mp3").read_bytes() * 20  # several chunks
    progress: list[tuple[int, int]] = []
    with vault.transaction() as tx:
        entry = add_entry(tx, {"occurred_at": "2026-01-29T15:03"})
        record = add_attachment_bytes(
            tx, entry, data, "capture.bin", progress=lambda d, t: progress.append((d, t))
        )
    assert record.size == len(data) and len(progress) >= 2
    assert progress[-1] == (len(data), len(data))
    assert list(scratch.iterdir()) == []


def test_cancel_rolls_back(vault) -> None:
    with vault.transaction() as tx:
        entry = add_entry(tx, {"occurred_at": "2026-01-29T15:03"})
    with pytest.raises(Cancelled), vault.transaction() as tx:
        add_attachment_bytes(tx, entry, b"\0" * (3 << 20), "x.bin", cancelled=lambda: True)
    with vault.reading() as conn:
        assert conn.execute("SELECT count(*) FROM attachments").fetchone()[0] == 0
