"""Bytes held in memory (a pasted image, a screen capture) go straight into the vault."""

from __future__ import annotations

import hashlib
from pathlib import Path

from tests.helpers import FIXTURE_SHA256
from tr_journal.media.memory_import import add_attachment_bytes
from tr_journal.media.records import iter_chunks
from tr_journal.vault import Vault


def test_pasted_image_is_stored_and_probed(vault: Vault, entry_id: str, fixtures_dir: Path) -> None:
    data = (fixtures_dir / "wechat-police-demand.png").read_bytes()
    with vault.transaction() as conn:
        record = add_attachment_bytes(conn, entry_id, data, "capture.png")
    assert record.sha256 == FIXTURE_SHA256["wechat-police-demand.png"]
    assert record.media_type == "image/png"
    assert record.metadata == {"width": 540, "height": 960}
    assert record.name == "capture.png"
    with vault.reading() as conn:
        stored = b"".join(iter_chunks(conn, record.id))
    assert hashlib.sha256(stored).hexdigest() == record.sha256
