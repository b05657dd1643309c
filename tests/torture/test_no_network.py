"""Part 5: the whole scenario (init, add, attach every fixture, search, export, verify, lock,
GUI offscreen) makes zero socket attempts — under an audit hook that refuses them, and again
inside an empty network namespace (``unshare -n``) when running as root."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.torture.common import record
from tests.torture.scenario_env import run_scenario


def _check(summary: dict) -> None:
    assert summary["socket_events"] == []
    assert summary["bundle_valid"] and summary["gui_locked"] and summary["search_hits"] == 1


@pytest.mark.timeout(300)
def test_scenario_opens_no_socket(tmp_path: Path) -> None:
    run = run_scenario(tmp_path)
    _check(run.summary)
    record(
        "no network (audit hook)",
        f"{len(run.summary['attached'])} attachments, export, verify, GUI: 0 socket events",
    )


@pytest.mark.timeout(300)
def test_scenario_runs_without_any_network(tmp_path: Path) -> None:
    unshare = shutil.which("unshare")
    if os.geteuid() != 0 or unshare is None:
        pytest.skip("an empty network namespace needs root and util-linux unshare")
    if subprocess.run([unshare, "-n", "true"], capture_output=True).returncode:
        pytest.skip("unshare -n is not permitted here")
    run = run_scenario(tmp_path, prefix=[unshare, "-n"])
    _check(run.summary)
    record("no network (unshare -n)", "full scenario succeeded with no network: 0 attempts")
