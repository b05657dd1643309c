"""Bad input: a clear notice or a typed error, the original kept where it makes sense, no crash."""

from __future__ import annotations

import hashlib
import os
import shutil
import struct
from pathlib import Path

import pytest

from tr_journal.errors import Cancelled, FileUnreadable
from tr_journal.media.ingest import CHUNK_BYTES, add_attachment
from tr_journal.media.probe import NOTICE_AUDIO, NOTICE_EMPTY, OCTET_STREAM
from tr_journal.media.records import iter_chunks, list_attachments
from tr_journal.vault import Vault


def _attach(vault: Vault, entry_id: str, path: Path, **kw: object) -> dict:
    with vault.transaction() as conn:
        return add_attachment(conn, entry_id, path, **kw)  # type: ignore[arg-type]


def _stored(vault: Vault, attachment_id: str) -> bytes:
    with vault.reading() as conn:
        return b"".join(iter_chunks(conn, attachment_id))


def _nothing_stored(vault: Vault, entry_id: str) -> None:
    with vault.reading() as conn:
        assert list_attachments(conn, entry_id) == []
        assert conn.execute("SELECT count(*) FROM attachments").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM attachment_chunks").fetchone()[0] == 0
        kinds = [r[0] for r in conn.execute("SELECT kind FROM events")]
    assert "attachment.added" not in kinds


def test_zero_byte_file_is_kept_with_a_notice(vault: Vault, entry_id: str, tmp_path: Path) -> None:
    path = tmp_path / "empty.m4a"
    path.write_bytes(b"")
    record = _attach(vault, entry_id, path)
    assert record.size == 0
    assert record.sha256 == hashlib.sha256(b"").hexdigest()
    assert record.media_type == OCTET_STREAM
    assert record.metadata == {"notice": NOTICE_EMPTY}
    assert _stored(vault, record.id) == b""


def test_truncated_m4a_is_kept_as_a_document(
    vault: Vault, entry_id: str, fixtures_dir: Path, tmp_path: Path
) -> None:
    data = (fixtures_dir / "call-fr.m4a").read_bytes()
    assert data.find(b"moov") > len(data) // 2  # the index is at the end, as on phones
    path = tmp_path / "call-fr.m4a"
    path.write_bytes(data[: len(data) // 2])
    record = _attach(vault, entry_id, path)
    assert record.media_type == OCTET_STREAM
    assert record.metadata == {"notice": NOTICE_AUDIO}
    assert _stored(vault, record.id) == data[: len(data) // 2]


def test_png_renamed_mp3_is_detected_as_png(
    vault: Vault, entry_id: str, fixtures_dir: Path, tmp_path: Path
) -> None:
    path = tmp_path / "recording.mp3"
    shutil.copy(fixtures_dir / "wechat-police-demand.png", path)
    record = _attach(vault, entry_id, path)
    assert record.media_type == "image/png"
    assert record.metadata == {"width": 540, "height": 960}
    assert record.name == "recording.mp3"


def test_random_bytes_named_ogg_are_kept_with_a_notice(
    vault: Vault, entry_id: str, tmp_path: Path
) -> None:
    data = os.urandom(300_000)
    path = tmp_path / "voice.ogg"
    path.write_bytes(data)
    record = _attach(vault, entry_id, path)
    assert record.media_type == OCTET_STREAM
    assert record.metadata["notice"] == NOTICE_AUDIO
    assert _stored(vault, record.id) == data


@pytest.mark.parametrize("claimed", [0x7FFF_FFF0, 0xFFFF_FFF0])
def test_wav_whose_header_claims_gigabytes(
    vault: Vault, entry_id: str, fixtures_dir: Path, tmp_path: Path, claimed: int
) -> None:
    data = bytearray((fixtures_dir / "call-fr-8k.wav").read_bytes())
    at = data.find(b"data")
    data[4:8] = struct.pack("<I", min(claimed + 36, 0xFFFF_FFFF))
    data[at + 4 : at + 8] = struct.pack("<I", claimed)
    path = tmp_path / "huge.wav"
    path.write_bytes(bytes(data))
    record = _attach(vault, entry_id, path)
    assert record.media_type == "audio/wav"
    assert abs(record.metadata["duration"] - 9.097625) <= 0.050
    assert _stored(vault, record.id) == bytes(data)


def test_uyghur_name_with_spaces(
    vault: Vault, entry_id: str, fixtures_dir: Path, tmp_path: Path
) -> None:
    name = "ساقچى ئىدارىسى تېلېفون خاتىرىسى 2026.m4a"
    path = tmp_path / name
    shutil.copy(fixtures_dir / "call-fr.m4a", path)
    record = _attach(vault, entry_id, path)
    with vault.reading() as conn:
        assert list_attachments(conn, entry_id)[0].name == name
    assert record.media_type == "audio/mp4"


def test_file_truncated_half_way_stores_nothing(
    vault: Vault, entry_id: str, tmp_path: Path
) -> None:
    path = tmp_path / "shrinking.wav"
    path.write_bytes(os.urandom(3 * CHUNK_BYTES))

    def shrink(done: int, total: int) -> None:
        if done == CHUNK_BYTES:  # another program cuts the file while we read it
            os.truncate(path, CHUNK_BYTES + CHUNK_BYTES // 2)

    with pytest.raises(FileUnreadable) as caught:
        _attach(vault, entry_id, path, progress=shrink)
    assert "changed while it was being read" in str(caught.value)
    _nothing_stored(vault, entry_id)


def test_file_deleted_half_way_is_still_stored_whole(
    vault: Vault, entry_id: str, tmp_path: Path
) -> None:
    """Deleting the name does not change the bytes already opened: they are all kept."""
    data = os.urandom(3 * CHUNK_BYTES + 5)
    path = tmp_path / "deleted.wav"
    path.write_bytes(data)

    def delete(done: int, total: int) -> None:
        if done == CHUNK_BYTES:
            path.unlink()

    record = _attach(vault, entry_id, path, progress=delete)
    assert not path.exists()
    assert record.sha256 == hashlib.sha256(data).hexdigest()
    assert _stored(vault, record.id) == data


def test_file_growing_half_way_stores_nothing(vault: Vault, entry_id: str, tmp_path: Path) -> None:
    path = tmp_path / "growing.wav"
    path.write_bytes(os.urandom(2 * CHUNK_BYTES))

    def grow(done: int, total: int) -> None:
        if done == CHUNK_BYTES:
            with open(path, "ab") as handle:
                handle.write(b"late bytes")

    with pytest.raises(FileUnreadable):
        _attach(vault, entry_id, path, progress=grow)
    _nothing_stored(vault, entry_id)


def test_fifo_is_refused_without_blocking(vault: Vault, entry_id: str, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.m4a"
    os.mkfifo(fifo)
    with pytest.raises(FileUnreadable) as caught:
        _attach(vault, entry_id, fifo)
    assert "not a regular file" in str(caught.value)
    _nothing_stored(vault, entry_id)


@pytest.mark.parametrize("kind", ["directory", "missing"])
def test_directory_or_missing_path(vault: Vault, entry_id: str, tmp_path: Path, kind: str) -> None:
    path = tmp_path / "folder.png"
    if kind == "directory":
        path.mkdir()
    with pytest.raises(FileUnreadable):
        _attach(vault, entry_id, path)
    _nothing_stored(vault, entry_id)


def test_second_file_failing_rolls_back_the_first(
    vault: Vault, entry_id: str, fixtures_dir: Path, tmp_path: Path
) -> None:
    with pytest.raises(FileUnreadable), vault.transaction() as conn:
        add_attachment(conn, entry_id, fixtures_dir / "call-en.mp3")
        add_attachment(conn, entry_id, tmp_path / "gone.mp3")
    _nothing_stored(vault, entry_id)


def test_cancel_half_way_stores_nothing(vault: Vault, entry_id: str, tmp_path: Path) -> None:
    path = tmp_path / "long.wav"
    path.write_bytes(os.urandom(3 * CHUNK_BYTES))
    calls: list[int] = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 1

    with pytest.raises(Cancelled):
        _attach(vault, entry_id, path, cancelled=cancelled)
    _nothing_stored(vault, entry_id)
