"""UI-thread stalls while the export wizard exports and the verify dialog verifies.

Targets: bench/README.md.

A ``QTimer`` ticking every 10 ms on the main thread records the largest gap between ticks (the
``GapMeter`` of ``bench_gui.py``) while (1) the export wizard writes a bundle holding a synthetic
attachment (random bytes under ``bench/out/``, never user data) through the task runner, and (2)
the verify dialog checks that bundle. Beside each, the largest gap over the same time with the
app idle, measured in the same run. Target: stall ≤ 100 ms. Exits 1 when a target is missed.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_dialogs.py [--size-mib 200]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

BENCH = Path(__file__).resolve().parent
OUT = BENCH / "out"
sys.path.insert(0, str(BENCH))

from bench_gui import GapMeter  # noqa: E402


def synthetic_file(size_mib: int) -> Path:
    big = OUT / f"dialogs-{size_mib}mib.bin"
    if not big.exists() or big.stat().st_size != size_mib << 20:
        OUT.mkdir(parents=True, exist_ok=True)
        with open(big, "wb") as handle:
            for _ in range(size_mib):
                handle.write(os.urandom(1 << 20))
    return big


def run_loop(ms: int) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_for(predicate: Callable[[], bool]) -> None:
    while not predicate():
        run_loop(5)


def measure(
    start_job: Callable[[], object], done: Callable[[], bool]
) -> tuple[float, float, float]:
    """(seconds, busy stall, idle stall over the same time), in seconds."""
    meter = GapMeter()
    run_loop(300)
    began = time.perf_counter()
    meter.start()
    start_job()
    wait_for(done)
    busy = meter.stop()
    seconds = time.perf_counter() - began
    meter.start()
    run_loop(int(seconds * 1000))
    return seconds, busy, meter.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size-mib", type=int, default=200)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from tr_journal.crypto.kdf import KdfParams
    from tr_journal.gui.dialogs.export_wizard import ExportWizard
    from tr_journal.gui.dialogs.verify_dialog import VerifyDialog
    from tr_journal.gui.tasks import TaskRunner
    from tr_journal.journal.entries import add_entry
    from tr_journal.media.ingest import add_attachment
    from tr_journal.vault import Vault

    app = QApplication.instance() or QApplication(sys.argv[:1])
    big = synthetic_file(args.size_mib)
    failed = False
    with tempfile.TemporaryDirectory(prefix="tr-journal-bench-", dir=OUT) as tmp:
        folder = Path(tmp)
        vault, _key = Vault.create(
            folder / "vault", "bench passphrase words", KdfParams(64 * 1024, 1, 1)
        )
        with vault.transaction() as tx:
            entry = add_entry(tx, {"occurred_at": "2026-01-29T15:03", "narrative": "bench"})
            add_attachment(tx, entry, big)
        tasks = TaskRunner()
        wizard = ExportWizard(vault, tasks)
        wizard.resize(900, 640)
        wizard.show()
        wait_for(lambda: wizard.selection_page.loaded)
        wizard.next()
        wizard.next()
        bundle = folder / "bundle.zip"
        wizard.destination_page.path_edit.setText(str(bundle))
        results = {
            "export (wizard)": measure(
                wizard.next,
                lambda: wizard.export_page.result is not None or wizard.export_page.status.is_error,
            )
        }
        dialog = VerifyDialog(tasks)
        dialog.show()
        dialog.path_edit.setText(str(bundle))
        results["verify (dialog)"] = measure(dialog.start, lambda: dialog.task is None)
        valid = dialog.verdict is not None and dialog.verdict.valid
        vault.close()
        mb = (args.size_mib << 20) / 1e6
        print(
            f"UI-thread stall with a {args.size_mib} MiB attachment "
            f"(platform {os.environ['QT_QPA_PLATFORM']}):"
        )
        print(
            f"  {'job':18s} {'seconds':>8s} {'MB/s':>7s} {'stall ms':>9s} {'idle ms':>8s}  "
            "target ≤ 100 ms"
        )
        for name, (seconds, busy, idle) in results.items():
            ok = busy <= 0.1
            failed |= not ok
            print(
                f"  {name:18s} {seconds:8.2f} {mb / seconds:7.0f} {busy * 1000:9.1f} "
                f"{idle * 1000:8.1f}  {'PASS' if ok else 'FAIL'}"
            )
        print(f"  bundle verified valid: {valid}")
        del app
    return 1 if failed or not valid else 0


if __name__ == "__main__":
    sys.exit(main())
