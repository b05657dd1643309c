"""The key card: one printable page with the signing key's fingerprint, as text and QR code.

The person hands it to their lawyer in person. A bundle re-signed by someone else verifies with
ssh-keygen (it carries its own allowed_signers), so the fingerprint pin is what catches it; the
card is how the lawyer gets the right fingerprint through a channel no attacker controls.
Drawn with QtGui (as the report) so it needs no image library; the QR matrix comes from qrcode.
"""

from __future__ import annotations

from pathlib import Path

import qrcode

from tr_journal.crypto.signing import fingerprint, public_key_line
from tr_journal.evidence.bag import SIGNER_IDENTITY
from tr_journal.evidence.readme_text import VERIFY
from tr_journal.fsutil import atomic_write_bytes
from tr_journal.i18n import _


def qr_matrix(text: str) -> list[list[bool]]:
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    code.add_data(text)
    code.make(fit=True)
    return [list(row) for row in code.get_matrix()]


def render_key_card(public: bytes) -> bytes:
    """The card as PDF bytes (A4, one page)."""
    from tr_journal.evidence.report import ensure_gui_app

    ensure_gui_app()
    from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QPageLayout, QPageSize, QPainter, QPdfWriter

    fp = fingerprint(public)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(_("Signing key card"))
    writer.setCreator("tr-journal")
    writer.setResolution(300)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Portrait,
                                     QMarginsF(20, 20, 20, 20), QPageLayout.Unit.Millimeter))
    painter = QPainter(writer)
    width = writer.width()
    flags = int(Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap)
    painter.setFont(QFont("Noto Sans", 20, QFont.Weight.Bold))
    painter.drawText(QRectF(0, 0, width, 200), flags, _("tr-journal — signing key card"))
    painter.setFont(QFont("Noto Sans", 11))
    painter.drawText(QRectF(0, 220, width, 400), flags, _(
        "Evidence bundles from this person are signed with the key below. Keep this card; "
        "when you verify a bundle, its fingerprint must be exactly this one."))
    painter.setFont(QFont("DejaVu Sans Mono", 14, QFont.Weight.Bold))
    painter.drawText(QRectF(0, 650, width, 150), flags, fp)
    matrix = qr_matrix(fp)
    cell = min(width // 2 // len(matrix), 40)
    left = (width - cell * len(matrix)) // 2
    top = 850
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                painter.fillRect(left + x * cell, top + y * cell, cell, cell, QColor("black"))
    bottom = top + cell * len(matrix) + 80
    painter.setFont(QFont("DejaVu Sans Mono", 7))
    painter.drawText(QRectF(0, bottom, width, 300), flags,
                     f"{SIGNER_IDENTITY} {public_key_line(public)}")
    painter.setFont(QFont("Noto Sans", 9))
    painter.drawText(QRectF(0, bottom + 300, width, 500), flags,
                     _("To verify a bundle, in its folder:") + "\n" + VERIFY + "\n"
                     + _("or: tr-journal verify BUNDLE.zip --fingerprint {fp}").format(fp=fp))
    painter.end()
    del writer
    buffer.close()
    return bytes(buffer.data().data())


def write_key_card(public: bytes, path: Path) -> None:
    """Write the card atomically (it holds no secret, so 0644 is fine)."""
    atomic_write_bytes(Path(path), render_key_card(public), mode=0o644)
