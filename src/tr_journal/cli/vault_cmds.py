"""Commands that manage the vault itself: init, passwd, recovery-key, rekey, backup, restore,
check, key."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

from tr_journal import maintenance
from tr_journal.cli.common import SecretSource, open_vault, print_json, say, vault_dir
from tr_journal.crypto import signing
from tr_journal.crypto.kdf import KdfParams
from tr_journal.errors import EXIT_FAILED, N_, TrJournalError, UsageError
from tr_journal.i18n import _
from tr_journal.vault import PASSWD_NOTE, Vault

INIT_NOT_SHOWN = N_(
    "The vault was created in {path}, but its recovery key could not be written "
    "out ({detail}); make one now with `tr-journal recovery-key`."
)
NOT_SHOWN = N_(
    "The new recovery key could not be written out ({detail}); nothing was changed "
    "and your old recovery key still works."
)


def _recovery_key_text(recovery: str, as_json: bool, extra: dict[str, str]) -> str:
    if as_json:
        return json.dumps({**extra, "recovery_key": recovery}, ensure_ascii=False, indent=2) + "\n"
    return "\n".join(
        [
            _("Your recovery key (write it down now; it is shown only once):"),
            "",
            "    " + recovery,
            "",
            _("Anyone with this key can open the vault. Keep it apart from this computer."),
            "",
        ]
    )


def _write_out(text: str) -> None:
    """Write ``text`` to standard output now, unbuffered: when this returns, the key has left
    the process (a full disk or a closed pipe raises here, not at exit after the fact)."""
    sys.stdout.flush()
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # a replaced stdout (tests, embedding)
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    data = memoryview(text.encode(sys.stdout.encoding or "utf-8", "replace"))
    while data:
        data = data[os.write(fd, data) :]


def _show_recovery_key(recovery: str, as_json: bool, extra: dict[str, str]) -> None:
    _write_out(_recovery_key_text(recovery, as_json, extra))


def _shower(as_json: bool, extra: dict[str, str]) -> Callable[[str], None]:
    """The ``show`` of a two-phase key change: an output error becomes one sentence saying the
    old recovery key still works (the vault undoes the change before this reaches the user)."""

    def show(recovery: str) -> None:
        try:
            _show_recovery_key(recovery, as_json, extra)
        except OSError as exc:
            raise TrJournalError(NOT_SHOWN, detail=exc.strerror or str(exc)) from exc

    return show


def cmd_init(args: argparse.Namespace) -> int:
    kdf = KdfParams(args.kdf_memory * 1024, args.kdf_iterations, args.kdf_parallelism)
    try:
        kdf.check_bounds()
    except Exception as exc:
        raise UsageError(
            N_(
                "Key derivation settings out of range (memory 64–4096 MiB, "
                "iterations 1–20, parallelism 1–16)."
            )
        ) from exc
    directory = vault_dir(args)
    passphrase = SecretSource(args).new_passphrase()
    vault, recovery = Vault.create(directory, passphrase, kdf)
    with vault:
        fingerprint = vault.fingerprint()
    try:
        _show_recovery_key(
            recovery, args.json, {"vault": str(directory), "fingerprint": fingerprint}
        )
    except OSError as exc:  # the vault exists, but nobody saw its recovery key
        raise TrJournalError(
            INIT_NOT_SHOWN, path=str(directory), detail=exc.strerror or str(exc)
        ) from exc
    if not args.json:
        say(_("Vault created in {path}.").format(path=directory))
        say(_("Signing key fingerprint: {fp}").format(fp=fingerprint))
    return 0


def cmd_passwd(args: argparse.Namespace) -> int:
    secrets = SecretSource(args)
    with open_vault(args, secrets) as vault:
        if args.new_passphrase_file:
            new = SecretSource(argparse.Namespace(passphrase_file=args.new_passphrase_file))
            passphrase = new.new_passphrase()
        else:
            passphrase = secrets.new_passphrase()
        vault.change_passphrase(passphrase)
    if args.json:
        print_json({"changed": True, "note": _(PASSWD_NOTE)})
    else:
        say(_("Passphrase changed."))
        say(_(PASSWD_NOTE))
    return 0


def cmd_recovery_key(args: argparse.Namespace) -> int:
    """Two-phase: the new key is written pending, shown, and only then replaces the old one."""
    with open_vault(args) as vault:
        vault.new_recovery_key(_shower(args.json, {}))
    if not args.json:
        say(_("The new recovery key is in place; the old one no longer works."))
    return 0


def cmd_rekey(args: argparse.Namespace) -> int:
    secrets = SecretSource(args)
    with open_vault(args, secrets) as vault:
        if getattr(args, "use_recovery_key", False):
            raise UsageError(N_("Re-encrypting needs the passphrase, not the recovery key."))
        passphrase = secrets.secret(_("Passphrase (again, for the new key slot): "))
        vault.rotate_data_key(passphrase, _shower(args.json, {"rotated": "yes"}))
    if not args.json:
        say(
            _(
                "The vault was re-encrypted under a new key; the recovery key above replaces "
                "the old one."
            )
        )
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        maintenance.backup(vault, Path(args.out))
    if args.json:
        print_json({"backup": str(args.out)})
    else:
        say(_("Backup written to {path} and checked.").format(path=args.out))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    secrets = SecretSource(args)
    target = vault_dir(args)
    if getattr(args, "use_recovery_key", False):
        maintenance.restore(
            Path(args.file), target, recovery_key=secrets.secret(_("Recovery key: "))
        )
    else:
        maintenance.restore(Path(args.file), target, secrets.secret(_("Passphrase: ")))
    if args.json:
        print_json({"restored": str(target)})
    else:
        say(_("Backup restored into {path}.").format(path=target))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        report = maintenance.check(vault)
        maintenance.record_check(vault, report)
    if args.json:
        print_json(report)
    else:
        say(_("Events in the history: {n}").format(n=report["events"]))
        for label, key in (
            (_("Database integrity"), "integrity"),
            (_("History chain"), "chain"),
            (_("Entries and files match the history"), "content"),
        ):
            problems = report[key]
            say(f"{label}: " + (_("ok") if not problems else _("PROBLEMS")))
            for problem in problems:
                say(f"  - {maintenance.describe_problem(problem)}")
        say(_("The vault checks out.") if report["ok"] else _("The vault has problems."))
    return 0 if report["ok"] else EXIT_FAILED


def cmd_key(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        public = vault.public_key()
        if args.card:
            from tr_journal.evidence.keycard import write_key_card

            write_key_card(public, Path(args.card))
    info = {
        "fingerprint": signing.fingerprint(public),
        "public_key": signing.public_key_line(public),
    }
    if args.json:
        print_json(info if not args.card else {**info, "card": str(args.card)})
    else:
        say(info["fingerprint"])
        say(info["public_key"])
        if args.card:
            say(_("Key card written to {path}.").format(path=args.card))
    sys.stdout.flush()
    return 0
