"""In-memory decoding from the encrypted chunks: PCM, WAV for the player, waveform summary."""

from __future__ import annotations

import io
import math
import struct
import wave
from pathlib import Path

import pytest

from tr_journal.errors import UnsupportedMedia
from tr_journal.media.decode import first_sound, load_audio, read_original, waveform
from tr_journal.media.ingest import add_attachment
from tr_journal.media.records import ChunkReader
from tr_journal.vault import Vault

AUDIO = [
    "call-en.mp3",
    "call-en.ogg",
    "call-fr-8k.wav",
    "call-fr.m4a",
    "call-ug.flac",
    "voice-note-zh.opus",
]


@pytest.mark.parametrize("name", AUDIO)
def test_decode_from_vault_chunks(
    vault: Vault, entry_id: str, fixtures_dir: Path, name: str
) -> None:
    with vault.transaction() as conn:
        record = add_attachment(conn, entry_id, fixtures_dir / name)
    with vault.reading() as conn:
        assert first_sound(ChunkReader.for_attachment(conn, record.id))
        data = read_original(conn, record.id)
    assert data == (fixtures_dir / name).read_bytes()
    audio = load_audio(data, bins=200)
    assert abs(audio.duration - record.metadata["duration"]) < 1e-6
    assert 195 <= len(audio.peaks) <= 205
    assert all(0.0 <= p <= 1.0 for p in audio.peaks)
    assert max(audio.peaks) > 0.2  # speech, not silence
    with wave.open(io.BytesIO(audio.wav_bytes())) as decoded:
        seconds = decoded.getnframes() / decoded.getframerate()
        assert decoded.getsampwidth() == 2 and decoded.getnchannels() == 1
    assert abs(seconds - audio.duration) < 0.1


def test_waveform_shows_where_the_sound_is() -> None:
    from tr_journal.media.decode import wav_from_pcm

    rate = 8000
    silence = b"\x00\x00" * rate
    loud = b"".join(
        struct.pack("<h", round(16384 * math.sin(2 * math.pi * 200 * i / rate)))
        for i in range(rate)
    )  # a 200 Hz tone at half scale
    peaks = waveform(wav_from_pcm(silence + loud, rate, 1), bins=20, duration=2.0)
    assert len(peaks) == 20
    assert max(peaks[:9]) < 0.01
    assert all(abs(p - 0.5) < 0.05 for p in peaks[11:])


@pytest.mark.parametrize("data", [b"", b"not audio at all" * 100])
def test_undecodable_audio_is_a_typed_error(data: bytes) -> None:
    with pytest.raises(UnsupportedMedia) as caught:
        load_audio(data, name="voice.ogg")
    assert "voice.ogg" in str(caught.value)
