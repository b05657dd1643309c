"""A command's cost must not grow with the journal: 100,000 entries against 10,000.

Whole processes (``tr-journal CMD --passphrase-file``, cheap KDF m=64 MiB t=1 p=1, byte-code
cached, one untimed warm-up each), interleaved 10k/100k run by run so the machine's load hits
both alike, median of 5 (3 with ``--quick``): ``list`` (the default page of 50), ``search``
(a word in exactly 40 entries at both sizes, and a number in exactly 20), ``add`` (one entry
with a number, into a working copy), ``show --json`` of one entry and ``stats --json``.
Targets: each command on 100,000 entries ≤ 1.5× the same on 10,000;
``stats --json`` ≤ 1.5× ``list`` on 100,000.

The vaults are built once under /tmp/trj-scale (see scale_vaults.py; ~1 min for 100,000).

    .venv/bin/python bench/bench_scale.py [--quick] [--small N] [--large N]
"""

from __future__ import annotations

import argparse
import sys

from common import (
    REPO,
    Row,
    check_ok,
    median,
    passphrase_file,
    print_table,
    process_env,
    run_process,
)
from scale_vaults import MARKER, copy_of, scale_vault

TR_JOURNAL = REPO / ".venv" / "bin" / "tr-journal"
if not TR_JOURNAL.exists():
    TR_JOURNAL = REPO.parent.parent / "main" / ".venv" / "bin" / "tr-journal"

COMMANDS: dict[str, list[str]] = {
    "list": ["list"],
    "search": ["search", MARKER],
    "search number": ["search", "0086 991 555 0142"],
    "add": [
        "add",
        "--occurred",
        "2026-03-01T10:00",
        "--channel",
        "phone",
        "--number",
        "+33 6 12 34 56 78",
        "--text",
        "bench entry",
    ],
    "show": ["show", "E0005", "--json"],
    "stats": ["stats", "--json"],
}


def timed(vault: str, command: list[str], env: dict[str, str]) -> float:
    argv = [
        str(TR_JOURNAL),
        *command,
        "--vault",
        vault,
        "--passphrase-file",
        str(passphrase_file()),
    ]
    return check_ok(run_process(argv, env), argv).seconds


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--large", type=int, default=100_000)
    args = parser.parse_args()
    runs = 3 if args.quick else 5
    env = process_env()
    env["TR_JOURNAL_REGION"] = "FR"
    sizes = (args.small, args.large)
    vaults = {n: str(copy_of(scale_vault(n), f"v{n}")) for n in sizes}
    commands = {
        k: v for k, v in COMMANDS.items() if k != "stats" or _has_stats(vaults[args.small], env)
    }
    times: dict[tuple[str, int], list[float]] = {}
    for name, command in commands.items():
        for n in sizes:
            timed(vaults[n], command, env)  # warm-up: byte-code, page cache
        for _ in range(runs):
            for n in sizes:
                times.setdefault((name, n), []).append(timed(vaults[n], command, env))
    rows = []
    for name in commands:
        small, large = median(times[(name, sizes[0])]), median(times[(name, sizes[1])])
        rows.append(
            Row(
                f"{name} ({sizes[1]:,} vs {sizes[0]:,})",
                large,
                small,
                "s",
                "≤ 1.5×",
                large <= 1.5 * small,
            )
        )
    if "stats" in commands:
        stats, listing = median(times[("stats", sizes[1])]), median(times[("list", sizes[1])])
        rows.append(
            Row(
                f"stats --json vs list ({sizes[1]:,})",
                stats,
                listing,
                "s",
                "≤ 1.5×",
                stats <= 1.5 * listing,
            )
        )
    ok = print_table(f"Whole process, median of {runs}", f"{sizes[0]:,} / list", rows)
    return 0 if ok else 1


def _has_stats(vault: str, env: dict[str, str]) -> bool:
    argv = [str(TR_JOURNAL), "stats", "--help"]
    return run_process(argv, env).returncode == 0


if __name__ == "__main__":
    sys.exit(main())
