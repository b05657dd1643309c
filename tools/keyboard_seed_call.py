"""Log the seed call by keyboard alone in the real app under Xvfb, and measure it.

    python tools/keyboard_seed_call.py --lang en [--delay-ms 80]

Starts Xvfb, creates a throw-away vault (cheap key derivation), starts ``tr-journal gui`` on
it, unlocks with the keyboard, then types the seed call with xdotool at a realistic typing
delay: the time, the number, who they claimed to be, one demand, one threat, one sentence
and the duration, then Ctrl+S. It prints the number of keystrokes and the time from the first
key (Ctrl+N) to the entry being saved, then checks what the vault holds with the command line.
Needs ``Xvfb`` and ``xdotool`` (tools/setup.sh).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PASSPHRASE = "cinnamon lantern orbit meadow"
NUMBER = "+86 991 555 0142"
CLAIMED = {"en": "Public security bureau, Urumqi", "ug": "ئۈرۈمچى ساقچى ئىدارىسى"}
SENTENCE = {
    "en": "He said my mother would suffer if I keep talking.",
    "ug": "ئۇ ئانامنى قىينايمىز دېدى.",
}
WHEN = {"en": "yesterday 21:40", "ug": "تۈنۈگۈن 21:40"}
#: the keyboard a person writing the language uses (X keyboard layouts); Latin second
LAYOUTS = {"en": ("us", ""), "ug": ("cn,us", "ug,")}


#: (what is done, keys): text is typed character by character, a list is named keys
def steps(lang: str) -> list[tuple[str, str | list[str]]]:
    return [
        ("new entry", ["ctrl+n"]),
        ("time", WHEN[lang]),
        ("to channel (phone)", ["Tab"]),
        ("to number", ["Tab"]),
        ("number", NUMBER),
        ("to claimed", ["Tab"]),
        ("claimed", CLAIMED[lang]),
        ("to demands", ["Tab"]),
        ("demand: the first chip", ["space"]),
        ("past the demand's words", ["Tab", "Tab"]),
        ("threat: the first chip", ["space"]),
        ("to notes", ["Tab", "Tab"]),
        ("sentence", SENTENCE[lang]),
        ("to duration", ["Tab"]),
        ("duration 00:09:00", "000900"),
        ("save", ["ctrl+s"]),
    ]


def xdotool(env: dict[str, str], *args: str) -> str:
    return subprocess.run(
        ["xdotool", *args], env=env, check=True, capture_output=True, text=True
    ).stdout


def cli(vault: Path, env: dict[str, str], *args: str) -> str:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "tr_journal",
            "--vault",
            str(vault),
            *args,
            "--passphrase-stdin",
            "--json",
        ],
        env=env,
        input=PASSPHRASE + "\n",
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def make_vault(folder: Path) -> None:
    sys.path.insert(0, str(REPO / "src"))
    from tr_journal.crypto.kdf import KdfParams
    from tr_journal.vault import Vault

    vault, _key = Vault.create(
        folder, PASSPHRASE, KdfParams(memory_kib=64 * 1024, iterations=1, parallelism=1)
    )
    vault.close()


def grab_screen(env: dict[str, str], path: Path) -> None:
    """The whole X screen as a PNG (the form just before Ctrl+S)."""
    code = (
        "from PySide6.QtGui import QGuiApplication as A; a = A([]); "
        f"A.primaryScreen().grabWindow(0).save({str(path)!r})"
    )
    subprocess.run([sys.executable, "-c", code], env=env, check=True)


def run(lang: str, delay_ms: int, shot: Path | None = None) -> dict[str, object]:
    work = Path(tempfile.mkdtemp(prefix="trj-keyboard-"))
    display = next(f":{n}" for n in range(90, 200) if not Path(f"/tmp/.X11-unix/X{n}").exists())
    env = dict(
        os.environ,
        DISPLAY=display,
        TR_JOURNAL_LANG=lang,
        HOME=str(work),
        XDG_CONFIG_HOME=str(work / "config"),
        XDG_DATA_HOME=str(work / "data"),
        PYTHONPATH=str(REPO / "src"),
        QT_QPA_PLATFORM="xcb",
    )
    env.pop("TR_JOURNAL_VAULT", None)
    xvfb = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    app = None
    try:
        time.sleep(1.0)
        layout, variant = LAYOUTS[lang]
        subprocess.run(["setxkbmap", "-layout", layout, "-variant", variant], env=env, check=True)
        vault = work / "vault"
        make_vault(vault)
        app = subprocess.Popen(
            [sys.executable, "-m", "tr_journal", "--vault", str(vault), "gui"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        window = ""
        while not window and time.monotonic() < deadline:
            time.sleep(0.5)
            found = subprocess.run(
                ["xdotool", "search", "--onlyvisible", "--name", "tr-journal"],
                env=env,
                capture_output=True,
                text=True,
            ).stdout.split()
            window = found[0] if found else ""
        if not window:
            raise SystemExit("the app's window did not appear within a minute")
        time.sleep(1.0)
        xdotool(env, "windowfocus", "--sync", window)  # no window manager: focus it directly
        xdotool(env, "type", "--delay", str(delay_ms), PASSPHRASE)
        xdotool(env, "key", "Return")
        time.sleep(6)  # unlock (key derivation) and the journal page
        keystrokes, started = 0, time.monotonic()
        for what, keys in steps(lang):
            if what == "save" and shot:
                grab_screen(env, shot)
            if isinstance(keys, str):
                xdotool(env, "type", "--delay", str(delay_ms), keys)
                keystrokes += len(keys)
            else:
                for key in keys:
                    xdotool(env, "key", "--delay", str(delay_ms), key)
                    time.sleep(delay_ms / 1000)
                    keystrokes += 1
        typed = time.monotonic() - started
        time.sleep(2)
        xdotool(env, "key", "ctrl+l")  # lock: the draft saved, the vault closed
        time.sleep(1)
        app.terminate()
        app.wait(timeout=30)
        app = None
        entry = json.loads(cli(vault, env, "show", "E0001"))
        return {
            "lang": lang,
            "keystrokes": keystrokes,
            "seconds": round(typed, 1),
            "delay_ms": delay_ms,
            "saved": entry,
        }
    finally:
        if app is not None:
            app.kill()
        xvfb.terminate()
        xvfb.wait()
        shutil.rmtree(work, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", default="en", choices=sorted(CLAIMED))
    parser.add_argument("--delay-ms", type=int, default=80)
    parser.add_argument("--shot", type=Path, help="save the screen before Ctrl+S here (PNG)")
    args = parser.parse_args()
    print(json.dumps(run(args.lang, args.delay_ms, args.shot), ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
