"""``tr-journal gui``: the only command that imports Qt."""

from __future__ import annotations

import argparse


def cmd_gui(args: argparse.Namespace) -> int:
    from tr_journal.gui.app import run

    return run(getattr(args, "vault", None))
