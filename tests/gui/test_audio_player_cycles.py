"""Many play/seek/clear cycles finish: the player never waits on Qt's audio thread for the GIL."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

CYCLES = 120
DEADLINE_S = 240  # about 45 s on the 2-core CI machine; a deadlock never ends


def test_play_seek_clear_cycles_never_freeze(fixtures_dir: Path) -> None:
    script = Path(__file__).with_name("audio_cycles.py")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    try:
        done = subprocess.run(
            [sys.executable, str(script), str(fixtures_dir), str(CYCLES)],
            env=env,
            capture_output=True,
            text=True,
            timeout=DEADLINE_S,
        )
    except subprocess.TimeoutExpired as exc:
        raise AssertionError(f"the audio player froze within {CYCLES} cycles") from exc
    assert done.returncode == 0, done.stderr[-2000:]
    assert f"done {CYCLES}" in done.stdout
