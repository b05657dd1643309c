"""What every command shares: passphrase input, opening the vault, printing results.

Nothing here imports Qt; ``tr_journal.cli`` must stay fast and usable without a screen.
Every line the command line prints goes through :func:`say`, :func:`warn` or :func:`print_json`,
which escape control and bidi characters (tr_journal.untrusted): much of what is printed comes
from bundles, backups, import files and key headers, which an attacker may have written.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from pathlib import Path
from typing import Any

from tr_journal.errors import N_, UsageError
from tr_journal.i18n import _
from tr_journal.passphrase import check_new as check_new_passphrase
from tr_journal.paths import resolve_vault_dir
from tr_journal.untrusted import escape_for_terminal, escape_json_text
from tr_journal.vault import Vault


def vault_dir(args: argparse.Namespace) -> Path:
    return resolve_vault_dir(getattr(args, "vault", None))


class SecretSource:
    """Reads secrets from ``--passphrase-file``, ``--passphrase-stdin`` or the terminal.

    With stdin or a file, successive secrets are successive lines (e.g. ``passwd`` reads the
    current passphrase, then the new one).
    """

    def __init__(self, args: argparse.Namespace) -> None:
        self._lines: list[str] | None = None
        file = getattr(args, "passphrase_file", None)
        if file:
            try:
                text = Path(file).read_text(encoding="utf-8")
            except OSError as exc:
                raise UsageError(
                    N_("The passphrase file {path} cannot be read."), path=file
                ) from exc
            self._lines = text.splitlines() or [""]
        elif getattr(args, "passphrase_stdin", False):
            self._lines = sys.stdin.read().splitlines() or [""]

    def secret(self, prompt: str) -> str:
        if self._lines is not None:
            if not self._lines:
                raise UsageError(N_("Not enough lines of input for the passphrases asked."))
            return self._lines.pop(0) if len(self._lines) > 1 else self._lines[0]
        if not sys.stdin.isatty():
            raise UsageError(
                N_(
                    "No terminal to ask the passphrase on: use --passphrase-file "
                    "or --passphrase-stdin."
                )
            )
        return getpass.getpass(prompt)

    def new_passphrase(self) -> str:
        first = self.secret(_("New passphrase: "))
        if self._lines is None and first != self.secret(_("Repeat the new passphrase: ")):
            raise UsageError(N_("The two passphrases differ; nothing was changed."))
        check_new_passphrase(first)  # the app's rule too (tr_journal.passphrase)
        return first


def open_vault(args: argparse.Namespace, secrets: SecretSource | None = None) -> Vault:
    secrets = secrets or SecretSource(args)
    directory = vault_dir(args)
    if getattr(args, "use_recovery_key", False):
        vault = Vault.open(directory, recovery_key=secrets.secret(_("Recovery key: ")))
    else:
        vault = Vault.open(directory, secrets.secret(_("Passphrase: ")))
    if vault.shown_recovery_key_dropped:
        warn(
            _(
                "A change of recovery key was interrupted: if it showed you a new key, that "
                "key does not work; your previous recovery key still does. If you no longer have "
                "it, make a new one with `tr-journal recovery-key`."
            )
        )
    if not vault.has_recovery_key:
        warn(
            _(
                "This vault has no working recovery key (a re-encryption was interrupted); "
                "make one with `tr-journal recovery-key`."
            )
        )
    return vault


def print_json(value: Any) -> None:
    """One JSON document on stdout; controls inside its strings are ``\\u`` escapes."""
    text = json.dumps(value, ensure_ascii=False, indent=2, sort_keys=False)
    sys.stdout.write(escape_json_text(text) + "\n")


def say(text: str) -> None:
    """A line on stdout, with whatever a terminal would obey escaped."""
    sys.stdout.write(escape_for_terminal(text) + "\n")


def warn(text: str) -> None:
    """``tr-journal: <sentence>`` on stderr, escaped as :func:`say` does."""
    sys.stderr.write("tr-journal: " + escape_for_terminal(text) + "\n")
