#!/usr/bin/env python3
"""Run the torture suite (tests/torture), in its CI size or in long mode.

    .venv/bin/python tools/torture.py            # the CI size (~5 minutes on 2 cores)
    .venv/bin/python tools/torture.py --long     # 1000 kills, 10 minutes of fuzzing per parser

Long mode only raises the counts, through environment variables the tests read (any of them can
also be set by hand): TRJ_TORTURE_KILLS, TRJ_TORTURE_EPOCH, TRJ_FUZZ_SECONDS, TRJ_CORRUPT_CASES,
TRJ_FUZZ_BUNDLE_EXAMPLES, TRJ_FUZZ_PROBE_EXAMPLES, TRJ_ATHERIS_SECONDS, TRJ_TORTURE_SEED. Every
part appends what it tried and found to ``torture-report.txt`` in the report folder (printed at
the end). Inputs that crash a parser are saved in tests/torture/regressions/ and replayed by the
normal test run.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LONG = {
    "TRJ_TORTURE_KILLS": "1000",
    "TRJ_TORTURE_EPOCH": "50",
    "TRJ_FUZZ_SECONDS": "600",
    "TRJ_CORRUPT_CASES": "600",
    "TRJ_FUZZ_BUNDLE_EXAMPLES": "500",
    "TRJ_FUZZ_PROBE_EXAMPLES": "500",
    "TRJ_ATHERIS_SECONDS": "300",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--long", action="store_true", help="the long mode (about 1.5 hours)")
    parser.add_argument("--kills", type=int, help="override TRJ_TORTURE_KILLS")
    parser.add_argument("--fuzz-seconds", type=int, help="override TRJ_FUZZ_SECONDS")
    parser.add_argument("--report-dir", type=Path, help="where torture-report.txt goes")
    args, extra = parser.parse_known_args(argv)  # anything else goes to pytest (-k crash)
    env = dict(os.environ)
    if args.long:
        env.update({k: v for k, v in LONG.items() if k not in os.environ})
    if args.kills is not None:
        env["TRJ_TORTURE_KILLS"] = str(args.kills)
    if args.fuzz_seconds is not None:
        env["TRJ_FUZZ_SECONDS"] = str(args.fuzz_seconds)
    report_dir = args.report_dir or Path(tempfile.mkdtemp(prefix="trj-torture-"))
    report_dir.mkdir(parents=True, exist_ok=True)
    env["TRJ_TORTURE_REPORT_DIR"] = str(report_dir)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    # a long run's tests take many minutes each: no per-test timeout, no stack dumps at 4 min
    # (both are set in pyproject.toml for the CI-sized suite)
    command = [
        sys.executable,
        "-m",
        "pytest",
        "tests/torture",
        "-q",
        "-rsx",
        "-s",
        "--timeout=0",
        "-o",
        "faulthandler_timeout=0",
        *extra,
    ]
    print("running:", " ".join(command), flush=True)
    code = subprocess.call(command, cwd=REPO, env=env)
    report = report_dir / "torture-report.txt"
    if report.exists():
        print("\n" + report.read_text(encoding="utf-8"), end="")
        print(f"(report kept in {report})")
    return code


if __name__ == "__main__":
    sys.exit(main())
