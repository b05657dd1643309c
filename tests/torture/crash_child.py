"""The victim of the crash loop: a real process doing user actions until it is SIGKILLed.

Run as ``python crash_child.py VAULT PASSPHRASE RECOVERY|- SCRATCH SEED MAX_MB``. After each
action has *returned* (so after its COMMIT, header rename or backup rename) it prints one JSON line
on stdout and flushes, so the parent knows exactly what was promised to the user. Before an action
whose outcome the parent must accept either way (passphrase change, key rotation, new recovery
key) it prints a ``*_begin`` line; a new recovery key is printed (``*_shown``) at the moment the
vault shows it to the person, before it replaces the old one.
"""

from __future__ import annotations

import json
import os
import random
import sys
from pathlib import Path

from tr_journal import maintenance
from tr_journal.domain import ExportSelection
from tr_journal.evidence.export import export_bundle
from tr_journal.journal import entries
from tr_journal.media.ingest import add_attachment
from tr_journal.vault import Vault


def say(**fields: object) -> None:
    sys.stdout.write(json.dumps(fields) + "\n")
    sys.stdout.flush()


def add_one(vault: Vault, rng: random.Random, scratch: Path, max_mb: float) -> str:
    size = rng.randint(1024 * 1024, int(max_mb * 1024 * 1024))
    source = scratch / "attachment.bin"
    source.write_bytes(rng.randbytes(size))
    with vault.transaction() as conn:
        entry_id = entries.add_entry(
            conn,
            {"occurred_at": "2026-01-29T15:03+01:00", "narrative": f"crash loop {rng.random()}"},
        )
        record = add_attachment(conn, entry_id, source)
    say(op="entry", id=entry_id, att=record.id, sha=record.sha256, size=record.size)
    return entry_id


def change_passphrase(vault: Vault, rng: random.Random, state: dict[str, str]) -> None:
    new = f"pass-{rng.getrandbits(48):012x}"
    say(op="pass_begin", new=new)
    vault.change_passphrase(new)
    state["passphrase"] = new
    say(op="pass_done", new=new)


def show(recovery: str) -> None:
    """The person reads the key: from here on it may be the only one they keep."""
    say(op="recovery_shown", recovery=recovery)


def rotate(vault: Vault, state: dict[str, str]) -> None:
    say(op="rotate_begin")
    recovery = vault.rotate_data_key(state["passphrase"], show)
    say(op="rotate_done", recovery=recovery)


def new_recovery(vault: Vault) -> None:
    say(op="recovery_begin")
    recovery = vault.new_recovery_key(show)
    say(op="recovery_done", recovery=recovery)


def backup(vault: Vault, scratch: Path, counter: list[int]) -> None:
    counter[0] += 1
    out = scratch / "backups" / f"backup-{os.getpid()}-{counter[0]}.trjbak"
    out.parent.mkdir(exist_ok=True)
    maintenance.backup(vault, out)
    say(op="backup_done", path=str(out))


def export(vault: Vault, scratch: Path, counter: list[int], last_entry: list[str]) -> None:
    """A one-entry bundle (kept small so the loop stays fast); reported after it returned."""
    if not last_entry:
        return
    counter[0] += 1
    out = scratch / "exports" / f"bundle-{os.getpid()}-{counter[0]}.zip"
    out.parent.mkdir(exist_ok=True)
    result = export_bundle(vault, out, ExportSelection(tuple(last_entry[-1:])), "en")
    say(op="export_done", path=str(out), fingerprint=result.fingerprint)


def main(argv: list[str]) -> None:
    vault_dir, passphrase, _recovery, scratch_text, seed, max_mb = argv
    scratch = Path(scratch_text)
    rng = random.Random(int(seed))
    state = {"passphrase": passphrase}
    vault = Vault.open(Path(vault_dir), passphrase)
    say(op="ready")
    counter = [0]
    actions = ["add"] * 6 + ["passwd"] * 2 + ["rotate"] * 2 + ["backup", "recovery", "export"]
    last_entry: list[str] = [
        r[0] for r in vault.conn.execute("SELECT public_id FROM entries ORDER BY id DESC LIMIT 1")
    ]
    while True:
        action = rng.choice(actions)
        if action == "add":
            last_entry.append(add_one(vault, rng, scratch, float(max_mb)))
        elif action == "passwd":
            change_passphrase(vault, rng, state)
        elif action == "rotate":
            rotate(vault, state)
        elif action == "recovery":
            new_recovery(vault)
        elif action == "export":
            export(vault, scratch, counter, last_entry)
        else:
            backup(vault, scratch, counter)


if __name__ == "__main__":
    main(sys.argv[1:])
