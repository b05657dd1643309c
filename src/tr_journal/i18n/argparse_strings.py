"""The words argparse prints itself (usage, options, its error sentences), for our catalogs.

argparse translates through the module-level ``argparse._`` (gettext's default domain, which
we do not install); :func:`tr_journal.i18n.init_from_environment` points it at our ``_``, and
these ``N_`` marks put its strings in every catalog, so ``TR_JOURNAL_LANG=fr tr-journal
--help`` is French from "usage" to the last line. Texts are byte-identical to CPython 3.11+'s
``Lib/argparse.py``; a string missing here just stays English.
"""

from __future__ import annotations

from tr_journal.errors import N_

ARGPARSE_STRINGS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("can't open '%(filename)s': %(error)s"),
    N_("unrecognized arguments: %s"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
)
