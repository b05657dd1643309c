"""Run the lawyer's real tools on a bag, and tamper with bags the way an attacker would."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import zipfile
from pathlib import Path

from tr_journal.crypto import signing

IDENTITY = "evidence@tr-journal"
NAMESPACE = "tr-journal-evidence-v1"
SIG = "signatures/tagmanifest-sha256.txt.sig"


def extract(zip_path: Path, dest: Path) -> Path:
    """Extract with the standard library (trusted input: our own export) -> the bag folder."""
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(dest)
    (bag,) = [p for p in dest.iterdir() if p.is_dir()]
    return bag


def ssh_keygen_ok(bag: Path, namespace: str = NAMESPACE) -> tuple[bool, str]:
    with open(bag / "tagmanifest-sha256.txt", "rb") as message:
        done = subprocess.run(
            [
                "ssh-keygen",
                "-Y",
                "verify",
                "-f",
                "allowed_signers",
                "-I",
                IDENTITY,
                "-n",
                namespace,
                "-s",
                SIG,
            ],
            stdin=message,
            cwd=bag,
            capture_output=True,
            text=True,
            timeout=60,
        )
    return done.returncode == 0, done.stdout + done.stderr


def sha256sum_ok(bag: Path, manifest: str) -> tuple[bool, str]:
    done = subprocess.run(
        ["sha256sum", "--strict", "-c", manifest],
        cwd=bag,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return done.returncode == 0, done.stdout + done.stderr


def bagit_ok(bag: Path) -> tuple[bool, str]:
    done = subprocess.run(
        [sys.executable, "-m", "bagit", "--validate", "."],
        cwd=bag,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return done.returncode == 0, done.stdout + done.stderr


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def rehash(bag: Path, manifest: str) -> None:
    """Recompute every line of a manifest for the files as they now are."""
    lines = (bag / manifest).read_text().splitlines()
    out = [f"{_sha(bag / line.split('  ', 1)[1])}  {line.split('  ', 1)[1]}" for line in lines]
    (bag / manifest).write_text("\n".join(out) + "\n")


def rehash_all(bag: Path) -> None:
    rehash(bag, "manifest-sha256.txt")
    rehash(bag, "tagmanifest-sha256.txt")


def sign_with_ssh_keygen(bag: Path, seed: bytes, namespace: str = NAMESPACE) -> None:
    """Re-sign the tag manifest with ``ssh-keygen -Y sign`` and this key."""
    key = bag.parent / "signing_key"
    key.write_bytes(signing.private_key_openssh(seed))
    os.chmod(key, 0o600)
    with open(bag / "tagmanifest-sha256.txt", "rb") as message:
        done = subprocess.run(
            ["ssh-keygen", "-Y", "sign", "-f", str(key), "-n", namespace],
            stdin=message,
            capture_output=True,
            timeout=60,
            check=True,
        )
    key.unlink()
    (bag / SIG).write_bytes(done.stdout)


def allowed_signers_for(seed: bytes) -> bytes:
    public = signing.public_raw(signing.load_private_key(seed))
    return (f'{IDENTITY} namespaces="{NAMESPACE}" {signing.public_key_line(public)}\n').encode()
