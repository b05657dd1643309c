"""Export and verify throughput on 1 GiB of recordings, against bagit and sha256sum, same run.

Targets (issue 4, bench/README.md): verify >= 50% of the speed of ``python -m bagit --validate
--processes 1`` (sha256-only manifests) on the same extracted bag; export >= 100 MB/s; peak
memory flat (RSS growth during export/verify independent of the payload size). sha256sum over
the same payload bytes is printed as the raw-hashing baseline. The machine is shared and
loaded, so each row also shows the CPU seconds it used (all threads, or the child process):
wall-clock ratios move with the load, CPU cost per byte much less. The recordings are synthetic
random bytes (incompressible, like real media); the vault uses a cheap KDF. Work files live in
``bench/out/export_verify`` (gitignored) and are removed at the end.

    .venv/bin/python bench/bench_export_verify.py [--mib 1024] [--files 4]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent / "src"))

from tr_journal.crypto.kdf import KdfParams  # noqa: E402
from tr_journal.domain import ExportSelection  # noqa: E402
from tr_journal.evidence.export import export_bundle  # noqa: E402
from tr_journal.evidence.verify import verify_bundle  # noqa: E402
from tr_journal.journal.entries import add_entry  # noqa: E402
from tr_journal.media.ingest import add_attachment  # noqa: E402
from tr_journal.vault import Vault  # noqa: E402

WORK = BENCH / "out" / "export_verify"
MB = 1_000_000


def rss_kib() -> int:
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


class PeakRss:
    """Samples this process's RSS every 20 ms while a phase runs."""

    def __enter__(self) -> PeakRss:
        self.start = rss_kib()
        self.peak = self.start
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def _run(self) -> None:
        while not self._stop.wait(0.02):
            self.peak = max(self.peak, rss_kib())

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, rss_kib())

    @property
    def growth_mib(self) -> float:
        return (self.peak - self.start) / 1024


CPU: dict[str, float] = {}


def timed(fn: Callable[[], Any], label: str) -> tuple[float, Any, PeakRss]:
    with PeakRss() as rss:
        cpu = time.process_time()
        start = time.perf_counter()
        value = fn()
        seconds = time.perf_counter() - start
        CPU[label] = time.process_time() - cpu
    return seconds, value, rss


def make_vault(total_mib: int, files: int) -> tuple[Vault, int]:
    vault, _ = Vault.create(
        WORK / "vault",
        "bench passphrase",
        KdfParams(memory_kib=64 * 1024, iterations=1, parallelism=1),
    )
    size = total_mib * 1024 * 1024 // files
    source = WORK / "recording.bin"
    with vault.transaction() as tx:
        entry = add_entry(
            tx,
            {"occurred_at": "2026-01-29T15:03:00+01:00", "channel": "phone", "narrative": "bench"},
        )
    for n in range(files):
        with open(source, "wb") as handle:
            for _ in range(size // (1 << 20)):
                handle.write(os.urandom(1 << 20))
        with vault.transaction() as tx:
            add_attachment(tx, entry, source, name=f"call-{n}.m4a")
    source.unlink()
    return vault, size * files


def run(argv: list[str], label: str) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU[label] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mib", type=int, default=1024)
    parser.add_argument("--files", type=int, default=4)
    args = parser.parse_args()
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        vault, payload = make_vault(args.mib, args.files)
        out = WORK / "bundle.zip"
        t_export, result, rss_export = timed(
            lambda: export_bundle(vault, out, ExportSelection(), lang="en"), "export"
        )
        vault.close()
        t_verify_zip, verdict, rss_verify = timed(lambda: verify_bundle(out), "verify zip")
        assert verdict.valid, verdict.to_json()
        with zipfile.ZipFile(out) as archive:
            archive.extractall(WORK / "x")
        bag = WORK / "x" / result.export_id
        t_verify_dir, verdict_dir, rss_verify_dir = timed(
            lambda: verify_bundle(bag), "verify folder"
        )
        assert verdict_dir.valid
        t_bagit = run(
            [sys.executable, "-m", "bagit", "--validate", "--processes", "1", str(bag)], "bagit"
        )
        originals = sorted(str(p) for p in (bag / "data" / "originals").rglob("*") if p.is_file())
        t_sha = run(["sha256sum", *originals], "sha256sum")
    finally:
        shutil.rmtree(WORK, ignore_errors=True)
    mbps = payload / MB
    rows = [
        ("export (vault -> signed zip)", t_export, rss_export.growth_mib, "export"),
        ("verify zip (ours)", t_verify_zip, rss_verify.growth_mib, "verify zip"),
        ("verify folder (ours)", t_verify_dir, rss_verify_dir.growth_mib, "verify folder"),
        ("python -m bagit --validate --processes 1", t_bagit, None, "bagit"),
        ("sha256sum of the originals", t_sha, None, "sha256sum"),
    ]
    print(
        f"payload: {payload / (1 << 20):.0f} MiB in {args.files} recordings; "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    for label, seconds, growth, key in rows:
        extra = f"   RSS growth {growth:6.1f} MiB" if growth is not None else ""
        print(
            f"{label:44s} {seconds:7.2f} s  {mbps / seconds:7.1f} MB/s  "
            f"cpu {CPU[key]:6.2f} s{extra}"
        )
    print(f"verify zip / bagit speed:    {t_bagit / t_verify_zip:5.0%}  (target >= 50%)")
    print(f"verify folder / bagit speed: {t_bagit / t_verify_dir:5.0%}  (target >= 50%)")
    print(f"verify zip / sha256sum:      {t_sha / t_verify_zip:5.0%}")
    print(
        f"export: {mbps / t_export:.0f} MB/s  (target >= 100 MB/s); "
        f"export / sha256sum: {t_sha / t_export:.0%}  (bench/README.md target >= 50%); "
        f"CPU cost sha256sum / export: {CPU['sha256sum'] / CPU['export']:.0%}"
    )


if __name__ == "__main__":
    main()
