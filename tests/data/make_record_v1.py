"""How ``record-v1-vault/`` and ``record-v1-bundle.zip`` were made (record format v1).

They were written by tr-journal at commit 95ccf3f (main on 2026-12-05, before the record model's
second version, docs/record-format.md), through its command line only, so they hold exactly
what that release wrote: revisions without a salt (``rev``, ``saved_at``, ``fields``), the
``relative`` channel, free-text ``offers``, ``duration_seconds`` typed as seconds, and
``recorded_at`` that ``--field`` could set. The vault uses the cheapest KDF a header may carry.

Run from a checkout of that commit (``git worktree add /tmp/old 95ccf3f``)::

    PYTHONPATH=/tmp/old/src python tests/data/make_record_v1.py tests/data

Content (passphrase and ids also in ``record-v1.json``):

- E0001 the seed case: an "official from Urumqi" calls a Uyghur in Paris; the threat is relayed
  by the mother (channel ``relative``), offers in free text, a recording (call-ug.flac) and a
  screenshot attached; edited once (revision 2).
- E0002 police demanding passport scans by WeChat; ``recorded_at`` given by ``--field``.
- E0003 deleted (a tombstone in the chain).
- E0004 never disclosed: the bundle holds only its events.

The bundle discloses E0001 and E0002.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

PASSPHRASE = "record v1 passphrase"
MEDIA = Path(__file__).resolve().parent / "media"


def _cli(vault: Path, pass_file: Path, *args: str) -> str:
    env = {**os.environ, "TR_JOURNAL_LANG": "en", "TR_JOURNAL_REGION": "FR"}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "tr_journal",
            "--vault",
            str(vault),
            *args,
            "--passphrase-file",
            str(pass_file),
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"{args}: {done.stderr}")
    return done.stdout


def main(out: Path) -> None:
    vault, bundle = out / "record-v1-vault", out / "record-v1-bundle.zip"
    shutil.rmtree(vault, ignore_errors=True)
    bundle.unlink(missing_ok=True)
    pass_file = out / "record-v1-pass.txt"
    pass_file.write_text(PASSPHRASE + "\n", encoding="utf-8")
    recovery = _cli(
        vault,
        pass_file,
        "init",
        "--kdf-memory",
        "64",
        "--kdf-iterations",
        "1",
        "--kdf-parallelism",
        "1",
        "--json",
    )
    _cli(
        vault,
        pass_file,
        "add",
        "--occurred",
        "2026-03-02T21:40",
        "--timezone",
        "Europe/Paris",
        "--channel",
        "relative",
        "--direction",
        "incoming",
        "--duration",
        "540",
        "--number",
        "+86 991 555 0142",
        "--caller",
        "Mr. Wang",
        "--claimed",
        "official from Urumqi public security bureau",
        "--language",
        "Uyghur",
        "--demand",
        "stop_activism",
        "--demand",
        "inform",
        "--threat",
        "relatives",
        "--field",
        "offers=video calls with my family if I cooperate",
        "--field",
        "people_mentioned=my mother; my brother",
        "--field",
        "response=I said I would think about it",
        "--text",
        "My mother called from Urumqi; an official took the phone and said my "
        "brother would lose his job unless I stop going to the demonstrations.",
        "--attach",
        str(MEDIA / "call-ug.flac"),
        "--attach",
        str(MEDIA / "wechat-relative-relay.jpg"),
    )
    _cli(vault, pass_file, "edit", "E0001", "--field", "witnesses=Ayse (on speaker)")
    _cli(
        vault,
        pass_file,
        "add",
        "--occurred",
        "2026-03-10T10:05+01:00",
        "--channel",
        "wechat",
        "--direction",
        "incoming",
        "--caller",
        "police officer Li",
        "--claimed",
        "Kashgar police",
        "--demand",
        "documents",
        "--threat",
        "status",
        "--field",
        "recorded_at=2026-03-10T09:00:00Z",
        "--text",
        "He asked for scans of my passport and residence permit.",
    )
    _cli(
        vault,
        pass_file,
        "add",
        "--occurred",
        "2026-03-11",
        "--channel",
        "sms",
        "--text",
        "entered by mistake",
    )
    _cli(vault, pass_file, "delete", "E0003")
    _cli(
        vault,
        pass_file,
        "add",
        "--occurred",
        "2026-03-12T08:00+01:00",
        "--channel",
        "phone",
        "--number",
        "+86 991 555 0199",
        "--text",
        "undisclosed",
    )
    _cli(
        vault,
        pass_file,
        "export",
        "--out",
        str(bundle),
        "--entry",
        "E0001",
        "--entry",
        "E0002",
        "--lang",
        "en",
    )
    key = json.loads(recovery).get("recovery_key", "")
    (out / "record-v1.json").write_text(
        json.dumps(
            {
                "passphrase": PASSPHRASE,
                "recovery_key": key,
                "made_at_commit": "95ccf3f",
                "entries": ["E0001", "E0002", "E0004"],
                "deleted": ["E0003"],
                "bundle_discloses": ["E0001", "E0002"],
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
