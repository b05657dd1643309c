"""The command line of docs/cli.md. Stable: scripts and lawyers' tools drive it.

Importing this package must not load PySide6 (a test checks ``sys.modules``): handlers are in
sibling modules imported only when their command runs, and ``gui`` is imported only by the
``gui`` command.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Sequence

from tr_journal.cli.parser import build_parser, complain
from tr_journal.errors import EXIT_FAILED, as_user_error
from tr_journal.evidence.typeset import CHILD_ARGUMENT, child_main
from tr_journal.hardening import disable_core_dumps
from tr_journal.i18n import _, describe_error, init_from_environment

#: command -> (module, function)
HANDLERS = {
    "gui": ("tr_journal.cli.gui_cmd", "cmd_gui"),
    "init": ("tr_journal.cli.vault_cmds", "cmd_init"),
    "passwd": ("tr_journal.cli.vault_cmds", "cmd_passwd"),
    "recovery-key": ("tr_journal.cli.vault_cmds", "cmd_recovery_key"),
    "rekey": ("tr_journal.cli.vault_cmds", "cmd_rekey"),
    "backup": ("tr_journal.cli.vault_cmds", "cmd_backup"),
    "restore": ("tr_journal.cli.vault_cmds", "cmd_restore"),
    "check": ("tr_journal.cli.vault_cmds", "cmd_check"),
    "key": ("tr_journal.cli.vault_cmds", "cmd_key"),
    "add": ("tr_journal.cli.entry_cmds", "cmd_add"),
    "edit": ("tr_journal.cli.entry_cmds", "cmd_edit"),
    "delete": ("tr_journal.cli.entry_cmds", "cmd_delete"),
    "list": ("tr_journal.cli.entry_cmds", "cmd_list"),
    "search": ("tr_journal.cli.entry_cmds", "cmd_search"),
    "show": ("tr_journal.cli.entry_cmds", "cmd_show"),
    "import": ("tr_journal.cli.import_cmds", "cmd_import"),
    "attach": ("tr_journal.cli.media_cmds", "cmd_attach"),
    "extract": ("tr_journal.cli.media_cmds", "cmd_extract"),
    "detach": ("tr_journal.cli.media_cmds", "cmd_detach"),
    "export": ("tr_journal.cli.evidence_cmds", "cmd_export"),
    "verify": ("tr_journal.cli.evidence_cmds", "cmd_verify"),
    "stamp": ("tr_journal.cli.stamp_cmds", "cmd_stamp"),
    "stats": ("tr_journal.cli.stats_cmds", "cmd_stats"),
    "caller": ("tr_journal.cli.stats_cmds", "cmd_caller"),
    "transcript": ("tr_journal.cli.transcript_cmds", "cmd_transcript"),
}


def main(argv: Sequence[str] | None = None) -> int:
    disable_core_dumps()  # before any passphrase is read or key unwrapped
    if argv is None and sys.argv[1:] == [CHILD_ARGUMENT]:
        return child_main()  # the frozen app typesetting a dossier (evidence/typeset.py)
    init_from_environment()
    args = build_parser().parse_args(argv)
    command = args.command or "gui"
    if not hasattr(args, "json"):
        args.json = False
    module_name, function = HANDLERS[command]
    try:
        handler = getattr(importlib.import_module(module_name), function)
        return int(handler(args) or 0)
    except KeyboardInterrupt:
        complain(_("Interrupted; nothing more was changed."))
        return 130
    except BrokenPipeError:
        return EXIT_FAILED
    except Exception as error:  # the last line of defence: a sentence, not a traceback
        typed = as_user_error(error)
        if typed is not None:
            complain(describe_error(typed))
            return typed.exit_code
        if os.environ.get("TR_JOURNAL_DEBUG"):
            raise
        complain(
            _("Unexpected error ({kind}): {message}").format(
                kind=type(error).__name__, message=error
            )
        )
        return EXIT_FAILED
