"""Issue 12, item 4: ``verify`` keeps its memory bounded on hostile JSON members.

Each case replaces one member of a genuine bundle (stored, so the zip-bomb rule does not refuse
it first) and runs ``tr-journal verify`` as a real process; the peak RSS of that process is
read by a small parent with ``getrusage(RUSAGE_CHILDREN)``, so nothing else is counted.
"""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.evidence.conftest import Bundle
from tr_journal.evidence.bounded_json import JsonRefused, iter_entries, iter_lines

LIMIT_MIB = 200
MIB = 1024 * 1024
PEAK = """
import resource, subprocess, sys
done = subprocess.run([sys.executable, "-m", "tr_journal", "verify", *sys.argv[1:]],
                      capture_output=True, text=True)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
print(peak, done.returncode)
sys.stdout.write(done.stdout[:4000])
sys.stderr.write(done.stderr[:4000])
"""


def peak_rss(*args: str) -> tuple[float, int, str]:
    """Peak RSS in MiB of ``tr-journal verify ARGS``, its exit code and its output."""
    done = subprocess.run(
        [sys.executable, "-c", PEAK, *args], capture_output=True, text=True, timeout=300
    )
    first, _, rest = done.stdout.partition("\n")
    peak, code = first.split()
    return int(peak) / 1024, int(code), rest + done.stderr


def replaced(bundle: Bundle, out: Path, member: str, data: bytes) -> Path:
    with zipfile.ZipFile(bundle.zip) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = data if info.filename.endswith("/" + member) else src.read(info)
            info.compress_type = zipfile.ZIP_STORED
            dst.writestr(info, body)
    return out


HOSTILE = {
    "events-8MiB-of-empty-objects": ("data/journal/events.jsonl", b"{}\n" * (8 * MIB // 3)),
    "events-one-64MiB-line": ("data/journal/events.jsonl", b"[" * (64 * MIB)),
    "entries-8MiB-of-empty-entries": (
        "data/journal/entries.json",
        b'{"entries": [' + b"{}," * (8 * MIB // 3) + b'{}], "version": 1}',
    ),
    "entries-one-entry-of-8MiB-lists": (
        "data/journal/entries.json",
        b'{"entries": [{"id": [' + b"[]," * (8 * MIB // 3) + b"[]]}]}",
    ),
    "entries-one-entry-of-8MiB-keys": (
        "data/journal/entries.json",
        b'{"entries": [{' + b",".join(b'"%d":0' % i for i in range(1_000_000)) + b"}]}",
    ),
    "export-16MiB-of-lists": ("data/custody/export.json", b"[" + b"[]," * (16 * MIB // 3) + b"[]]"),
    "manifest-16MiB-of-newlines": ("manifest-sha256.txt", b"\n" * (16 * MIB - 1)),
    "manifest-16MiB-of-bad-lines": ("manifest-sha256.txt", b"x\n" * (8 * MIB - 1)),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_member_stays_under_the_memory_limit(
    name: str, bundle: Bundle, tmp_path: Path
) -> None:
    member, data = HOSTILE[name]
    path = replaced(bundle, tmp_path / "hostile.zip", member, data)
    peak, code, output = peak_rss(str(path), "--json")
    assert code == 1, output
    assert peak < LIMIT_MIB, f"{name}: peak RSS {peak:.0f} MiB"
    verdict = json.loads(output[: output.rindex("}") + 1])
    assert verdict["valid"] is False and "Traceback" not in output
    print(f"{name}: peak RSS {peak:.0f} MiB")


def test_genuine_bundle_peak(bundle: Bundle) -> None:
    peak, code, output = peak_rss(str(bundle.zip))
    assert code == 0, output
    assert peak < LIMIT_MIB


def _lines(data: bytes) -> list[object]:
    import io

    return list(iter_lines(io.BytesIO(data), "x.jsonl"))


def _entries(data: bytes) -> list[object]:
    import io

    return list(iter_entries(io.BytesIO(data), "entries.json"))


def test_streamed_readers_read_what_the_writer_writes() -> None:
    doc = {
        "entries": [{"id": f"E{i}", "text": 'a ] , } { [ " \\\\ '} for i in range(3000)],
        "export_id": "TRJ-1",
        "format": "tr-journal-entries",
        "version": 1,
    }
    data = (json.dumps(doc, ensure_ascii=False, sort_keys=True, indent=2) + "\n").encode()
    assert _entries(data) == doc["entries"]
    assert _entries(b'{"entries": []}') == []
    assert _lines(b'{"a":1}\n\n{"b":2}\n') == [{"a": 1}, {"b": 2}]


@pytest.mark.parametrize(
    "data",
    [
        b'{"entries": [{}',
        b'{"entries": [{}] "x": 1}',
        b'{"entries": [1, 2]}',
        b'{"version": 1, "entries": []}',
        b'{"entries": [{}],}',
        b'{"entries": [{}]}}',
        b'{"entries": [{}{}]}',
        b"\xff",
    ],
)
def test_streamed_entries_refuse_what_the_writer_never_writes(data: bytes) -> None:
    with pytest.raises(JsonRefused):
        _entries(data)
