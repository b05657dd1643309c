"""The journal part of verifying a bundle: the event chain, and the entries and originals
against the hashes it recorded (docs/bundle-format.md).

Everything is streamed so that memory stays bounded on hostile input (evidence/bounded_json.py):
a first pass over ``entries.json`` collects only the disclosed ids; the chain is then read a
line at a time, keeping for each disclosed entry a running digest of the hashes its events
recorded (32 bytes, however many revisions) and for each disclosed original the one hash its
``attachment.added`` event recorded, with that event's version; a second pass over
``entries.json`` compares, entry by entry. No more than :data:`SHOWN` problems are kept per check.

Each disclosed revision must also be of the format its event's version requires (docs/
bundle-format.md, "Event versions"): beside the digest of the hashes, a second running digest of
the events' versions is compared with one of the revisions' formats. Transcripts of disclosed
originals are checked the same way against their ``transcript.*`` events. An original under a
version-3 event is checked against its salted commitment, computed from its listed SHA-256 and
salt (docs/record-format.md, "Salted originals"); under an older event, against its SHA-256.
The provenance records a disclosed imported entry lists are hashed, in order, against its
``entry.imported`` events the same way (a running digest; docs/imports.md, "Provenance").
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, BinaryIO, cast

from tr_journal.canonical import canonical_sha256
from tr_journal.domain.attachment import original_commitment
from tr_journal.domain.entry import REVISION_FORMAT, is_salt, revision_format
from tr_journal.domain.event import REVISION_FORMAT_OF_VERSION, SALTED_ORIGINALS_VERSION
from tr_journal.domain.provenance import SALTED_PROVENANCE_VERSION, ImportProvenance
from tr_journal.errors import N_, Sentence
from tr_journal.evidence import bag
from tr_journal.evidence.bounded_json import JsonRefused, iter_entries, iter_lines
from tr_journal.journal.chain import event_version, verify_events

SHOWN = 20
#: Originals one export may disclose: each is a member of the zip (zipcheck.MAX_MEMBERS).
MAX_ATTACHMENTS = 100_000
ENTRY_KINDS = ("entry.created", "entry.revised")
TRANSCRIPT_KINDS = ("transcript.created", "transcript.revised")
STAMP_KIND = "stamp.imported"
IMPORT_KIND = "entry.imported"
#: Events kept for the time-stamp check: one per stamped head and per reply in a real chain.
MAX_STAMP_EVENTS = 10_000
Opener = Callable[[], BinaryIO]


def note(problems: list[Any], problem: Any) -> None:
    """Keep a problem if fewer than SHOWN are kept (a hostile file can make millions)."""
    if len(problems) < SHOWN:
        problems.append(problem)


@dataclass
class Disclosed:
    """The subjects whose events the verifier keeps: disclosed entries and originals, and the
    events the time stamps listed in export.json name (docs/timestamps.md)."""

    entries: set[str] = field(default_factory=set)
    attachments: set[str] = field(default_factory=set)
    transcripts: set[str] = field(default_factory=set)
    stamp_seqs: set[int] = field(default_factory=set)
    stamp_ids: set[str] = field(default_factory=set)

    def stamps_of(self, custody: dict[str, Any] | None) -> None:
        listed = (custody or {}).get("stamps")
        for item in listed if isinstance(listed, list) else []:
            if isinstance(item, dict):
                self.stamp_ids.add(str(item.get("id")))
                if isinstance(item.get("covers_seq"), int):
                    self.stamp_seqs.add(item["covers_seq"])


def _dicts(value: Any) -> list[dict[str, Any]] | None:
    """``value`` if it is a list of objects, else ``None``."""
    if isinstance(value, list) and all(isinstance(v, dict) for v in value):
        return cast("list[dict[str, Any]]", value)
    return None


def disclosed_ids(open_entries: Opener) -> Disclosed:
    """The ids of the disclosed entries and originals (first pass over entries.json)."""
    found = Disclosed()
    with open_entries() as handle:
        for entry in iter_entries(handle, bag.ENTRIES_JSON):
            found.entries.add(str(entry.get("id")))
            for attachment in _dicts(entry.get("attachments", [])) or []:
                found.attachments.add(str(attachment.get("id")))
                for transcript in _dicts(attachment.get("transcripts", [])) or []:
                    found.transcripts.add(str(transcript.get("id")))
                if len(found.attachments) > MAX_ATTACHMENTS:
                    raise JsonRefused(
                        N_("{path} names more originals than any export writes; refused"),
                        path=bag.ENTRIES_JSON,
                    )
    return found


def _step(digest: bytes, content_hash: str) -> bytes:
    return hashlib.sha256(digest + content_hash.encode("ascii", "replace")).digest()


def _salted(version: int | None) -> str:
    """Whether an ``entry.imported`` event of ``version`` commits to a salted record."""
    if version is None:
        return "/unknown"
    return "/salted" if version >= SALTED_PROVENANCE_VERSION else "/plain"


def imports_digest(records: list[dict[str, Any]]) -> bytes | None:
    """The running digest of a disclosed entry's provenance records, comparable with
    ``Chain.imports``; None when one is not a record as the writer makes them."""
    digest = b""
    for doc in records:
        record = ImportProvenance.from_json(doc)
        if record is None:
            return None
        digest = _step(
            digest, record.event_content + ("/plain" if record.salt is None else "/salted")
        )
    return digest


@dataclass
class Chain:
    """What the verifier keeps of a chain read a line at a time."""

    count: int = 0
    last: dict[str, Any] | None = None
    problems: list[Sentence] = field(default_factory=list)
    entries: dict[str, bytes] = field(default_factory=dict)  # running digests
    versions: dict[str, bytes] = field(default_factory=dict)  # ... of event versions
    #: running digest of the entry.imported events of each disclosed entry: hash and whether
    #: its version requires a salted record (docs/imports.md, "Provenance")
    imports: dict[str, bytes] = field(default_factory=dict)
    #: (recorded hash, event version) per disclosed original; None: added twice
    originals: dict[str, tuple[str, int | None] | None] = field(default_factory=dict)
    stamp_events: list[dict[str, Any]] = field(default_factory=list)

    def record(self, event: dict[str, Any], disclosed: Disclosed) -> None:
        self.count += 1
        self.last = event
        subject, kind = str(event.get("subject_id")), event.get("kind")
        content = str(event.get("content_sha256"))
        if (kind in ENTRY_KINDS and subject in disclosed.entries) or (
            kind in TRANSCRIPT_KINDS and subject in disclosed.transcripts
        ):
            self.entries[subject] = _step(self.entries.get(subject, b""), content)
            version = event_version(event)
            required = None if version is None else REVISION_FORMAT_OF_VERSION[version]
            self.versions[subject] = _step(self.versions.get(subject, b""), str(required))
        elif kind == IMPORT_KIND and subject in disclosed.entries:
            self.imports[subject] = _step(
                self.imports.get(subject, b""), content + _salted(event_version(event))
            )
        elif kind == "attachment.added" and subject in disclosed.attachments:
            recorded = (content, event_version(event))
            self.originals[subject] = None if subject in self.originals else recorded
        seq = event.get("seq")
        if (
            (isinstance(seq, int) and seq in disclosed.stamp_seqs)
            or (kind == STAMP_KIND and subject in disclosed.stamp_ids)
        ) and (len(self.stamp_events) < MAX_STAMP_EVENTS):
            self.stamp_events.append(event)


def read_chain(handle: BinaryIO, disclosed: Disclosed) -> Chain:
    """Check the chain's links and hashes while keeping only what the entries need."""
    chain = Chain()

    def events() -> Iterator[dict[str, Any]]:
        for event in iter_lines(handle, bag.EVENTS_JSONL):
            if not isinstance(event, dict):
                raise JsonRefused(N_("events.jsonl holds something other than events"))
            chain.record(event, disclosed)
            yield event

    stream = events()
    chain.problems = verify_events(stream, max_problems=SHOWN)
    for _rest in stream:  # read to the end (one line at a time) for the last event and count
        pass
    return chain


def revision_digest(revisions: list[dict[str, Any]]) -> bytes | None:
    digest = b""
    for revision in revisions:
        try:
            digest = _step(digest, canonical_sha256(revision))
        except (ValueError, TypeError):
            return None
    return digest


def format_digest(revisions: list[dict[str, Any]]) -> bytes:
    """The running digest of the revisions' formats, comparable with ``Chain.versions``."""
    digest = b""
    for revision in revisions:
        digest = _step(digest, str(revision_format(revision)))
    return digest


def _revisions_problem(
    subject: str, revisions: list[dict[str, Any]] | None, chain: Chain, transcript: bool = False
) -> str | None:
    """The template of what is wrong with a subject's revisions, or None."""
    given = revision_digest(revisions) if revisions else None
    if given is None or given != chain.entries.get(subject):
        return (
            N_("transcript {transcript} does not match the hashes in the chain")
            if transcript
            else N_("entry {entry} does not match the hashes in the chain")
        )
    formats = format_digest(revisions or [])
    if formats != chain.versions.get(subject) or (
        transcript and any(revision_format(r) != REVISION_FORMAT for r in revisions or [])
    ):
        return (
            N_("transcript {transcript} does not match the hashes in the chain")
            if transcript
            else N_(
                "entry {entry} has a revision whose format is not the one "
                "its event's version requires"
            )
        )
    return None


@dataclass
class Matches:
    entries: int = 0
    entry_problems: list[Any] = field(default_factory=list)
    original_problems: list[Any] = field(default_factory=list)
    seen_paths: set[str] = field(default_factory=set)


def match_entries(
    open_entries: Opener,
    chain: Chain,
    hashes: dict[str, str],
    make: Callable[[str, dict[str, Any]], Any],
) -> Matches:
    """Second pass over entries.json: each entry and original against the chain.

    ``hashes`` are the SHA-256 actually read of the bundle's files; ``make`` builds a problem
    from a template and its values (the verifier's translatable Text).
    """
    found = Matches()
    with open_entries() as handle:
        for entry in iter_entries(handle, bag.ENTRIES_JSON):
            found.entries += 1
            entry_id = str(entry.get("id"))
            problem = _revisions_problem(entry_id, _dicts(entry.get("revisions", [])), chain)
            if problem:
                note(found.entry_problems, make(problem, {"entry": entry_id}))
            if "imported" in entry and _imports_problem(entry, chain):
                note(
                    found.entry_problems,
                    make(
                        N_("entry {entry}: its import record does not match the chain"),
                        {"entry": entry_id},
                    ),
                )
            attachments = _dicts(entry.get("attachments", []))
            if attachments is None:
                note(
                    found.original_problems,
                    make(
                        N_("entry {entry} lists its originals in a form the exporter never writes"),
                        {"entry": entry_id},
                    ),
                )
                continue
            for attachment in attachments:
                aid, path = str(attachment.get("id")), str(attachment.get("path"))
                found.seen_paths.add(path)
                problem = original_problem(attachment, chain.originals.get(aid), hashes.get(path))
                if problem:
                    note(found.original_problems, make(problem, {"attachment": aid, "path": path}))
                _match_transcripts(attachment, chain, found, make)
    return found


def _imports_problem(entry: dict[str, Any], chain: Chain) -> bool:
    """Whether a disclosed entry's listed provenance records fail to hash, in order, to its
    ``entry.imported`` events, each salted exactly when its event's version requires it
    (docs/bundle-format.md, "Event versions"). An entry that lists none claims nothing."""
    records = _dicts(entry["imported"])
    given = imports_digest(records) if records else None
    return given is None or given != chain.imports.get(str(entry.get("id")))


def original_problem(
    attachment: dict[str, Any], recorded: tuple[str, int | None] | None, actual: str | None
) -> str | None:
    """The template of what is wrong with a disclosed original, or None.

    ``recorded`` is its event's hash and version, ``actual`` the SHA-256 read of its file. The
    listed ``sha256`` must be the file's; the event must record, from version 3 on, the salted
    commitment of that hash with the listed ``salt`` (docs/record-format.md, "Salted
    originals"), before that the hash itself (and the original then lists no salt).
    """
    mismatch = N_("original {attachment} ({path}) does not match its hash in the chain")
    listed = attachment.get("sha256")
    if recorded is None or not isinstance(listed, str) or actual != listed:
        return mismatch
    content, version = recorded
    if version is not None and version >= SALTED_ORIGINALS_VERSION:
        salt = attachment.get("salt")
        if not is_salt(salt):
            return N_(
                "original {attachment} ({path}) lacks the salt its event's version requires "
                "(at least 32 lowercase hexadecimal digits)"
            )
        return None if content == original_commitment(listed, str(salt)) else mismatch
    return None if content == listed and "salt" not in attachment else mismatch


def _match_transcripts(
    attachment: dict[str, Any],
    chain: Chain,
    found: Matches,
    make: Callable[[str, dict[str, Any]], Any],
) -> None:
    """A disclosed original's transcripts: each one's revisions, in order, hash to its
    events' hashes, all format 2 under version-2 events, its id under the original's."""
    listed = attachment.get("transcripts", [])
    transcripts = _dicts(listed)
    for transcript in transcripts if transcripts is not None else [{}]:
        tid = str(transcript.get("id"))
        problem = _revisions_problem(
            tid, _dicts(transcript.get("revisions", [])), chain, transcript=True
        )
        if problem is None and not tid.startswith(f"{attachment.get('id')}-T"):
            problem = N_("transcript {transcript} does not match the hashes in the chain")
        if problem:
            note(found.entry_problems, make(problem, {"transcript": tid}))
