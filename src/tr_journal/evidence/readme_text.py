"""LISEZ-MOI.txt and README.txt: what the bundle is and how to check it with standard tools.

These texts are for a lawyer who has never heard of tr-journal, so they use only commands that
ship with Linux, macOS and Windows 10+ (OpenSSH's ssh-keygen, sha256sum/shasum, certutil), and
cmd.exe rather than PowerShell, whose ``<`` redirection does not exist. They are tag files, so
they are signed too — which is exactly why they carry no fingerprint: a forger re-signs the
bundle with their own key and rewrites this text along with it. The only root of trust is the
key card handed over in person, compared with the fingerprint that ssh-keygen *prints* (see
docs/bundle-format.md, "Trust").

Each file holds the guide in the report's language, in English and in French, so that either
file alone is enough; the prose comes from the gettext catalogs, the commands never change.
"""

from __future__ import annotations

import textwrap

from tr_journal.crypto.signing import EVIDENCE_NAMESPACE
from tr_journal.errors import N_
from tr_journal.evidence.bag import (
    ALLOWED_SIGNERS,
    MANIFEST,
    SIGNATURE,
    SIGNER_IDENTITY,
    TAGMANIFEST,
)
from tr_journal.i18n import _, match_language, using_language

VERIFY = (
    f"ssh-keygen -Y verify -f {ALLOWED_SIGNERS} -I {SIGNER_IDENTITY} "
    f"-n {EVIDENCE_NAMESPACE} -s {SIGNATURE} < {TAGMANIFEST}"
)
VERIFY_WIN = VERIFY.replace("/", "\\")
#: What step 1 prints for a genuine bundle; SHA256:… is the key that really signed.
GOOD_LINE = f'Good "{EVIDENCE_NAMESPACE}" signature for {SIGNER_IDENTITY} with ED25519 key SHA256:…'
#: The commands of the Linux route, in order: the test runs them exactly as printed here.
LINUX_STEPS = (VERIFY, f"sha256sum -c {TAGMANIFEST}", f"sha256sum -c {MANIFEST}")
WIDTH = 96

TITLE = N_("EVIDENCE BUNDLE {export_id} — tr-journal")
WHAT = N_(
    "This folder is a BagIt 1.0 bag (RFC 8493) exported from an encrypted journal. It "
    "holds the original files, byte for byte as recorded (data/originals/), the journal "
    "entries (data/journal/entries.json), the whole event chain "
    "(data/journal/events.jsonl), the export's custody record (data/custody/export.json) "
    "and a readable report (data/report/)."
)
TRUST = N_(
    "WHO SIGNED IT: only the key card proves it. The key card is the paper the person "
    "handed you in person; it shows the fingerprint (SHA256:…) of their signing key. "
    "Step 1 below prints the fingerprint of the key that really signed this bundle, at "
    "the end of its line 'Good … signature for … with ED25519 key SHA256:…'. Compare "
    "that printed SHA256:… with the key card, character by character. If they differ, "
    "or if you have no key card, nothing shows that the bundle comes from the person, "
    "even if every step succeeds. A fingerprint written anywhere inside this bundle (in "
    "this file, the report or export.json) proves nothing: whoever made a forged bundle "
    "wrote it too."
)
HOW = N_("Verification (open a terminal IN this folder):")
STEP1 = N_("Step 1 must print:")
STEP1_CARD = N_("and the SHA256:… at the end of that line must be the fingerprint on the key card.")
STEPS23 = N_('Steps 2 and 3: every line must end with "OK".')
MACOS = N_("macOS 12 or newer (Terminal): the same ssh-keygen command as step 1, then:")
WINDOWS = N_(
    'Windows 10/11, in the Command Prompt cmd.exe (NOT PowerShell; "ssh -V" must '
    "show OpenSSH 8.1 or newer, otherwise update Windows): step 1 is"
)
WINDOWS_HASH = N_(
    "then, for each line of both manifests, compare the hash that this command "
    "prints with the one on the line:"
)
CARD_SIGNERS = N_(
    "If you prefer not to rely on this bundle's allowed_signers file at all: "
    "write a file with the line of the key card's public key (evidence@tr-journal "
    'namespaces="tr-journal-evidence-v1" ssh-ed25519 AAAA…) and give that file to '
    "-f in step 1. A bundle signed by any other key then fails step 1."
)
PROVES = N_(
    "What this proves: the files have not changed since the export and were signed by "
    "the key whose fingerprint ssh-keygen printed; if that fingerprint is the one on the "
    "key card, by the person's key. What it does not prove: that the times declared by "
    "the device are right, or who held the device."
)
ENTRIES = N_(
    "ENTRIES AND THE EVENT CHAIN: each line of data/journal/events.jsonl is an event; "
    'its "hash" is the SHA-256 of the event without that member, and "prev_hash" '
    "is the hash of the line before. For each revision of an entry in entries.json, "
    'the SHA-256 of its canonical JSON (RFC 8785) is the "content_sha256" of that '
    'entry\'s entry.created or entry.revised event, in order. Events with "v": 2 '
    'commit to revisions with "format": 2, which carry a random "salt" so that '
    'the hash of an entry not disclosed reveals nothing; events without "v" were '
    "written by earlier versions and commit to revisions without format or salt. "
    "`tr-journal verify` checks all of this; docs/bundle-format.md of tr-journal "
    "describes it in full."
)
ORIGINALS = N_(
    'ORIGINAL FILES: events with "v": 3 commit to revisions as those with "v": 2 do. '
    'The "content_sha256" of an attachment.added event with "v": 3 is the SHA-256 of '
    'the canonical JSON {"format":3,"salt":"…","sha256":"…"}, made of the file\'s '
    'SHA-256 and the random "salt" listed with the file in entries.json, so that the '
    "chain does not reveal which files the entries not disclosed hold. Older events "
    "record the file's SHA-256 itself."
)
IMPORTS = N_(
    'IMPORTED ENTRIES: an entry imported from a phone export lists under "imported" in '
    'entries.json where it came from: the export file\'s name ("file") and SHA-256 '
    '("sha256"), its format and its row ("row"). The SHA-256 of each record\'s canonical JSON '
    'is the "content_sha256" of the entry\'s entry.imported event. With "v": 3 the record '
    'holds a random "salt", so that the chain does not reveal which entries not disclosed '
    "came from a file that others hold too."
)

STAMPS = N_(
    "TIME STAMPS: data/stamps/ holds time stamps from time-stamp authorities (RFC 3161). "
    "Each proves that the event chain up to the hash in its -head.txt file existed no "
    'later than the time it certifies (shown by the second command, "Time stamp:"); '
    'that hash is the "hash" of an event of data/journal/events.jsonl. Check each '
    "stamp with OpenSSL: Linux and macOS have openssl; on Windows the commands below "
    "use the openssl.exe that Git for Windows installs. The first command must print "
    '"Verification: OK".'
)
STAMPS_ROOT = N_(
    "The -tsa-chain.pem file comes from the bundle itself. For full assurance, "
    "give -CAfile the root certificate downloaded from the authority's own "
    "website instead."
)


#: Git for Windows ships OpenSSL; cmd.exe needs its full path (it is not on PATH there).
GIT_OPENSSL = '"C:\\Program Files\\Git\\usr\\bin\\openssl.exe"'


def stamp_commands(stamp_id: str, windows: bool = False) -> tuple[str, str]:
    """``openssl ts -verify`` and ``-reply -text`` for one stamp (tests run them as printed)."""
    base = f"data/stamps/{stamp_id}"
    verify = f"openssl ts -verify -data {base}-head.txt -in {base}.tsr -CAfile {base}-tsa-chain.pem"
    show = f"openssl ts -reply -in {base}.tsr -text"
    if windows:
        verify, show = (
            GIT_OPENSSL + c[len("openssl") :].replace("/", "\\") for c in (verify, show)
        )
    return verify, show


def _stamp_lines(stamps: list[str]) -> list[str]:
    if not stamps:
        return []
    lines = [*_wrap(_(STAMPS))]
    for stamp_id in stamps:
        lines += [f"  {command}" for command in stamp_commands(stamp_id)]
    lines += ["  Windows (cmd.exe):"]
    for stamp_id in stamps:
        lines += [f"  {command}" for command in stamp_commands(stamp_id, windows=True)]
    return [*lines, *_wrap(_(STAMPS_ROOT)), ""]


def _wrap(text: str) -> list[str]:
    return textwrap.wrap(text, WIDTH, break_long_words=False, break_on_hyphens=False)


def guide(lang: str, export_id: str, stamps: list[str] | None = None) -> str:
    """The whole guide in one language (English where the catalog has no translation)."""
    with using_language(lang):
        title = _(TITLE).format(export_id=export_id)
        lines = [
            title,
            "=" * min(len(title), WIDTH),
            "",
            *_wrap(_(WHAT)),
            "",
            *_wrap(_(TRUST)),
            "",
            _(HOW),
            "",
            "Linux",
        ]
        lines += [f"  {number}. {command}" for number, command in enumerate(LINUX_STEPS, 1)]
        lines += [
            "",
            *_wrap(_(STEP1)),
            f"  {GOOD_LINE}",
            *_wrap(_(STEP1_CARD)),
            *_wrap(_(STEPS23)),
            "",
            *_wrap(_(MACOS)),
            f"  shasum -a 256 -c {TAGMANIFEST}",
            f"  shasum -a 256 -c {MANIFEST}",
            "",
            *_wrap(_(WINDOWS)),
            f"  {VERIFY_WIN}",
            *_wrap(_(WINDOWS_HASH)),
            "  certutil -hashfile <path> SHA256",
            "",
            *_wrap(_(ENTRIES)),
            "",
            *_wrap(_(ORIGINALS)),
            "",
            *_wrap(_(IMPORTS)),
            "",
            *_stamp_lines(stamps or []),
            *_wrap(_(CARD_SIGNERS)),
            "",
            *_wrap(_(PROVES)),
            "",
            "",
        ]
    return "\n".join(lines)


def _languages(first: str, report_lang: str) -> list[str]:
    order = [first, *(code for code in ("en", "fr") if code != first)]
    code = match_language(report_lang)
    return order if code in order else [code, *order]


def readme_fr(export_id: str, lang: str = "fr", stamps: list[str] | None = None) -> str:
    """LISEZ-MOI.txt: the report's language if it is another, then French, then English."""
    return "".join(guide(code, export_id, stamps) for code in _languages("fr", lang))


def readme_en(export_id: str, lang: str = "en", stamps: list[str] | None = None) -> str:
    """README.txt: the report's language if it is another, then English, then French."""
    return "".join(guide(code, export_id, stamps) for code in _languages("en", lang))
