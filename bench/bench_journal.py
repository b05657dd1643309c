"""The 10,000-entry claims of bench/README.md, in-process and as whole processes beside jrnl.

In-process (median of many, vault open once, KDF m=64 MiB t=1): ``add`` ≤ 20 ms, search ≤ 50 ms
("WeChat", in exactly 1% of entries, via the trigram index; and 护照, two Han characters inside
unspaced text, via the scan path), list newest 50 ≤ 20 ms. Each beside a floor in the same run:
add beside one durable (WAL, synchronous=FULL) SQLCipher commit of a row of the same size; search
beside an unindexed ``instr`` scan of the same folded text; list beside fetching the same 50 rows
without decoding them.

Whole processes (median of 5, interleaved): ``tr-journal add/search/list --passphrase-file``
beside jrnl 4.6 with an encrypted journal of the same 10,000 entries (``jrnl "text"``,
``-contains WeChat``, ``-n 20``); target: ours ≤ half of jrnl's time per command. Peak RSS of
both (from ``wait4``).

    .venv/bin/python bench/bench_journal.py [--quick]
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path

from bench_unlock import argon2_once
from common import (
    CHINESE_QUERY,
    OUT,
    PASSPHRASE,
    REPO,
    JrnlPeer,
    Row,
    cached_vault,
    check_ok,
    jrnl_peer,
    median,
    passphrase_file,
    print_table,
    process_env,
    run_process,
    sample_text,
    time_calls,
    work_copy,
)

from tr_journal.crypto.kdf import KdfParams
from tr_journal.journal import entries, search
from tr_journal.store.connection import _check_pages, close_quietly, create_database
from tr_journal.vault import Vault

ENTRIES = 10_000
KDF_MIB, KDF_T = 64, 1
TR_JOURNAL = REPO / ".venv" / "bin" / "tr-journal"


def search_ids(conn, query: str) -> list[dict]:
    """What ``tr-journal search`` does: matching ids, then their entries."""
    ids = search.matching_ids(conn, query)
    return entries.list_entries(conn, limit=200, ids=ids) if ids else []


def in_process_rows(vault_dir: Path, repeat: int) -> list[Row]:
    counter = iter(range(10**6))

    def add() -> None:
        with vault.transaction() as tx:
            entries.add_entry(
                tx,
                {
                    "occurred_at": "2026-11-26T10:00",
                    "timezone": "Europe/Paris",
                    "channel": "phone",
                    "narrative": sample_text(next(counter)),
                },
            )

    with Vault.open(vault_dir, PASSPHRASE) as vault:
        conn = vault.conn
        assert len(search_ids(conn, "WeChat")) == 100
        assert len(search_ids(conn, CHINESE_QUERY)) == 100
        t_add = time_calls(add, repeat)
        t_wechat = time_calls(lambda: search_ids(conn, "WeChat"), repeat)
        t_zh = time_calls(lambda: search_ids(conn, CHINESE_QUERY), repeat)
        t_list = time_calls(lambda: entries.list_entries(conn, limit=50), repeat)
        scan = "SELECT entry_id FROM search_text WHERE instr(text, ?) > 0"
        b_wechat = time_calls(lambda: conn.execute(scan, ("wechat",)).fetchall(), repeat)
        b_zh = time_calls(lambda: conn.execute(scan, (CHINESE_QUERY,)).fetchall(), repeat)
        raw = (
            "SELECT r.body FROM entries e JOIN revisions r ON r.entry_id = e.id "
            "AND r.rev = e.current_rev WHERE e.deleted = 0 "
            "ORDER BY e.occurred_utc DESC, e.id DESC LIMIT 50"
        )
        b_list = time_calls(lambda: conn.execute(raw).fetchall(), repeat)
    b_add = commit_floor(repeat)
    n = f"median of {repeat}"
    return [
        Row(
            f"add 1 entry ({n})",
            median(t_add),
            median(b_add),
            "s",
            "≤ 20 ms",
            median(t_add) <= 0.020,
        ),
        Row(
            "search 'WeChat' (100 hits)",
            median(t_wechat),
            median(b_wechat),
            "s",
            "≤ 50 ms",
            median(t_wechat) <= 0.050,
        ),
        Row(
            f"search '{CHINESE_QUERY}' (100 hits)",
            median(t_zh),
            median(b_zh),
            "s",
            "≤ 50 ms",
            median(t_zh) <= 0.050,
        ),
        Row(
            "list newest 50",
            median(t_list),
            median(b_list),
            "s",
            "≤ 20 ms",
            median(t_list) <= 0.020,
        ),
    ]


def commit_floor(repeat: int) -> list[float]:
    """One durable commit of a 400-character row in an SQLCipher file with the vault's pragmas."""
    path = OUT / "work" / "floor.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    conn = create_database(path, os.urandom(32))
    conn.execute("CREATE TABLE floor (id INTEGER PRIMARY KEY, body TEXT)")
    text = sample_text(0)

    def insert() -> None:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO floor (body) VALUES (?)", (text,))
        conn.execute("COMMIT")

    try:
        return time_calls(insert, repeat)
    finally:
        close_quietly(conn)


def jrnl_config(peer_journal: Path) -> Path:
    """A jrnl config like the peer's ``mkcfg.sh`` makes, pointing at a disposable copy."""
    journal = work_copy(peer_journal, "jrnl_journal.txt")
    cfg = OUT / "work" / "jrnl.yaml"
    cfg.write_text(
        f"version: '4.6'\njournals:\n  default:\n    journal: {journal}\n    encrypt: true\n"
        "editor: ''\nencrypt: true\ntemplate: false\ndefault_hour: 9\ndefault_minute: 0\n"
        "timeformat: '%Y-%m-%d %H:%M'\ntagsymbols: '#@'\nhighlight: false\nlinewrap: 79\n"
        "indent_character: '|'\ncolors: {body: none, date: none, tags: none, title: none}\n",
        encoding="utf-8",
    )
    return cfg


def process_rows(vault_dir: Path, peer: JrnlPeer, runs: int) -> list[Row]:
    """Ours and jrnl, interleaved run by run; medians; peak RSS from wait4."""
    secret = passphrase_file()
    cfg = jrnl_config(peer.journal)
    ours_env = process_env({k: v for k, v in os.environ.items() if k != "PYTHONPATH"})
    jrnl_env = process_env(peer.env())
    vault = ["--vault", str(vault_dir), "--passphrase-file", str(secret)]
    jrnl = [str(peer.jrnl), "--config-file", str(cfg)]
    commands: dict[str, tuple[Callable[[int], list[str]], list[str]]] = {
        "add": (
            lambda i: ["add", *vault, "--occurred", "2026-11-26T10:00", "--text", sample_text(i)],
            [],
        ),
        "search 'WeChat'": (lambda i: ["search", *vault, "WeChat"], ["-contains", "WeChat"]),
        "list newest 20": (lambda i: ["list", *vault, "--limit", "20"], ["-n", "20"]),
        "start-up only (--version)": (lambda i: ["--version"], ["--version"]),
    }
    times: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name in commands}
    rss: tuple[list[int], list[int]] = ([], [])
    for i in range(-1, runs):  # run -1: untimed warm-up (byte-code cache, page cache)
        for name, (ours, theirs) in commands.items():
            sides = [
                (0, [str(TR_JOURNAL), *ours(i)], ours_env),
                (1, [*jrnl, *(theirs or [sample_text(i)])], jrnl_env),
            ]
            for side, argv, env in sides:
                result = check_ok(run_process(argv, env), argv)
                if i < 0:
                    continue
                times[name][side].append(result.seconds)
                if "version" not in name:
                    rss[side].append(result.peak_rss_kib)
    rows = []
    for name, (ours_t, jrnl_t) in times.items():
        claim = "version" not in name
        rows.append(
            Row(
                name,
                median(ours_t),
                median(jrnl_t),
                "s",
                "≤ 0.50 × jrnl" if claim else "-",
                median(ours_t) <= 0.5 * median(jrnl_t) if claim else None,
            )
        )
    rows += budget_rows(vault_dir, runs)
    rows.append(
        Row(
            "peak RSS (max over all runs)", max(rss[0]) / 1024, max(rss[1]) / 1024, "MiB", "-", None
        )
    )
    return rows


def budget_rows(vault_dir: Path, runs: int) -> list[Row]:
    """Where a command's time goes, measured in-process: the KDF and the open-time check.

    Beside them, the whole-file ``PRAGMA quick_check`` the open-time check replaced (it read
    the FTS index and every attachment page on every command), so the reason stays visible.
    """
    params = KdfParams(memory_kib=KDF_MIB * 1024, iterations=KDF_T)
    kdf = [argon2_once(params) for _ in range(runs)]
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        conn = vault.conn
        check = time_calls(lambda: _check_pages(conn), runs)
        full = time_calls(lambda: conn.execute("PRAGMA quick_check").fetchall(), runs)
    return [
        Row("budget: bare Argon2id (in-process)", median(kdf), None, "s", "-", None),
        Row("budget: open-time check, per table (in-process)", median(check), None, "s", "-", None),
        Row("  full quick_check (no longer run at unlock)", median(full), None, "s", "-", None),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    args = parser.parse_args()
    peer = jrnl_peer(ENTRIES)
    source = cached_vault(peer, KDF_MIB, KDF_T)
    repeat, runs = (30, 3) if args.quick else (200, 5)
    ok = print_table(
        f"10,000 entries, in-process (KDF m={KDF_MIB} MiB, t={KDF_T})",
        "floor",
        in_process_rows(work_copy(source, "inproc"), repeat),
    )
    ok &= print_table(
        f"10,000 entries, whole processes, median of {runs} (KDF m={KDF_MIB} MiB, t={KDF_T})",
        "jrnl 4.6",
        process_rows(work_copy(source, "process"), peer, runs),
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
