"""WhatsApp import at scale: a chat zip of N messages with M MB of voice messages.

Target (issue 18): a 200 MB zip with 10,000 messages imports with peak RSS under 300 MiB.
The import runs as the command line does it (``import CHAT.zip --all``), in its own process,
timed whole (start-up, preview with the file's SHA-256, unlock with a cheap KDF, one
transaction with every entry, attachment and provenance event); its own peak RSS comes from
``wait4``. The zip is synthetic: an Android-layout chat in French, Uyghur and Chinese, with a
voice message (random bytes, stored uncompressed like real ``.opus``) every 25th message. It
and the vault live under ``bench/out/imports`` (gitignored), removed at the end.

    .venv/bin/python bench/bench_imports.py                 # 10,000 messages, 200 MB
    .venv/bin/python bench/bench_imports.py --quick         # 2,000 messages, 20 MB
    .venv/bin/python bench/bench_imports.py --messages 5000 --mb 50
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import zipfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent / "src"))
sys.path.insert(0, str(BENCH))

from common import process_env, run_process  # noqa: E402

WORK = BENCH / "out" / "imports"
PASSPHRASE = "bench passphrase"
TEXTS = (
    "Ils ont appelé depuis un numéro chinois et demandé mon adresse.",
    "ئۇلار ماڭا تېلېفون قىلىپ، تۇغقانلىرىمغا زىيان يەتكۈزىمىز دەپ تەھدىت سالدى.",
    "他们说要见面，并要求我提供护照和住址。",
)
SENDERS = ("+86 139 1234 5678", "Ayşe", "王警官")
EVERY = 25


def build_zip(path: Path, messages: int, megabytes: int) -> None:
    voices = max(1, messages // EVERY)
    size = megabytes * 1024 * 1024 // voices
    lines = []
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for n in range(messages):
            day, minute = 1 + (n // 600) % 28, n % 600
            stamp = f"{day:02d}/11/2026, {8 + minute // 60:02d}:{minute % 60:02d}"
            if n % EVERY == 0:
                name = f"PTT-202611{day:02d}-WA{n:05d}.opus"
                archive.writestr(name, os.urandom(size), compress_type=zipfile.ZIP_STORED)
                lines.append(f"{stamp} - {SENDERS[n % 3]}: {name} (file attached)")
            else:
                lines.append(f"{stamp} - {SENDERS[n % 3]}: {TEXTS[n % 3]}")
        archive.writestr("WhatsApp Chat with +86 139 1234 5678.txt", "\n".join(lines) + "\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="2,000 messages, 20 MB")
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--mb", type=int, default=200)
    parser.add_argument("--keep", action="store_true", help="keep bench/out/imports")
    args = parser.parse_args()
    messages, megabytes = (2000, 20) if args.quick else (args.messages, args.mb)
    from tr_journal.crypto.kdf import KdfParams
    from tr_journal.vault import Vault

    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    try:
        chat = WORK / "chat.zip"
        build_zip(chat, messages, megabytes)
        vault, _ = Vault.create(
            WORK / "vault", PASSPHRASE, KdfParams(memory_kib=64 * 1024, iterations=1, parallelism=1)
        )
        vault.close()
        secret = WORK / "pass.txt"
        secret.write_text(PASSPHRASE + "\n")
        argv = [
            sys.executable,
            "-m",
            "tr_journal",
            "import",
            str(chat),
            "--all",
            "--vault",
            str(WORK / "vault"),
            "--passphrase-file",
            str(secret),
            "--json",
        ]
        result = run_process(
            argv, process_env({**os.environ, "PYTHONPATH": str(BENCH.parent / "src")})
        )
        if result.returncode != 0:
            sys.exit(result.stderr[-2000:])
        rss = result.peak_rss_kib / 1024
        print(
            f"messages {messages}  zip {chat.stat().st_size / 1e6:.0f} MB  "
            f"time {result.seconds:.1f} s  {messages / result.seconds:.0f} messages/s  "
            f"peak RSS {rss:.0f} MiB"
        )
        print("target: 10,000 messages in a 200 MB zip with peak RSS under 300 MiB")
        return 0 if rss < 300 else 1
    finally:
        if not args.keep:
            shutil.rmtree(WORK, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
