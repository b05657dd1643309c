"""What an attachment is, from its content: media type and probed metadata (docs/architecture.md).

The type comes from the bytes (signatures, ``puremagic``, then PyAV's demuxers), never from
the name alone, so a PNG renamed ``.mp3`` is a PNG. Everything reads from a *seekable* source
(an in-memory buffer or :class:`~tr_journal.media.records.ChunkReader` over the encrypted
chunks): an M4A keeps its index at the end, which ffmpeg cannot reach through a pipe, and no
plaintext copy may ever be written to disk.

Bad media never raises from :func:`probe`: an undecodable file is kept as a plain document
(``application/octet-stream``) whose metadata carries a ``notice`` saying so. Only database
errors (disk full, a locked vault) propagate, because they must roll the import back.
"""

from __future__ import annotations

import codecs
import io
from pathlib import PurePath
from typing import Any, BinaryIO

import av
import puremagic
import sqlcipher3

from tr_journal.domain.enums import AUDIO_SUFFIXES, IMAGE_SUFFIXES
from tr_journal.errors import N_
from tr_journal.media.exif import exif_created

OCTET_STREAM = "application/octet-stream"
HEAD_BYTES = 64 * 1024
PROBE_OPTIONS = {"probesize": "5000000", "analyzeduration": "5000000"}
_DECODE_CHECK_PACKETS = 64

#: extensions whose files the user expects to be playable or viewable: the domain's audio and
#: image suffixes, plus the video containers phones also use for voice recordings
AUDIO_EXTENSIONS = frozenset(AUDIO_SUFFIXES) | {".mp4", ".webm"}
IMAGE_EXTENSIONS = frozenset(IMAGE_SUFFIXES)

_SIGNATURES: tuple[tuple[int, bytes, str], ...] = (
    (0, b"\x89PNG\r\n\x1a\n", "image/png"),
    (0, b"\xff\xd8\xff", "image/jpeg"),
    (0, b"GIF87a", "image/gif"),
    (0, b"GIF89a", "image/gif"),
    (8, b"WEBP", "image/webp"),
    (0, b"BM", "image/bmp"),
    (0, b"%PDF-", "application/pdf"),
)

#: PyAV demuxer name -> media type of an audio-only file
_AUDIO_TYPES = {
    "mp3": "audio/mpeg",
    "ogg": "audio/ogg",
    "wav": "audio/wav",
    "flac": "audio/flac",
    "mov,mp4,m4a,3gp,3g2,mj2": "audio/mp4",
    "aac": "audio/aac",
    "amr": "audio/amr",
    "matroska,webm": "audio/webm",
    "asf": "audio/x-ms-wma",
    "aiff": "audio/aiff",
    "caf": "audio/x-caf",
}

_VIDEO_TYPES = {
    "mov,mp4,m4a,3gp,3g2,mj2": "video/mp4",
    "matroska,webm": "video/webm",
    "avi": "video/x-msvideo",
    "asf": "video/x-ms-wmv",
}

NOTICE_EMPTY = N_("The file is empty.")
NOTICE_AUDIO = N_(
    "This file could not be decoded as audio; it is kept unchanged as a plain document."
)
NOTICE_IMAGE = N_(
    "This file could not be decoded as an image; it is kept unchanged as a plain document."
)
NOTICE_HEADER = N_(
    "The file's header claims a longer recording than the file holds; the "
    "duration shown is what the file holds."
)


def signature_type(head: bytes) -> str | None:
    for offset, magic, media_type in _SIGNATURES:
        if head[offset : offset + len(magic)] == magic:
            if media_type == "image/bmp" and len(head) < 26:
                continue
            return media_type
    try:
        matches = puremagic.magic_string(head)
    except (puremagic.PureError, ValueError):
        return None
    for match in matches:
        if match.mime_type and match.confidence >= 0.5:
            return str(match.mime_type)
    return None


def _looks_like_text(head: bytes) -> bool:
    """UTF-8 without NUL bytes (a chat export, a note); a cut multi-byte tail is fine."""
    if not head or b"\x00" in head:
        return False
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return False
    return True


def probe(source: BinaryIO, head: bytes, name: str, size: int) -> tuple[str, dict[str, Any]]:
    """Media type and metadata of ``size`` bytes readable from seekable ``source``."""
    if size == 0:
        return OCTET_STREAM, {"notice": NOTICE_EMPTY}
    suffix = PurePath(name).suffix.lower()
    guessed = signature_type(head)
    if guessed and guessed.startswith("image/"):
        return _probe_image(source, head, guessed)
    audio: tuple[str, dict[str, Any]] | None = _safe(_probe_audio, source, size)
    if audio is not None:
        return audio
    expects_media = suffix in AUDIO_EXTENSIONS or (
        guessed is not None and guessed.split("/")[0] in ("audio", "video")
    )
    if expects_media:
        return OCTET_STREAM, {"notice": NOTICE_AUDIO}
    if suffix in IMAGE_EXTENSIONS:
        return OCTET_STREAM, {"notice": NOTICE_IMAGE}
    if guessed is None and _looks_like_text(head):
        return "text/plain", {}
    return guessed or OCTET_STREAM, {}


def probe_bytes(data: bytes, name: str) -> tuple[str, dict[str, Any]]:
    """:func:`probe` for bytes already in memory (screen captures, pasted images)."""
    return probe(io.BytesIO(data), data[:HEAD_BYTES], name, len(data))


def _safe(func: Any, *args: Any) -> Any:
    """Run a PyAV probe; any failure of the *media* means "not decodable", nothing more."""
    try:
        return func(*args)
    except (sqlcipher3.Error, MemoryError, KeyboardInterrupt):
        raise
    except Exception:
        return None


def _open(source: BinaryIO) -> Any:
    source.seek(0)
    return av.open(source, mode="r", options=PROBE_OPTIONS, metadata_errors="ignore")


def _probe_image(source: BinaryIO, head: bytes, media_type: str) -> tuple[str, dict[str, Any]]:
    size = _safe(_image_size, source)
    if size is None:
        return OCTET_STREAM, {"notice": NOTICE_IMAGE}
    metadata: dict[str, Any] = {"width": size[0], "height": size[1]}
    created = exif_created(head)
    if created:
        metadata["created"] = created
    return media_type, metadata


def _image_size(source: BinaryIO) -> tuple[int, int] | None:
    with _open(source) as container:
        stream = next(s for s in container.streams if s.type == "video")
        for frame in container.decode(stream):
            return int(frame.width), int(frame.height)
    return None


def _probe_audio(source: BinaryIO, size: int) -> tuple[str, dict[str, Any]] | None:
    with _open(source) as container:
        audio = [s for s in container.streams if s.type == "audio"]
        moving = [
            s
            for s in container.streams
            if s.type == "video" and not s.disposition & av.stream.Disposition.attached_pic
        ]
        if moving:
            return _probe_video(container, moving[0])
        if not audio:
            return None
        stream = audio[0]
        ctx = stream.codec_context
        metadata: dict[str, Any] = {
            "codec": ctx.codec.canonical_name if ctx.codec else ctx.name,
            "sample_rate": int(ctx.sample_rate or 0) or None,
            "channels": int(ctx.channels or 0) or None,
        }
        duration = _duration(container, stream)
        created = _created(container, stream)
        format_name = container.format.name
        bit_rate = ctx.bit_rate
        if not _decodes(container, stream):
            return None
    if duration is not None:
        duration, claimed_too_long = _cap_pcm(duration, metadata["codec"], bit_rate, size)
        metadata["duration"] = round(duration, 6)
        if claimed_too_long:
            metadata["notice"] = NOTICE_HEADER
    if created:
        metadata["created"] = created
    metadata = {k: v for k, v in metadata.items() if v is not None}
    return _AUDIO_TYPES.get(format_name, "audio/" + format_name.split(",")[0]), metadata


def _probe_video(container: Any, stream: Any) -> tuple[str, dict[str, Any]] | None:
    """A video (a screen recording of a call): pixel size, duration, codec, creation time."""
    ctx = stream.codec_context
    metadata: dict[str, Any] = {
        "codec": ctx.codec.canonical_name if ctx.codec else ctx.name,
        "duration": _duration(container, stream),
        "created": _created(container, stream),
    }
    format_name = container.format.name
    frame = next(iter(container.decode(stream)), None)
    if frame is None:
        return None
    metadata["width"], metadata["height"] = int(frame.width), int(frame.height)
    if metadata["duration"] is not None:
        metadata["duration"] = round(metadata["duration"], 6)
    metadata = {k: v for k, v in metadata.items() if v is not None}
    kind = _VIDEO_TYPES.get(format_name, "video/" + format_name.split(",")[0])
    return kind, metadata


def _duration(container: Any, stream: Any) -> float | None:
    if container.duration:
        return float(container.duration) / av.time_base
    if stream.duration and stream.time_base:
        return float(stream.duration * stream.time_base)
    return None


def _cap_pcm(duration: float, codec: str, bit_rate: int | None, size: int) -> tuple[float, bool]:
    """A PCM header may claim gigabytes; the bytes present bound the real duration."""
    if not codec.startswith("pcm_") or not bit_rate:
        return duration, False
    held = size * 8 / bit_rate
    if duration > held + 0.05:
        return held, True
    return duration, False


def _decodes(container: Any, stream: Any) -> bool:
    """At least one audio frame decodes from the first packets (a header alone is not audio)."""
    for count, packet in enumerate(container.demux(stream)):
        if count >= _DECODE_CHECK_PACKETS:
            break
        try:
            if packet.decode():
                return True
        except av.FFmpegError:
            continue
    return False


def _created(container: Any, stream: Any) -> str | None:
    for tags in (container.metadata, stream.metadata):
        for key in ("creation_time", "date", "DATE", "creation_date"):
            value = tags.get(key)
            if value:
                return _tidy_time(str(value))
    return None


def _tidy_time(value: str) -> str:
    """``2026-01-29T14:03:00.000000Z`` -> ``2026-01-29T14:03:00Z`` (no false precision)."""
    value = value.strip()
    if "." in value and value.endswith("Z"):
        head, _sep, fraction = value[:-1].partition(".")
        if not fraction.strip("0"):
            return head + "Z"
    return value
