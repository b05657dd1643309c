"""Unlock time with the default KDF (bench/README.md: KDF + open + first page of timeline ≤ 1.0 s).

Measured in-process on the 10,000-entry vault, and (not with ``--quick``) on the same vault with
256 MiB of attachments, so a growth of unlock time with the recordings kept would show. Beside
each, in the same run, the bare Argon2id call with the same parameters: the difference is what
our open sequence costs on top of the KDF. Median of 5 (3 with ``--quick``), interleaved so
machine load hits both alike. Informational rows: the open-time check the app runs
(``store.connection._check_pages``: ``quick_check`` table by table, without the attachment
chunks and the FTS index) beside the whole-file ``PRAGMA quick_check`` it replaced, so the
reason for that change stays visible.

    .venv/bin/python bench/bench_unlock.py [--quick]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from pathlib import Path

from argon2.low_level import Type, hash_secret_raw
from common import (
    OUT,
    PASSPHRASE,
    Row,
    add_blob_attachment,
    cached_vault,
    jrnl_peer,
    median,
    print_table,
    time_calls,
    work_copy,
)

from tr_journal.crypto.kdf import KdfParams
from tr_journal.journal.entries import list_entries
from tr_journal.store.connection import _check_pages
from tr_journal.vault import Vault

TARGET_S = 1.0
ENTRIES = 10_000
ATTACHED_MIB = 256


def unlock_once(vault_dir: os.PathLike[str]) -> tuple[float, int]:
    """Seconds from passphrase to the first page of the timeline, and the page's size."""
    start = time.perf_counter()
    vault = Vault.open(vault_dir, PASSPHRASE)
    with vault.reading() as conn:
        page = list_entries(conn, limit=50)
    seconds = time.perf_counter() - start
    vault.close()
    return seconds, len(page)


def argon2_once(params: KdfParams) -> float:
    salt = os.urandom(16)
    start = time.perf_counter()
    hash_secret_raw(
        PASSPHRASE.encode(),
        salt,
        params.iterations,
        params.memory_kib,
        params.parallelism,
        32,
        Type.ID,
    )
    return time.perf_counter() - start


def with_attachments(source: Path, mib: int) -> Path:
    """The cached vault plus ``mib`` MiB of attachments, built once."""
    target = OUT / f"{source.name}_att{mib}"
    if not (target / ".complete").exists():
        print(f"building {target.name} (once) ...", flush=True)
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(source, target, ignore=shutil.ignore_patterns(".complete"))
        add_blob_attachment(target, mib)
        (target / ".complete").write_text("built\n")
    return target


def measure(label: str, source: Path, params: KdfParams, runs: int) -> list[Row]:
    vault_dir = work_copy(source, "unlock")
    ours, bare = [], []
    for _ in range(runs):
        seconds, page = unlock_once(vault_dir)
        assert page == 50, page
        ours.append(seconds)
        bare.append(argon2_once(params))
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        conn = vault.conn
        check = time_calls(lambda: _check_pages(conn), runs)
        full = time_calls(lambda: conn.execute("PRAGMA quick_check").fetchall(), runs)
    return [
        Row(
            label, median(ours), median(bare), "s", f"≤ {TARGET_S:.1f} s", median(ours) <= TARGET_S
        ),
        Row("  of which open-time check (per table)", median(check), None, "s", "-", None),
        Row("  full quick_check (no longer run at unlock)", median(full), None, "s", "-", None),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help="3 runs instead of 5, no vault with attachments"
    )
    args = parser.parse_args()
    runs = 3 if args.quick else 5
    params = KdfParams()
    source = cached_vault(jrnl_peer(ENTRIES), params.memory_kib // 1024, params.iterations)
    kdf = f"m={params.memory_kib // 1024} MiB, t={params.iterations}, p={params.parallelism}"
    rows = measure(f"unlock, 10k entries + first 50 ({kdf})", source, params, runs)
    if not args.quick:
        rows += measure(
            f"unlock, same + {ATTACHED_MIB} MiB attachments",
            with_attachments(source, ATTACHED_MIB),
            params,
            runs,
        )
    ok = print_table(f"Unlock, in-process, median of {runs}", "bare Argon2id", rows)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
