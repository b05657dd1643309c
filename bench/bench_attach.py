"""Attachments (bench/README.md): import and extraction throughput, memory, time to first sound.

Each figure is measured in a fresh child process (its own peak RSS, read from VmHWM just before
and after the measured step) and printed beside a baseline measured in the same run:

* import of a SIZE file (default 1 GiB) through ``media.ingest.add_attachment`` (read, SHA-256,
  1 MiB chunks into SQLCipher, probe, audit event, commit) against a bare ``sqlcipher3`` loop
  that inserts the same 1 MiB chunks with the same settings (raw key, cipher_compatibility 4,
  WAL, synchronous FULL, one transaction) into the same table (the vault's schema, DDL only).
  Targets: >= 75 % of the bare loop, RSS growth <= 64 MiB.
* extraction (``iter_chunks`` into ``fsutil.atomic_writer``, as ``tr-journal extract``) against a
  bare SELECT loop writing the same chunks to a file.
* time to first sound of a 60-minute AAC/M4A recording (index at the end, as phones write
  it) stored in the vault: ``decode.first_sound`` over a ``ChunkReader``, against the same call
  on the plaintext bytes already in memory. Target <= 0.5 s.
* ``--big``: also a 4 GiB sparse file, import only (memory must stay flat; takes minutes).

Work files (synthetic random bytes, a synthetic tone recording, encrypted vaults) live in
``bench/out/attach/`` and are deleted at the end unless ``--keep``.

    .venv/bin/python bench/bench_attach.py [--size-mib 1024] [--quick] [--big] [--keep]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import struct
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
WORK = BENCH / "out" / "attach"
MIB = 1024 * 1024
PASSPHRASE = "correct horse battery staple"
KEY = bytes(range(32))


def reset_hwm() -> None:
    """Reset the peak-RSS mark, so the KDF's 64 MiB at unlock does not hide the import's peak."""
    with open("/proc/self/clear_refs", "w", encoding="ascii") as handle:
        handle.write("5")


def hwm_kib() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


# -- children ----------------------------------------------------------------------------------
def _bare_connect(db: Path) -> Any:
    import sqlcipher3

    conn = sqlcipher3.connect(str(db), isolation_level=None)
    conn.execute(f"PRAGMA key = \"x'{KEY.hex()}'\"")
    conn.execute("PRAGMA cipher_compatibility = 4")
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    return conn


def child_bare_insert(db: Path, source: Path) -> dict[str, float]:
    from tr_journal.store.schema import MIGRATIONS, SCHEMA_VERSION

    conn = _bare_connect(db)
    # the vault's own tables (DDL only), so the loop fills the very same chunk table layout
    for version in range(1, SCHEMA_VERSION + 1):
        conn.executescript(f"BEGIN IMMEDIATE;\n{MIGRATIONS[version]}\nCOMMIT;")
    reset_hwm()
    before = hwm_kib()
    start = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    with open(source, "rb", buffering=0) as handle:
        for idx, chunk in enumerate(iter(lambda: handle.read(MIB), b"")):
            conn.execute(
                "INSERT INTO attachment_chunks (attachment_id, idx, data) VALUES (1, ?, ?)",
                (idx, chunk),
            )
    conn.execute("COMMIT")
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "rss_growth_kib": hwm_kib() - before}


def child_bare_extract(db: Path, out: Path) -> dict[str, float]:
    conn = _bare_connect(db)
    reset_hwm()
    before = hwm_kib()
    start = time.perf_counter()
    count = conn.execute("SELECT count(*) FROM attachment_chunks").fetchone()[0]
    with open(out, "wb") as handle:
        for idx in range(count):
            handle.write(
                conn.execute(
                    "SELECT data FROM attachment_chunks WHERE attachment_id = 1 AND idx = ?", (idx,)
                ).fetchone()[0]
            )
        handle.flush()
        os.fsync(handle.fileno())
    return {"seconds": time.perf_counter() - start, "rss_growth_kib": hwm_kib() - before}


def child_import(vault_dir: Path, source: Path) -> dict[str, float | str]:
    from tr_journal.journal.entries import add_entry
    from tr_journal.media.ingest import add_attachment
    from tr_journal.vault import Vault

    with Vault.open(vault_dir, PASSPHRASE) as vault:
        with vault.transaction() as conn:
            entry = add_entry(conn, {"occurred_at": "2026-01-29T15:03:00+01:00"})
        reset_hwm()
        before = hwm_kib()
        start = time.perf_counter()
        with vault.transaction() as conn:
            record = add_attachment(conn, entry, source)
        seconds = time.perf_counter() - start
    return {"seconds": seconds, "rss_growth_kib": hwm_kib() - before, "id": record.id}


def child_extract(vault_dir: Path, attachment: str, out: Path) -> dict[str, float]:
    from tr_journal.fsutil import atomic_writer
    from tr_journal.media.records import iter_chunks
    from tr_journal.vault import Vault

    with Vault.open(vault_dir, PASSPHRASE) as vault, vault.reading() as conn:
        reset_hwm()
        before = hwm_kib()
        start = time.perf_counter()
        with atomic_writer(out) as handle:
            for chunk in iter_chunks(conn, attachment):
                handle.write(chunk)
        return {"seconds": time.perf_counter() - start, "rss_growth_kib": hwm_kib() - before}


def child_first_sound(vault_dir: Path, attachment: str, source: Path) -> dict[str, float]:
    import io

    from tr_journal.media.decode import first_sound
    from tr_journal.media.records import ChunkReader
    from tr_journal.vault import Vault

    first_sound(io.BytesIO(_tone_seconds(1)))  # load the codecs once, outside both timings
    plain = source.read_bytes()
    start = time.perf_counter()
    assert first_sound(io.BytesIO(plain))
    memory_seconds = time.perf_counter() - start
    vault_seconds = []
    with Vault.open(vault_dir, PASSPHRASE) as vault, vault.reading() as conn:
        for _ in range(3):  # the first is what a user waits for; the others show the warm cost
            start = time.perf_counter()
            assert first_sound(ChunkReader.for_attachment(conn, attachment))
            vault_seconds.append(time.perf_counter() - start)
    return {
        "seconds": vault_seconds[0],
        "warm_seconds": min(vault_seconds[1:]),
        "baseline_seconds": memory_seconds,
    }


def _tone_seconds(seconds: int, rate: int = 8000) -> bytes:
    from tr_journal.media.decode import wav_from_pcm

    pcm = b"".join(
        struct.pack("<h", int(8000 * math.sin(2 * math.pi * 440 * i / rate)))
        for i in range(rate * seconds)
    )
    return wav_from_pcm(pcm, rate, 1)


CHILDREN = {
    "bare-insert": child_bare_insert,
    "bare-extract": child_bare_extract,
    "import": child_import,
    "extract": child_extract,
    "first-sound": child_first_sound,
}


def run_child(name: str, *args: object) -> dict[str, float | str]:
    done = subprocess.run(
        [sys.executable, __file__, "--child", name, *map(str, args)],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    if done.returncode != 0:
        raise SystemExit(f"{name} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# -- work files --------------------------------------------------------------------------------
def make_random_file(path: Path, size_mib: int) -> None:
    block = os.urandom(MIB)
    with open(path, "wb") as handle:
        for i in range(size_mib):
            handle.write(i.to_bytes(8, "little") + block[8:])  # distinct chunks, cheap to make


def make_recording(path: Path, minutes: int) -> None:
    """A 60-minute AAC/M4A tone: one minute encoded, its packets muxed again and again."""
    import io

    import av

    encoded = io.BytesIO()
    with av.open(encoded, "w", format="mp4") as out:
        stream = out.add_stream("aac", rate=44100, layout="mono")
        stream.bit_rate = 64000
        tone = b"".join(
            struct.pack("<h", int(8000 * math.sin(2 * math.pi * 440 * i / 44100)))
            for i in range(1024)
        )
        for k in range(60 * 44100 // 1024):
            frame = av.AudioFrame(format="s16", layout="mono", samples=1024)
            frame.planes[0].update(tone)
            frame.sample_rate, frame.pts = 44100, k * 1024
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    encoded.seek(0)
    partial = path.with_name(path.name + ".part")
    with av.open(encoded) as minute, av.open(str(partial), "w", format="ipod") as out:
        template = minute.streams.audio[0]
        packets = [
            (bytes(p), p.pts, p.duration)
            for p in minute.demux(template)
            if p.size and p.pts is not None
        ]
        span = packets[-1][1] + packets[-1][2] - packets[0][1]
        stream = out.add_stream_from_template(template)
        for m in range(minutes):
            for data, pts, duration in packets:
                packet = av.Packet(data)
                packet.pts = packet.dts = pts + m * span
                packet.duration, packet.time_base = duration, template.time_base
                packet.stream = stream
                out.mux(packet)
    partial.replace(path)


def new_vault(path: Path) -> None:
    from tr_journal.crypto.kdf import KdfParams
    from tr_journal.vault import Vault

    if path.exists():
        shutil.rmtree(path)
    vault, _recovery = Vault.create(
        path, PASSPHRASE, KdfParams(memory_kib=64 * 1024, iterations=1, parallelism=1)
    )
    vault.close()


# -- report ------------------------------------------------------------------------------------
def row(label: str, ours: str, base: str, ratio: str, target: str, ok: bool) -> str:
    return f"{label:<34} {ours:>14} {base:>16} {ratio:>8}  {target:<16} {'PASS' if ok else 'FAIL'}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mib", type=int, default=1024)
    parser.add_argument("--quick", action="store_true", help="256 MiB and a 10-minute recording")
    parser.add_argument("--big", action="store_true", help="also import a 4 GiB sparse file")
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--rounds", type=int, default=2, help="best of N interleaved runs")
    parser.add_argument("--child", nargs="+")
    args = parser.parse_args()
    if args.child:
        name, *rest = args.child
        print(json.dumps(CHILDREN[name](*[Path(r) if "/" in r else r for r in rest])))
        return 0
    size_mib = 256 if args.quick else args.size_mib
    minutes = 10 if args.quick else 60
    WORK.mkdir(parents=True, exist_ok=True)
    source, recording = WORK / f"random-{size_mib}mib.bin", WORK / f"tone-{minutes}min.m4a"
    if not source.exists():
        make_random_file(source, size_mib)
    if not recording.exists():
        make_recording(recording, minutes)
    vault, bare_db = WORK / "vault", WORK / "bare.db"
    mb = size_mib * MIB / 1e6
    runs: dict[str, list[dict[str, float | str]]] = {k: [] for k in ("bare", "ours", "bo", "oo")}
    for round_ in range(args.rounds):  # interleaved, order swapped each round: load hits both
        for side in ("bare", "ours") if round_ % 2 == 0 else ("ours", "bare"):
            if side == "bare":
                for stale in (bare_db, Path(f"{bare_db}-wal"), Path(f"{bare_db}-shm")):
                    stale.unlink(missing_ok=True)
                runs["bare"].append(run_child("bare-insert", bare_db, source))
                runs["bo"].append(run_child("bare-extract", bare_db, WORK / "bare-out.bin"))
            else:
                new_vault(vault)
                runs["ours"].append(run_child("import", vault, source))
                runs["oo"].append(
                    run_child("extract", vault, runs["ours"][-1]["id"], WORK / "out.bin")
                )
    bare, ours, bare_out, ours_out = (
        min(runs[k], key=lambda r: float(r["seconds"])) for k in ("bare", "ours", "bo", "oo")
    )
    same = _same_file(source, WORK / "out.bin")
    rec = run_child("import", vault, recording)
    first = run_child("first-sound", vault, rec["id"], recording)
    lines = [
        f"attach bench: {size_mib} MiB random file (best of {args.rounds} interleaved runs), "
        f"{minutes}-minute AAC/M4A ({recording.stat().st_size / 1e6:.0f} MB), "
        "2-core shared machine",
        row("what", "ours", "baseline", "ratio", "target", True)[:-5],
    ]
    ratio = bare["seconds"] / ours["seconds"]
    lines.append(
        row(
            "import throughput",
            f"{mb / ours['seconds']:.0f} MB/s",
            f"{mb / bare['seconds']:.0f} MB/s bare",
            f"{ratio:.0%}",
            ">= 75% of bare",
            ratio >= 0.75,
        )
    )
    peak = {k: max(float(r["rss_growth_kib"]) for r in v) / 1024 for k, v in runs.items()}
    lines.append(
        row(
            "import peak RSS growth (worst)",
            f"{peak['ours']:.1f} MiB",
            f"{peak['bare']:.1f} MiB bare",
            "",
            "<= 64 MiB",
            peak["ours"] <= 64,
        )
    )
    ratio = bare_out["seconds"] / ours_out["seconds"]
    lines.append(
        row(
            "extraction throughput",
            f"{mb / ours_out['seconds']:.0f} MB/s",
            f"{mb / bare_out['seconds']:.0f} MB/s bare",
            f"{ratio:.0%}",
            "bit-exact",
            same,
        )
    )
    lines.append(
        row(
            "extraction peak RSS growth (worst)",
            f"{peak['oo']:.1f} MiB",
            f"{peak['bo']:.1f} MiB bare",
            "",
            "flat (<= 64 MiB)",
            peak["oo"] <= 64,
        )
    )
    lines.append(
        row(
            f"first sound, {minutes} min M4A in vault",
            f"{first['seconds']:.3f} s",
            f"{first['baseline_seconds']:.3f} s in RAM",
            "",
            "<= 0.5 s",
            float(first["seconds"]) <= 0.5,
        )
    )
    lines.append(
        row(
            "  same, again (warm cache)",
            f"{first['warm_seconds']:.3f} s",
            "",
            "",
            "<= 0.5 s",
            float(first["warm_seconds"]) <= 0.5,
        )
    )
    if args.big:
        big = WORK / "sparse-4gib.bin"
        with open(big, "wb") as handle:
            handle.truncate(4096 * MIB)
        new_vault(vault)
        huge = run_child("import", vault, big)
        growth = float(huge["rss_growth_kib"]) / 1024
        lines.append(
            row(
                "4 GiB import",
                f"{4096 * MIB / 1e6 / float(huge['seconds']):.0f} MB/s",
                "",
                "",
                "completes",
                True,
            )
        )
        lines.append(
            row(
                "4 GiB import peak RSS growth",
                f"{growth:.1f} MiB",
                "",
                "",
                "<= 64 MiB",
                growth <= 64,
            )
        )
    print("\n".join(lines))
    if not args.keep:
        shutil.rmtree(WORK, ignore_errors=True)
    return 0 if all(line.endswith("PASS") for line in lines[2:]) else 1


def _same_file(a: Path, b: Path) -> bool:
    with open(a, "rb") as fa, open(b, "rb") as fb:
        while True:
            x, y = fa.read(MIB), fb.read(MIB)
            if x != y:
                return False
            if not x:
                return True


if __name__ == "__main__":
    sys.path.insert(0, str(REPO / "src"))
    raise SystemExit(main())
