"""The one rule for a new passphrase, for the command line and the desktop app alike.

**At least 10 characters and a zxcvbn score of 3 (of 4).** The vault file is what an adversary
with a state's means would take away and attack offline; Argon2id makes each guess costly, but
a passphrase built from a name, a date or a keyboard walk is among the first billions tried, and
8 characters of anything a person remembers are within reach. zxcvbn knows those patterns (names,
dates, dictionary words, keyboard walks, repetitions) and says why a choice is weak, so the
person can fix it rather than only be refused. This is what the app already asked; the command
line asked only 8 characters and now asks the same.
"""

from __future__ import annotations

from tr_journal.errors import N_, UsageError

MIN_LENGTH = 10
MIN_SCORE = 3
#: zxcvbn reads at most this much (its cost grows with the length; longer is strong anyway)
SCORED_CHARACTERS = 64
TOO_SHORT = N_("Use at least 10 characters; a few unrelated words are best.")


def strength(text: str) -> tuple[int, list[str]]:
    """zxcvbn's score 0–4 (capped below :data:`MIN_SCORE` when too short) and the reasons it
    is weak, as English ``N_()`` sentences (zxcvbn's own are in our catalogs)."""
    if not text:
        return 0, []
    import zxcvbn  # lazy: only when a passphrase is chosen

    result = zxcvbn.zxcvbn(text[:SCORED_CHARACTERS])
    score = int(result["score"])
    feedback = result.get("feedback") or {}
    reasons = [
        str(r) for r in [feedback.get("warning") or "", *feedback.get("suggestions", [])] if r
    ]
    if len(text) < MIN_LENGTH:
        score = min(score, MIN_SCORE - 1)
        reasons.insert(0, TOO_SHORT)
    return score, reasons


def acceptable(text: str) -> bool:
    return strength(text)[0] >= MIN_SCORE


def check_new(text: str) -> None:
    """Raise :class:`UsageError` with the first reason if ``text`` is not strong enough."""
    score, reasons = strength(text)
    if score < MIN_SCORE:
        raise UsageError(
            N_("This passphrase is too easy to guess: {detail}"),
            detail=reasons[0] if reasons else TOO_SHORT,
        )
