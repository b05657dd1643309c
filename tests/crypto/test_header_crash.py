"""A header write killed at any moment leaves the old or the new header, never a broken one."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.helpers import CHEAP_KDF
from tr_journal.crypto.keyslots import Header, read_header, wrap_key, write_header

CHILD = r"""
import sys
from pathlib import Path
from tr_journal.crypto.keyslots import parse_header, write_header
folder = Path(sys.argv[1])
headers = [parse_header(Path(p).read_bytes()) for p in sys.argv[2:4]]
print("ready", flush=True)
i = 0
while True:
    write_header(folder, headers[i % 2])
    i += 1
"""


def test_kill_during_header_writes(tmp_path: Path) -> None:
    key = os.urandom(32)
    old = Header([wrap_key("passphrase", b"old secret", key, CHEAP_KDF)])
    new = Header([wrap_key("passphrase", b"new secret", key, CHEAP_KDF)])
    (tmp_path / "old.json").write_bytes(old.to_bytes())
    (tmp_path / "new.json").write_bytes(new.to_bytes())
    folder = tmp_path / "vault"
    folder.mkdir()
    write_header(folder, old)
    allowed = {old.to_bytes(), new.to_bytes()}
    for attempt in range(15):
        child = subprocess.Popen(
            [
                sys.executable,
                "-c",
                CHILD,
                str(folder),
                str(tmp_path / "old.json"),
                str(tmp_path / "new.json"),
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
        time.sleep(0.002 * attempt)
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        assert (folder / "keyslots.json").read_bytes() in allowed
        assert (folder / "keyslots.json.bak").read_bytes() in allowed
        read_header(folder)  # parses
    write_header(folder, new)  # the next write sweeps temp files a killed writer left
    assert sorted(p.name for p in folder.iterdir()) == ["keyslots.json", "keyslots.json.bak"]
