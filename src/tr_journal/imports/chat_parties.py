"""Who is who in a chat export: the person who exported it, and the other party.

The caller of an entry is always the other party, never the person (docs/imports.md,
"WhatsApp"). The person's own sender name is given (``--me NAME``), or read from the export's
name: WhatsApp names a one-to-one chat "WhatsApp Chat with X" (Android) or "WhatsApp Chat - X"
(iOS); when X is one of the chat's senders, X is the other party and every other sender is the
person. Otherwise the person is unknown and no row names a caller: a guess could name the
person as the one who harassed them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

PHONE = re.compile(r"^\+?[\d\s().\-]{6,}$")
_TITLE = re.compile(
    r"^WhatsApp Chat (?:with |- )(?P<who>.+?)(?: \(\d+\))?(?:\.txt|\.zip)?$", re.IGNORECASE
)


def title_party(names: Iterable[str]) -> str | None:
    """X of the first file name that reads "WhatsApp Chat with X" / "WhatsApp Chat - X"."""
    for name in names:
        found = _TITLE.match(name.rsplit("/", 1)[-1].strip())
        if found:
            return found["who"].strip()
    return None


@dataclass(frozen=True)
class Parties:
    """The person's own sender names, every sender of the chat, and whether the person is
    known at all (a chat where only the other party wrote has no sender of the person's)."""

    me: frozenset[str]
    senders: tuple[str, ...]
    known: bool

    @property
    def others(self) -> tuple[str, ...]:
        """Every sender who is not the person, in order of first message."""
        return tuple(s for s in self.senders if s not in self.me) if self.known else ()

    def is_me(self, sender: str) -> bool:
        return sender in self.me

    def caller(self, senders: Iterable[str]) -> dict[str, str]:
        """Caller fields for messages by ``senders``: the ones who are not the person; when
        all are the person's, the chat's other party if there is exactly one."""
        if not self.known:
            return {}
        theirs = list(dict.fromkeys(s for s in senders if s not in self.me))
        if not theirs and len(self.others) == 1:
            theirs = list(self.others)
        if len(theirs) == 1 and PHONE.match(theirs[0]):
            return {"caller_number": theirs[0]}
        return {"caller_name": ", ".join(theirs)} if theirs else {}

    def direction(self, senders: Iterable[str]) -> dict[str, str]:
        """``incoming`` when only the other party wrote, ``outgoing`` when only the person."""
        if not self.known:
            return {}
        mine = {self.is_me(s) for s in senders}
        if mine == {False}:
            return {"direction": "incoming"}
        return {"direction": "outgoing"} if mine == {True} else {}


def parties(senders: Iterable[str], me: str | None, file_names: Iterable[str]) -> Parties:
    """Who the person is: ``me`` if given, else the one-to-one chat's title (see above)."""
    unique = tuple(dict.fromkeys(senders))
    if me and me.strip():
        return Parties(frozenset({me.strip()}), unique, known=True)
    other = title_party(file_names)
    if other is not None and other in unique:
        return Parties(frozenset(s for s in unique if s != other), unique, known=True)
    return Parties(frozenset(), unique, known=False)
