"""One passphrase rule for the command line and the app: 10 characters and zxcvbn score 3."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import PASSPHRASE, run_cli
from tr_journal.errors import EXIT_USAGE, UsageError
from tr_journal.passphrase import MIN_SCORE, TOO_SHORT, acceptable, check_new, strength


@pytest.mark.parametrize("weak", ["qwertyuiop", "password12", "abcdefgh", "iloveyou2026"])
def test_weak_passphrases_are_refused_with_a_reason(weak: str) -> None:
    score, reasons = strength(weak)
    assert score < MIN_SCORE and reasons and not acceptable(weak)
    with pytest.raises(UsageError) as refused:
        check_new(weak)
    assert refused.value.params["detail"] in reasons


def test_short_is_refused_however_random() -> None:
    assert strength("x7#Qp!2v")[1][0] == TOO_SHORT and not acceptable("x7#Qp!2v")
    assert acceptable(PASSPHRASE)


def test_the_command_line_applies_the_same_rule(tmp_path: Path) -> None:
    """`init` took any 8 characters; a keyboard walk of 10 is now refused, nothing created."""
    secret = tmp_path / "pw"
    secret.write_text("qwertyuiop\n")
    result = run_cli(
        "init",
        "--vault",
        str(tmp_path / "vault"),
        "--passphrase-file",
        str(secret),
        "--kdf-memory",
        "64",
    )
    assert result.returncode == EXIT_USAGE, result.stderr
    assert "too easy to guess" in result.stderr and not (tmp_path / "vault").exists()
