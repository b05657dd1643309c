"""The tamper matrix (issue 4, docs/bundle-format.md): each case names the tool that must catch it.

Tools: ``ssh-keygen`` (signature), ``sha256sum-tag`` / ``sha256sum`` (``sha256sum -c`` on the
tag manifest / payload manifest), ``bagit`` (``python -m bagit --validate``), ``verify`` (ours,
the named check must fail) and ``verify-pin`` (ours with ``--fingerprint``). Cases that re-sign
with the genuine key model an insider or a stolen key: only our chain checks can catch them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.evidence.bagtools import (
    SIG,
    allowed_signers_for,
    bagit_ok,
    extract,
    rehash_all,
    sha256sum_ok,
    sign_with_ssh_keygen,
    ssh_keygen_ok,
)
from tests.evidence.conftest import Bundle
from tr_journal.canonical import canonical_json, canonical_sha256
from tr_journal.crypto import signing
from tr_journal.evidence.verify import verify_bundle
from tr_journal.journal.chain import event_hash

EVENTS = "data/journal/events.jsonl"
ENTRIES = "data/journal/entries.json"
EXPORT = "data/custody/export.json"


def _original(bag: Path) -> Path:
    return sorted((bag / "data/originals").rglob("*.m4a"))[0]


def _flip(path: Path, offset: int | None = None) -> None:
    data = bytearray(path.read_bytes())
    at = len(data) // 2 if offset is None else offset
    data[at] ^= 0x01
    path.write_bytes(bytes(data))


def _resign_genuine(bag: Path, seed: bytes) -> None:
    rehash_all(bag)
    sign_with_ssh_keygen(bag, seed)


def _edit_events(bag: Path, change: Callable[[list[dict]], None]) -> None:
    events = [json.loads(x) for x in (bag / EVENTS).read_text().splitlines()]
    change(events)
    (bag / EVENTS).write_bytes(b"".join(canonical_json(e) + b"\n" for e in events))


def flip_original(bag: Path, seed: bytes) -> None:
    _flip(_original(bag))


def append_original(bag: Path, seed: bytes) -> None:
    with open(_original(bag), "ab") as handle:
        handle.write(b"\0")


def truncate_original(bag: Path, seed: bytes) -> None:
    path = _original(bag)
    path.write_bytes(path.read_bytes()[:-1])


def delete_original(bag: Path, seed: bytes) -> None:
    _original(bag).unlink()


def add_under_data(bag: Path, seed: bytes) -> None:
    (bag / "data/extra.txt").write_text("planted\n")


def add_at_root(bag: Path, seed: bytes) -> None:
    (bag / "notes.txt").write_text("planted\n")


def rename_original(bag: Path, seed: bytes) -> None:
    path = _original(bag)
    path.rename(path.with_name("renamed.m4a"))


def edit_and_rehash_manifest(bag: Path, seed: bytes) -> None:
    _flip(_original(bag))
    from tests.evidence.bagtools import rehash

    rehash(bag, "manifest-sha256.txt")


def rehash_without_resigning(bag: Path, seed: bytes) -> None:
    _flip(_original(bag))
    rehash_all(bag)


def resign_with_other_key(bag: Path, seed: bytes) -> None:
    """A capable forger: consistent custody record, chain, manifests, signature, signers."""
    other = signing.generate_private_key()
    public = signing.public_raw(signing.load_private_key(other))
    custody = json.loads((bag / EXPORT).read_text())
    custody["key_fingerprint"] = signing.fingerprint(public)
    custody["public_key"] = signing.public_key_line(public)
    (bag / EXPORT).write_text(json.dumps(custody, ensure_ascii=False, indent=2) + "\n")

    def relink(events: list[dict]) -> None:
        events[-1]["content_sha256"] = canonical_sha256(custody)
        events[-1]["hash"] = event_hash(events[-1])

    _edit_events(bag, relink)
    (bag / "allowed_signers").write_bytes(allowed_signers_for(other))
    _resign_genuine(bag, other)


def flip_signature_byte(bag: Path, seed: bytes) -> None:
    path = bag / SIG
    lines = path.read_text().split("\n")
    line = lines[3]
    lines[3] = line[:10] + ("A" if line[10] != "A" else "B") + line[11:]
    path.write_text("\n".join(lines))


def crlf_signature(bag: Path, seed: bytes) -> None:
    path = bag / SIG
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))


def signature_without_final_newline(bag: Path, seed: bytes) -> None:
    path = bag / SIG
    path.write_bytes(path.read_bytes().rstrip(b"\n"))


def signature_rewrapped(bag: Path, seed: bytes) -> None:
    """The same signature, its base64 in 64-character lines (as a mail client might)."""
    path = bag / SIG
    lines = path.read_bytes().split(b"\n")
    body = b"".join(lines[1:-2])
    wrapped = [body[i : i + 64] for i in range(0, len(body), 64)]
    path.write_bytes(b"\n".join([lines[0], *wrapped, lines[-2], b""]))


def crlf_tagmanifest(bag: Path, seed: bytes) -> None:
    path = bag / "tagmanifest-sha256.txt"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))


def other_namespace(bag: Path, seed: bytes) -> None:
    sign_with_ssh_keygen(bag, seed, namespace="file")


def edit_event(bag: Path, seed: bytes) -> None:
    _edit_events(bag, lambda events: events[1].update(at_utc="2020-01-01T00:00:00Z"))
    _resign_genuine(bag, seed)


def reorder_events(bag: Path, seed: bytes) -> None:
    def swap(events: list[dict]) -> None:
        events[1], events[2] = events[2], events[1]

    _edit_events(bag, swap)
    _resign_genuine(bag, seed)


def entries_not_matching_chain(bag: Path, seed: bytes) -> None:
    doc = json.loads((bag / ENTRIES).read_text())
    doc["entries"][1]["revisions"][-1]["fields"]["narrative"] = "rewritten later"
    (bag / ENTRIES).write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    _resign_genuine(bag, seed)


def original_swapped(bag: Path, seed: bytes) -> None:
    _original(bag).write_bytes(b"another recording")
    _resign_genuine(bag, seed)


@dataclass
class Case:
    mutate: Callable[[Path, bytes], None]
    caught_by: tuple[str, ...]
    check: str  # our check that must fail
    passes: tuple[str, ...] = ()  # tools that, by design, cannot see it


CASES = {
    "flip-bit-original": Case(flip_original, ("sha256sum", "bagit", "verify"), "payload-manifest"),
    "append-original": Case(append_original, ("sha256sum", "bagit", "verify"), "payload-manifest"),
    "truncate-original": Case(
        truncate_original, ("sha256sum", "bagit", "verify"), "payload-manifest"
    ),
    "delete-original": Case(delete_original, ("sha256sum", "bagit", "verify"), "payload-manifest"),
    "add-file-under-data": Case(
        add_under_data, ("bagit", "verify"), "unlisted-files", ("ssh-keygen", "sha256sum")
    ),
    "add-file-at-root": Case(
        add_at_root, ("verify",), "unlisted-files", ("ssh-keygen", "sha256sum", "sha256sum-tag")
    ),
    "rename-original": Case(rename_original, ("sha256sum", "bagit", "verify"), "payload-manifest"),
    "edit-and-rehash-manifest": Case(
        edit_and_rehash_manifest,
        ("sha256sum-tag", "verify"),
        "tag-manifest",
        ("ssh-keygen", "sha256sum"),
    ),
    "rehash-without-resigning": Case(
        rehash_without_resigning,
        ("ssh-keygen", "verify"),
        "signature",
        ("sha256sum", "sha256sum-tag"),
    ),
    "resign-other-key": Case(
        resign_with_other_key,
        ("verify-pin",),
        "fingerprint-pin",
        ("ssh-keygen", "sha256sum", "sha256sum-tag", "bagit", "verify"),
    ),
    "flip-signature-byte": Case(flip_signature_byte, ("ssh-keygen", "verify"), "signature"),
    # ssh-keygen of OpenSSH 9.2 (Debian 12) refuses a CRLF signature, 9.6 (Ubuntu 24.04) strips
    # the CRs and accepts it: the signature bytes are the same, so only our verifier is asserted
    "crlf-signature": Case(crlf_signature, ("verify",), "signature"),
    # the signature bytes are intact: ssh-keygen may accept these, our verifier refuses any
    # change to the bundle as it was signed
    "signature-without-final-newline": Case(
        signature_without_final_newline, ("verify",), "signature"
    ),
    "signature-rewrapped": Case(signature_rewrapped, ("verify",), "signature"),
    "crlf-tagmanifest": Case(crlf_tagmanifest, ("ssh-keygen", "verify"), "signature"),
    "other-namespace": Case(other_namespace, ("ssh-keygen", "verify"), "signature"),
    "edit-event": Case(
        edit_event, ("verify",), "chain", ("ssh-keygen", "sha256sum", "sha256sum-tag", "bagit")
    ),
    "reorder-events": Case(
        reorder_events, ("verify",), "chain", ("ssh-keygen", "sha256sum", "sha256sum-tag", "bagit")
    ),
    "entries-not-matching-chain": Case(
        entries_not_matching_chain, ("verify",), "entries-match-chain", ("ssh-keygen", "sha256sum")
    ),
    "original-swapped-and-resigned": Case(
        original_swapped, ("verify",), "originals-match-chain", ("ssh-keygen", "sha256sum")
    ),
}


def _tool_ok(tool: str, bag: Path, bundle: Bundle) -> tuple[bool, str]:
    if tool == "ssh-keygen":
        return ssh_keygen_ok(bag)
    if tool == "sha256sum":
        return sha256sum_ok(bag, "manifest-sha256.txt")
    if tool == "sha256sum-tag":
        return sha256sum_ok(bag, "tagmanifest-sha256.txt")
    if tool == "bagit":
        return bagit_ok(bag)
    pin = bundle.result.fingerprint if tool == "verify-pin" else None
    verdict = verify_bundle(bag, fingerprint=pin)
    return verdict.valid, json.dumps(verdict.to_json(), indent=1)


@pytest.mark.parametrize("name", list(CASES))
def test_tamper_is_caught(name: str, bundle: Bundle, tmp_path: Path) -> None:
    case = CASES[name]
    bag = extract(bundle.zip, tmp_path)
    case.mutate(bag, bundle.seed)
    for tool in case.caught_by:
        ok, output = _tool_ok(tool, bag, bundle)
        assert not ok, f"{tool} missed {name}: {output}"
    for tool in case.passes:
        ok, output = _tool_ok(tool, bag, bundle)
        assert ok, f"{tool} was expected not to see {name}: {output}"
    pin = bundle.result.fingerprint if "verify-pin" in case.caught_by else None
    failed = {c.check for c in verify_bundle(bag, fingerprint=pin).checks if not c.ok}
    assert case.check in failed, failed
