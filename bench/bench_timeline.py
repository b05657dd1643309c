"""Timeline with 10,000 entries: time to first paint, paged model (now) vs the 2000-row model.

Time to first paint: from ``MainWindow.open_vault`` (the vault already unlocked, so the KDF is
not counted) until the timeline's rows are in the model and the window has been repainted
synchronously. The baseline is the same app in the same run, with only the two timeline modules
(``gui/models/timeline_model.py`` and ``gui/widgets/timeline.py``) taken from a git commit
before paging (``--baseline``, default ``6713a30``) and swapped in through ``sys.modules``
before the window is built; everything else (vault, entries, window, platform) is identical.
Each side runs in its own process, alternated ``--rounds`` times, ``--cycles`` opens each
(lock between them); medians are printed. Also printed, for the paged model only: the time to
reach the oldest entry by scrolling (the baseline cannot reach it at all: it stops at 2000).

The vault is synthetic (``common.sample_text``), encrypted, under ``bench/out/work/``.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_timeline.py [--entries 10000]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

from common import OUT, PASSPHRASE, REPO, sample_text

MODULES = {
    "tr_journal.gui.models.timeline_model": "src/tr_journal/gui/models/timeline_model.py",
    "tr_journal.gui.widgets.timeline": "src/tr_journal/gui/widgets/timeline.py",
}

CHILD = r"""
import importlib.util, json, statistics, sys, time
from pathlib import Path

folder, passphrase, cycles, baseline = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
for pair in baseline:  # name=path: the old module replaces the new one before any import
    name, path = pair.split("=", 1)
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)

from PySide6.QtCore import QEventLoop
from tr_journal.gui.app import make_application
app = make_application()
from tr_journal.gui.main_window import MainWindow
from tr_journal.vault import Vault

window = MainWindow(folder)
window.resize(1366, 768)
window.show()
app.processEvents()
paints, rows, reach = [], 0, None
for _ in range(cycles):
    vault = Vault.open(folder, passphrase)
    loop = QEventLoop()
    start = time.perf_counter()
    window.open_vault(vault)
    model = window.timeline.model
    model.modelReset.connect(loop.quit)
    if model.rowCount() == 0:
        loop.exec()
    model.modelReset.disconnect(loop.quit)
    window.repaint()
    paints.append(time.perf_counter() - start)
    rows = model.rowCount()
    if hasattr(model, "more") and reach is None:  # the paged model: scroll to the oldest
        start = time.perf_counter()
        table = window.timeline.table
        while model.more:
            before = model.rowCount()
            table.scrollToBottom()
            while model.rowCount() == before and model.more:
                app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
        reach = (time.perf_counter() - start, model.rowCount())
    window.lock()
    app.processEvents()
print(json.dumps({"paints": paints, "rows": rows, "reach": reach}))
"""


def build_vault(folder: Path, n: int) -> None:
    """``n`` synthetic entries, one a minute, in one transaction (cheap KDF: not timed)."""
    from tr_journal.crypto.kdf import KdfParams
    from tr_journal.journal.entries import add_entry
    from tr_journal.vault import Vault

    shutil.rmtree(folder, ignore_errors=True)
    folder.parent.mkdir(parents=True, exist_ok=True)
    vault, _key = Vault.create(folder, PASSPHRASE, KdfParams(64 * 1024, 1, 1))
    with vault, vault.transaction() as tx:
        for i in range(n):
            when = datetime(2020, 1, 1) + timedelta(minutes=37 * i)
            add_entry(
                tx,
                {
                    "occurred_at": when.strftime("%Y-%m-%dT%H:%M+01:00"),
                    "channel": "phone",
                    "caller_number": f"+86 991 555 {i % 10000:04d}",
                    "narrative": sample_text(i),
                },
            )


def baseline_modules(commit: str) -> list[str]:
    """The old timeline modules written under out/work/baseline/, as ``name=path`` pairs."""
    folder = OUT / "work" / "baseline"
    folder.mkdir(parents=True, exist_ok=True)
    pairs = []
    for name, path in MODULES.items():
        source = subprocess.run(
            ["git", "show", f"{commit}:{path}"],
            cwd=REPO,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        target = folder / f"{name.rsplit('.', 1)[1]}.py"
        target.write_text(source, encoding="utf-8")
        pairs.append(f"{name}={target}")
    return pairs


def run_child(folder: Path, cycles: int, pairs: list[str]) -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(folder), PASSPHRASE, str(cycles), *pairs],
        check=True,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--cycles", type=int, default=3)
    parser.add_argument("--baseline", default="6713a30")
    args = parser.parse_args()
    folder = OUT / "work" / f"timeline-{args.entries}"
    start = time.perf_counter()
    build_vault(folder, args.entries)
    print(f"vault of {args.entries} entries built in {time.perf_counter() - start:.1f} s")
    pairs = baseline_modules(args.baseline)
    results: dict[str, list[dict]] = {"before": [], "after": []}
    for _ in range(args.rounds):  # alternated, so machine load hits both alike
        results["before"].append(run_child(folder, args.cycles, pairs))
        results["after"].append(run_child(folder, args.cycles, []))
    print(
        f"Time to first paint of the timeline, {args.entries} entries, median of "
        f"{args.rounds}x{args.cycles} opens (platform {os.environ.get('QT_QPA_PLATFORM')}):"
    )
    medians = {}
    for side, label in (("before", f"2000-row model ({args.baseline})"), ("after", "paged")):
        paints = [p for run in results[side] for p in run["paints"]]
        medians[side] = statistics.median(paints)
        print(
            f"  {label:32s} {medians[side] * 1000:7.1f} ms  (first {paints[0] * 1000:.1f} ms,"
            f" rows listed {results[side][0]['rows']})"
        )
    print(f"  ratio after/before {medians['after'] / medians['before']:.2f}")
    reach = [run["reach"] for run in results["after"] if run["reach"]]
    if reach:
        seconds = statistics.median(r[0] for r in reach)
        print(
            f"Paged: scrolling to the oldest entry reads {reach[0][1]} rows in "
            f"{seconds * 1000:.0f} ms (median); the 2000-row model cannot reach it"
        )
    print(f"Load average at the end: {os.getloadavg()[0]:.1f} (2 cores, shared)")
    shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
