"""Running a Hypothesis property for a budget, and keeping every crashing input.

CI runs each target once with ``max_examples`` examples; the long mode repeats fresh runs until
``TRJ_FUZZ_SECONDS`` have passed. A target's checker calls :func:`keep_crash` with the input
bytes before re-raising, so the file lands in ``regressions/`` and ``test_regressions`` replays it
forever after.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.torture.common import HERE, knob, record

REGRESSIONS = HERE / "regressions"
FUZZ_SECONDS = knob("TRJ_FUZZ_SECONDS", 0)


def keep_crash(target: str, data: bytes) -> None:
    """Save an input that made ``target`` misbehave, named by its hash (idempotent)."""
    REGRESSIONS.mkdir(exist_ok=True)
    name = f"{target}-{hashlib.sha256(data).hexdigest()[:16]}.bin"
    (REGRESSIONS / name).write_bytes(data)


def run_fuzz(
    name: str,
    strategy: st.SearchStrategy[Any],
    check: Callable[[Any], None],
    examples: int,
    share: int = 1,
) -> None:
    """Run ``check`` on generated inputs: ``examples`` in CI; in long mode repeat for
    ``TRJ_FUZZ_SECONDS / share`` (a target fuzzed by ``share`` generators gets the budget once)."""
    runs, started, budget = 0, time.monotonic(), FUZZ_SECONDS / share

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=False,
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def prop(value: Any) -> None:
        check(value)

    while True:
        prop()
        runs += 1
        if time.monotonic() - started >= budget:
            break
    record(
        f"fuzz {name}",
        f"{runs} run(s) of up to {examples} examples in "
        f"{time.monotonic() - started:.1f} s, no crash",
    )
