"""Verify an evidence bundle without the vault (docs/bundle-format.md); say what it means.

The checks mirror the standard-tool route (ssh-keygen, then sha256sum on both manifests) and add
what those tools cannot see: files listed nowhere, the Payload-Oxum, the event chain, and that
every disclosed entry and original matches the hash the chain recorded when it was logged.
Each check reports separately so a lawyer learns where a failure is, not only that there is one.

Event versions (docs/bundle-format.md, "Event versions"): an event without ``v`` is version 1 and
commits to an unsalted format-1 revision; ``"v": 2`` is inside the event's hash and commits to a
salted format-2 revision (docs/record-format.md). The chain check refuses any other ``v`` and a
version that goes back; the entries check (:mod:`tr_journal.evidence.verify_journal`) refuses a
revision, or a transcript revision, whose format is not the one its event's version requires.
"""

from __future__ import annotations

import hashlib
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from tr_journal.canonical import canonical_sha256
from tr_journal.errors import N_, Cancelled, Sentence
from tr_journal.evidence import bag
from tr_journal.evidence import verify_journal as journal
from tr_journal.evidence.bounded_json import JsonRefused, load_document
from tr_journal.evidence.source import BagSource, DamagedMember, UnsafeBundle, open_bundle
from tr_journal.evidence.sshsig import SignatureProblem, parse_allowed_signers, verify_sshsig
from tr_journal.i18n import _
from tr_journal.untrusted import one_line

if TYPE_CHECKING:  # imported when a bundle has time stamps (asn1crypto is not needed before)
    from tr_journal.evidence import verify_stamps

Progress = Callable[[int, int], None]
CancelCheck = Callable[[], bool]
BLOCK = 1024 * 1024
#: The check that compares the signing key with the fingerprint from the key card.
PIN_CHECK = "fingerprint-pin"
#: A manifest line is about 100 bytes; a bundle has at most zipcheck.MAX_MEMBERS files.
MAX_MANIFEST = 16 * 1024 * 1024


@dataclass(frozen=True)
class Text:
    """A sentence kept as an ``N_()`` template and its values, so it can be said in any language.

    A value may itself be a ``Text`` (translated too) or a list of them (joined with "; ").
    """

    template: str
    params: dict[str, Any] = field(default_factory=dict)

    def render(self, translate: Callable[[str], str] = _) -> str:
        return translate(self.template).format(
            **{k: _render_value(v, translate) for k, v in self.params.items()}
        )


def _render_value(value: Any, translate: Callable[[str], str]) -> Any:
    if isinstance(value, Text):
        return value.render(translate)
    if isinstance(value, list):
        return translate(N_("; ")).join(str(_render_value(v, translate)) for v in value)
    return value


def _english(message: str) -> str:
    return message


def _from(problem: Sentence | SignatureProblem | DamagedMember | JsonRefused) -> Text:
    """A lower layer's finding (chain, manifest parser, SSHSIG parser), kept as its template."""
    return Text(problem.template, dict(problem.params))


@dataclass
class Check:
    """One check. ``detail`` is the English sentence (the JSON, scripts and tests read it);
    ``template`` and ``params`` say it again in the reader's language through ``text()``.

    ``ok`` is ``None`` for a check that was not done: the key check without a fingerprint from
    the key card. Not done is neither passed nor failed, and is never shown as passed.
    """

    check: str
    ok: bool | None
    detail: str
    template: str = "{detail}"
    params: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, check: str, ok: bool | None, message: Text) -> Check:
        return cls(check, ok, message.render(_english), message.template, message.params)

    @property
    def failed(self) -> bool:
        return self.ok is False

    def text(self) -> str:
        """The detail in the current language (falls back to English if no template)."""
        if not self.params and self.template == "{detail}":
            return _(self.detail)
        return Text(self.template, self.params).render()


@dataclass
class Verdict:
    """``valid``: no check failed. ``signer_confirmed``: the signing key was also compared with
    a fingerprint given from the key card and matched; only then is the author proven."""

    valid: bool
    fingerprint: str | None
    checks: list[Check] = field(default_factory=list)

    @property
    def signer_confirmed(self) -> bool:
        return self.valid and any(c.check == PIN_CHECK and c.ok is True for c in self.checks)

    def to_json(self) -> dict[str, Any]:
        return {
            "valid": self.valid,
            "signer_confirmed": self.signer_confirmed,
            "fingerprint": self.fingerprint,
            "checks": [{"check": c.check, "ok": c.ok, "detail": c.detail} for c in self.checks],
        }


@dataclass
class _State:
    source: BagSource
    checks: list[Check] = field(default_factory=list)
    hashes: dict[str, str] = field(default_factory=dict)  # actual SHA-256 of files read
    fingerprint: str | None = None

    def add(self, name: str, problems: list[Text], ok_template: str, **ok_params: Any) -> None:
        message = (
            Text("{problems}", {"problems": problems[:20]})
            if problems
            else Text(ok_template, ok_params)
        )
        self.checks.append(Check.of(name, not problems, message))


def _hash_files(
    state: _State, paths: list[str], progress: Progress | None, cancelled: CancelCheck | None
) -> None:
    present = [p for p in paths if p in state.source.files and p not in state.hashes]
    total = sum(state.source.files[p] for p in present)
    done = 0
    for path in present:
        digest = hashlib.sha256()
        with state.source.open(path) as handle:
            while block := handle.read(BLOCK):
                if cancelled is not None and cancelled():
                    raise Cancelled()
                digest.update(block)
                done += len(block)
                if progress is not None:
                    progress(done, total)
        state.hashes[path] = digest.hexdigest()


def _check_signature(state: _State, pin: str | None) -> None:
    tagmanifest = state.source.read(bag.TAGMANIFEST, MAX_MANIFEST)
    signature = state.source.read(bag.SIGNATURE, 1 << 16)
    signers = state.source.read(bag.ALLOWED_SIGNERS, 1 << 16)
    problems = [
        Text(N_("{path} is missing"), {"path": name})
        for name, data in (
            (bag.TAGMANIFEST, tagmanifest),
            (bag.SIGNATURE, signature),
            (bag.ALLOWED_SIGNERS, signers),
        )
        if data is None
    ]
    if not problems:
        assert tagmanifest is not None and signature is not None and signers is not None
        try:
            info = verify_sshsig(signature, tagmanifest, parse_allowed_signers(signers))
            state.fingerprint = info.fingerprint
        except SignatureProblem as exc:
            problems.append(_from(exc))
    state.add(
        "signature",
        problems,
        N_("good signature of {path} by the key {fingerprint}"),
        path=bag.TAGMANIFEST,
        fingerprint=state.fingerprint,
    )
    if pin is None:  # not done: only the key card, given in person, can say whose key it is
        state.checks.append(
            Check.of(
                PIN_CHECK,
                None,
                Text(
                    N_("no fingerprint was given: compare {fingerprint} with the key card"),
                    {"fingerprint": state.fingerprint},
                )
                if state.fingerprint
                else Text(
                    N_(
                        "no fingerprint was given, and no valid signature names a key to compare "
                        "with the key card"
                    )
                ),
            )
        )
    else:
        match = state.fingerprint is not None and state.fingerprint == pin.strip()
        signer = state.fingerprint or Text(N_("no valid key"))
        state.add(
            PIN_CHECK,
            []
            if match
            else [
                Text(
                    N_("the bundle is signed by {signer}, not by the expected {expected}"),
                    {"signer": signer, "expected": pin.strip()},
                )
            ],
            N_("the signing key is the expected {expected}"),
            expected=pin.strip(),
        )


def _check_manifest(
    state: _State, name: str, tag: bool, progress: Progress | None, cancelled: CancelCheck | None
) -> dict[str, str]:
    check = "tag-manifest" if tag else "payload-manifest"
    data = state.source.read(name, MAX_MANIFEST)
    if data is None:
        state.add(
            check,
            [
                Text(N_("{path} is missing"), {"path": name})
                if name not in state.source.files
                else Text(
                    N_("{path} is larger than any export writes ({size} bytes); refused"),
                    {"path": name, "size": state.source.files[name]},
                )
            ],
            "",
        )
        return {}
    listed, found = bag.parse_manifest(data, journal.SHOWN)
    problems: list[Text] = []
    for problem in found:
        journal.note(
            problems,
            Text(N_("{manifest}: {problem}"), {"manifest": name, "problem": _from(problem)}),
        )
    for path in listed:
        if not bag.is_safe_relative(path) or path.startswith("data/") == tag:
            journal.note(
                problems,
                Text(
                    N_("{manifest} lists a path it must not: {path}"),
                    {"manifest": name, "path": path},
                ),
            )
    if tag:
        for path in bag.REQUIRED_TAG_FILES:
            if path not in listed:
                journal.note(
                    problems,
                    Text(N_("{manifest} does not cover {path}"), {"manifest": name, "path": path}),
                )
    _hash_files(state, sorted(listed), progress, cancelled)
    for path, digest in sorted(listed.items()):
        if path not in state.source.files:
            journal.note(problems, Text(N_("{path} is listed but missing"), {"path": path}))
        elif state.hashes.get(path) != digest:
            journal.note(
                problems,
                Text(
                    N_("{path} has changed (its SHA-256 differs from {manifest})"),
                    {"path": path, "manifest": name},
                ),
            )
    state.add(
        check,
        problems,
        N_("all {count} files listed in {manifest} are present and unchanged"),
        count=len(listed),
        manifest=name,
    )
    return listed


def _parents(path: str) -> set[str]:
    parts = path.split("/")[:-1]
    return {"/".join(parts[:n]) for n in range(1, len(parts) + 1)}


def _check_listing(state: _State, tags: dict[str, str], payload: dict[str, str]) -> None:
    """Only what the writer writes: listed files, the few files outside the manifests
    (bag.OUTSIDE_MANIFESTS), and folders that hold them; nothing else, anywhere."""
    allowed = set(tags) | set(payload) | bag.OUTSIDE_MANIFESTS
    extra = sorted(p for p in state.source.files if p not in allowed)
    parents: set[str] = set()
    for path in state.source.files:
        if path in allowed:
            parents |= _parents(path)
    empty = sorted(d for d in state.source.dirs if d not in parents)
    state.add(
        "unlisted-files",
        [Text(N_("{path} is not listed in any manifest"), {"path": p}) for p in extra]
        + [Text(N_("the folder {path} holds no listed file"), {"path": d + "/"}) for d in empty],
        N_("every file is listed in a manifest"),
    )
    info = bag.parse_bag_info(state.source.read(bag.BAG_INFO, 1 << 20) or b"")
    actual = [p for p in state.source.files if p.startswith("data/")]
    oxum = f"{sum(state.source.files[p] for p in actual)}.{len(actual)}"
    declared = info.get("Payload-Oxum")
    state.add(
        "payload-oxum",
        []
        if declared == oxum
        else [
            Text(
                N_("bag-info.txt declares Payload-Oxum {declared}, the payload is {actual}"),
                {"declared": declared, "actual": oxum},
            )
        ],
        N_("Payload-Oxum {actual} matches"),
        actual=oxum,
    )


def _load_custody(state: _State, problems: list[Text]) -> dict[str, Any] | None:
    path = bag.EXPORT_JSON
    if path not in state.source.files:
        problems.append(Text(N_("{path} is missing"), {"path": path}))
        return None
    with state.source.open(path) as handle:
        custody = load_document(handle, path, state.source.files[path])
    return custody if isinstance(custody, dict) else None


def _opener(state: _State, path: str) -> Callable[[], BinaryIO]:
    if path not in state.source.files:
        raise JsonRefused(N_("{path} is missing"), path=path)
    return lambda: state.source.open(path)


def _check_journal(state: _State, payload: dict[str, str]) -> None:
    """The chain, then the entries and originals against it (evidence/verify_journal.py)."""
    problems: list[Text] = []
    try:
        custody = _load_custody(state, problems)
        open_entries = _opener(state, bag.ENTRIES_JSON)
        disclosed = journal.disclosed_ids(open_entries)
        disclosed.stamps_of(custody)
        with _opener(state, bag.EVENTS_JSONL)() as handle:
            chain = journal.read_chain(handle, disclosed)
    except JsonRefused as exc:
        state.add("chain", [*problems, _from(exc)], "")
        for name in ("entries-match-chain", "originals-match-chain"):
            state.add(name, [Text(N_("not checked: the chain could not be read"))], "")
        return
    problems += [_from(p) for p in chain.problems]
    last = chain.last
    if last is not None and (
        custody is None
        or last.get("kind") != "export.created"
        or (
            last.get("subject_id") != custody.get("export_id")
            or last.get("content_sha256") != canonical_sha256(custody)
        )
    ):
        problems.append(
            Text(N_("the last event is not this export, or export.json does not match it"))
        )
    if (
        custody is not None
        and state.fingerprint
        and (custody.get("key_fingerprint") != state.fingerprint)
    ):
        problems.append(Text(N_("export.json names another signing key than the one that signed")))
    state.add(
        "chain", problems, N_("{count} events link up, ending with this export"), count=chain.count
    )
    try:
        found = journal.match_entries(open_entries, chain, state.hashes, Text)
    except JsonRefused as exc:
        state.add("entries-match-chain", [_from(exc)], "")
        state.add(
            "originals-match-chain",
            [Text(N_("not checked: {path} could not be read"), {"path": bag.ENTRIES_JSON})],
            "",
        )
        return
    originals = found.original_problems
    for path in payload:
        if path.startswith("data/originals/") and path not in found.seen_paths:
            journal.note(
                originals,
                Text(N_("{path} is not an original of any disclosed entry"), {"path": path}),
            )
    state.add(
        "entries-match-chain",
        found.entry_problems,
        N_("{count} entries match the chain, every revision included"),
        count=found.entries,
    )
    state.add(
        "originals-match-chain",
        originals,
        N_("{count} originals match the hashes recorded at import"),
        count=len(found.seen_paths),
    )
    _check_stamps(state, chain.stamp_events, custody)


def _stamp_text(finding: verify_stamps.Finding) -> Text:
    return Text(
        finding.template,
        {k: Text(*v) if isinstance(v, tuple) else v for k, v in finding.params.items()},
    )


def _check_stamps(
    state: _State, events: list[dict[str, Any]], custody: dict[str, Any] | None
) -> None:
    """Time stamps carried in the bundle (docs/timestamps.md); no check when there are none.
    ``events`` are only the events the stamps name (journal.Chain.stamp_events)."""
    from tr_journal.evidence import verify_stamps

    listed = (custody or {}).get("stamps")
    present = {p for p in state.source.files if p.startswith(verify_stamps.STAMPS_DIR + "/")}
    if not listed and not present:
        return
    items = listed if isinstance(listed, list) else []
    findings = [
        verify_stamps.check_stamp(
            item if isinstance(item, dict) else {}, lambda p: state.source.read(p, 1 << 20), events
        )
        for item in items
    ]
    expected = {
        path
        for item in items
        if isinstance(item, dict)
        for path in vars(verify_stamps.stamp_files(str(item.get("id")))).values()
    }
    problems = [_stamp_text(f) for f in findings if not f.ok]
    problems += [
        Text(N_("{path} is not a file of any time stamp listed in export.json"), {"path": p})
        for p in sorted(present - expected)
    ]
    if problems:
        state.add("time-stamps", problems, "")
    else:
        state.checks.append(
            Check.of(
                "time-stamps",
                True,
                Text("{stamps}", {"stamps": [_stamp_text(f) for f in findings]}),
            )
        )


def verify_bundle(
    path: Path,
    fingerprint: str | None = None,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> Verdict:
    """Run every check of docs/bundle-format.md on a zip or an extracted folder; never raises
    on bad input."""
    try:
        source = open_bundle(Path(path))
    except UnsafeBundle as exc:
        reason = Text(exc.template, exc.params)
        return Verdict(
            False,
            None,
            [
                Check.of(
                    "zip-safety",
                    False,
                    Text(N_("refused before reading: {reason}"), {"reason": reason}),
                )
            ],
        )
    with source:
        state = _State(
            source,
            [Check.of("zip-safety", True, Text(source.detail_template, source.detail_params))],
        )
        try:
            _check_signature(state, fingerprint)
            tags = _check_manifest(state, bag.TAGMANIFEST, True, None, cancelled)
            payload = _check_manifest(state, bag.MANIFEST, False, progress, cancelled)
            _check_listing(state, tags, payload)
            _check_journal(state, payload)
        except (
            OSError,
            EOFError,
            ValueError,
            KeyError,
            TypeError,
            AttributeError,
            NotImplementedError,
            RuntimeError,
            zipfile.BadZipFile,
            zlib.error,
        ) as exc:
            error: Text | str = (
                _from(exc) if isinstance(exc, DamagedMember) else f"{type(exc).__name__}: {exc}"
            )
            state.checks.append(
                Check.of(
                    "payload-manifest",
                    False,
                    Text(N_("a file could not be read ({error})"), {"error": error}),
                )
            )
    valid = not any(c.failed for c in state.checks)
    return Verdict(valid, state.fingerprint, state.checks)


CHECK_LABELS = {
    "zip-safety": N_("The archive is safe to open"),
    "signature": N_("Signature (ssh-keygen)"),
    PIN_CHECK: N_("Signing key compared with the key card"),
    "tag-manifest": N_("Tag manifest"),
    "payload-manifest": N_("Payload manifest (every file's SHA-256)"),
    "unlisted-files": N_("No extra files"),
    "payload-oxum": N_("Payload size and count"),
    "chain": N_("Event chain"),
    "entries-match-chain": N_("Entries match the chain"),
    "originals-match-chain": N_("Originals match the chain"),
    "time-stamps": N_("Time stamps (RFC 3161)"),
}


def _mark(check: Check) -> str:
    if check.ok is None:
        return _("not done")
    return _("ok") if check.ok else _("FAILED")


def describe_verdict(verdict: Verdict) -> str:
    """The verdict for a lawyer: the conclusion first, then each check and where it failed.

    Without a fingerprint from the key card the verdict never says who signed: the bundle names
    its own key, and a forger's bundle names the forger's. Each check's detail may quote names
    from the bundle, so it is kept on its one line (:func:`one_line`).
    """
    if not verdict.valid:
        head = _(
            "NOT VALID: this evidence bundle fails the checks marked FAILED below; do "
            "not rely on it as it is."
        )
    elif verdict.signer_confirmed:
        head = _(
            "VALID: this evidence bundle is complete and unaltered since it was signed by "
            "the key {fingerprint}, the one on the key card."
        ).format(fingerprint=verdict.fingerprint)
    else:
        head = _(
            "INTACT, AUTHOR UNPROVEN: this evidence bundle is complete and unaltered since "
            "it was signed by the key {fingerprint}, but nothing inside a bundle proves "
            "whose key that is."
        ).format(fingerprint=verdict.fingerprint)
    lines = [head, ""]
    for check in verdict.checks:
        lines.append(
            _(N_("[{mark}] {label}: {detail}")).format(
                mark=_mark(check),
                label=_(CHECK_LABELS.get(check.check, check.check)),
                detail=one_line(check.text()),
            )
        )
    if verdict.valid and not verdict.signer_confirmed:
        lines += [
            "",
            _(
                "The author is unproven without the key card. Compare {fingerprint} "
                "with the fingerprint on the key card the person gave you in person, "
                "or run verify again with --fingerprint and the card's fingerprint. "
                "A fingerprint written anywhere inside the bundle proves nothing."
            ).format(fingerprint=verdict.fingerprint),
        ]
    return "\n".join(lines)
