"""kill -9 during adds loses nothing that was reported as saved."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.helpers import PASSPHRASE
from tr_journal.journal import entries
from tr_journal.maintenance import check
from tr_journal.vault import Vault

CHILD = r"""
import sys
from pathlib import Path
from tr_journal.vault import Vault
from tr_journal.journal import entries
vault = Vault.open(Path(sys.argv[1]), sys.argv[2])
i = 0
while True:
    with vault.transaction() as conn:
        entry_id = entries.add_entry(conn, {"occurred_at": "2026-01-29T15:03+01:00",
                                            "narrative": f"entry {i} " + "z" * 2000})
    print(entry_id, flush=True)
    i += 1
"""


def test_kill_during_adds_loses_nothing_reported(vault_dir: Path) -> None:
    for round_ in range(5):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(vault_dir), PASSPHRASE],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None
        reported = [child.stdout.readline().strip() for _ in range(3 + round_ * 7)]
        time.sleep(0.01 * round_)  # let it get into the middle of another write
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        reported += [line.strip() for line in child.stdout.read().splitlines() if line.strip()]
        with Vault.open(vault_dir, PASSPHRASE) as vault:
            present = {e.id for e in entries.list_entries(vault.conn, limit=100000)}
            assert set(reported) <= present
            report = check(vault)
            assert report["ok"], json.dumps(report)
