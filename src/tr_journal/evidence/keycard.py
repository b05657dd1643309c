"""The key card: the signing key's fingerprint and full public key line, as text and QR code,
in the person's language and in French.

The person hands it to their lawyer in person. A bundle re-signed by someone else verifies with
ssh-keygen (it carries its own allowed_signers), so what catches it is comparing the fingerprint
ssh-keygen prints with this card; the card is how the lawyer gets the right key through a
channel no attacker controls. It shows the full public key line too, so a lawyer can build
allowed_signers from the card instead of from the bundle. Typeset by Typst like the dossier
(:mod:`tr_journal.evidence.report_typst`); the QR matrix comes from qrcode.
"""

from __future__ import annotations

from pathlib import Path

import qrcode

from tr_journal.crypto.signing import EVIDENCE_NAMESPACE, fingerprint, public_key_line
from tr_journal.evidence.bag import SIGNER_IDENTITY, export_clock
from tr_journal.evidence.readme_text import VERIFY
from tr_journal.evidence.report_doc import Block, Document, Heading, Picture, Section, para
from tr_journal.fsutil import atomic_write_bytes
from tr_journal.i18n import _, current_language, is_rtl, match_language, using_language

CARD_FILE = "allowed_signers.card"


def qr_matrix(text: str) -> list[list[bool]]:
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    code.add_data(text)
    code.make(fit=True)
    return [list(row) for row in code.get_matrix()]


def qr_svg(text: str) -> str:
    """The QR code as an SVG of unit squares (no image library needed)."""
    matrix = qr_matrix(text)
    size = len(matrix)
    cells = "".join(
        f"M{x} {y}h1v1h-1z" for y, row in enumerate(matrix) for x, dark in enumerate(row) if dark
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" '
        f'shape-rendering="crispEdges"><rect width="{size}" height="{size}" fill="#fff"/>'
        f'<path d="{cells}" fill="#000"/></svg>'
    )


def signer_line(public: bytes) -> str:
    """The allowed_signers line of this key, exactly as the bundle's own file has it."""
    return f'{SIGNER_IDENTITY} namespaces="{EVIDENCE_NAMESPACE}" {public_key_line(public)}'


def card_blocks(public: bytes) -> list[Block]:
    """The card in the current language (the caller picks it with ``using_language``)."""
    fp = fingerprint(public)
    verify_card = VERIFY.replace("-f allowed_signers", f"-f {CARD_FILE}")
    return [
        Heading(_("Signing key card")),
        para(
            _(
                "Evidence bundles from this person are signed with the key below. This card, "
                "received from the person in person, is the only reference: a fingerprint or "
                "a key written inside a bundle proves nothing, since a forger can write any."
            )
        ),
        Heading(_("Fingerprint"), 2),
        para(fp, mono=True, dir="ltr", bold=True),
        Picture(qr_svg(fp), 45, _("QR code of the fingerprint")),
        para(
            _(
                'When you verify a bundle, ssh-keygen prints a line ending with "with ED25519 '
                'key SHA256:…". That SHA256 must be exactly the fingerprint above.'
            )
        ),
        Heading(_("Full public key line"), 2),
        para(signer_line(public), mono=True, dir="ltr", small=True),
        para(
            _(
                "To verify with this card rather than with the bundle's own allowed_signers: "
                "copy the line above into a file named {file} in the bundle's folder and "
                "run:"
            ).format(file=CARD_FILE)
        ),
        para(verify_card, mono=True, dir="ltr", small=True),
        para(_("or: tr-journal verify BUNDLE.zip --fingerprint {fp}").format(fp=fp), small=True),
    ]


def card_languages(lang: str) -> list[str]:
    """The person's language first, then French (once if it is French)."""
    code = match_language(lang)
    return [code] if code == "fr" else [code, "fr"]


def card_sections(public: bytes, lang: str) -> list[Section]:
    sections = []
    for code in card_languages(lang):
        with using_language(code):
            sections.append(Section(card_blocks(public), lang=code, rtl=is_rtl(code)))
    return sections


def render_key_card(public: bytes, lang: str | None = None) -> bytes:
    """The card as PDF bytes (A4, one page per language)."""
    from tr_journal.evidence.report_typst import compile_pdf

    code = match_language(lang or current_language())
    with using_language(code):
        title = _("Signing key card")
        label = _("page {x} / {y}")
    document = Document(
        code,
        is_rtl(code),
        title,
        f"tr-journal — {fingerprint(public)}",
        label,
        card_sections(public, code),
    )
    return compile_pdf(document, export_clock())


def write_key_card(public: bytes, path: Path, lang: str | None = None) -> None:
    """Write the card atomically (it holds no secret, so 0644 is fine)."""
    atomic_write_bytes(Path(path), render_key_card(public, lang), mode=0o644)
