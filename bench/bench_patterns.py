"""The patterns window on 100,000 entries: opens within 1 s, a change of period redraws within
200 ms.

In-process, offscreen Qt, the vault of bench_scale.py (built once under /tmp/trj-scale),
already unlocked as after the unlock screen. "Open" is from ``MainWindow.show_patterns`` (the
menu action) to the window drawn with its figures (report and chart loaded on the task runner,
then painted); "period" is from choosing another period in the combo to the chart redrawn with
the new figures (the callers and the demand × threat table follow, counted in a second
task). Each is the median of 5 (3 with ``--quick``), alternating the periods all time /
last 12 months / last 3 months. Baseline in the same run: the main window's timeline
showing its first page after unlock (what the person waits for anyway).

    .venv/bin/python bench/bench_patterns.py [--quick] [--size N]
"""

from __future__ import annotations

import argparse
import os
import sys
import time

from common import PASSPHRASE, Row, median, print_table
from scale_vaults import copy_of, scale_vault

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _wait(app: object, done: object, timeout: float = 60.0) -> None:
    from PySide6.QtWidgets import QApplication

    end = time.perf_counter() + timeout
    while not done():  # type: ignore[operator]
        QApplication.processEvents()
        if time.perf_counter() > end:
            sys.exit("timed out")
        time.sleep(0.001)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--size", type=int, default=100_000)
    args = parser.parse_args()
    runs = 3 if args.quick else 5
    folder = copy_of(scale_vault(args.size), f"gui{args.size}")

    from tr_journal.gui.app import make_application
    from tr_journal.gui.main_window import MainWindow
    from tr_journal.gui.widgets.patterns_view import PatternsWindow
    from tr_journal.vault import Vault

    app = make_application()
    window = MainWindow(folder)
    window.show()
    opens, periods, timelines = [], [], []
    for _run in range(runs):
        vault = Vault.open(folder, PASSPHRASE)
        start = time.perf_counter()
        window.open_vault(vault)
        _wait(app, lambda: window.timeline.model.rowCount() > 0 and not window.tasks.busy)
        timelines.append(time.perf_counter() - start)
        start = time.perf_counter()
        window.show_patterns()
        patterns = window.findChild(PatternsWindow)
        _wait(app, lambda p=patterns: p.loaded is not None and p.chart_data is not None)
        patterns.repaint()
        opens.append(time.perf_counter() - start)
        for index in (2, 4, 0):
            start = time.perf_counter()
            before = patterns.generation
            patterns.range.setCurrentIndex(index)
            _wait(
                app,
                lambda p=patterns, b=before: (
                    p.chart_data is not None and p.chart_data.generation > b
                ),
            )
            patterns.repaint()
            periods.append(time.perf_counter() - start)
        window.lock()
    rows = [
        Row(
            f"patterns window open ({args.size:,})",
            median(opens),
            median(timelines),
            "s",
            "≤ 1 s",
            median(opens) <= 1.0,
        ),
        Row(
            f"change of period, redrawn ({args.size:,})",
            median(periods),
            None,
            "s",
            "≤ 200 ms",
            median(periods) <= 0.2,
        ),
        Row("  slowest change of period", max(periods), None, "s", "-", None),
    ]
    ok = print_table(f"Patterns window, median of {runs}", "timeline 1st page", rows)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
