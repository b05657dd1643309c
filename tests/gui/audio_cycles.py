"""Load, play, seek and clear the audio player many times in one process (run by a test).

Run as ``python audio_cycles.py FIXTURES_DIR CYCLES``; prints ``done N`` at the end. Before
commands went through the event loop, a PySide/FFmpeg-backend GIL deadlock froze this about
once in a hundred cycles; the calling test gives it a deadline, so a regression fails, not hangs.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication

NAMES = ("voice-note-zh.opus", "call-fr.m4a", "call-en.mp3")


def wait(app: QApplication, predicate, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise SystemExit("the player did not reach the expected position in time")
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        time.sleep(0.002)


def main(fixtures: Path, cycles: int) -> None:
    app = QApplication([])
    from tr_journal.gui.widgets.audio_player import AudioPlayerWidget

    data = {name: (fixtures / name).read_bytes() for name in NAMES}
    for i in range(cycles):
        name = NAMES[i % len(NAMES)]
        player = AudioPlayerWidget()
        player.load(data[name], name)
        player.play()
        wait(app, lambda p=player: p.player.position() > 200)
        if i % 2:
            player.pause()
            player.seek(2000)
            player.play()
            wait(app, lambda p=player: p.player.position() > 2100)
        player.clear()
        if player.player.sourceDevice() is not None:
            raise SystemExit("clear() left the recording in the player")
        player.deleteLater()
    print("done", cycles, flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]))
