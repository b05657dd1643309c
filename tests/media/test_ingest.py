"""Import of real media: bit-exact round trip, content-detected type, probed metadata."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from tests.helpers import FIXTURE_SHA256
from tr_journal.domain.attachment import original_commitment
from tr_journal.journal.chain import all_events, verify_events
from tr_journal.media.ingest import CHUNK_BYTES, add_attachment
from tr_journal.media.records import ChunkReader, iter_chunks, list_attachments
from tr_journal.vault import Vault

#: ffprobe's durations, from the fixtures README
FFPROBE_DURATION = {
    "call-en.mp3": 8.620408,
    "call-en.ogg": 8.580408,
    "call-fr-8k.wav": 9.097625,
    "call-fr.m4a": 9.098000,
    "call-ug.flac": 3.968438,
    "voice-note-zh.opus": 4.805958,
}
EXPECTED = {
    "call-en.mp3": ("audio/mpeg", {"codec": "mp3", "sample_rate": 44100, "channels": 1}),
    "call-en.ogg": ("audio/ogg", {"codec": "vorbis", "sample_rate": 22050, "channels": 1}),
    "call-fr-8k.wav": ("audio/wav", {"codec": "pcm_s16le", "sample_rate": 8000, "channels": 1}),
    "call-fr.m4a": (
        "audio/mp4",
        {"codec": "aac", "sample_rate": 44100, "channels": 1, "created": "2026-01-29T14:03:00Z"},
    ),
    "call-ug.flac": ("audio/flac", {"codec": "flac", "sample_rate": 16000, "channels": 1}),
    "voice-note-zh.opus": ("audio/ogg", {"codec": "opus", "sample_rate": 48000, "channels": 1}),
    "wechat-police-demand.png": ("image/png", {"width": 540, "height": 960}),
    "wechat-relative-relay.jpg": ("image/jpeg", {"width": 540, "height": 960}),
    "letter-summons.pdf": ("application/pdf", {}),
}


@pytest.mark.parametrize("name", sorted(FIXTURE_SHA256))
def test_fixture_round_trip_and_metadata(
    vault: Vault, entry_id: str, fixtures_dir: Path, name: str
) -> None:
    with vault.transaction() as conn:
        record = add_attachment(conn, entry_id, fixtures_dir / name)
    assert record.sha256 == FIXTURE_SHA256[name]
    assert record.size == (fixtures_dir / name).stat().st_size
    media_type, expected = EXPECTED[name]
    assert record.media_type == media_type
    metadata = record.metadata
    for key, value in expected.items():
        assert metadata[key] == value, key
    if name in FFPROBE_DURATION:
        assert isinstance(metadata["duration"], float)
        assert abs(metadata["duration"] - FFPROBE_DURATION[name]) <= 0.050
    assert "notice" not in metadata
    with vault.reading() as conn:
        stored = b"".join(iter_chunks(conn, record.id))
        listed = list_attachments(conn, entry_id)
        events = all_events(conn)
    assert hashlib.sha256(stored).hexdigest() == FIXTURE_SHA256[name]
    assert listed[0].metadata == metadata and listed[0].media_type == media_type
    assert events[-1].kind == "attachment.added"
    # the event commits to the salted hash, never the file's own (docs/record-format.md)
    assert listed[0].salt is not None and len(listed[0].salt) == 32
    assert events[-1].content_sha256 == original_commitment(FIXTURE_SHA256[name], listed[0].salt)
    assert events[-1].content_sha256 != FIXTURE_SHA256[name]
    assert events[-1].subject_id == record.id
    assert verify_events(e.to_json() for e in events) == []


def test_multi_chunk_file_round_trips_and_reader_seeks(
    vault: Vault, entry_id: str, tmp_path: Path
) -> None:
    data = bytes(range(256)) * (4096 * 3 + 7)  # 3 MiB + a bit: four chunks, the last short
    path = tmp_path / "big.bin"
    path.write_bytes(data)
    seen: list[tuple[int, int]] = []
    with vault.transaction() as conn:
        record = add_attachment(conn, entry_id, path, progress=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (len(data), len(data)) and len(seen) == 4
    assert record.sha256 == hashlib.sha256(data).hexdigest()
    with vault.reading() as conn:
        reader = ChunkReader.for_attachment(conn, record.id)
        assert reader.size == len(data)
        reader.seek(1024 * 1024 - 3)
        assert reader.read(10) == data[1024 * 1024 - 3 : 1024 * 1024 + 7]
        reader.seek(-5, 2)
        assert reader.read(100) == data[-5:]
        assert reader.read(1) == b""
        assert reader.read_all_bytes() == data


def test_all_files_of_one_action_commit_together(
    vault: Vault, entry_id: str, fixtures_dir: Path
) -> None:
    with pytest.raises(RuntimeError), vault.transaction() as conn:
        add_attachment(conn, entry_id, fixtures_dir / "call-en.mp3")
        raise RuntimeError("a later step of the same action fails")
    with vault.reading() as conn:
        assert list_attachments(conn, entry_id) == []
        assert conn.execute("SELECT count(*) FROM attachment_chunks").fetchone()[0] == 0


def test_ids_are_never_reused(vault: Vault, entry_id: str, fixtures_dir: Path) -> None:
    with vault.transaction() as conn:
        first = add_attachment(conn, entry_id, fixtures_dir / "call-en.mp3")
        second = add_attachment(conn, entry_id, fixtures_dir / "call-en.ogg", name="autre.ogg")
    assert (first.id, second.id) == (f"{entry_id}-A1", f"{entry_id}-A2")
    assert second.name == "autre.ogg"


def test_reader_copes_with_uneven_chunks(vault: Vault, entry_id: str, tmp_path: Path) -> None:
    """Chunks written by another importer need not be 1 MiB each: the reader measures them."""
    path = tmp_path / "two.bin"
    data = os.urandom(CHUNK_BYTES + 10)
    path.write_bytes(data)
    with vault.transaction() as conn:
        record = add_attachment(conn, entry_id, path)
        rowid = conn.execute(
            "SELECT id FROM attachments WHERE public_id = ?", (record.id,)
        ).fetchone()[0]
        conn.execute("DELETE FROM attachment_chunks WHERE attachment_id = ?", (rowid,))
        for idx, piece in enumerate((data[:1000], data[1000:5000], data[5000:])):
            conn.execute("INSERT INTO attachment_chunks VALUES (?, ?, ?)", (rowid, idx, piece))
    with vault.reading() as conn:
        reader = ChunkReader.for_attachment(conn, record.id)
        reader.seek(999)
        assert reader.read(4002) == data[999:5001]
        assert reader.read_all_bytes() == data
