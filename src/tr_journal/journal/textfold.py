"""Folding text and phone numbers for search, so a query matches however it was typed.

Both the indexed text and the query go through :func:`fold`: Unicode compatibility
decomposition, combining marks dropped ("ouighour" finds "ouïghour"), case folded. Phone numbers
are reduced to digits, with the international ``00`` prefix treated like ``+``.
"""

from __future__ import annotations

import re
import unicodedata

_PHONE_QUERY = re.compile(r"^\+?[\d\s().\-/]+$")
_NON_DIGITS = re.compile(r"\D")


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return unicodedata.normalize("NFC", kept.casefold())


def digits_of(number: str) -> str:
    digits = _NON_DIGITS.sub("", number)
    return digits[2:] if digits.startswith("00") else digits


def phone_query_digits(query: str) -> list[str]:
    """Digit strings to look for if ``query`` looks like a phone number, else ``[]``."""
    if not _PHONE_QUERY.match(query.strip()):
        return []
    raw = _NON_DIGITS.sub("", query)
    if len(raw) < 4:
        return []
    if raw.startswith("00"):
        return [raw[2:]]
    if raw.startswith("0") and len(raw) > 5:
        return [raw, raw[1:]]
    return [raw]


def to_e164(number: str, region: str | None = None) -> str | None:
    """E.164 form of a number as displayed, or ``None`` when it cannot be known for sure."""
    import phonenumbers  # lazy: ~15 ms, needed only when a number is saved (bench/)

    text = number.strip()
    if text.startswith("00"):
        text = "+" + text[2:]
    try:
        parsed = phonenumbers.parse(text, region if not text.startswith("+") else None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(parsed):
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
