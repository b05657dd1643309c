"""Running ``scenario.py`` in a fresh process with its own HOME, XDG folders and TMPDIR."""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
import sys
import wave
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.helpers import FIXTURES
from tests.torture.common import HERE

CANARY = "TRJCANARYTEXT9c41"
WAV_MARKER = b"TRJCANARYWAVE-51d7"
PNG_MARKER = b"TRJCANARYPNG-e20a"


@dataclass
class ScenarioRun:
    home: Path  # HOME, with .config/.cache/.local/share/.local/state inside
    tmpdir: Path  # TMPDIR, empty before the run
    vault: Path  # at the default place under XDG_DATA_HOME
    exports: Path  # outside the scanned folders (a bundle is plaintext by design)
    sources: Path  # the user's originals (plaintext by nature), outside too
    summary: dict[str, Any]
    stdout: str
    stderr: str


def canary_wav(path: Path) -> None:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        out.writeframes(WAV_MARKER * 400)


def canary_png(path: Path) -> None:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"tEXt", b"Comment\x00" + PNG_MARKER)
        + chunk(b"IDAT", zlib.compress(b"\x00\x00"))
        + chunk(b"IEND", b"")
    )


def prepare_sources(folder: Path) -> Path:
    folder.mkdir()
    for path in FIXTURES.iterdir():
        shutil.copyfile(path, folder / path.name)
    canary_wav(folder / "canary.wav")
    canary_png(folder / "canary.png")
    return folder


def scenario_env(root: Path) -> tuple[dict[str, str], Path, Path]:
    home, tmpdir = root / "home", root / "tmp"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "TR_JOURNAL"))}
    env.update(
        HOME=str(home),
        TMPDIR=str(tmpdir),
        QT_QPA_PLATFORM="offscreen",
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_CACHE_HOME=str(home / ".cache"),
        XDG_DATA_HOME=str(home / ".local/share"),
        XDG_STATE_HOME=str(home / ".local/state"),
        XDG_RUNTIME_DIR=str(root / "runtime"),
    )
    for folder in (home, tmpdir, root / "runtime"):
        folder.mkdir(mode=0o700)
    return env, home, tmpdir


def run_scenario(root: Path, prefix: list[str] | None = None, gui: bool = True) -> ScenarioRun:
    env, home, tmpdir = scenario_env(root)
    sources = prepare_sources(root / "sources")
    exports = root / "exports"
    exports.mkdir()
    vault = home / ".local/share/tr-journal/vault"
    args = [
        *(prefix or []),
        sys.executable,
        str(HERE / "scenario.py"),
        str(vault),
        str(exports),
        str(sources),
        CANARY,
        *(["--gui"] if gui else []),
    ]
    done = subprocess.run(args, capture_output=True, text=True, env=env, timeout=240, cwd=str(root))
    assert done.returncode == 0, done.stderr[-3000:]
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    return ScenarioRun(home, tmpdir, vault, exports, sources, summary, done.stdout, done.stderr)
