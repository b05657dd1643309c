"""Export with its dossier at scale: 1,000 entries and 200 files, and 100 entries for the slope.

Target (issue 16): a 1,000-entry, 200-file export with its dossier within 15 s on a 2-core
machine, peak RSS under 500 MiB; the cost should grow about linearly (the 100-entry time is
printed beside it). Each export runs in its own process, timed whole (start-up, unlock with a
cheap KDF, snapshot, report, zip, commit). The dossier is typeset by child processes of the
export, one after the other (evidence/typeset.py; a long dossier in parts, then joined:
evidence/typeset_parts.py), so two peaks are printed: the export process's own and the largest
child's (``getrusage`` of the export process, self and children); the 1-minute load average at
the start of each run is printed beside it, and the ratio 1,000/100. The 1,000-entry export is
run a second time with the dossier typeset in one Typst run, the baseline of the parts. The
entries mix French, Uyghur and Chinese text, repeated callers, agencies, demands and threats;
the files are the shared fixture recordings and pictures (synthetic bytes when they are
missing). Vaults are built untimed under ``bench/out/dossier`` (gitignored), removed at the end.

    .venv/bin/python bench/bench_dossier.py            # 100 and 1,000 entries
    .venv/bin/python bench/bench_dossier.py --quick    # 100 entries only (shared machine)
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent / "src"))
sys.path.insert(0, str(BENCH))

from common import process_env, run_process  # noqa: E402

WORK = BENCH / "out" / "dossier"
PASSPHRASE = "bench passphrase"
FIXTURES = BENCH.parent / "tests" / "data" / "media"
TEXTS = (
    "Ils ont appelé depuis un numéro chinois et demandé mon adresse.",
    "ئۇلار ماڭا تېلېفون قىلىپ، تۇغقانلىرىمغا زىيان يەتكۈزىمىز دەپ تەھدىت سالدى.",
    "他们说要见面，并要求我提供护照和住址。",
)
CALLERS = ("+86 991 555 0101", "+86 10 5555 0199", "+33 6 12 34 56 78", "")
AGENCIES = ("public security bureau, Urumqi", "国家安全局", "embassy", "")
DEMANDS = (["documents"], ["inform", "meeting"], ["return"], [])
THREATS = (["relatives"], ["detention"], [], ["status"])


def build(folder: Path, entries: int, files: int) -> None:
    """A vault of ``entries`` entries, ``files`` of them with one attachment each."""
    from tr_journal.crypto.kdf import KdfParams
    from tr_journal.journal.entries import add_entry
    from tr_journal.media.ingest import add_attachment
    from tr_journal.vault import Vault

    sources = sorted(FIXTURES.glob("*")) if FIXTURES.is_dir() else []
    if not sources:
        fake = WORK / "fake.bin"
        fake.write_bytes(os.urandom(64 * 1024))
        sources = [fake]
    vault, _ = Vault.create(
        folder, PASSPHRASE, KdfParams(memory_kib=64 * 1024, iterations=1, parallelism=1)
    )
    with vault:
        every = max(1, entries // max(1, files))
        attached = 0
        for start in range(0, entries, 100):
            with vault.transaction() as tx:
                for n in range(start, min(entries, start + 100)):
                    day, month, year = 1 + n % 28, 1 + (n // 28) % 12, 2024 + n // 336
                    entry = add_entry(
                        tx,
                        {
                            "occurred_at": f"{year:04d}-{month:02d}-{day:02d}T21:40:00+01:00",
                            "channel": ("phone", "wechat", "sms", "whatsapp")[n % 4],
                            "caller_number": CALLERS[n % 4],
                            "claimed_identity": AGENCIES[n % 4],
                            "demands": DEMANDS[n % 4],
                            "threats": THREATS[(n // 2) % 4],
                            "duration_seconds": 60 + n % 600,
                            "narrative": TEXTS[n % 3],
                        },
                    )
                    if n % every == 0 and attached < files:
                        add_attachment(tx, entry, sources[attached % len(sources)])
                        attached += 1


def child(folder: str, out: str, lang: str, one_run: bool = False) -> None:
    """One export, as the command line does it; prints the report's share of the time and the
    peak RSS of the export process itself and of its typesetting child (evidence/typeset.py)."""
    import resource

    from tr_journal.domain import ExportSelection
    from tr_journal.evidence import report
    from tr_journal.evidence.export import export_bundle
    from tr_journal.vault import Vault

    spent = [0.0]
    render = report.render_report

    def timed(data: report.ReportData, cancelled: Any = None) -> tuple[bytes, bytes]:
        start = time.perf_counter()
        try:
            return render(data, cancelled)
        finally:
            spent[0] += time.perf_counter() - start

    report.render_report = timed  # type: ignore[assignment]
    if one_run:  # the dossier typeset in one Typst run, as before parts (the baseline)
        from tr_journal.evidence import typeset_parts

        typeset_parts.PART_BUDGET = 10**12
    with Vault.open(Path(folder), PASSPHRASE) as vault:
        result = export_bundle(vault, Path(out), ExportSelection(), lang=lang)
    own = resource.getrusage(resource.RUSAGE_SELF)
    typesetter = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = sum(u.ru_utime + u.ru_stime for u in (own, typesetter))
    print(
        json.dumps(
            {
                "report_s": spent[0],
                "entries": result.entries,
                "files": result.files,
                "own_kib": own.ru_maxrss,
                "child_kib": typesetter.ru_maxrss,
                "cpu_s": cpu,
            }
        ),
        file=sys.stderr,
    )


@dataclass
class Figures:
    entries: int
    files: int
    seconds: float
    report_s: float
    cpu_s: float  # user + system CPU of the export and its child: less load-dependent
    own_mib: float  # the export process (the app or the command line)
    child_mib: float  # its typesetting child, which exits after the dossier
    zip_mb: float
    load: float  # 1-minute load average when the export started

    @property
    def peak_mib(self) -> float:
        return max(self.own_mib, self.child_mib)


def run(entries: int, files: int, lang: str, one_run: bool = False) -> Figures:
    folder = WORK / f"vault-{entries}"
    if not folder.exists():
        build(folder, entries, files)
    out = WORK / f"bundle-{entries}.zip"
    out.unlink(missing_ok=True)
    argv = [sys.executable, str(Path(__file__).resolve()), "--child", str(folder), str(out), lang]
    argv += ["--one-run"] if one_run else []
    load = os.getloadavg()[0]
    result = run_process(argv, process_env({**os.environ, "SOURCE_DATE_EPOCH": "1780000000"}))
    if result.returncode != 0:
        sys.exit(result.stderr[-2000:])
    info = json.loads(result.stderr.strip().splitlines()[-1])
    return Figures(
        entries,
        files,
        result.seconds,
        info["report_s"],
        info["cpu_s"],
        info["own_kib"] / 1024,
        info["child_kib"] / 1024,
        out.stat().st_size / 1e6,
        load,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="100 entries, 20 files only")
    parser.add_argument("--lang", default="fr")
    parser.add_argument("--keep", action="store_true", help="keep bench/out/dossier")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    parser.add_argument("--one-run", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child, one_run=args.one_run)
        return 0
    WORK.mkdir(parents=True, exist_ok=True)
    runs = [(100, 20, False)] if args.quick else [(100, 20, False), (1000, 200, False)]
    runs += [] if args.quick else [(1000, 200, True)]  # the baseline: one Typst run
    print(
        f"{'entries':>8} {'files':>6} {'total s':>8} {'report s':>9} {'cpu s':>6} "
        f"{'export MiB':>11} "
        f"{'typeset MiB':>12} {'zip MB':>7} {'load':>5}"
    )
    verdict, done = 0, []
    try:
        for entries, files, one_run in runs:
            f = run(entries, files, args.lang, one_run)
            passed = entries < 1000 or (f.seconds <= 15 and f.peak_mib < 500)
            verdict |= not passed and not one_run
            done += [] if one_run else [f]
            verdict_text = "" if entries < 1000 else "PASS" if passed else "FAIL"
            print(
                f"{f.entries:>8} {f.files:>6} {f.seconds:>8.2f} {f.report_s:>9.2f} "
                f"{f.cpu_s:>6.2f} "
                f"{f.own_mib:>11.0f} {f.child_mib:>12.0f} {f.zip_mb:>7.1f} {f.load:>5.1f}  "
                + ("(one Typst run, the baseline)" if one_run else verdict_text)
            )
    finally:
        if not args.keep:
            shutil.rmtree(WORK, ignore_errors=True)
    if len(done) == 2:
        small, big = done
        print(
            f"ratio 1000/100: total {big.seconds / small.seconds:.1f}, report "
            f"{big.report_s / small.report_s:.1f}, cpu {big.cpu_s / small.cpu_s:.1f} "
            "(about 10 when the cost is linear)"
        )
    print("typeset MiB: the largest child (Typst for one part, or the join); the children run")
    print("one after the other while the export waits, so together they never exceed the sum")
    print("of the two peaks")
    print("target: 1,000 entries + 200 files within 15 s, peak RSS under 500 MiB (2 cores);")
    print("the load average (1 min) is the machine's: on a shared machine compare the figures")
    print("of one run with each other, not with another run's")
    return verdict


if __name__ == "__main__":
    sys.exit(main())
