"""SIGKILL during recovery key replacements and key rotations: after every kill the passphrase
opens the vault, and so does a recovery key the person holds (the last one completed, or the one
the interrupted action had already shown)."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.helpers import PASSPHRASE
from tr_journal.crypto.keyslots import read_header
from tr_journal.errors import WrongPassphrase
from tr_journal.vault import Vault

KILLS = 20
CHILD = r"""
import json, sys
from pathlib import Path
from tr_journal.vault import Vault

def say(**fields):
    sys.stdout.write(json.dumps(fields) + "\n")
    sys.stdout.flush()

def show(key):
    say(op="shown", recovery=key)

vault = Vault.open(Path(sys.argv[1]), sys.argv[2])
say(op="ready")
turn = 0
while True:
    turn += 1
    if turn % 3:
        say(op="done", recovery=vault.new_recovery_key(show))
    else:
        say(op="done", recovery=vault.rotate_data_key(sys.argv[2], show))
"""


def _life(vault_dir: Path, delay: float) -> list[dict[str, str]]:
    """Run the child until ``delay`` after it is ready, SIGKILL it, return every report."""
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(vault_dir), PASSPHRASE], stdout=subprocess.PIPE
    )
    assert child.stdout is not None
    first = child.stdout.readline()
    assert json.loads(first)["op"] == "ready"
    time.sleep(delay)
    os.kill(child.pid, signal.SIGKILL)
    rest = child.stdout.read()
    child.wait()
    assert child.returncode == -signal.SIGKILL
    return [json.loads(line) for line in rest.splitlines() if line.endswith(b"}")]


def _opens(vault_dir: Path, recovery: str) -> bool:
    try:
        Vault.open(vault_dir, recovery_key=recovery).close()
    except WrongPassphrase:
        return False
    return True


def test_kills_during_replacements_never_lose_the_recovery_key(
    template_vault: tuple[Path, str], tmp_path: Path
) -> None:
    rng = random.Random(int(os.environ.get("TRJ_TORTURE_SEED", "0")) or None)
    vault_dir = tmp_path / "vault"
    shutil.copytree(template_vault[0], vault_dir)
    held = template_vault[1]
    outcomes: dict[str, int] = {}
    for _ in range(KILLS):
        shown: str | None = None
        for report in _life(vault_dir, rng.uniform(0.0, 0.6)):
            if report["op"] == "shown":
                shown = report["recovery"]
            else:
                held, shown = report["recovery"], None
        Vault.open(vault_dir, PASSPHRASE).close()
        works = [key for key in (held, shown) if key and _opens(vault_dir, key)]
        assert works, "no recovery key the person holds opens the vault"
        outcome = "old kept" if works[0] == held else "shown took effect"
        outcomes[outcome if shown else "settled"] = (
            outcomes.get(outcome if shown else "settled", 0) + 1
        )
        held = works[0]
        assert len(read_header(vault_dir).slots) == 2
    print("outcomes", outcomes)
    assert sum(outcomes.values()) == KILLS, outcomes
