"""The signing key's fingerprint matches ``ssh-keygen -l`` for the same public key."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tr_journal.crypto import signing


@pytest.mark.skipif(shutil.which("ssh-keygen") is None, reason="ssh-keygen not installed")
def test_fingerprint_matches_ssh_keygen(tmp_path: Path) -> None:
    seed = signing.generate_private_key()
    public = signing.public_raw(signing.load_private_key(seed))
    pub_file = tmp_path / "key.pub"
    pub_file.write_text(signing.public_key_line(public) + " test\n")
    out = subprocess.run(
        ["ssh-keygen", "-l", "-f", str(pub_file)], capture_output=True, text=True, check=True
    ).stdout
    assert out.split()[1] == signing.fingerprint(public)
    assert out.split()[0] == "256"


@pytest.mark.skipif(shutil.which("ssh-keygen") is None, reason="ssh-keygen not installed")
def test_sshsig_is_byte_identical_to_ssh_keygen(tmp_path: Path) -> None:
    seed = signing.generate_private_key()
    key_file = tmp_path / "id_ed25519"
    key_file.write_bytes(signing.private_key_openssh(seed))
    key_file.chmod(0o600)
    message = tmp_path / "msg.txt"
    message.write_bytes(b"some manifest\nline two\n")
    subprocess.run(
        [
            "ssh-keygen",
            "-Y",
            "sign",
            "-f",
            str(key_file),
            "-n",
            signing.EVIDENCE_NAMESPACE,
            str(message),
        ],
        check=True,
        capture_output=True,
    )
    expected = (tmp_path / "msg.txt.sig").read_bytes()
    assert signing.sshsig_sign(seed, message.read_bytes()) == expected
