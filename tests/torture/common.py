"""Knobs shared by the torture tests: CI counts by default, larger ones from the environment.

``tools/torture.py --long`` sets these variables; the tests themselves never change behaviour
otherwise, so the long mode runs exactly the code CI runs.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPORT_DIR_ENV = "TRJ_TORTURE_REPORT_DIR"


def knob(name: str, default: float) -> float:
    """A number from the environment (``TRJ_TORTURE_KILLS`` ...), else the CI default."""
    value = os.environ.get(name)
    return float(value) if value else default


def int_knob(name: str, default: int) -> int:
    return int(knob(name, default))


def tree_hashes(folder: Path) -> dict[str, str]:
    """SHA-256 of every file under ``folder`` (relative path -> hex)."""
    result = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            result[str(path.relative_to(folder))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return result


def record(name: str, text: str) -> None:
    """Print a result line and, when asked, append it to the long-mode report file."""
    line = f"[torture] {name}: {text}"
    print(line)
    folder = os.environ.get(REPORT_DIR_ENV)
    if folder:
        with open(Path(folder) / "torture-report.txt", "a", encoding="utf-8") as handle:
            handle.write(line + "\n")
