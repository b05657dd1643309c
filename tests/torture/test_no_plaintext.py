"""Part 6: after the scenario with canary text in every field and canary media, no canary and
no media magic number is found in TMPDIR, HOME (config, cache, data, state), the vault folder
(journal.db included: it is encrypted) or the app's output. Exports and the user's originals
live outside the scanned folders (plaintext by design)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from tests.torture.common import record
from tests.torture.scenario_env import CANARY, PNG_MARKER, WAV_MARKER, run_scenario

#: Specific enough that 10 MB of ciphertext will not match by chance (≥ 5 fixed bytes).
MAGIC = {
    "wav": re.compile(rb"RIFF....WAVE", re.S),
    "png": re.compile(rb"\x89PNG\r\n\x1a\n"),
    "id3": re.compile(rb"ID3[\x02-\x04]\x00"),
    "ogg": re.compile(rb"OggS\x00"),
    "flac": re.compile(rb"fLaC[\x00\x80]\x00\x00\x22"),
    "mp4": re.compile(rb"ftyp(M4A |isom|mp4[12]|M4B |dash|3gp)"),
    "pdf": re.compile(rb"%PDF-\d\.\d"),
    "jpeg": re.compile(rb"\xff\xd8\xff[\xe0-\xef]..(JFIF|Exif)", re.S),
}
NEEDLES = {
    "canary text": CANARY.encode(),
    "canary text utf-16": CANARY.encode("utf-16-le"),
    "wav marker": WAV_MARKER,
    "png marker": PNG_MARKER,
}


def hits_in(data: bytes) -> list[str]:
    found = [name for name, needle in NEEDLES.items() if needle in data]
    return found + [f"magic {name}" for name, rx in MAGIC.items() if rx.search(data)]


@pytest.mark.timeout(300)
def test_no_plaintext_anywhere(tmp_path: Path) -> None:
    run = run_scenario(tmp_path)
    assert run.summary["socket_events"] == [] and run.summary["bundle_valid"]
    originals = b"".join(p.read_bytes() for p in run.sources.iterdir())
    for name, rx in MAGIC.items():  # the scanner can see every kind it looks for
        if name != "mp4" or (run.sources / "call-fr.m4a").exists():
            assert rx.search(originals), f"the {name} pattern matches no original"
    assert {"wav marker", "png marker"} <= set(hits_in(originals))
    with zipfile.ZipFile(run.exports / "bundle.zip") as bundle:  # the canary did go in
        assert any(
            CANARY.encode() in bundle.read(n)
            for n in bundle.namelist()
            if n.endswith("entries.json")
        )
    scanned, problems = 0, []
    for root in (run.tmpdir, run.home):
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            scanned += 1
            problems += [f"{path.relative_to(tmp_path)}: {h}" for h in hits_in(path.read_bytes())]
    problems += [f"process output: {h}" for h in hits_in((run.stdout + run.stderr).encode())]
    leftovers = [p.name for p in run.tmpdir.rglob("*")]
    assert (run.vault / "journal.db").stat().st_size > len(originals)
    record(
        "no plaintext",
        f"{scanned} files scanned ({len(run.summary['attached'])} "
        f"attachments), TMPDIR leftovers: {leftovers}, hits: {problems}",
    )
    assert problems == []
    assert leftovers == []
