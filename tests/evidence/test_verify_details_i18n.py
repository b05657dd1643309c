"""The details of a failed check are said in the reader's language too, not only the headline.

Signature, manifest and chain problems come from lower layers (sshsig, bag, chain) as
templates; a French, Chinese, Uyghur or Turkish verdict must carry them translated, with the
file names and numbers in place, and none of the English sentence. ``--json`` stays English.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.evidence.bagtools import SIG, extract, sign_with_ssh_keygen
from tests.evidence.conftest import Bundle
from tests.helpers import run_cli
from tr_journal.canonical import canonical_json
from tr_journal.evidence.verify import Verdict, describe_verdict, verify_bundle
from tr_journal.i18n import using_language

EVENTS = "data/journal/events.jsonl"
MANIFEST = "manifest-sha256.txt"


def other_namespace(bag: Path, seed: bytes) -> None:
    sign_with_ssh_keygen(bag, seed, namespace="file")


def crlf_signature(bag: Path, seed: bytes) -> None:
    path = bag / SIG
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))


def signers_without_key(bag: Path, seed: bytes) -> None:
    (bag / "allowed_signers").write_bytes(b"# no key here\n")


def tagmanifest_grown(bag: Path, seed: bytes) -> None:
    """A blank line parses as nothing, so only the signature can see the change."""
    with open(bag / "tagmanifest-sha256.txt", "ab") as handle:
        handle.write(b"\n")


def manifest_damaged(bag: Path, seed: bytes) -> None:
    lines = (bag / MANIFEST).read_text().splitlines()
    lines += [lines[0], "not a manifest line"]  # a duplicate, then line len(lines) + 2
    (bag / MANIFEST).write_text("\n".join(lines) + "\n")


def chain_broken(bag: Path, seed: bytes) -> None:
    """Event 2 removed (3 stands in its place and does not link), event 4 edited."""
    events = [json.loads(x) for x in (bag / EVENTS).read_text().splitlines()]
    events[3]["at_utc"] = "2020-01-01T00:00:00Z"
    del events[1]
    (bag / EVENTS).write_bytes(b"".join(canonical_json(e) + b"\n" for e in events))


def _manifest_line_count(bag: Path) -> int:
    return len((bag / MANIFEST).read_text().splitlines())


@dataclass
class Case:
    mutate: Callable[[Path, bytes], None]
    check: str
    english: tuple[str, ...]
    #: language -> sentences expected in the verdict; ``{bad_line}`` is the broken line's number
    native: dict[str, tuple[str, ...]]


CASES = {
    "namespace": Case(
        other_namespace,
        "signature",
        ("made for another purpose", "namespace"),
        {
            "fr": (
                "la signature a été faite pour un autre usage (espace de noms 'file', "
                "attendu : 'tr-journal-evidence-v1')",
            ),
            "zh_CN": (
                "该签名是为其他用途而做的（命名空间为 'file'，应为 'tr-journal-evidence-v1'）",
            ),
        },
    ),
    "crlf-signature": Case(
        crlf_signature,
        "signature",
        ("CRLF line endings", "LF only"),
        {
            "tr": ("imza dosyası CRLF satır sonları içeriyor (yalnızca LF olmalı)",),
            "fr": ("le fichier de signature a des fins de ligne CRLF",),
        },
    ),
    "signers-without-key": Case(
        signers_without_key,
        "signature",
        ("names no key",),
        {
            "ug": ("allowed_signers دا ھېچقانداق ئاچقۇچ كۆرسىتىلمىگەن",),
            "zh_CN": ("allowed_signers 未指定任何密钥",),
        },
    ),
    "signature-mismatch": Case(
        tagmanifest_grown,
        "signature",
        ("does not match",),
        {
            "fr": ("la signature ne correspond pas à tagmanifest-sha256.txt",),
            "tr": ("imza tagmanifest-sha256.txt ile eşleşmiyor",),
        },
    ),
    "manifest": Case(
        manifest_damaged,
        "payload-manifest",
        ("is not '<sha256>", "listed twice"),
        {
            "fr": (
                "manifest-sha256.txt : la ligne {bad_line} n'a pas la forme « <sha256>  <path> »",
                "est mentionné deux fois",
            ),
            "zh_CN": (
                "manifest-sha256.txt：第 {bad_line} 行不符合“<sha256>  <path>”格式",
                "被列出了两次",
            ),
        },
    ),
    "chain": Case(
        chain_broken,
        "chain",
        ("stands where", "does not link", "was altered"),
        {
            "fr": (
                "l'événement 3 se trouve là où l'événement 2 était attendu",
                "l'événement 3 n'est pas relié à l'événement qui le précède",
                "l'événement 4 (",
                ") a été modifié",
            ),
            "ug": (
                "2-ۋەقە بولۇشقا تېگىشلىك ئورۇندا 3-ۋەقە تۇرىدۇ",
                "3-ۋەقە ئالدىدىكى ۋەقەگە ئۇلانمايدۇ",
                ") ئۆزگەرتىلگەن",
            ),
            "tr": (
                "2 numaralı olayın beklendiği yerde 3 numaralı olay duruyor",
                "3 numaralı olay kendisinden önceki olaya bağlanmıyor",
                ") değiştirilmiş",
            ),
        },
    ),
}
PAIRS = [(name, lang) for name, case in CASES.items() for lang in case.native]


def _tampered(bundle: Bundle, tmp_path: Path, case: Case) -> tuple[Path, int]:
    bag = extract(bundle.zip, tmp_path)
    bad_line = _manifest_line_count(bag) + 2
    case.mutate(bag, bundle.seed)
    return bag, bad_line


def _verdict_in(lang: str, bag: Path, pin: str) -> tuple[Verdict, str]:
    verdict = verify_bundle(bag, fingerprint=pin)
    with using_language(lang):
        return verdict, describe_verdict(verdict)


@pytest.mark.parametrize(("name", "lang"), PAIRS)
def test_failed_detail_is_in_the_readers_language(
    name: str, lang: str, bundle: Bundle, tmp_path: Path
) -> None:
    case = CASES[name]
    bag, bad_line = _tampered(bundle, tmp_path, case)
    verdict, text = _verdict_in(lang, bag, bundle.result.fingerprint)
    failed = {c.check: c for c in verdict.checks if not c.ok}
    assert not verdict.valid and case.check in failed, text
    english_detail = failed[case.check].detail
    assert all(e in english_detail for e in case.english), english_detail
    for sentence in case.native[lang]:
        assert sentence.format(bad_line=bad_line) in text, text
    for english in case.english:
        assert english not in text, text
    for check in verdict.checks:
        assert check.detail not in text, check.detail


@pytest.mark.parametrize("name", sorted(CASES))
def test_json_detail_stays_english(name: str, bundle: Bundle, tmp_path: Path) -> None:
    case = CASES[name]
    bag, _line = _tampered(bundle, tmp_path, case)
    with using_language("fr"):
        document = verify_bundle(bag).to_json()
    detail = next(c["detail"] for c in document["checks"] if c["check"] == case.check)
    assert all(e in detail for e in case.english), detail
    assert all(set(c) == {"check", "ok", "detail"} for c in document["checks"])


def test_cli_verdict_in_turkish_and_json_in_english(bundle: Bundle, tmp_path: Path) -> None:
    bag, _line = _tampered(bundle, tmp_path, CASES["chain"])
    env = {"TR_JOURNAL_LANG": "tr"}
    said = run_cli("verify", str(bag), env=env)
    assert said.returncode == 1, said.stderr
    assert "3 numaralı olay kendisinden önceki olaya bağlanmıyor" in said.stdout
    assert "does not link" not in said.stdout and "stands where" not in said.stdout
    machine = run_cli("verify", str(bag), "--json", env=env)
    chain = next(c for c in json.loads(machine.stdout)["checks"] if c["check"] == "chain")
    assert "event 3 does not link to the event before it" in chain["detail"]


@pytest.mark.parametrize("lang", ["en", "fr", "zh_CN"])
def test_no_pin_and_no_valid_signature_names_no_key(
    lang: str, bundle: Bundle, tmp_path: Path
) -> None:
    """Without a valid signature there is no fingerprint to compare: say so, never "None"."""
    bag, _line = _tampered(bundle, tmp_path, CASES["crlf-signature"])
    verdict = verify_bundle(bag)
    pin = next(c for c in verdict.checks if c.check == "fingerprint-pin")
    with using_language(lang):
        text, said = describe_verdict(verdict), pin.text()
    assert "None" not in text and "None" not in pin.detail, text
    assert pin.detail.startswith("no fingerprint was given, and no valid signature")
    assert said in text and (lang == "en" or pin.detail not in text)


def test_event_without_a_field_is_a_chain_problem_in_french(bundle: Bundle, tmp_path: Path) -> None:
    """A stripped event is reported by the chain (translated), not as an unreadable file."""
    bag = extract(bundle.zip, tmp_path)
    events = [json.loads(x) for x in (bag / EVENTS).read_text().splitlines()]
    del events[1]["content_sha256"]
    (bag / EVENTS).write_bytes(b"".join(canonical_json(e) + b"\n" for e in events))
    verdict, text = _verdict_in("fr", bag, bundle.result.fingerprint)
    failed = {c.check: c for c in verdict.checks if not c.ok}
    assert failed["chain"].detail.startswith("event 2 lacks content_sha256")
    assert "il manque des champs à l'événement 2 : content_sha256" in text
    assert "could not be read" not in failed["payload-manifest"].detail
    assert "entries-match-chain" in failed
