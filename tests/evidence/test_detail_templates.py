"""Lower layers report problems as templates with values, never as finished English only.

The SSHSIG parser, the manifest parser and the zip reader each say what is wrong with an
``N_()`` msgid and its values; the English sentence (``str()``) is that template filled in, so
scripts read the same words as before, and every template is translated in every language.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest

from tr_journal.crypto import signing
from tr_journal.evidence import bag
from tr_journal.evidence.source import DamagedMember, UnsafeBundle, open_bundle
from tr_journal.evidence.sshsig import SignatureProblem, parse_allowed_signers, verify_sshsig
from tr_journal.i18n import translations_for

LANGS = ("fr", "ug", "zh_CN", "tr")
SEED = bytes(range(32))
MESSAGE = b"0" * 64 + b"  bagit.txt\n"


def _signers(namespaces: str = signing.EVIDENCE_NAMESPACE, seed: bytes = SEED) -> bytes:
    public = signing.public_raw(signing.load_private_key(seed))
    return (
        f'evidence@tr-journal namespaces="{namespaces}" {signing.public_key_line(public)}\n'
    ).encode()


def _assert_template(problem: Any, english: str) -> None:
    """English as before, rebuilt from the template, and translated (with its values) in all."""
    assert str(problem) == english == problem.template.format(**problem.params)
    for lang in LANGS:
        said = translations_for(lang).gettext(problem.template)
        assert said != problem.template, (lang, problem.template)
        rendered = said.format(**problem.params)
        for value in problem.params.values():
            assert str(value) in rendered, (lang, rendered)


def _problem(armored: bytes, signers: bytes = _signers(), message: bytes = MESSAGE) -> Any:
    with pytest.raises(SignatureProblem) as caught:
        verify_sshsig(armored, message, parse_allowed_signers(signers))
    return caught.value


def test_signature_problems_are_templates() -> None:
    good = signing.sshsig_sign(SEED, MESSAGE)
    verify_sshsig(good, MESSAGE, parse_allowed_signers(_signers()))  # the genuine one passes
    _assert_template(
        _problem(signing.sshsig_sign(SEED, MESSAGE, namespace="file")),
        "the signature was made for another purpose (namespace 'file', expected "
        "'tr-journal-evidence-v1')",
    )
    _assert_template(
        _problem(good, message=MESSAGE + b"\n"),
        "the signature does not match tagmanifest-sha256.txt",
    )
    _assert_template(
        _problem(good.replace(b"\n", b"\r\n")),
        "the signature file has CRLF line endings (it must be LF only)",
    )
    _assert_template(
        _problem(good, _signers(seed=bytes(32))),
        "the signing key is not the one named in allowed_signers",
    )
    _assert_template(
        _problem(good, _signers(namespaces="file")),
        "allowed_signers does not allow this key for evidence bundles",
    )
    _assert_template(_problem(b"hello\n"), "the signature file is not an SSH signature")


@pytest.mark.parametrize(
    ("signers", "english"),
    [
        (b"# nothing\n", "allowed_signers names no key"),
        (
            b"\xef\xbb\xbf" + _signers(),
            "allowed_signers has a byte-order mark or CRLF line endings",
        ),
        (b"one two\n", "allowed_signers has a line we do not understand"),
        (b'x namespaces="y" ssh-rsa AAAA\n', "allowed_signers names a key that is not Ed25519"),
        (b'x namespaces="y" ssh-ed25519 !!!!\n', "allowed_signers holds a damaged key"),
        (b"\xff\xfe\n", "allowed_signers is not UTF-8 text"),
    ],
)
def test_allowed_signers_problems_are_templates(signers: bytes, english: str) -> None:
    with pytest.raises(SignatureProblem) as caught:
        parse_allowed_signers(signers)
    _assert_template(caught.value, english)


def test_manifest_problems_are_templates() -> None:
    line = "a" * 64 + "  data/x.txt"
    entries, found = bag.parse_manifest(f"{line}\r\n{line}\nnonsense\n".encode())
    assert entries == {"data/x.txt": "a" * 64}
    assert found == [
        "it has CRLF line endings",
        "data/x.txt is listed twice",
        "line 3 is not '<sha256>  <path>'",
    ]
    for problem in found:
        _assert_template(problem, str(problem))
    _entries, (not_text,) = bag.parse_manifest(b"\xff\n")
    _assert_template(not_text, "it is not UTF-8 text")


def test_damaged_member_is_a_template(tmp_path: Path) -> None:
    folder = tmp_path / "b"
    folder.mkdir()
    (folder / "bagit.txt").write_bytes(bag.BAGIT_TEXT.encode())
    path = tmp_path / "b.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.write(folder / "bagit.txt", "bagit.txt")
    data = bytearray(path.read_bytes())
    data[data.index(b"bagit.txt")] = ord("B")  # the local name, not the central one
    path.write_bytes(bytes(data))
    with pytest.raises(UnsafeBundle) as caught:
        open_bundle(path)  # local headers are checked before anything is read
    _assert_template(caught.value, "local and central names differ for 'bagit.txt'")


def test_member_running_past_the_end_is_a_template(tmp_path: Path) -> None:
    path = tmp_path / "b.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("bagit.txt", bag.BAGIT_TEXT)
    data = bytearray(path.read_bytes())
    central = data.index(b"PK\x01\x02")  # its sizes at +20 (stored) and +24 (expanded)
    data[central + 20 : central + 28] = (2000).to_bytes(4, "little") * 2
    path.write_bytes(bytes(data))
    with open_bundle(path) as source, pytest.raises(DamagedMember) as caught:
        source.read("bagit.txt")
    _assert_template(caught.value, "bagit.txt runs past the end of the archive")
