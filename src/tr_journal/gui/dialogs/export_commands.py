"""The exact commands a lawyer runs to check a bundle, shown at the end of the export wizard.

Two routes (docs/bundle-format.md): ``tr-journal verify`` with the fingerprint pinned, and the
standard-tool route that needs only ``sha256sum``/``shasum``, ``unzip`` and ``ssh-keygen``. The
text is plain shell, so it can be pasted into an e-mail or a terminal as it is; tests run it for
real. Whoever could swap the bundle could swap such an e-mail too, so the comments send the
lawyer to the key card received in person: the fingerprint here is only a reminder, and the
one that counts is the SHA256: that ssh-keygen prints.
"""

from __future__ import annotations

import shlex

from tr_journal.i18n import _, is_rtl
from tr_journal.i18n.format import PDI, RLI

NAMESPACE = "tr-journal-evidence-v1"
DEFAULT_IDENTITY = "evidence@tr-journal"


def signer_identity() -> str:
    try:
        from tr_journal.evidence.bag import SIGNER_IDENTITY
    except ImportError:  # pragma: no cover - the bag module ships with export
        return DEFAULT_IDENTITY
    return str(SIGNER_IDENTITY)


def comment(text: str) -> str:
    """A shell comment; in a right-to-left language its words are isolated right to left
    (RLI … PDI), since the commands around it are shown left to right ("tr-journal" first in
    a Uyghur sentence would otherwise reorder its brackets)."""
    return "# " + (f"{RLI}{text}{PDI}" if is_rtl() else text)


def verification_commands(
    zip_name: str, top_folder: str, fingerprint: str, sha256: str, identity: str | None = None
) -> str:
    """Shell text, comments translated, commands exact. ``zip_name`` is a bare file name."""
    zq, tq = shlex.quote(zip_name), shlex.quote(top_folder)
    identity = identity or signer_identity()
    lines = [
        comment(
            _(
                "Compare every fingerprint below with the key card you received in person; "
                "only the card proves who signed."
            )
        ),
        comment(_("1. With tr-journal (no journal or passphrase needed):")),
        f"tr-journal verify {zq} --fingerprint {fingerprint}",
        "",
        comment(_('2. With standard tools only (Linux; on macOS use "shasum -a 256"):')),
        comment(_("the file's SHA-256 must be:")),
        f"#   {sha256}",
        f"sha256sum {zq}",
        f"unzip -q {zq} && cd {tq}",
        comment(_("the SHA256: that this ssh-keygen prints must be the one on the key card:")),
        f"#   {fingerprint}",
        f"ssh-keygen -Y verify -f allowed_signers -I {identity} -n {NAMESPACE} \\",
        "  -s signatures/tagmanifest-sha256.txt.sig < tagmanifest-sha256.txt",
        "sha256sum -c tagmanifest-sha256.txt",
        "sha256sum -c manifest-sha256.txt",
    ]
    return "\n".join(lines) + "\n"
