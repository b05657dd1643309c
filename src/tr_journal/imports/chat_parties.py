"""Who is who in a chat export: the person who exported it, and the other party.

The caller of an entry is always the other party, never the person (docs/imports.md,
"WhatsApp"). The person's own sender name is given (``--me NAME``), or read from the export's
name: WhatsApp names a one-to-one chat "WhatsApp Chat with X" (Android) or "WhatsApp Chat - X"
(iOS); when X is one of the chat's senders, X is the other party and every other sender is the
person. Telegram names a one-to-one chat (``"type": "personal_chat"``) after the other party,
which the reader passes as ``other``. Otherwise the person is unknown and no row names a caller:
a guess could name the person as the one who harassed them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from tr_journal.errors import N_, ImportRefused

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

    @property
    def mine(self) -> tuple[str, ...]:
        """The person's own sender names among the senders, in order of first message."""
        return tuple(s for s in self.senders if s in self.me)

    def is_me(self, sender: str) -> bool:
        return sender in self.me

    def theirs(self, senders: Iterable[str]) -> list[str]:
        """Who the caller is for messages by ``senders``: the ones who are not the person; when
        all are the person's (or no sender is known), the chat's other party if there is
        exactly one. Nobody when the person is unknown."""
        if not self.known:
            return []
        theirs = list(dict.fromkeys(s for s in senders if s and s not in self.me))
        if not theirs and len(self.others) == 1:
            theirs = list(self.others)
        return theirs

    def caller(self, senders: Iterable[str]) -> dict[str, str]:
        """Caller fields for messages by ``senders`` (:meth:`theirs`): a phone number is
        ``caller_number``, else the names joined as ``caller_name``."""
        theirs = self.theirs(senders)
        if len(theirs) == 1 and PHONE.match(theirs[0]):
            return {"caller_number": theirs[0]}
        return {"caller_name": ", ".join(theirs)} if theirs else {}

    def direction(self, senders: Iterable[str]) -> dict[str, str]:
        """``incoming`` when only the other party wrote, ``outgoing`` when only the person."""
        if not self.known:
            return {}
        mine = {self.is_me(s) for s in senders if s}
        if mine == {False}:
            return {"direction": "incoming"}
        return {"direction": "outgoing"} if mine == {True} else {}


def parties(
    senders: Iterable[str],
    me: str | None,
    file_names: Iterable[str] = (),
    *,
    other: str | None = None,
) -> Parties:
    """Who the person is: ``me`` if given, else the one-to-one chat's other party (``other``,
    or the title among ``file_names``) when it is one of the senders (see above)."""
    unique = tuple(dict.fromkeys(s for s in senders if s))
    if me and me.strip():
        return Parties(frozenset({me.strip()}), unique, known=True)
    other = other if other is not None else title_party(file_names)
    if other is not None and other in unique:
        return Parties(frozenset(s for s in unique if s != other), unique, known=True)
    return Parties(frozenset(), unique, known=False)


def joined(chats: Iterable[Parties]) -> Parties:
    """The parties of several chats (a whole-account export) as one: every sender, every name
    of the person's, known only when the person is known in every chat."""
    every = list(chats)
    senders = tuple(dict.fromkeys(s for p in every for s in p.senders))
    me = frozenset(s for p in every for s in p.me)
    return Parties(me, senders, known=bool(every) and all(p.known for p in every))


def check_me(file_name: str, senders: Iterable[str], me: str | None) -> None:
    """Refuse a ``me`` that wrote none of the messages: a misspelt name would make the person
    one of the "other" senders, so a caller."""
    unique = list(dict.fromkeys(s for s in senders if s))
    if me and me.strip() and me.strip() not in unique:
        raise ImportRefused(
            file=file_name,
            detail=N_("“{me}” wrote none of its messages; the senders are: {senders}"),
            me=me.strip(),
            senders=", ".join(unique),
        )
