"""The dossier's fixed pages: cover, attestation, the times explained, what the checks prove,
and the custody trail (traçabilité) of the event chain.

Why these words: the attestation follows the French attestation form (Cerfa 11527, C. proc.
civ. art. 202) and cites C. pén. art. 441-7, as the form does; the cover says where the key
card comes in, because a fingerprint written inside the bundle proves nothing by itself.
"""

from __future__ import annotations

from typing import Any

from tr_journal.errors import N_
from tr_journal.evidence.readme_text import VERIFY, VERIFY_WIN
from tr_journal.evidence.report_dates import device_time, short_date
from tr_journal.evidence.report_doc import (
    Blanks,
    Block,
    Cell,
    Facts,
    Heading,
    Section,
    Table,
    fixed,
    hash_cell,
    para,
    user,
)
from tr_journal.i18n import LANGUAGES, _

#: The chain's event kinds in words; the identifier stays shown under it, as in events.jsonl.
EVENT_LABELS = {
    "vault.created": N_("Journal created"),
    "entry.created": N_("Entry logged"),
    "entry.revised": N_("Entry revised"),
    "entry.deleted": N_("Entry deleted"),
    "attachment.added": N_("File attached"),
    "attachment.removed": N_("File removed"),
    "export.created": N_("Evidence bundle exported"),
    "key.rotated": N_("Encryption key rotated"),
    "stamp.imported": N_("Time stamp recorded"),
}


def cover(
    custody: dict[str, Any],
    record_sha256: str,
    counts: tuple[int, int, int],
    period: tuple[str, str],
    lang: str,
) -> Section:
    """``counts``: entries, contact attempts, original files; ``record_sha256``: the hash of
    data/custody/export.json, which the export.created event of the chain carries."""
    entries, attempts, files = counts
    first, last = period
    facts = (
        (_("Export id"), fixed(custody["export_id"])),
        (_("Exported on"), Cell(device_time(custody["created_utc"], lang))),
        (
            _("Period covered"),
            Cell(
                _("from {first} to {last}").format(
                    first=short_date(first, lang) or "—", last=short_date(last, lang) or "—"
                )
            ),
        ),
        (_("Entries"), fixed(str(entries))),
        (_("Contact attempts"), fixed(str(attempts))),
        (_("Original files (exhibits)"), fixed(str(files))),
        (_("Language of the dossier"), Cell(LANGUAGES.get(lang, lang))),
        (_("Export record SHA-256"), hash_cell(record_sha256)),
    )
    return Section(
        [
            Heading(_("Dossier of incidents of transnational repression")),
            para(
                _(
                    "Record kept by: the person who signs the attestation on the next page, in a "
                    "journal encrypted on their own device (tr-journal)."
                )
            ),
            Facts(facts),
            Heading(_("Contents"), 2),
            para(
                _(
                    "Attestation; summary of repeated conduct; chronology; one page per entry with "
                    "its history and its files; list of exhibits; the times, kept apart; what the "
                    "checks prove and how to verify them; the key card; the custody trail."
                )
            ),
            Heading(_("Where the key card comes in"), 2),
            para(
                _(
                    "The bundle is signed with the person's key. Only the key card that the person "
                    "handed over in person tells whose key it is: a fingerprint written inside the "
                    "bundle, this dossier included, proves nothing, since a forger could write "
                    'any. See "How to verify".'
                )
            ),
        ]
    )


def attestation() -> Section:
    return Section(
        [
            Heading(_("Attestation")),
            para(
                _(
                    "In the spirit of the French attestation form (Cerfa no. 11527, Code of Civil "
                    "Procedure, article 202). To be written or completed, dated and signed by "
                    "hand; attach a copy of an official identity document bearing your "
                    "signature."
                )
            ),
            Blanks(
                (
                    _("Surname and first names:"),
                    _("Date and place of birth:"),
                    _("Address:"),
                    _("Occupation:"),
                    _("Relationship to the parties (family, work, other), if any:"),
                )
            ),
            para(
                _(
                    "I declare that the entries of this dossier are my own account of the events "
                    "they describe, and that the files listed as exhibits are the originals I "
                    "received or recorded, unchanged."
                )
            ),
            para(
                _(
                    "I know that this attestation is made to be produced in court and that a false "
                    "statement on my part exposes me to criminal penalties."
                )
            ),
            para(
                _(
                    "Reminder, French Criminal Code, article 441-7: making an attestation or "
                    "certificate that states materially false facts is punished by one year's "
                    "imprisonment and a fine of 15,000 euros."
                ),
                small=True,
            ),
            Blanks((_("Done at:"), _("On (date):"), _("Signature:"))),
        ]
    )


def times_note(stamps: list[dict[str, Any]], lang: str) -> Section:
    """The four kinds of time; ``stamps`` is export.json's list of certified time-stamps."""
    rows = (
        (
            _("Declared by the person"),
            Cell(
                _(
                    "The date and time the person gave for the incident, at the precision they "
                    "gave (date only, about a time...). It is their account; nothing in the "
                    "bundle proves it."
                )
            ),
        ),
        (
            _("Logged by the device"),
            Cell(
                _(
                    "The clock of the person's device when the entry was first saved and at each "
                    "revision. It shows when the account was written, if the clock was right; "
                    "the event chain proves the order of the saves, not the clock."
                )
            ),
        ),
        (
            _("Embedded in the file"),
            Cell(
                _(
                    "A time written inside a recording or a picture by the device that made it. "
                    "It is part of the original file, unchanged since import, but whoever made "
                    "the file could have set it."
                )
            ),
        ),
        (
            _("Certified by a time-stamp authority"),
            Cell(
                _(
                    "A certified time-stamp (RFC 3161) in data/stamps/ proves that the event "
                    "chain up to the event it covers existed no later than its time, so every "
                    "entry and file logged before that event existed by then."
                )
                if stamps
                else _(
                    "None in this bundle. A certified time-stamp (RFC 3161) "
                    "proves that the bundle existed at a given time; one can be "
                    "added later in the signatures/ folder without changing the "
                    "bundle."
                )
            ),
        ),
    )
    blocks: list[Block] = [
        Heading(_("The times, kept apart")),
        para(
            _("This dossier never merges these times: each is labelled with where it comes from.")
        ),
        Facts(rows),
    ]
    if stamps:
        blocks += [
            Heading(_("Certified time-stamps in this bundle"), 2),
            Table(
                (
                    _("Time-stamp authority"),
                    _("Certified time"),
                    _("Covers the chain up to event"),
                    _("Stamp"),
                ),
                tuple(
                    (
                        user(str(x.get("tsa") or "")),
                        Cell(device_time(x.get("gen_time"), lang)),
                        fixed(f"#{x.get('covers_seq')}"),
                        fixed(str(x.get("id") or "")),
                    )
                    for x in stamps
                ),
                (34, 30, 18, 18),
                small=True,
            ),
        ]
    return Section(blocks)


def checks(fingerprint_line: str) -> Section:
    commands = (VERIFY, "sha256sum -c tagmanifest-sha256.txt", "sha256sum -c manifest-sha256.txt")
    return Section(
        [
            Heading(_("What the checks prove")),
            para(
                _(
                    "The files of the bundle are exactly those exported and signed; each entry and "
                    "each original matches the hash recorded in the event chain when it was "
                    "logged, and the chain was neither reordered nor altered."
                )
            ),
            Heading(_("What they do not prove"), 2),
            para(
                _(
                    "They do not prove that the declared times are right, that the account is "
                    "true, or who used the device. The signature ties the bundle to the person "
                    "only through the key card received in person."
                )
            ),
            Heading(_("How to verify"), 2),
            para(
                _(
                    "In a terminal opened in the bundle's folder (on Windows: cmd.exe, not "
                    "PowerShell):"
                )
            ),
            *[para(c, mono=True, dir="ltr") for c in commands],
            para("Windows (cmd.exe): " + VERIFY_WIN, mono=True, dir="ltr"),
            para(_("The first command prints a line such as:")),
            para(fingerprint_line, mono=True, dir="ltr"),
            para(
                _(
                    "Compare the SHA256 fingerprint that ssh-keygen PRINTS at the end of that line "
                    "with the key card received in person, character by character. If they differ, "
                    "the bundle is not the person's, even if every other check passes. Any "
                    "fingerprint written inside the bundle (this dossier, the README files, "
                    "allowed_signers) proves nothing: a forger can write any."
                ),
                bold=True,
            ),
        ]
    )


def custody_trail(events: list[dict[str, Any]], disclosed: set[str], lang: str) -> Section:
    """The chain as a table. An event about something not disclosed shows neither its subject
    nor its content hash: an event older than salted originals records a file's plain SHA-256,
    which anyone holding that file could recognise (docs/record-format.md, "Salted
    originals"); events.jsonl still holds it, as the chain needs, but the dossier does not
    print it."""
    rows = []
    for event in events:
        subject = str(event["subject_id"])
        hidden = subject.startswith("E") and subject not in disclosed
        kind = event["kind"]
        rows.append(
            (
                fixed(str(event["seq"])),
                Cell(device_time(event["at_utc"], lang)),
                Cell(_(EVENT_LABELS[kind]) if kind in EVENT_LABELS else kind),
                fixed(_("(not disclosed)") if hidden else subject),
                fixed("—") if hidden else hash_cell(event["content_sha256"][:16]),
            )
        )
    return Section(
        [
            Heading(_("Custody trail (traçabilité): the event chain")),
            para(
                _(
                    "Every event the journal recorded, in order, as in data/journal/events.jsonl. "
                    "Events about entries that are not disclosed stay in the chain, so that it "
                    "still verifies, but their content is not in the bundle."
                )
            ),
            Table(
                (
                    "#",
                    _("Time (device clock)"),
                    _("Event"),
                    _("Subject"),
                    _("Content SHA-256 (start)"),
                ),
                tuple(rows),
                (6, 30, 28, 14, 22),
                small=True,
            ),
        ]
    )
