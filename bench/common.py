"""Shared helpers for the foundation benchmarks: timing, child-process peak RSS, result tables,
the jrnl baseline and a cached 10,000-entry vault with the same content as jrnl's journal.

Why a cache: building 10,000 entries takes a while; the cached vault (under ``bench/out/``,
gitignored) is only ever copied, never modified, so every run starts from the same state.
Everything the benches write is either encrypted (the vault) or synthetic text made by
``gen_journal.py`` (jrnl's plain journal), never anything a user typed.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
OUT = BENCH / "out"
PEERS = REPO.parent / "shared" / "peers"
PASSPHRASE = "correct horse battery staple"
MIB = 1024
CHINESE = "他们问我的护照号码，还说要见面。"  # "they asked for my passport number, wanted to meet"
CHINESE_QUERY = "护照"  # two Han characters inside unspaced text: the scan path of search


# -- timing -----------------------------------------------------------------------------------
def median(values: list[float]) -> float:
    return statistics.median(values)


def time_calls(fn: Callable[[], object], repeat: int) -> list[float]:
    """Wall-clock seconds of ``repeat`` calls of ``fn``."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


@dataclass
class ProcResult:
    seconds: float
    peak_rss_kib: int
    returncode: int
    stderr: str


def run_process(argv: list[str], env: dict[str, str] | None = None) -> ProcResult:
    """Run one whole process (stdout discarded); its wall time and its own peak RSS.

    ``os.wait4`` gives the rusage of exactly this child, unlike ``RUSAGE_CHILDREN`` which is
    the maximum over every child so far.
    """
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    assert proc.stderr is not None
    err = proc.stderr.read()
    _pid, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return ProcResult(
        seconds, int(usage.ru_maxrss), proc.returncode, err.decode("utf-8", "replace")
    )


def process_env(env: dict[str, str] | None = None) -> dict[str, str]:
    """Child environment with byte-code caching on, as for any installed program.

    This machine sets ``PYTHONDONTWRITEBYTECODE=1``, so an editable install would recompile
    every module of ours at every start (jrnl's site-packages were compiled by pip). Both sides
    get a byte-code cache under ``out/pycache`` instead, filled by an untimed warm-up run.
    """
    env = dict(os.environ if env is None else env)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(OUT / "pycache")
    return env


def check_ok(result: ProcResult, argv: list[str]) -> ProcResult:
    if result.returncode != 0:
        sys.exit(
            f"command failed ({result.returncode}): {' '.join(argv[:4])} ...\n"
            f"{result.stderr[-800:]}"
        )
    return result


# -- result table -----------------------------------------------------------------------------
@dataclass
class Row:
    """One measured claim: our figure beside its baseline, and whether the target is met."""

    name: str
    ours: float
    baseline: float | None
    unit: str
    target: str
    passed: bool | None  # None = informational

    @property
    def ratio(self) -> str:
        if not self.baseline:
            return "-"
        return f"{self.ours / self.baseline:.2f}"


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if unit == "s":
        if value < 0.001:
            return f"{value * 1e6:.0f} µs"
        return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.3f} s"
    if unit == "MiB":
        return f"{value:.0f} MiB"
    return f"{value:g} {unit}"


def _width(text: str) -> int:
    """Terminal columns of ``text`` (Han characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def print_table(title: str, baseline_name: str, rows: list[Row]) -> bool:
    """Print the rows; return True when no target was missed.

    The load average is printed too: on a shared 2-core machine it explains absolute times.
    """
    header = ("measure", "ours", baseline_name, "ratio", "target", "result")
    cells = [header] + [
        (
            r.name,
            fmt(r.ours, r.unit),
            fmt(r.baseline, r.unit),
            r.ratio,
            r.target,
            "-" if r.passed is None else ("PASS" if r.passed else "FAIL"),
        )
        for r in rows
    ]
    widths = [max(_width(c[i]) for c in cells) for i in range(len(header))]
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"\n{title}  [load average {load} on {os.cpu_count()} cores]")
    for i, line in enumerate(cells):
        print(
            "  ".join(c + " " * (w - _width(c)) for c, w in zip(line, widths, strict=True)).rstrip()
        )
        if i == 0:
            print("  ".join("-" * w for w in widths))
    return all(r.passed is not False for r in rows)


# -- the shared content (jrnl's generated journal) ---------------------------------------------
@dataclass
class JrnlPeer:
    root: Path
    n: int

    @property
    def plain(self) -> Path:
        return self.root / "data" / f"plain_{self.n}.txt"

    @property
    def journal(self) -> Path:
        return self.root / "data" / f"journal_{self.n}.txt"

    @property
    def jrnl(self) -> Path:
        return self.root / "venv" / "bin" / "jrnl"

    def env(self) -> dict[str, str]:
        """The variables of the peer's ``env.sh``: password from the env keyring, no prompt."""
        env = dict(os.environ)
        env.update(
            PYTHONPATH=str(self.root / "bench"),
            PYTHON_KEYRING_BACKEND="envkeyring.EnvKeyring",
            JRNL_BENCH_PW="correct horse battery staple",
        )
        return env


def jrnl_peer(n: int) -> JrnlPeer:
    """jrnl 4.6 with an encrypted journal of ``n`` entries, built once by ``build-jrnl.sh``."""
    peer = JrnlPeer(Path(os.environ.get("PEER", "/tmp/jrnl-peer")), n)
    if not (peer.jrnl.exists() and peer.journal.exists() and peer.plain.exists()):
        print(f"building the jrnl baseline in {peer.root} (once) ...", flush=True)
        subprocess.run(
            ["sh", str(PEERS / "build-jrnl.sh"), str(n)],
            check=True,
            env={**os.environ, "PEER": str(peer.root)},
            stdout=subprocess.DEVNULL,
        )
    return peer


def jrnl_entries(plain: Path) -> Iterator[tuple[str, str]]:
    """``(occurred_at, text)`` of each entry of a jrnl plain-text journal."""
    when, lines = None, []
    for line in plain.read_text(encoding="utf-8").splitlines():
        if line.startswith("[") and line[17:19] == "] ":
            if when:
                yield when, "\n".join(lines).strip()
            when, lines = line[1:17].replace(" ", "T"), [line[19:]]
        else:
            lines.append(line)
    if when:
        yield when, "\n".join(lines).strip()


def entry_fields(index: int, occurred: str, text: str) -> dict[str, str]:
    """Fields of vault entry ``index``; 1% (a different 1% than WeChat) get Chinese text."""
    if index % 100 == 53:
        text = f"{text}\n{CHINESE}"
    # UTC: the generated wall-clock times include 02:10 on spring-forward nights, which the
    # journal refuses in Europe/Paris (that time did not exist there)
    return {"occurred_at": occurred, "timezone": "UTC", "channel": "phone", "narrative": text}


def schema_tag() -> str:
    """Short hash of the schema: a cached vault is rebuilt when the schema changes."""
    import hashlib

    from tr_journal.store.schema import MIGRATIONS

    return hashlib.sha256(repr(sorted(MIGRATIONS.items())).encode()).hexdigest()[:8]


def cached_vault(peer: JrnlPeer, memory_mib: int, iterations: int) -> Path:
    """A vault with the peer's entries and the given passphrase KDF, built once under out/."""
    from tr_journal.crypto.kdf import KdfParams
    from tr_journal.journal.entries import add_entry
    from tr_journal.vault import Vault

    target = OUT / f"vault_{peer.n}_m{memory_mib}_t{iterations}_{schema_tag()}"
    if (target / ".complete").exists():
        return target
    shutil.rmtree(target, ignore_errors=True)
    print(f"building {target.name} (once) ...", flush=True)
    start = time.perf_counter()
    vault, _recovery = Vault.create(
        target, PASSPHRASE, KdfParams(memory_kib=memory_mib * MIB, iterations=iterations)
    )
    with vault, vault.transaction() as conn:
        for i, (occurred, text) in enumerate(jrnl_entries(peer.plain)):
            add_entry(conn, entry_fields(i, occurred, text))
    (target / ".complete").write_text("built\n")
    print(f"  built in {time.perf_counter() - start:.1f} s", flush=True)
    return target


def work_copy(source: Path, name: str) -> Path:
    """A fresh copy of a cached vault or journal under out/work/ (benches may modify it)."""
    dest = OUT / "work" / name
    if dest.exists():
        shutil.rmtree(dest) if dest.is_dir() else dest.unlink()
    dest.parent.mkdir(parents=True, exist_ok=True)
    if source.is_dir():
        shutil.copytree(source, dest, ignore=shutil.ignore_patterns(".complete"))
        dest.chmod(0o700)
    else:
        shutil.copy2(source, dest)
    return dest


def passphrase_file() -> Path:
    path = OUT / "passphrase.txt"
    OUT.mkdir(parents=True, exist_ok=True)
    path.write_text(PASSPHRASE + "\n", encoding="utf-8")
    path.chmod(0o600)
    return path


def sample_text(i: int) -> str:
    """~400 characters of new entry text (no 'WeChat', no Chinese: searches stay exact)."""
    base = (
        f"Benchmark entry {i}: the caller said he was from the bureau and asked again about "
        "the address of my brother, the name of the school and the people at the meeting "
        "last week; he said my mother would be fine if I kept quiet and stopped posting. "
    )
    return (base * 2)[:400]


def add_blob_attachment(vault_dir: Path, mib: int) -> None:
    """Attach ``mib`` MiB of random bytes (stands in for recordings) to the first entry."""
    from tr_journal.media.ingest import add_attachment
    from tr_journal.vault import Vault

    blob = OUT / "work" / "blob.bin"
    blob.parent.mkdir(parents=True, exist_ok=True)
    with open(blob, "wb") as handle:
        for _ in range(mib):
            handle.write(os.urandom(1 << 20))
    try:
        with Vault.open(vault_dir, PASSPHRASE) as vault, vault.transaction() as conn:
            add_attachment(conn, "E0001", blob)
    finally:
        blob.unlink()
