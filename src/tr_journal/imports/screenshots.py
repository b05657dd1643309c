"""A folder of screenshots (WeChat has no export: people screenshot their chats).

Each picture's own time comes from its EXIF ``DateTimeOriginal`` (tr_journal.media.exif), else
from its file name as phones and desktops write it: ``Screenshot_20261205-214012.png``,
``IMG_20261205_214012.jpg``, ``WeChat Image_20261205214012.jpg``, ``Screenshot 2026-12-05 at
21.40.12.png``. A picture with neither is listed with its problem and cannot be selected.
Rows: one per day (default) or one per picture; ``--combine`` makes the selection one entry.
"""

from __future__ import annotations

import hashlib
import re
from datetime import datetime
from pathlib import Path
from typing import Any

from tr_journal.errors import N_, InvalidInput
from tr_journal.imports.rows import ImportPreview, ImportRow, MediaRef
from tr_journal.imports.sources import file_blocks, file_sha256, refuse
from tr_journal.media.exif import exif_created

PICTURES = (".png", ".jpg", ".jpeg", ".webp", ".heic")
HEAD_BYTES = 256 * 1024
_PATTERNS = (
    re.compile(r"(?P<y>20\d\d)(?P<m>\d\d)(?P<d>\d\d)[-_ ]?(?P<H>\d\d)(?P<M>\d\d)(?P<S>\d\d)"),
    re.compile(
        r"(?P<y>20\d\d)-(?P<m>\d\d)-(?P<d>\d\d)(?: at |[ _T-])(?P<H>\d\d)[.:\-]"
        r"(?P<M>\d\d)[.:\-](?P<S>\d\d)"
    ),
)


def time_from_name(name: str) -> str | None:
    """``2026-12-05T21:40:12`` from the file name patterns above, if one matches."""
    for pattern in _PATTERNS:
        found = pattern.search(name)
        if found:
            try:
                y, m, d, hh, mm, ss = (int(found[k]) for k in ("y", "m", "d", "H", "M", "S"))
                moment = datetime(y, m, d, hh, mm, ss)
            except ValueError:
                continue
            return moment.isoformat()
    return None


def picture_time(path: Path) -> tuple[str | None, str]:
    """(time, where it came from: ``exif`` or ``name``)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(HEAD_BYTES)
    except OSError as exc:
        raise refuse(path, N_("it cannot be read ({reason})"), reason=exc.strerror) from exc
    created = exif_created(head)
    if created:
        return created, "exif"
    return time_from_name(path.name), "name"


def preview_folder(folder: Path, by_day: bool = True) -> ImportPreview:
    """Rows of the pictures directly inside ``folder`` (not its subfolders), by time."""
    try:
        files = sorted(
            p
            for p in folder.iterdir()
            if p.suffix.lower() in PICTURES and p.is_file() and not p.is_symlink()
        )
    except OSError as exc:
        raise refuse(folder, N_("it cannot be read ({reason})"), reason=exc.strerror) from exc
    listing = hashlib.sha256()
    dated: list[tuple[str, Path, str]] = []
    undated: list[Path] = []
    for path in files:
        when, origin = picture_time(path)
        listing.update(f"{file_sha256(path)[0]}  {path.name}\n".encode())
        if when:
            dated.append((when, path, origin))
        else:
            undated.append(path)
    dated.sort()
    rows = _rows_by_day(dated) if by_day else _rows_by_file(dated)
    undated_error = InvalidInput(detail=N_("Its time is in neither its EXIF nor its name."))
    for path in undated:
        rows.append(
            ImportRow(
                number=len(rows) + 1,
                key=f"file:{path.name}",
                fields={"occurred_at": ""},
                media=(MediaRef(path.name, path.stat().st_size, str(path)),),
                problem=undated_error.english(),
                error=undated_error,
                summary=path.name,
            )
        )
    return ImportPreview(
        "screenshots",
        folder.name,
        listing.hexdigest(),
        len(files),
        rows,
        open_media=lambda ref: file_blocks(Path(ref.locator)),
        content_keyed=True,
    )


def _narrative(items: list[tuple[str, Path, str]]) -> str:
    return "\n".join(
        f"{path.name}: {when.replace('T', ' ')} ({origin})" for when, path, origin in items
    )


def _ref(path: Path) -> MediaRef:
    return MediaRef(path.name, path.stat().st_size, str(path))


def _rows_by_file(dated: list[tuple[str, Path, str]]) -> list[ImportRow]:
    return [
        ImportRow(
            number=i,
            key=_key([path]),
            fields=_fields(when, [item]),
            media=(_ref(path),),
            summary=f"{path.name} {when}",
        )
        for i, item in enumerate(dated, start=1)
        for when, path, _ in (item,)
    ]


def _rows_by_day(dated: list[tuple[str, Path, str]]) -> list[ImportRow]:
    days: dict[str, list[tuple[str, Path, str]]] = {}
    for item in dated:
        days.setdefault(item[0][:10], []).append(item)
    return [
        ImportRow(
            number=i,
            key=_key([p for _, p, _ in items]),
            fields=_fields(day, items),
            media=tuple(_ref(p) for _, p, _ in items),
            summary=f"{day}: {len(items)} pictures",
        )
        for i, (day, items) in enumerate(days.items(), start=1)
    ]


def _key(paths: list[Path]) -> str:
    """The pictures' own SHA-256s: the same pictures from any folder are the same row."""
    return "pictures:" + ",".join(file_sha256(p)[0] for p in paths)


def _fields(when: str, items: list[tuple[str, Path, str]]) -> dict[str, Any]:
    return {"occurred_at": when, "narrative": _narrative(items)}
