"""The user's home country, for reading phone numbers written without a country code.

Why: ``0612345678`` is a French mobile only to someone living in France; the same digits are
another number elsewhere. The region is, in order: ``$TR_JOURNAL_REGION``, the ``home_region``
setting (settings.json), then the country of the locale (``fr_FR.UTF-8`` gives ``FR``). None
when nothing says: such a number keeps its digits and is grouped as written.
"""

from __future__ import annotations

import os
import re

REGION_ENV = "TR_JOURNAL_REGION"
_REGION = re.compile(r"^[A-Z]{2}$")
_LOCALE_COUNTRY = re.compile(r"^[a-z]{2,3}_([A-Z]{2})\b")


def valid_region(value: object) -> str | None:
    """``value`` as a two-letter region code, or None."""
    if isinstance(value, str) and _REGION.match(value.strip().upper()):
        return value.strip().upper()
    return None


def region_from_locale(environ: dict[str, str] | None = None) -> str | None:
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_CTYPE", "LANG"):
        match = _LOCALE_COUNTRY.match(env.get(name, ""))
        if match:
            return match.group(1)
    return None


def home_region() -> str | None:
    """The region national numbers are read in (see the module's docstring)."""
    explicit = valid_region(os.environ.get(REGION_ENV))
    if explicit:
        return explicit
    from tr_journal.settings import load_settings  # lazy: reads a small file, once per save

    return load_settings().home_region or region_from_locale()
