"""In-memory audio decoding for the app: playable bytes, PCM, and a waveform summary.

Nothing here writes a file. Sources are seekable file objects: ``io.BytesIO`` over bytes in
memory, or :class:`~tr_journal.media.records.ChunkReader` over the encrypted chunks, so the
first packet of a 60-minute recording decodes after reading only its header and first chunk
(an M4A's index at the end is reached by seeking, which a pipe could not do).

Typical use (the GUI runs the slow part on its worker)::

    with vault.reading() as conn:
        data = read_original(conn, "E0001-A1")
    audio = load_audio(data)          # peaks, duration; no temp file
    player.load(audio, name)          # AudioPlayerWidget plays audio.original from a QBuffer

:meth:`DecodedAudio.wav_bytes` gives a PCM WAV (still in memory) for a player that cannot
handle the original container.
"""

from __future__ import annotations

import io
import math
import struct
from array import array
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from typing import Any, BinaryIO

import av
import sqlcipher3

from tr_journal.errors import UnsupportedMedia
from tr_journal.i18n import _
from tr_journal.media.records import ChunkReader

SUMMARY_RATE = 4000
DEFAULT_BINS = 600
_MAX_PLAY_RATE = 48000
LONG_RECORDING = 10 * 60.0


@dataclass
class DecodedAudio:
    """An audio attachment ready to play: original bytes plus what was decoded from them."""

    original: bytes
    duration: float
    sample_rate: int
    channels: int
    peaks: list[float] = field(default_factory=list)

    def wav_bytes(self) -> bytes:
        """The whole recording as 16-bit PCM WAV, in memory (fallback for the player)."""
        pcm, rate, channels = decode_pcm(io.BytesIO(self.original))
        return wav_from_pcm(pcm, rate, channels)


def read_original(conn: sqlcipher3.Connection, attachment_public_id: str) -> bytes:
    """The attachment's original bytes, in memory only."""
    return ChunkReader.for_attachment(conn, attachment_public_id).read_all_bytes()


def _as_source(source: bytes | BinaryIO) -> BinaryIO:
    if isinstance(source, bytes | bytearray | memoryview):
        return io.BytesIO(bytes(source))
    source.seek(0)
    return source


def _open_audio(source: bytes | BinaryIO, name: str = "") -> tuple[Any, Any]:
    try:
        container = av.open(_as_source(source), mode="r", metadata_errors="ignore")
    except (sqlcipher3.Error, MemoryError):
        raise
    except Exception as exc:
        raise UnsupportedMedia(name=name or _("this attachment"), kind=_("audio")) from exc
    audio = [s for s in container.streams if s.type == "audio"]
    if not audio:
        container.close()
        raise UnsupportedMedia(name=name or _("this attachment"), kind=_("audio"))
    return container, audio[0]


def iter_pcm(
    source: bytes | BinaryIO, rate: int | None = None, layout: str = "mono"
) -> Iterator[bytes]:
    """Decoded 16-bit interleaved PCM, frame by frame, resampled to ``rate``/``layout``."""
    container, stream = _open_audio(source)
    with container:
        resampler = av.AudioResampler(
            format="s16", layout=layout, rate=rate or stream.codec_context.sample_rate
        )
        width = 2 * (1 if layout == "mono" else 2)
        for packet in container.demux(stream):
            try:
                frames = packet.decode()
            except av.FFmpegError:
                continue  # one damaged packet: keep what decodes, as a player would
            for frame in frames:
                for out in resampler.resample(frame):
                    yield bytes(out.planes[0])[: out.samples * width]
        for out in resampler.resample(None):
            yield bytes(out.planes[0])[: out.samples * width]


def first_sound(source: bytes | BinaryIO) -> bytes:
    """The first decoded PCM block: how soon playback could start."""
    for block in iter_pcm(source):
        if block:
            return block
    return b""


def decode_pcm(source: bytes | BinaryIO) -> tuple[bytes, int, int]:
    """Everything as 16-bit PCM: (bytes, sample rate, channels), mono or stereo."""
    container, stream = _open_audio(source)
    with container:
        rate = min(int(stream.codec_context.sample_rate or 8000), _MAX_PLAY_RATE)
        channels = 1 if (stream.codec_context.channels or 1) == 1 else 2
    pcm = bytearray()
    for block in iter_pcm(source, rate, "mono" if channels == 1 else "stereo"):
        pcm += block
    return bytes(pcm), rate, channels


def wav_from_pcm(pcm: bytes, rate: int, channels: int) -> bytes:
    """A canonical 44-byte-header WAV around 16-bit PCM."""
    header = struct.pack(
        "<4sI4s4sIHHIIHH4sI",
        b"RIFF",
        36 + len(pcm),
        b"WAVE",
        b"fmt ",
        16,
        1,
        channels,
        rate,
        rate * channels * 2,
        channels * 2,
        16,
        b"data",
        len(pcm),
    )
    return header + pcm


def waveform(
    source: bytes | BinaryIO, bins: int = DEFAULT_BINS, duration: float | None = None
) -> list[float]:
    """Peak level (0..1) of each of ``bins`` equal slices, streaming (memory stays flat)."""
    peaks: list[float] = []
    for peaks in iter_waveform(source, bins, duration):  # noqa: B007 - the last one is whole
        pass
    return peaks


def iter_waveform(
    source: bytes | BinaryIO, bins: int = DEFAULT_BINS, duration: float | None = None
) -> Generator[list[float], None, None]:
    """The waveform so far, after each decoded block: lets a player draw it progressively.

    Why: decoding a whole 60-minute recording takes seconds; the player starts playing at once
    and fills the waveform in small steps on its own event loop (no extra thread).
    """
    if duration is None:
        duration = probe_duration(source) or 60.0
    per_bin = max(1, math.ceil(duration * SUMMARY_RATE / bins))
    peaks: list[float] = []
    current = filled = 0
    for block in iter_pcm(source, SUMMARY_RATE, "mono"):
        samples = array("h")
        samples.frombytes(block)
        pos = 0
        while pos < len(samples):
            take = min(per_bin - filled, len(samples) - pos)
            part = samples[pos : pos + take]
            current = max(current, max(part), -min(part))
            filled += take
            pos += take
            if filled == per_bin:
                peaks.append(min(1.0, current / 32768))
                current = filled = 0
        yield peaks
    if filled:
        peaks.append(min(1.0, current / 32768))
    yield peaks


def probe_duration(source: bytes | BinaryIO) -> float | None:
    container, stream = _open_audio(source)
    with container:
        if container.duration:
            return float(container.duration) / av.time_base
        if stream.duration and stream.time_base:
            return float(stream.duration * stream.time_base)
    return None


def load_audio(
    data: bytes, bins: int = DEFAULT_BINS, name: str = "", waveform_up_to: float = LONG_RECORDING
) -> DecodedAudio:
    """Everything the player needs from an attachment's bytes; raise ``UnsupportedMedia``.

    The waveform is computed here only for recordings up to ``waveform_up_to`` seconds; a
    longer one comes back with no peaks, so playback can start at once and the player draws
    its waveform progressively.
    """
    container, stream = _open_audio(data, name)
    with container:
        rate = int(stream.codec_context.sample_rate or 0)
        channels = int(stream.codec_context.channels or 1)
    duration = probe_duration(data) or 0.0
    peaks = waveform(data, bins, duration or None) if duration <= waveform_up_to else []
    return DecodedAudio(
        original=data, duration=duration, sample_rate=rate, channels=channels, peaks=peaks
    )
