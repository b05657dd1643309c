"""The command line's grammar: every command and option of docs/cli.md, as argparse.

Kept apart from :mod:`tr_journal.cli` (which dispatches) so that the grammar reads as one piece;
nothing here imports Qt or opens a vault.
"""

from __future__ import annotations

import argparse
import sys

from tr_journal import __version__
from tr_journal.errors import EXIT_USAGE
from tr_journal.i18n import _
from tr_journal.model import CHANNELS, DEMANDS, DIRECTIONS, OFFERS, RELATIONS, THREATS
from tr_journal.untrusted import escape_for_terminal


def complain(sentence: str) -> None:
    """One sentence on stderr; errors quote file names and fields from outside, so escaped."""
    sys.stderr.write("tr-journal: " + escape_for_terminal(sentence) + "\n")


class _Parser(argparse.ArgumentParser):
    """argparse that exits with code 2 and one sentence (no usage dump on stderr twice)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        complain(message)
        raise SystemExit(EXIT_USAGE)


def _common(vault_only: bool = False) -> _Parser:
    parent = _Parser(add_help=False)
    parent.add_argument(
        "--vault",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help=_("vault folder (default: $TR_JOURNAL_VAULT or the user data folder)"),
    )
    if vault_only:
        return parent
    parent.add_argument(
        "--passphrase-file",
        metavar="FILE",
        default=argparse.SUPPRESS,
        help=_("read the passphrase from the first line of FILE"),
    )
    parent.add_argument(
        "--passphrase-stdin",
        action="store_true",
        default=argparse.SUPPRESS,
        help=_("read the passphrase from standard input"),
    )
    parent.add_argument(
        "--use-recovery-key",
        action="store_true",
        default=argparse.SUPPRESS,
        help=_("unlock with the recovery key instead of the passphrase"),
    )
    parent.add_argument(
        "--json",
        action="store_true",
        default=argparse.SUPPRESS,
        help=_("print one JSON document on standard output"),
    )
    return parent


def _entry_field_options(parser: argparse.ArgumentParser, required: bool) -> None:
    parser.add_argument(
        "--occurred",
        required=required,
        metavar="WHEN",
        help=_(
            "when it happened, as precisely as you know it: 21:40, "
            '"yesterday 21:40", 2026-01-29T15:03 (local time if no '
            "offset), 2026-01-29, 2026-01, 2026-01-29~ (about), 2026-01? "
            "(uncertain), 2026-01-29/2026-01-31 (from/to)"
        ),
    )
    parser.add_argument("--timezone", metavar="ZONE", help=_("IANA time zone, e.g. Europe/Paris"))
    parser.add_argument("--channel", choices=CHANNELS)
    parser.add_argument("--direction", choices=DIRECTIONS)
    parser.add_argument(
        "--duration",
        metavar="DURATION",
        help=_("how long it lasted: 540 (seconds), 9:00, 9m, 1h02m, 00:09:00"),
    )
    parser.add_argument(
        "--attempts",
        metavar="N",
        help=_("how many times they tried (ten missed calls: 10); default 1"),
    )
    parser.add_argument(
        "--intermediary", metavar="WHO", help=_('who relayed it to you, e.g. "my mother"')
    )
    parser.add_argument(
        "--relation", choices=RELATIONS, help=_("what the person who relayed it is to you")
    )
    parser.add_argument("--number", help=_("the caller's number exactly as displayed"))
    parser.add_argument("--caller", help=_("name the caller gave"))
    parser.add_argument("--account", help=_("the caller's account or user name"))
    parser.add_argument("--claimed", help=_("identity or agency the caller claimed"))
    parser.add_argument("--language", help=_("language the caller spoke"))
    parser.add_argument("--demand", action="append", choices=DEMANDS, default=[])
    parser.add_argument("--demands-text", metavar="TEXT", help=_("the demands in your words"))
    parser.add_argument("--threat", action="append", choices=THREATS, default=[])
    parser.add_argument("--threats-text", metavar="TEXT", help=_("the threats in your words"))
    parser.add_argument("--offer", action="append", choices=OFFERS, default=[])
    parser.add_argument("--offers-text", metavar="TEXT", help=_("what they offered, in your words"))
    parser.add_argument("--people", metavar="TEXT", help=_("people they mentioned"))
    parser.add_argument(
        "--witness",
        action="append",
        default=[],
        metavar="WHO",
        help=_("someone who saw or heard it (repeatable)"),
    )
    parser.add_argument("--response", metavar="TEXT", help=_("how you responded"))
    parser.add_argument("--reported-to", metavar="WHO", help=_("police station or NGO told"))
    parser.add_argument("--reported-on", metavar="DATE", help=_("when you reported it"))
    parser.add_argument("--report-reference", metavar="REF", help=_("the reference of your report"))
    parser.add_argument(
        "--report-officer", metavar="NAME", help=_("the officer who took your report")
    )
    parser.add_argument("--recording-method", metavar="TEXT", help=_("how any recording was made"))
    parser.add_argument("--text", help=_("what happened, in your own words"))
    parser.add_argument("--tag", action="append", default=[])
    parser.add_argument(
        "--field",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help=_("any field of an entry by its name (see `show --json`)"),
    )


def build_parser() -> argparse.ArgumentParser:
    common, vault_only = _common(), _common(vault_only=True)
    parser = _Parser(
        prog="tr-journal",
        description=_(
            "An encrypted journal of intimidation by a foreign state, with signed evidence bundles."
        ),
    )
    parser.add_argument("--version", action="version", version=f"tr-journal {__version__}")
    parser.add_argument("--vault", metavar="DIR", default=None)
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    sub.add_parser("gui", parents=[vault_only], help=_("open the desktop app"))
    p = sub.add_parser("init", parents=[common], help=_("create a vault"))
    # the bounds are crypto/kdf.py's: a value outside them is refused after typing a passphrase
    p.add_argument(
        "--kdf-memory",
        type=int,
        metavar="MIB",
        default=256,
        help=_("memory for the key derivation, in MiB (64–4096; default 256)"),
    )
    p.add_argument(
        "--kdf-iterations",
        type=int,
        metavar="N",
        default=3,
        help=_("passes of the key derivation (1–20; default 3)"),
    )
    p.add_argument(
        "--kdf-parallelism",
        type=int,
        metavar="N",
        default=4,
        help=_("lanes of the key derivation (1–16; default 4)"),
    )
    p = sub.add_parser("add", parents=[common], help=_("log an incident"))
    _entry_field_options(p, required=True)
    p.add_argument("--attach", action="append", default=[], metavar="FILE")
    p = sub.add_parser("edit", parents=[common], help=_("revise an entry (keeps the history)"))
    p.add_argument("id")
    _entry_field_options(p, required=False)
    sub.add_parser(
        "delete", parents=[common], help=_("delete an entry (leaves a tombstone)")
    ).add_argument("id")
    p = sub.add_parser("list", parents=[common], help=_("list entries, newest first"))
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--since", metavar="DATE")
    p.add_argument("--until", metavar="DATE")
    p.add_argument("--channel", choices=CHANNELS)
    p = sub.add_parser("search", parents=[common], help=_("full-text search"))
    p.add_argument("query")
    p.add_argument("--limit", type=int, default=200)
    p = sub.add_parser("show", parents=[common], help=_("show one entry"))
    p.add_argument("id")
    p.add_argument("--history", action="store_true", help=_("include every revision"))
    _import_parser(sub, common)
    p = sub.add_parser("attach", parents=[common], help=_("attach files to an entry"))
    p.add_argument("entry")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument(
        "--store-again",
        action="store_true",
        help=_("store a file again even if the vault already holds the same bytes"),
    )
    p = sub.add_parser("extract", parents=[common], help=_("write an attachment's original bytes"))
    p.add_argument("attachment")
    p.add_argument("--out", required=True, metavar="FILE")
    p = sub.add_parser("detach", parents=[common], help=_("remove an attachment (tombstone)"))
    p.add_argument("attachment")
    p.add_argument("--vacuum", action="store_true", help=_("reclaim the space at once"))
    p = sub.add_parser("export", parents=[common], help=_("export a signed evidence bundle"))
    p.add_argument("--out", required=True, metavar="FILE.zip")
    p.add_argument("--entry", action="append", default=[], metavar="ID")
    p.add_argument("--since", metavar="DATE")
    p.add_argument("--until", metavar="DATE")
    p.add_argument("--lang", default=None, metavar="LANG")
    p = sub.add_parser("verify", parents=[vault_only], help=_("verify an evidence bundle"))
    p.add_argument("path")
    p.add_argument("--fingerprint", metavar="SHA256:...")
    p.add_argument("--json", action="store_true", default=argparse.SUPPRESS)
    p = sub.add_parser("key", parents=[common], help=_("show the signing key"))
    p.add_argument("--card", metavar="FILE.pdf", help=_("write a printable key card"))
    p = sub.add_parser("passwd", parents=[common], help=_("change the passphrase"))
    p.add_argument("--new-passphrase-file", metavar="FILE")
    sub.add_parser("recovery-key", parents=[common], help=_("make a new recovery key"))
    sub.add_parser(
        "rekey",
        parents=[common],
        help=_("re-encrypt the vault under a new data key (new recovery key too)"),
    )
    sub.add_parser("backup", parents=[common], help=_("write an encrypted backup")).add_argument(
        "--out", required=True, metavar="FILE"
    )
    sub.add_parser(
        "restore", parents=[common], help=_("restore a backup into a new vault folder")
    ).add_argument("file")
    sub.add_parser("check", parents=[common], help=_("verify the vault and its history"))
    _stamp_parser(sub, common)
    _stats_parsers(sub, common)
    _transcript_parser(sub, common)
    return parser


def _import_parser(sub: argparse._SubParsersAction[_Parser], common: _Parser) -> None:
    """``import`` (docs/imports.md): preview, select, then write."""
    p = sub.add_parser(
        "import",
        parents=[common],
        help=_("import a call log, chat export, screenshot folder, CSV or JSON lines"),
    )
    p.add_argument("file", help=_("the export file, or a folder of screenshots"))
    p.add_argument(
        "--format",
        choices=(
            "csv",
            "jsonl",
            "android-calls",
            "android-sms",
            "whatsapp",
            "telegram",
            "screenshots",
        ),
        help=_("the export's format (default: recognised from the file)"),
    )
    p.add_argument(
        "--map",
        action="append",
        default=[],
        nargs="?",
        const="",
        metavar="COLUMN=FIELD",
        help=_("CSV: a column (name or number) into a field; alone: list the columns"),
    )
    header = p.add_mutually_exclusive_group()
    header.add_argument(
        "--header", action="store_true", help=_("CSV: the first row names the columns")
    )
    header.add_argument("--no-header", action="store_true", help=_("CSV: the first row is data"))
    p.add_argument(
        "--dry-run", action="store_true", help=_("print the preview as JSON and write nothing")
    )
    choose = p.add_mutually_exclusive_group()
    choose.add_argument("--all", action="store_true", help=_("import every row"))
    choose.add_argument("--select", metavar="1,3-7", help=_("import these preview rows"))
    p.add_argument("--combine", action="store_true", help=_("make the selected rows one entry"))
    p.add_argument(
        "--by",
        choices=("message", "day", "file"),
        default="message",
        help=_("chats: an entry per message or per day; screenshots: per day or per file"),
    )
    p.add_argument(
        "--group-missed",
        type=int,
        metavar="MINUTES",
        help=_(
            "call logs: missed calls from one number this close together "
            "become one entry with attempts"
        ),
    )
    p.add_argument(
        "--date-order",
        choices=("dmy", "mdy"),
        default="dmy",
        help=_("chats: the reading of dates the whole file leaves ambiguous"),
    )
    p.add_argument(
        "--me", metavar="NAME", help=_("chats: your own sender name, never taken as the caller")
    )
    p.add_argument(
        "--attach-source",
        action="store_true",
        help=_("also attach the export file itself, bit-exact"),
    )


def _transcript_parser(sub: argparse._SubParsersAction[_Parser], common: _Parser) -> None:
    """``transcript add|list|edit`` (docs/record-format.md, "Transcripts")."""
    parser = sub.add_parser("transcript", help=_("transcripts and translations of a file"))
    actions = parser.add_subparsers(dest="transcript_command", parser_class=_Parser, required=True)
    p = actions.add_parser(
        "add", parents=[common], help=_("add a transcript of a file, or a translation of one")
    )
    p.add_argument("attachment", metavar="ATTACHMENT")
    _transcript_options(p, required=True)
    p = actions.add_parser(
        "list", parents=[common], help=_("list a file's transcripts and translations")
    )
    p.add_argument("attachment", metavar="ATTACHMENT")
    p = actions.add_parser(
        "edit", parents=[common], help=_("revise a transcript (keeps the history)")
    )
    p.add_argument("transcript", metavar="TRANSCRIPT")
    _transcript_options(p, required=False)


def _transcript_options(parser: argparse.ArgumentParser, required: bool) -> None:
    parser.add_argument(
        "--lang",
        required=required,
        metavar="LANG",
        help=_("language of the text (ug, zh-CN, fr...)"),
    )
    parser.add_argument(
        "--file",
        required=required,
        metavar="FILE",
        help=_("UTF-8 text file holding the transcript"),
    )
    parser.add_argument(
        "--translates", metavar="TRANSCRIPT", help=_("the transcript this text translates")
    )
    parser.add_argument("--by", metavar="WHO", help=_("who wrote it"))
    parser.add_argument("--method", choices=("self", "professional", "machine"))
    parser.add_argument("--date", metavar="DATE", help=_("when it was written (2026-03-02)"))


def _stamp_parser(sub: argparse._SubParsersAction[_Parser], common: _Parser) -> None:
    """``stamp request|import|list|status`` (docs/timestamps.md)."""
    stamp = sub.add_parser("stamp", help=_("trusted time: RFC 3161 time stamps of the journal"))
    actions = stamp.add_subparsers(dest="stamp_command", parser_class=_Parser, required=True)
    p = actions.add_parser(
        "request",
        parents=[common],
        help=_("write a time-stamp request and say how to have it stamped"),
    )
    p.add_argument("--out", metavar="FILE.tsq")
    p.add_argument(
        "--send",
        metavar="URL",
        help=_("send the request to this time-stamp authority now (goes online)"),
    )
    p.add_argument("--ca-file", metavar="PEM", help=_("root certificates to check the reply"))
    p = actions.add_parser(
        "import", parents=[common], help=_("check a time-stamp reply and record it")
    )
    p.add_argument("file", metavar="FILE.tsr")
    p.add_argument("--ca-file", metavar="PEM", help=_("root certificates to check the reply"))
    actions.add_parser("list", parents=[common], help=_("list the recorded time stamps"))
    actions.add_parser(
        "status", parents=[common], help=_("how many entries no time stamp covers yet")
    )


def _stats_parsers(sub: argparse._SubParsersAction[_Parser], common: _Parser) -> None:
    p = sub.add_parser(
        "stats",
        parents=[common],
        help=_("patterns: callers, months, demands, threats, demand × threat"),
    )
    p.add_argument("view", nargs="?", choices=["callers"], help=_("only the callers"))
    p.add_argument("--since", metavar="DATE")
    p.add_argument("--until", metavar="DATE")
    p = sub.add_parser("caller", parents=[common], help=_("merge or separate caller profiles"))
    actions = p.add_subparsers(dest="caller_action", required=True, parser_class=_Parser)
    merge = actions.add_parser(
        "merge",
        parents=[common],
        help=_("the same caller: join the profiles of two numbers or accounts"),
    )
    merge.add_argument("first", metavar="A")
    merge.add_argument("second", metavar="B")
    unmerge = actions.add_parser(
        "unmerge", parents=[common], help=_("undo a merge (the latest, or the one named)")
    )
    unmerge.add_argument("merge", nargs="?", metavar="MERGE_ID")
