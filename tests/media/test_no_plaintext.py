"""No plaintext anywhere: import, decode, play and view canary media, then scan the disk.

A child process runs with TMPDIR, HOME and the XDG folders pointed at empty folders of this
test; it imports canary recordings and a canary screenshot, decodes them, plays the audio
through QtMultimedia from a QBuffer until the position advances, and shows the images. Then the
vault folder, TMPDIR, HOME and the XDG folders are scanned for the canary bytes, slices of the
originals and audio/image magic numbers: there must be no hit at all.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
import uuid
import zlib
from pathlib import Path

from tests.helpers import REPO

CHILD = r"""
import sys
from PySide6.QtCore import QEventLoop, QTimer
from pathlib import Path
from PySide6.QtWidgets import QApplication
from tests.helpers import PASSPHRASE
from tr_journal.gui.widgets.audio_player import AudioPlayerWidget
from tr_journal.gui.widgets.image_viewer import ImageViewerWidget
from tr_journal.journal.entries import add_entry
from tr_journal.media.decode import first_sound, load_audio, read_original
from tr_journal.media.ingest import add_attachment
from tr_journal.media.records import ChunkReader
from tr_journal.vault import Vault

def wait_for(condition, seconds=15.0):
    # an event loop, not app.processEvents() in a loop: PySide6 6.12's processEvents
    # over-releases None and a tight loop of it aborts the interpreter
    loop = QEventLoop()
    poll = QTimer()
    poll.timeout.connect(lambda: condition() and loop.quit())
    poll.start(20)
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()
    poll.stop()
    if not condition():
        raise SystemExit("timed out waiting for playback")

app = QApplication([])
vault_dir, inbox = Path(sys.argv[1]), Path(sys.argv[2])
with Vault.open(vault_dir, PASSPHRASE) as vault:
    with vault.transaction() as conn:
        entry = add_entry(conn, {"occurred_at": "2026-01-29T15:03:00+01:00"})
        records = [add_attachment(conn, entry, p) for p in sorted(inbox.iterdir())]
    player, viewer = AudioPlayerWidget(), ImageViewerWidget()
    viewer.show()
    for record in records:
        with vault.reading() as conn:
            data = read_original(conn, record.id)
            if record.media_type.startswith("audio/"):
                assert first_sound(ChunkReader.for_attachment(conn, record.id))
        if record.media_type.startswith("audio/"):
            audio = load_audio(data)
            assert audio.wav_bytes()
            player.load(audio, record.name)
            player.play()
            wait_for(lambda: player.player.position() > 200)
            player.clear()
        elif record.media_type.startswith("image/"):
            assert viewer.load(data), record
            viewer.zoom_in()
            wait_for(lambda: viewer.image_label.pixmap() is not None)
            viewer.clear()
print("ok", len(records))
"""

MAGIC = [
    b"RIFF\x00",
    b"WAVEfmt ",
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff\xe0\x00\x10JFIF",
    b"ftypM4A",
    b"OggS\x00\x02",
    b"OpusHead",
    b"fLaC\x00\x00\x00\x22",
    b"IHDR\x00\x00",
]


def _png_with_text(text: bytes) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body))
            + kind
            + body
            + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
        )

    raw = b"".join(
        b"\x00" + b"".join(bytes((x * 4, y * 4, 128)) for x in range(64)) for y in range(64)
    )
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 64, 64, 8, 2, 0, 0, 0))
        + chunk(b"tEXt", b"Comment\x00" + text)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def _wav_with_canary(canary: bytes) -> bytes:
    from tr_journal.media.decode import wav_from_pcm

    tone = b"".join(struct.pack("<h", (i % 40 - 20) * 800) for i in range(8000))
    return wav_from_pcm(tone + canary * 64 + tone, 8000, 1)


def _scan(folders: list[Path], needles: list[bytes]) -> list[str]:
    hits = []
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file() and not path.is_symlink():
                data = path.read_bytes()
                hits += [f"{path}: {needle[:12]!r}" for needle in needles if needle in data]
    return hits


def test_no_plaintext_after_import_decode_play_and_view(
    vault_dir: Path, tmp_path: Path, fixtures_dir: Path
) -> None:
    canary = f"CANARY-{uuid.uuid4().hex}".encode()
    inbox = tmp_path / "inbox"  # the user's own originals: not scanned
    inbox.mkdir()
    (inbox / "canary-call.wav").write_bytes(_wav_with_canary(canary))
    (inbox / "canary-screenshot.png").write_bytes(_png_with_text(canary))
    for name in ("call-fr.m4a", "voice-note-zh.opus", "wechat-relative-relay.jpg"):
        shutil.copy(fixtures_dir / name, inbox / name)
    watched = {
        name: tmp_path / name for name in ("tmp", "home", "cache", "config", "data", "runtime")
    }
    for folder in watched.values():
        folder.mkdir(mode=0o700)
    env = {
        **os.environ,
        "TMPDIR": str(watched["tmp"]),
        "HOME": str(watched["home"]),
        "XDG_CACHE_HOME": str(watched["cache"]),
        "XDG_CONFIG_HOME": str(watched["config"]),
        "XDG_DATA_HOME": str(watched["data"]),
        "XDG_RUNTIME_DIR": str(watched["runtime"]),
        "QT_QPA_PLATFORM": "offscreen",
    }
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(vault_dir), str(inbox)],
        env=env,
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["ok", "5"]
    needles = [canary, *MAGIC]
    for original in inbox.iterdir():
        data = original.read_bytes()
        needles += [data[len(data) // 2 : len(data) // 2 + 48], data[-48:]]
    stored = sum(p.stat().st_size for p in vault_dir.iterdir())  # journal.db and its WAL
    assert stored > sum(p.stat().st_size for p in inbox.iterdir())  # the media went in there
    assert _scan([vault_dir, *watched.values()], needles) == []
