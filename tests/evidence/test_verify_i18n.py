"""A verdict is read in the reader's language: no English detail inside a French verdict.

The ``--json`` detail stays the English sentence (scripts read it); the text a lawyer reads is
rebuilt from the check's template and values in the current language.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.evidence.bagtools import extract
from tests.evidence.conftest import Bundle
from tr_journal.evidence.verify import describe_verdict, verify_bundle
from tr_journal.i18n import set_language


@pytest.fixture
def french() -> Iterator[None]:
    set_language("fr")
    yield
    set_language("en")


def _tampered(bundle: Bundle, tmp_path: Path) -> Path:
    bag = extract(bundle.zip, tmp_path)
    original = sorted((bag / "data/originals").rglob("*.m4a"))[0]
    data = bytearray(original.read_bytes())
    data[len(data) // 2] ^= 0x01
    original.write_bytes(bytes(data))
    (bag / "data/extra.txt").write_bytes(b"added later\n")
    return bag


def test_french_verdict_has_no_english_detail(bundle: Bundle, tmp_path: Path, french: None) -> None:
    verdict = verify_bundle(_tampered(bundle, tmp_path), fingerprint=bundle.result.fingerprint)
    text = describe_verdict(verdict)
    failed = {c.check for c in verdict.checks if not c.ok}
    assert {"payload-manifest", "unlisted-files", "originals-match-chain"} <= failed
    for check in verdict.checks:
        assert check.detail not in text, check.detail
        assert check.text() in text
    for english in (
        "has changed",
        "is not listed in any manifest",
        "does not match its hash",
        "files; no unsafe names",
        "the signing key is the expected",
        "link up",
    ):
        assert english not in text
    assert "a été modifié" in text and "n'est mentionné dans aucun manifeste" in text
    assert "extra.txt" in text and bundle.result.fingerprint in text


def test_json_detail_stays_english(bundle: Bundle, tmp_path: Path, french: None) -> None:
    verdict = verify_bundle(_tampered(bundle, tmp_path))
    details = " ".join(c["detail"] for c in verdict.to_json()["checks"])
    assert "has changed (its SHA-256 differs from manifest-sha256.txt)" in details
    assert "data/extra.txt is not listed in any manifest" in details
    assert all(set(c) == {"check", "ok", "detail"} for c in verdict.to_json()["checks"])


def test_refusal_is_translated(tmp_path: Path, french: None) -> None:
    verdict = verify_bundle(tmp_path / "absent.zip")
    assert verdict.checks[0].detail.startswith("refused before reading: there is no file")
    assert verdict.checks[0].text().startswith("refusé avant lecture : il n'y a ni fichier")
