"""The verifier holds each revision to its event's version (docs/bundle-format.md, "Event
versions"): a salted revision cannot be passed off as an unsalted one, nor a chain taken back to
version 1, even re-signed by the right key with every manifest rehashed."""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.evidence.bagtools import extract, rehash_all, sign_with_ssh_keygen
from tests.evidence.conftest import Bundle
from tr_journal.canonical import canonical_json, canonical_sha256
from tr_journal.evidence.verify import verify_bundle
from tr_journal.journal.chain import GENESIS_HASH, event_hash

EVENTS, ENTRIES, EXPORT = (
    "data/journal/events.jsonl",
    "data/journal/entries.json",
    "data/custody/export.json",
)


def _json_bytes(obj: Any) -> bytes:
    return (json.dumps(obj, ensure_ascii=False, sort_keys=True, indent=2) + "\n").encode()


def _rechain(events: list[dict[str, Any]]) -> None:
    prev = GENESIS_HASH
    for event in events:
        event["prev_hash"] = prev
        event["hash"] = prev = event_hash(event)


def _forge(
    bundle: Bundle, tmp_path: Path, edit: Callable[[dict[str, Any], list[dict[str, Any]]], None]
) -> Path:
    """Apply ``edit(entries doc, events)``, then make everything else consistent again as a
    forger holding the signing key would: chain, export record, manifests, signature."""
    bag = extract(bundle.zip, tmp_path)
    doc = json.loads((bag / ENTRIES).read_text(encoding="utf-8"))
    events = [json.loads(line) for line in (bag / EVENTS).read_text().splitlines()]
    edit(doc, events)
    _rechain(events[:-1])
    entries_bytes = _json_bytes(doc)
    custody = json.loads((bag / EXPORT).read_text(encoding="utf-8"))
    custody["entries_json_sha256"] = hashlib.sha256(entries_bytes).hexdigest()
    custody["chain_head_before"] = {"seq": events[-2]["seq"], "hash": events[-2]["hash"]}
    events[-1]["content_sha256"] = canonical_sha256(custody)
    events[-1]["prev_hash"] = events[-2]["hash"]
    events[-1]["hash"] = event_hash(events[-1])
    (bag / ENTRIES).write_bytes(entries_bytes)
    (bag / EXPORT).write_bytes(_json_bytes(custody))
    (bag / EVENTS).write_bytes(b"".join(canonical_json(e) + b"\n" for e in events))
    files = [p for p in (bag / "data").rglob("*") if p.is_file()]
    info = bag / "bag-info.txt"
    info.write_text(
        "".join(
            f"Payload-Oxum: {sum(p.stat().st_size for p in files)}.{len(files)}\n"
            if line.startswith("Payload-Oxum:")
            else line
            for line in info.read_text().splitlines(keepends=True)
        )
    )
    rehash_all(bag)
    sign_with_ssh_keygen(bag, bundle.seed)
    return bag


def _first_revision_event(
    doc: dict[str, Any], events: list[dict[str, Any]]
) -> tuple[dict[str, Any], dict[str, Any]]:
    entry = doc["entries"][0]
    event = next(
        e for e in events if e["subject_id"] == entry["id"] and e["kind"] == "entry.created"
    )
    return entry["revisions"][0], event


def _failed(bag: Path, fingerprint: str) -> dict[str, str]:
    verdict = verify_bundle(bag, fingerprint=fingerprint).to_json()
    return {c["check"]: c["detail"] for c in verdict["checks"] if c["ok"] is False}


def test_an_untouched_bundle_of_version_3_events_verifies(bundle: Bundle) -> None:
    verdict = verify_bundle(bundle.zip, fingerprint=bundle.result.fingerprint)
    assert verdict.valid
    with zipfile.ZipFile(bundle.zip) as archive:
        doc = json.loads(archive.read(f"{bundle.result.export_id}/{ENTRIES}"))
    assert all(
        revision["format"] == 2 for entry in doc["entries"] for revision in entry["revisions"]
    )


def test_a_salted_revision_stripped_of_its_salt_is_refused(bundle: Bundle, tmp_path: Path) -> None:
    def strip_salt(doc: dict[str, Any], events: list[dict[str, Any]]) -> None:
        revision, event = _first_revision_event(doc, events)
        del revision["salt"], revision["format"]
        event["content_sha256"] = canonical_sha256(revision)  # "v": 2 kept

    failed = _failed(_forge(bundle, tmp_path, strip_salt), bundle.result.fingerprint)
    assert list(failed) == ["entries-match-chain"]
    assert "format is not the one its event's version requires" in failed["entries-match-chain"]


def test_a_chain_taken_back_to_version_1_is_refused(bundle: Bundle, tmp_path: Path) -> None:
    def downgrade(doc: dict[str, Any], events: list[dict[str, Any]]) -> None:
        revision, event = _first_revision_event(doc, events)
        del revision["salt"], revision["format"], event["v"]
        event["content_sha256"] = canonical_sha256(revision)

    failed = _failed(_forge(bundle, tmp_path, downgrade), bundle.result.fingerprint)
    assert list(failed) == ["chain"]
    assert "older format than the event before it" in failed["chain"]


@pytest.mark.parametrize("version", [1, 4, "3", "2"])
def test_an_unknown_event_version_is_refused(
    bundle: Bundle, tmp_path: Path, version: object
) -> None:
    def relabel(doc: dict[str, Any], events: list[dict[str, Any]]) -> None:
        events[1]["v"] = version

    failed = _failed(_forge(bundle, tmp_path, relabel), bundle.result.fingerprint)
    assert "chain" in failed and "does not know" in failed["chain"]
