"""Synthetic 10,000- and 100,000-entry vaults for the scale benches, built once under /tmp.

Why synthetic rather than jrnl's text: the patterns features need callers, channels, demands,
threats and responses, and the search query must match the same number of entries at both
sizes (a command's cost should not depend on the journal's size; a query with ten times the
matches legitimately costs more). So: 40 entries mention "Zarafshan", 20 carry the number
+86 991 555 0142 (written in four ways), whatever the size. Everything else is drawn from a
fixed seed over about 300 callers, five years, every channel, demand and threat.

Built through ``journal.entries.add_entry`` in one transaction (cheap KDF, m=64 MiB t=1 p=1),
so the vault is exactly what the app would have written. Cached by size and schema under
``$TRJ_SCALE_DIR`` (default /tmp/trj-scale) and only ever copied.
"""

from __future__ import annotations

import os
import random
import shutil
import time
from pathlib import Path
from typing import Any

from common import PASSPHRASE, schema_tag

from tr_journal import model

SCALE_DIR = Path(os.environ.get("TRJ_SCALE_DIR", "/tmp/trj-scale"))
MARKER = "Zarafshan"
MARKED = 40
NUMBER_FORMS = ("+86 991 555 0142", "0086 991 555 0142", "+869915550142", "+86-991-555-0142")
NUMBERED = 20
RESPONSES = (
    "I refused.",
    "I said nothing and hung up.",
    "I refused and told them to stop.",
    "I listened.",
    "",
)


def _caller(rng: random.Random, i: int) -> dict[str, Any]:
    n = rng.randrange(300)
    if n % 5 == 0:
        return {"caller_account": f"wxid_{n:04d}", "caller_name": f"Officer {n % 17}"}
    forms = (
        f"+33 6 12 {n // 100:02d} {n % 100:02d} 00",
        f"06 12 {n // 100:02d} {n % 100:02d} 00",
        f"+336 12{n // 100:02d}{n % 100:02d}00",
    )
    return {"caller_number": forms[i % 3], "claimed_identity": f"Bureau {n % 7}"}


def entry_fields(rng: random.Random, i: int, total: int) -> dict[str, Any]:
    """Fields of synthetic entry ``i`` of ``total`` (five years, oldest first)."""
    day = 1 + (i * 5 * 365) // total
    year, rest = 2021 + day // 365, day % 365
    month, mday = 1 + rest // 31 % 12, 1 + rest % 28
    fields: dict[str, Any] = {
        "occurred_at": f"{year}-{month:02d}-{mday:02d}T{rng.randrange(8, 22):02d}:"
        f"{rng.randrange(60):02d}",
        "timezone": "Europe/Paris",
        "channel": rng.choice(model.CHANNELS),
        "demands": rng.sample(model.DEMANDS, rng.randrange(0, 3)),
        "threats": rng.sample(model.THREATS, rng.randrange(0, 2)),
        "response": rng.choice(RESPONSES),
        "narrative": "He asked again about my brother's address and the people at the "
        f"meeting; he said my mother would be fine if I kept quiet. #{i}",
        **_caller(rng, i),
    }
    stride = max(1, total // MARKED)
    if i % stride == 7 and i // stride < MARKED:
        fields["narrative"] += f" He mentioned {MARKER}."
    stride = max(1, total // NUMBERED)
    if i % stride == 11 and i // stride < NUMBERED:
        fields.pop("caller_account", None)
        fields["caller_number"] = NUMBER_FORMS[(i // stride) % len(NUMBER_FORMS)]
    return fields


def scale_vault(size: int) -> Path:
    """The cached vault of ``size`` entries (built on first use)."""
    from tr_journal.crypto.kdf import KdfParams
    from tr_journal.journal.entries import add_entry
    from tr_journal.vault import Vault

    target = SCALE_DIR / f"vault_{size}_{schema_tag()}"
    if (target / ".complete").exists():
        return target
    shutil.rmtree(target, ignore_errors=True)
    print(f"building {target} (once) ...", flush=True)
    start = time.perf_counter()
    os.environ.setdefault("TR_JOURNAL_REGION", "FR")
    rng = random.Random(size)
    vault, _recovery = Vault.create(target, PASSPHRASE, KdfParams(64 * 1024, 1, 1))
    with vault, vault.transaction() as conn:
        for i in range(size):
            add_entry(conn, entry_fields(rng, i, size))
    (target / ".complete").write_text("built\n")
    print(f"  built in {time.perf_counter() - start:.1f} s", flush=True)
    return target


def copy_of(source: Path, name: str) -> Path:
    """A fresh working copy (the benches add entries; the cache stays as built)."""
    dest = SCALE_DIR / "work" / name
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(source, dest, ignore=shutil.ignore_patterns(".complete"))
    dest.chmod(0o700)
    return dest
