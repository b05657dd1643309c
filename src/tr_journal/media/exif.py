"""The capture date of a photo or screenshot, read from its EXIF block (JPEG APP1, PNG eXIf).

A small TIFF reader instead of an imaging library: we need one tag, from bytes already in memory,
and a malformed block must give "no date", never an exception or a large allocation.
"""

from __future__ import annotations

import struct

_DATETIME = 0x0132
_EXIF_IFD = 0x8769
_DATETIME_ORIGINAL = 0x9003
_OFFSET_TIME_ORIGINAL = 0x9011
_MAX_ENTRIES = 512


def exif_block(head: bytes) -> bytes | None:
    """The TIFF-structured EXIF payload inside a JPEG or PNG header, if any."""
    if head.startswith(b"\xff\xd8"):
        return _jpeg_exif(head)
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return _png_exif(head)
    return None


def _jpeg_exif(data: bytes) -> bytes | None:
    pos = 2
    while pos + 4 <= len(data) and data[pos] == 0xFF:
        marker = data[pos + 1]
        if marker in (0xD9, 0xDA):  # end of image / start of scan: no more metadata
            return None
        length = struct.unpack(">H", data[pos + 2 : pos + 4])[0]
        segment = data[pos + 4 : pos + 2 + length]
        if marker == 0xE1 and segment.startswith(b"Exif\x00\x00"):
            return segment[6:]
        pos += 2 + length
    return None


def _png_exif(data: bytes) -> bytes | None:
    pos = 8
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        if kind == b"eXIf":
            return data[pos + 8 : pos + 8 + length]
        if kind == b"IDAT":
            return None
        pos += 12 + length
    return None


def _ifd_tags(tiff: bytes, offset: int, order: str) -> dict[int, tuple[int, int, bytes]]:
    """tag -> (type, count, 4-byte value field) for one IFD."""
    tags: dict[int, tuple[int, int, bytes]] = {}
    if offset + 2 > len(tiff):
        return tags
    count = min(struct.unpack(order + "H", tiff[offset : offset + 2])[0], _MAX_ENTRIES)
    for i in range(count):
        start = offset + 2 + 12 * i
        if start + 12 > len(tiff):
            break
        tag, kind, n = struct.unpack(order + "HHI", tiff[start : start + 8])
        tags[tag] = (kind, n, tiff[start + 8 : start + 12])
    return tags


def _ascii(tiff: bytes, entry: tuple[int, int, bytes] | None, order: str) -> str | None:
    if entry is None or entry[0] != 2:
        return None
    _kind, n, field = entry
    raw = field[:n] if n <= 4 else tiff[struct.unpack(order + "I", field)[0] :][:n]
    text = raw.split(b"\x00")[0].decode("ascii", "replace").strip()
    return text or None


def exif_created(head: bytes) -> str | None:
    """``DateTimeOriginal`` (else ``DateTime``) as ISO 8601, with its offset when recorded."""
    tiff = exif_block(head)
    if not tiff or len(tiff) < 8 or tiff[:2] not in (b"II", b"MM"):
        return None
    order = "<" if tiff[:2] == b"II" else ">"
    try:
        ifd0 = _ifd_tags(tiff, struct.unpack(order + "I", tiff[4:8])[0], order)
        sub: dict[int, tuple[int, int, bytes]] = {}
        if _EXIF_IFD in ifd0:
            sub = _ifd_tags(tiff, struct.unpack(order + "I", ifd0[_EXIF_IFD][2])[0], order)
        stamp = _ascii(tiff, sub.get(_DATETIME_ORIGINAL), order) or _ascii(
            tiff, ifd0.get(_DATETIME), order
        )
        offset = _ascii(tiff, sub.get(_OFFSET_TIME_ORIGINAL), order)
    except struct.error:
        return None
    return _iso(stamp, offset) if stamp else None


def _iso(stamp: str, offset: str | None) -> str | None:
    """``2026:01:29 15:03:00`` -> ``2026-01-29T15:03:00`` (+ ``+01:00`` when known)."""
    if len(stamp) < 19 or stamp[4] != ":" or stamp[7] != ":":
        return None
    text = f"{stamp[:4]}-{stamp[5:7]}-{stamp[8:10]}T{stamp[11:19]}"
    if offset and len(offset) == 6 and offset[0] in "+-":
        text += offset
    return text
