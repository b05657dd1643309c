"""The fixed shape of an evidence bag (docs/bundle-format.md): names, manifest lines, tag files.

Both the exporter and the verifier use these definitions, so what one writes the other reads by
the same rules. Everything written into a bundle takes its time from :func:`export_clock`, which
honours ``SOURCE_DATE_EPOCH`` so two exports of the same vault give the same bytes.
"""

from __future__ import annotations

import os
import re
import unicodedata
from datetime import UTC, datetime

from tr_journal import __version__
from tr_journal.domain import Attachment
from tr_journal.errors import N_, Sentence
from tr_journal.timeutil import to_utc_text

BAGIT_TXT = "bagit.txt"
BAG_INFO = "bag-info.txt"
MANIFEST = "manifest-sha256.txt"
TAGMANIFEST = "tagmanifest-sha256.txt"
ALLOWED_SIGNERS = "allowed_signers"
SIGNATURE = "signatures/tagmanifest-sha256.txt.sig"
README_FR = "LISEZ-MOI.txt"
README_EN = "README.txt"
ENTRIES_JSON = "data/journal/entries.json"
EVENTS_JSONL = "data/journal/events.jsonl"
EXPORT_JSON = "data/custody/export.json"
REPORT_PDF = "data/report/report.pdf"
REPORT_HTML = "data/report/report.html"
#: The signer identity in allowed_signers: fixed, so the documented command works unchanged.
SIGNER_IDENTITY = "evidence@tr-journal"
#: Tag files that the tag manifest must cover (the chain of trust starts at the signature).
REQUIRED_TAG_FILES = (BAGIT_TXT, BAG_INFO, MANIFEST, ALLOWED_SIGNERS)
#: The only files of a bundle that no manifest lists: the tag manifest (the signature covers
#: it) and the signature (nothing can list what signs it). The verifier refuses every other
#: unlisted file, anywhere. A new kind of unsigned file (an RFC 3161 time-stamp reply, say) is
#: added here and in docs/bundle-format.md, and nowhere else.
OUTSIDE_MANIFESTS = frozenset({TAGMANIFEST, SIGNATURE})
BAGIT_TEXT = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
SAFE_NAME = re.compile(r"^[A-Za-z0-9._-]+$")
MANIFEST_LINE = re.compile(r"^([0-9a-f]{64})  (\S(?:.*\S)?)$")
ZIP_EPOCH = datetime(1980, 1, 1, tzinfo=UTC)
_NOT_SAFE = re.compile(r'[^ -~]+|[<>:"/\\\\|?*]')
_DEVICE_NAMES = frozenset(
    {
        "CON",
        "PRN",
        "AUX",
        "NUL",
        *(f"COM{n}" for n in range(1, 10)),
        *(f"LPT{n}" for n in range(1, 10)),
    }
)


def export_clock() -> datetime:
    """The one export time: ``SOURCE_DATE_EPOCH`` if set, else now (whole seconds, UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.now(UTC).replace(microsecond=0)


def utc_text(moment: datetime) -> str:
    return to_utc_text(moment)


def zip_time(moment: datetime) -> tuple[int, int, int, int, int, int]:
    """Zip's DOS time cannot go before 1980; even seconds only."""
    moment = max(moment.astimezone(UTC), ZIP_EPOCH)
    return (
        moment.year,
        moment.month,
        moment.day,
        moment.hour,
        moment.minute,
        moment.second - moment.second % 2,
    )


def export_id(moment: datetime, previous_exports: int) -> str:
    """``TRJ-<year>-<n>``: n counts export.created events already in the chain, so the id is
    unique within a vault and the same for two copies of it."""
    return f"TRJ-{moment.year:04d}-{previous_exports + 1:04d}"


def media_kind(media_type: str) -> str:
    major = (media_type or "").split("/")[0]
    if major in ("audio", "image", "video", "text"):
        return major
    return "document" if media_type == "application/pdf" else "file"


def safe_file_name(name: str, fallback: str) -> str:
    """``name`` as a file name every OS and the verifier accept (printable ASCII, the rule of
    docs/bundle-format.md): no folder part; accents dropped (« reçu » -> ``recu``); any other
    run of non-ASCII, control or bidi characters and ``<>:"/\\|?*`` become ``_``; no leading or
    trailing dots and spaces; no Windows device name (CON, NUL, COM1...); at most 120 bytes with
    the extension kept. ``fallback`` (the attachment id) when no letter or digit is left, e.g.
    for a name written only in Uyghur or Chinese; the original name stays in entries.json and
    the report."""
    text = unicodedata.normalize("NFKD", name.replace("\\", "/").rsplit("/", 1)[-1])
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = " ".join(text.split())
    text = _NOT_SAFE.sub("_", text).strip(" .")
    stem, dot, ext = text.rpartition(".") if "." in text else (text, "", "")
    if not stem:
        stem, dot, ext = ext, "", ""
    ext = re.sub(r"[^A-Za-z0-9]", "", ext)[:16]
    dot = "." if ext else ""
    if not re.search(r"[A-Za-z0-9]", stem):
        stem = fallback
    if stem.split(".")[0].upper() in _DEVICE_NAMES:
        stem = "_" + stem
    stem = stem[: 120 - len(dot) - len(ext)].rstrip(" .") or fallback
    return f"{stem}{dot}{ext}"


def original_paths(entry_id: str, attachments: list[Attachment]) -> list[str]:
    """``data/originals/E0001/<original name>`` for each file of an entry, in order: the name
    the person knows, made safe (:func:`safe_file_name`), numbered ``name (2).ext`` when two
    files of the entry would have the same name, even only by case."""
    taken: set[str] = set()
    paths = []
    for attachment in attachments:
        name = safe_file_name(attachment.name, attachment.id)
        stem, dot, ext = name.rpartition(".") if "." in name else (name, "", "")
        number = 1
        while name.casefold() in taken:
            number += 1
            name = f"{stem} ({number}){dot}{ext}"
        taken.add(name.casefold())
        paths.append(f"data/originals/{entry_id}/{name}")
    return paths


def manifest_text(hashes: dict[str, str]) -> bytes:
    """``<sha256>  <path>`` lines, sorted by path, LF, UTF-8; what ``sha256sum -c`` reads."""
    return "".join(f"{hashes[p]}  {p}\n" for p in sorted(hashes)).encode("utf-8")


def parse_manifest(data: bytes, max_problems: int = 1000) -> tuple[dict[str, str], list[Sentence]]:
    """Entries of a manifest and the problems in its form (CRLF, bad lines, duplicates).

    Problems are :class:`Sentence` values: English as strings, and templates the verifier
    renders in the reader's language. Reading stops at ``max_problems``: the manifest is refused
    by then, and a hostile one can have a bad line per two bytes.
    """
    problems: list[Sentence] = []
    if b"\r" in data:
        problems.append(Sentence(N_("it has CRLF line endings")))
    entries: dict[str, str] = {}
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return {}, [Sentence(N_("it is not UTF-8 text"))]
    # One line at a time, and only the non-empty ones: 16 MiB of newlines makes no list.
    for found in re.finditer(r"[^\n]+", text):
        line = found.group().replace("\r", "")
        match = MANIFEST_LINE.match(line)
        if not match:
            if line:
                problems.append(
                    Sentence(
                        N_("line {number} is not '<sha256>  <path>'"),
                        number=text.count("\n", 0, found.start()) + 1,
                    )
                )
        elif match.group(2) in entries:
            problems.append(Sentence(N_("{path} is listed twice"), path=match.group(2)))
        else:
            entries[match.group(2)] = match.group(1)
        if len(problems) >= max_problems:
            break  # the manifest is refused already; a hostile one could go on for millions
    return entries, problems


def bag_info_text(
    bagging_date: datetime, payload_bytes: int, payload_files: int, external_id: str
) -> bytes:
    lines = [
        f"Bagging-Date: {bagging_date.strftime('%Y-%m-%d')}",
        f"Payload-Oxum: {payload_bytes}.{payload_files}",
        f"External-Identifier: {external_id}",
        f"Bag-Software-Agent: tr-journal {__version__}",
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def parse_bag_info(data: bytes) -> dict[str, str]:
    info: dict[str, str] = {}
    for line in data.decode("utf-8", "replace").splitlines():
        if ":" in line and not line.startswith((" ", "\t")):
            key, value = line.split(":", 1)
            info[key.strip()] = value.strip()
    return info


def is_safe_relative(path: str) -> bool:
    """A bag path we will open: relative, forward slashes, no ``..`` or empty parts."""
    if not path or path.startswith("/") or "\\" in path or ":" in path.split("/")[0]:
        return False
    return all(part not in ("", ".", "..") for part in path.split("/"))
