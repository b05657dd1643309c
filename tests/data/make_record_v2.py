"""How ``record-v2-vault/`` and ``record-v2-bundle.zip`` were made (event version 2).

They were written by tr-journal at commit 3ec494c (main on 2026-12-05, after record format 2 and
before salted originals, docs/bundle-format.md "Event versions"), through its command line only,
so every event is of version 2 and each ``attachment.added`` event records the plain SHA-256 of
its file. The vault uses the cheapest KDF a header may carry.

Run from a checkout of that commit (``git worktree add /tmp/old 3ec494c``)::

    PYTHONPATH=/tmp/old/src python tests/data/make_record_v2.py tests/data

Content (passphrase and ids also in ``record-v2.json``):

- E0001 a call, with its recording (call-fr.m4a) attached; disclosed.
- E0002 a WeChat demand with its screenshot (wechat-police-demand.png); never disclosed.

The bundle discloses E0001.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

PASSPHRASE = "record v2 passphrase"
MEDIA = Path(__file__).resolve().parent / "media"


def _cli(vault: Path, pass_file: Path, *args: str) -> str:
    env = {**os.environ, "TR_JOURNAL_LANG": "en", "TR_JOURNAL_REGION": "FR"}
    command = [sys.executable, "-m", "tr_journal", "--vault", str(vault), *args]
    done = subprocess.run(
        [*command, "--passphrase-file", str(pass_file)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"{args}: {done.stderr}")
    return done.stdout


def main(out: Path) -> None:
    vault, bundle = out / "record-v2-vault", out / "record-v2-bundle.zip"
    shutil.rmtree(vault, ignore_errors=True)
    bundle.unlink(missing_ok=True)
    pass_file = out / "record-v2-pass.txt"
    pass_file.write_text(PASSPHRASE + "\n", encoding="utf-8")
    kdf = ["--kdf-memory", "64", "--kdf-iterations", "1", "--kdf-parallelism", "1"]
    recovery = _cli(vault, pass_file, "init", *kdf, "--json")
    _cli(
        vault,
        pass_file,
        "add",
        "--occurred",
        "2026-04-02T21:40",
        "--timezone",
        "Europe/Paris",
        "--channel",
        "phone",
        "--number",
        "+86 991 555 0142",
        "--text",
        "An official from Urumqi called about my brother.",
        "--attach",
        str(MEDIA / "call-fr.m4a"),
    )
    _cli(
        vault,
        pass_file,
        "add",
        "--occurred",
        "2026-04-10T10:05+02:00",
        "--channel",
        "wechat",
        "--text",
        "undisclosed screenshot",
        "--attach",
        str(MEDIA / "wechat-police-demand.png"),
    )
    exported = _cli(
        vault,
        pass_file,
        "export",
        "--out",
        str(bundle),
        "--entry",
        "E0001",
        "--lang",
        "en",
        "--json",
    )
    fingerprint = json.loads(exported)["fingerprint"]
    (out / "record-v2.json").write_text(
        json.dumps(
            {
                "passphrase": PASSPHRASE,
                "recovery_key": json.loads(recovery).get("recovery_key", ""),
                "made_at_commit": "3ec494c",
                "entries": ["E0001", "E0002"],
                "bundle_discloses": ["E0001"],
                "undisclosed_file": "wechat-police-demand.png",
                "fingerprint": fingerprint,
            },
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    pass_file.unlink()
    bundle.with_suffix(".tsq").unlink(missing_ok=True)  # the stamp request: not needed


if __name__ == "__main__":
    main(Path(sys.argv[1]))
