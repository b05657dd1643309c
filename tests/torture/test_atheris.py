"""Part 4d: a short coverage-guided (atheris/libFuzzer) run of each parser, when installed.

CI: ``TRJ_ATHERIS_SECONDS`` (default 5) per target; long mode 300. A crash makes atheris exit
non-zero and leaves the input in regressions/, where test_regressions replays it.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

from tests.torture.common import HERE, int_knob, record
from tests.torture.fuzzing import REGRESSIONS

SECONDS = int_knob("TRJ_ATHERIS_SECONDS", 5)


@pytest.mark.timeout(120 + SECONDS * 3)
@pytest.mark.parametrize("target", ["keyslots", "probe", "bundle"])
def test_atheris_finds_no_crash(target: str) -> None:
    if importlib.util.find_spec("atheris") is None:
        pytest.skip("atheris is not installed")
    before = set(REGRESSIONS.glob("*"))
    done = subprocess.run(
        [
            sys.executable,
            str(HERE / "atheris_fuzz.py"),
            target,
            f"-max_total_time={SECONDS}",
            "-rss_limit_mb=4096",
            "-print_final_stats=1",
        ],
        capture_output=True,
        text=True,
        timeout=60 + SECONDS * 3,
    )
    runs = [line for line in done.stderr.splitlines() if "stat::number_of_executed_units" in line]
    new = sorted(p.name for p in set(REGRESSIONS.glob("*")) - before)
    record(
        f"atheris {target}",
        f"{SECONDS} s: {runs[-1].split(':')[-1].strip() if runs else '?'}"
        f" executions, new crashes: {new}",
    )
    assert done.returncode == 0 and not new, done.stderr[-3000:]
