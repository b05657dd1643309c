"""The report's long paragraphs, as gettext msgids keyed by a short id.

Every word of the report comes from the gettext catalogs in the report's language, which
:func:`tr_journal.evidence.report.render_report` sets for its own thread only
(:func:`tr_journal.i18n.using_language`), so an export on a worker thread never switches the
interface. Field names, channels, directions, demands and threats use the shared labels of
:mod:`tr_journal.i18n.labels`, the same words the app shows.
"""

from __future__ import annotations

from tr_journal.errors import N_
from tr_journal.i18n import _

ENGLISH_LONG = {
    "cover-note": N_("The SHA-256 of tagmanifest-sha256.txt cannot appear inside a file it "
                     "covers: the export and the verification print it. The export record "
                     "above (data/custody/export.json) is linked into the event chain and "
                     "covers the entries and the originals."),
    "time-note": N_("Every time in this report is declared: it comes from the clock of the "
                    "person's device. None is certified by a timestamp authority (RFC 3161). A "
                    "certified timestamp can be added later in the signatures/ folder without "
                    "changing the bundle."),
    "proves": N_("The files of the bundle are exactly those exported, signed by the key whose "
                 "fingerprint is on the cover; each entry and each original matches the hash "
                 "recorded in the event chain when it was logged, and the chain was neither "
                 "reordered nor altered."),
    "not-proves": N_("They do not prove that the declared times are right, that the content is "
                     "true, or who used the device; the signature ties the bundle to the "
                     "person only if the fingerprint matches the key card handed over in "
                     "person."),
    "verify-intro": N_("In a terminal opened in the bundle's folder (on Windows: cmd.exe, not "
                       "PowerShell):"),
}


def long_text(key: str) -> str:
    """A translated paragraph; the English text is the gettext msgid."""
    return _(ENGLISH_LONG[key])
