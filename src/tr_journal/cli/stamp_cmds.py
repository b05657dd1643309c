"""``stamp request|import|list|status``: trusted time from RFC 3161 authorities.

Offline by default: ``request`` writes a file and prints how to have it stamped elsewhere.
Only ``request --send URL`` goes online, through :mod:`tr_journal.evidence.tsa_send`, which is
imported inside that branch and nowhere else.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from tr_journal.cli.common import open_vault, print_json, say, warn
from tr_journal.errors import N_, UsageError
from tr_journal.evidence import stamp_guide, stamps, tsp_certs
from tr_journal.evidence.tsp_request import StampRequest
from tr_journal.i18n import _
from tr_journal.vault import Vault

TRUST_WORDS = {
    tsp_certs.SHIPPED: N_("root shipped with the app"),
    tsp_certs.CA_FILE: N_("root given with --ca-file"),
    tsp_certs.UNKNOWN: N_("unknown root"),
}


def cmd_stamp(args: argparse.Namespace) -> int:
    handler = {"request": _request, "import": _import, "list": _list, "status": _status}[
        args.stamp_command
    ]
    with open_vault(args) as vault:
        return handler(vault, args)


def _ca_file(args: argparse.Namespace) -> Path | None:
    return Path(args.ca_file) if getattr(args, "ca_file", None) else None


def _request(vault: Vault, args: argparse.Namespace) -> int:
    if not args.out and not args.send:
        raise UsageError(N_("Give --out FILE.tsq (or --send URL to go online)."))
    if args.out:
        out = Path(args.out)
        request = stamps.write_request(vault, out)
    else:
        request = stamps.new_request(vault)
    if args.send:
        return _send(vault, args, request)
    _print_request(out, request, args.json)
    return 0


def _guide_json(out: Path) -> list[dict[str, Any]]:
    return [
        {
            "name": s.name,
            "url": s.url,
            "qualified_eidas": s.qualified,
            "command": stamp_guide.curl_command(s, out.name, stamp_guide.reply_name(out, s)),
            "root_command": stamp_guide.root_command(s),
        }
        for s in stamp_guide.SERVICES
    ]


def _print_request(out: Path, request: StampRequest, as_json: bool) -> None:
    stem = out.stem
    if as_json:
        print_json(
            {
                "path": str(out),
                "head_seq": request.head_seq,
                "head_hash": request.head_hash,
                "nonce": str(request.nonce),
                "services": _guide_json(out),
                "import_command": stamp_guide.import_command(f"{stem}-SERVICE.tsr"),
            }
        )
        return
    first = stamp_guide.reply_name(out, stamp_guide.SERVICES[0])
    bring = _("Bring the .tsr file back and record it: {command}").format(
        command=stamp_guide.import_command(first) + " --ca-file freetsa-root.pem"
    )
    for line in stamp_guide.guide_lines(_, out, request.head_seq, request.head_hash, bring):
        say(line)


def _send(vault: Vault, args: argparse.Namespace, request: StampRequest) -> int:
    from tr_journal.evidence import tsa_send  # the one module that goes online: only here

    data = tsa_send.post_request(args.send, request.der)
    if args.out:
        from tr_journal.fsutil import atomic_write_bytes

        atomic_write_bytes(Path(args.out).with_suffix(".tsr"), data, mode=0o644)
    return _record(vault, data, _ca_file(args), args.json)


def _import(vault: Vault, args: argparse.Namespace) -> int:
    return _record(vault, stamps.read_reply(Path(args.file)), _ca_file(args), args.json)


def _record(vault: Vault, data: bytes, ca_file: Path | None, as_json: bool) -> int:
    stamp = stamps.import_reply(vault, data, ca_file)
    warning = _unknown_root_warning(stamp) if stamp.trust == tsp_certs.UNKNOWN else None
    if as_json:
        print_json(
            {
                "stamp_id": stamp.stamp_id,
                "gen_time": stamp.gen_time,
                "tsa": stamp.tsa_name,
                "covers_seq": stamp.head_seq,
                "head_hash": stamp.head_hash,
                "root": stamp.trust,
                "root_name": stamp.root_name,
                "root_fingerprint": stamp.root_fingerprint,
                "event": stamp.event.to_json(),
                "warning": warning,
            }
        )
    else:
        say(
            _(
                "Time stamp {id} recorded: the journal up to event {seq} existed no later than "
                "{time}, certified by {tsa}."
            ).format(id=stamp.stamp_id, seq=stamp.head_seq, time=stamp.gen_time, tsa=stamp.tsa_name)
        )
    if warning:
        warn(warning)  # names a certificate from the imported reply: escaped
    return 0


def _unknown_root_warning(stamp: stamps.ImportedStamp) -> str:
    return _(
        "Warning: the authority's certificates end at {root} (SHA-256 {fingerprint}), "
        "which neither the app nor --ca-file vouches for. The stamp was recorded; compare "
        "this fingerprint with the one the authority publishes before relying on it."
    ).format(root=stamp.root_name, fingerprint=stamp.root_fingerprint)


def _stamp_json(row: Any) -> dict[str, Any]:
    return {
        "stamp_id": row.public_id,
        "gen_time": row.gen_time,
        "tsa": row.tsa_name,
        "serial": row.serial,
        "covers_seq": row.head_seq,
        "head_hash": row.head_hash,
        "root": row.root,
        "imported_utc": row.imported_utc,
    }


def _status_json(state: stamps.StampStatus) -> dict[str, Any]:
    return {
        "entries": state.entries,
        "uncovered_entries": state.uncovered_entries,
        "head_seq": state.head_seq,
        "covered_seq": state.covered_seq,
        "pending_requests": state.pending_requests,
        "stamps": [_stamp_json(row) for row in state.stamps],
    }


def _say_status(state: stamps.StampStatus) -> None:
    say(
        _("Entries: {n}; not yet covered by a time stamp: {m}.").format(
            n=state.entries, m=state.uncovered_entries
        )
    )
    say(
        _("Stamps recorded: {n}; requests waiting for a reply: {k}.").format(
            n=len(state.stamps), k=state.pending_requests
        )
    )
    if state.uncovered_entries:
        say(
            _("To stamp them: {command}").format(
                command="tr-journal stamp request --out journal.tsq"
            )
        )


def _list(vault: Vault, args: argparse.Namespace) -> int:
    state = stamps.status(vault)
    if args.json:
        print_json(_status_json(state))
        return 0
    for row in state.stamps:
        say(
            _("{id}  {time}  {tsa}  covers events 1–{seq}  ({root})").format(
                id=row.public_id,
                time=row.gen_time,
                tsa=row.tsa_name,
                seq=row.head_seq,
                root=_(TRUST_WORDS.get(row.root, row.root)),
            )
        )
    _say_status(state)
    return 0


def _status(vault: Vault, args: argparse.Namespace) -> int:
    state = stamps.status(vault)
    if args.json:
        print_json(
            {k: v for k, v in _status_json(state).items() if k != "stamps"}
            | {"stamps": len(state.stamps)}
        )
    else:
        _say_status(state)
    return 0
