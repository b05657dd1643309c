"""The one attach policy (command line and app): check every path first, then one transaction
per file, so what was stored before a failure stays stored."""

from __future__ import annotations

from pathlib import Path

import pytest

from tr_journal.errors import Cancelled, FileUnreadable
from tr_journal.media.attaching import attach_files
from tr_journal.media.records import attachments_of
from tr_journal.vault import Vault


def test_a_bad_path_attaches_nothing(
    vault: Vault, entry_id: str, fixtures_dir: Path, tmp_path: Path
) -> None:
    with pytest.raises(FileUnreadable):
        attach_files(vault, entry_id, [fixtures_dir / "call-en.mp3", tmp_path])  # a folder
    assert attachments_of(vault, entry_id) == []


def test_a_failure_keeps_the_files_before_it(
    vault: Vault, entry_id: str, fixtures_dir: Path
) -> None:
    kept: list[str] = []
    with pytest.raises(Cancelled):
        attach_files(
            vault,
            entry_id,
            [fixtures_dir / "call-en.mp3", ("capture.bin", b"x" * 9)],
            cancelled=lambda: bool(kept),
            on_added=lambda a: kept.append(a.id),
        )
    assert kept == [f"{entry_id}-A1"]
    assert [a.id for a in attachments_of(vault, entry_id)] == kept
