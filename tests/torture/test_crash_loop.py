"""Part 1: SIGKILL a real process at random moments of writes; nothing promised is ever lost.

The child (``crash_child.py``) adds entries with 1–5 MB random attachments, changes the
passphrase, rotates the data key, replaces the recovery key, writes backups and exports one-entry
bundles, reporting each action after it returned. After every kill the vault must open (old or
new passphrase for a change in flight), pass ``cipher_integrity_check``/``integrity_check``,
verify its chain and content hashes, hold every reported entry with bit-exact attachment bytes,
show no half entry, and the last reported backup and bundle must restore/verify.

CI: ``TRJ_TORTURE_KILLS`` (default 100) kills; a fresh vault every ``TRJ_TORTURE_EPOCH`` kills
keeps the database small enough for 2 cores. Long mode: 1000 kills and longer epochs.
"""

from __future__ import annotations

import json
import os
import random
import selectors
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import PASSPHRASE
from tests.torture.common import HERE, int_knob, knob, record
from tests.torture.crash_checks import Promises, merge_stats, verify_after_kill

KILLS = int_knob("TRJ_TORTURE_KILLS", 100)
EPOCH = int_knob("TRJ_TORTURE_EPOCH", 10)
MAX_MB = knob("TRJ_TORTURE_MAX_MB", 5)
MAX_DELAY = knob("TRJ_TORTURE_MAX_DELAY", 1.2)


class _Reports:
    """Line reader over the child's stdout that never drops a partial or buffered line."""

    def __init__(self, proc: subprocess.Popen[bytes], promises: Promises) -> None:
        assert proc.stdout is not None
        self.stream, self.promises, self.buffer = proc.stdout, promises, b""

    def _take_lines(self, stop_at_ready: bool) -> bool:
        while b"\n" in self.buffer:
            line, self.buffer = self.buffer.split(b"\n", 1)
            msg = json.loads(line)
            self.promises.apply(msg)
            if stop_at_ready and msg["op"] == "ready":
                return True
        return False

    def read_until(self, until: float, stop_at_ready: bool) -> bool:
        """Apply reports until ``until`` (or "ready"); return False if the child exited."""
        with selectors.DefaultSelector() as sel:
            sel.register(self.stream, selectors.EVENT_READ)
            while (remaining := until - time.monotonic()) > 0:
                if self._take_lines(stop_at_ready):
                    return True
                if not sel.select(remaining):
                    continue
                data = os.read(self.stream.fileno(), 65536)
                if not data:
                    return False
                self.buffer += data
        return True

    def drain(self) -> None:
        """Everything the child flushed before it died was promised: apply it all."""
        self.buffer += self.stream.read()
        self._take_lines(False)


def _one_life(vault_dir: Path, scratch: Path, promises: Promises, rng: random.Random) -> None:
    """Start the child, let it work for a random while, SIGKILL it, collect its reports."""
    args = [
        sys.executable,
        str(HERE / "crash_child.py"),
        str(vault_dir),
        promises.passphrase,
        promises.recovery or "-",
        str(scratch),
        str(rng.getrandbits(32)),
        str(MAX_MB),
    ]
    stderr = open(scratch / "child-stderr.txt", "wb")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=stderr)
    try:
        reports = _Reports(proc, promises)
        if rng.random() < 0.1:  # sometimes die while importing/opening
            alive = reports.read_until(time.monotonic() + rng.uniform(0, 0.6), True)
        else:
            alive = reports.read_until(time.monotonic() + 60, True) and reports.read_until(
                time.monotonic() + rng.uniform(0, MAX_DELAY), False
            )
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        reports.drain()
    finally:
        if proc.poll() is None:
            proc.kill()
        stderr.close()
    errors = (scratch / "child-stderr.txt").read_text(errors="replace")
    assert alive and proc.returncode == -signal.SIGKILL, f"child died by itself:\n{errors}"


@pytest.mark.slow
@pytest.mark.timeout(1800 + KILLS * 20)
def test_sigkill_never_loses_a_commit(template_vault: tuple[Path, str], tmp_path: Path) -> None:
    rng = random.Random(int(os.environ.get("TRJ_TORTURE_SEED", "0")) or None)
    started, totals = time.monotonic(), Promises(PASSPHRASE, "").stats
    vault_dir = tmp_path / "vault"
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    promises = Promises(PASSPHRASE, template_vault[1])
    for kill in range(KILLS):
        if kill % EPOCH == 0:  # a fresh vault keeps the database (and CI time) bounded
            merge_stats(totals, promises.stats)
            shutil.rmtree(vault_dir, ignore_errors=True)
            shutil.copytree(template_vault[0], vault_dir)
            shutil.rmtree(scratch / "backups", ignore_errors=True)
            shutil.rmtree(scratch / "exports", ignore_errors=True)
            promises = Promises(PASSPHRASE, template_vault[1])
        _one_life(vault_dir, scratch, promises, rng)
        verify_after_kill(vault_dir, scratch, promises, restore=kill % EPOCH == EPOCH - 1)
    merge_stats(totals, promises.stats)
    record(
        "crash loop",
        f"{KILLS} kills in {time.monotonic() - started:.0f} s; "
        + ", ".join(f"{k}={v}" for k, v in sorted(totals.items())),
    )
