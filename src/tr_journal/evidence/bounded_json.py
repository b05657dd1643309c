"""Reading a bundle's JSON members with bounded memory, whatever an attacker put in them.

Python turns JSON into objects tens of times larger than its text: 8 MiB of ``{}`` lines are
four million dicts (453 MB). So the verifier never parses a big member whole:
``events.jsonl`` is read a line at a time, ``entries.json`` an entry at a time (the writer puts
``"entries"`` first: its keys are sorted), and what must be read whole (``export.json``) is
capped. Every piece parsed is capped in bytes and in the number of objects and arrays it may
make, counted on the text before parsing (every value but the first follows a ``,`` or
``:``, or opens with ``{`` or ``[``). Past a limit the member is refused with one sentence
(:class:`JsonRefused`); the limits are far above what an export writes
(docs/bundle-format.md, "Limits").
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from typing import Any, BinaryIO

from tr_journal.errors import N_, TemplatedProblem

MIB = 1024 * 1024
#: One event line (about 350 bytes as written).
MAX_LINE = 64 * 1024
#: Events in one chain, and entries in one export.
MAX_EVENTS = 2_000_000
MAX_ENTRIES = 500_000
#: One entry of entries.json, every revision included; a whole export.json.
MAX_ELEMENT = 8 * MIB
MAX_DOCUMENT = 16 * MIB
#: Values (objects, arrays, members, items) in one entry or event, and in export.json.
MAX_VALUES = 500_000
MAX_DOCUMENT_VALUES = 1_200_000
_CHUNK = MIB
_ARRAY_START = re.compile(r'\A\s*\{\s*"entries"\s*:\s*\[')
_decoder = json.JSONDecoder()


class JsonRefused(TemplatedProblem):
    """A JSON member of the bundle that is not what the writer writes, or too big to read."""


def _values(text: str) -> int:
    """An upper bound of the Python objects parsing ``text`` would make, less one."""
    return text.count("{") + text.count("[") + text.count(",") + text.count(":")


def _parse(path: str, text: str, limit: int = MAX_VALUES) -> Any:
    if _values(text) > limit:
        raise JsonRefused(
            N_("{path} nests more objects than any export writes; refused"), path=path
        )
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise JsonRefused(N_("{path} is not valid JSON"), path=path) from exc


def load_document(handle: BinaryIO, path: str, size: int, limit: int = MAX_DOCUMENT) -> Any:
    """A small member parsed whole: refused if over ``limit`` bytes."""
    if size > limit:
        raise JsonRefused(
            N_("{path} is larger than any export writes ({size} bytes); refused"),
            path=path,
            size=size,
        )
    data = handle.read(limit + 1)
    try:
        return _parse(path, data.decode("utf-8"), MAX_DOCUMENT_VALUES)
    except UnicodeDecodeError as exc:
        raise JsonRefused(N_("{path} is not valid JSON"), path=path) from exc


def iter_lines(handle: BinaryIO, path: str) -> Iterator[Any]:
    """One JSON value per LF-terminated line (``events.jsonl``), a line at a time."""
    count = 0
    while line := handle.readline(MAX_LINE + 1):
        if len(line) > MAX_LINE:
            raise JsonRefused(
                N_("{path} has a line longer than any export writes; refused"), path=path
            )
        count += 1
        if count > MAX_EVENTS:
            raise JsonRefused(
                N_("{path} holds more lines than any export writes; refused"), path=path
            )
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise JsonRefused(N_("{path} is not valid JSON"), path=path) from exc
        if text.strip():
            yield _parse(path, text)


class _Text:
    """A text stream read in chunks, with the unread part kept in ``buffer[pos:]``."""

    def __init__(self, handle: BinaryIO) -> None:
        self._reader = io.TextIOWrapper(handle, encoding="utf-8", errors="strict")
        self.buffer, self.pos, self.eof = "", 0, False

    def more(self) -> None:
        chunk = self._reader.read(_CHUNK)
        self.buffer, self.pos = self.buffer[self.pos :] + chunk, 0
        self.eof = not chunk

    def skip_space(self) -> str:
        """The next character that is not white space ('' at the end)."""
        while True:
            while self.pos < len(self.buffer) and self.buffer[self.pos] in " \t\r\n":
                self.pos += 1
            if self.pos < len(self.buffer) or self.eof:
                return self.buffer[self.pos : self.pos + 1]
            self.more()


def _next_element(text: _Text, path: str) -> Any:
    """Decode one object at ``text.pos``, reading on until it is whole (up to MAX_ELEMENT)."""
    while True:
        window = text.buffer[text.pos :]
        if _values(window[:MAX_ELEMENT]) > MAX_VALUES:
            raise JsonRefused(
                N_("{path} nests more objects than any export writes; refused"), path=path
            )
        try:
            value, end = _decoder.raw_decode(text.buffer, text.pos)
        except (ValueError, RecursionError) as exc:
            if text.eof or len(window) > MAX_ELEMENT:
                raise JsonRefused(
                    N_("{path} is not valid JSON, or holds an entry larger than any export writes"),
                    path=path,
                ) from exc
            text.more()
            continue
        text.pos = end
        return value


def iter_entries(handle: BinaryIO, path: str) -> Iterator[Any]:
    """The elements of the ``"entries"`` array that opens ``entries.json``, one at a time; then
    the rest of the document is checked to be valid JSON (and small)."""
    try:
        text = _Text(handle)
        text.more()
        start = _ARRAY_START.match(text.buffer)
        if not start:
            raise JsonRefused(N_("{path} does not start with its list of entries"), path=path)
        text.pos = start.end()
        count = 0
        while (char := text.skip_space()) != "]":
            if count and char != ",":
                raise JsonRefused(N_("{path} is not valid JSON"), path=path)
            if count:
                text.pos += 1
                text.skip_space()
            if text.buffer[text.pos : text.pos + 1] != "{":
                raise JsonRefused(N_("{path} holds something other than entries"), path=path)
            count += 1
            if count > MAX_ENTRIES:
                raise JsonRefused(
                    N_("{path} holds more entries than any export writes; refused"), path=path
                )
            yield _next_element(text, path)
        text.pos += 1
        while not text.eof and len(text.buffer) - text.pos <= MAX_LINE:
            text.more()
        rest = text.buffer[text.pos :].strip()
        if len(rest) > MAX_LINE or (
            rest != "}"
            and not (
                rest.startswith(",")
                and rest[1:].lstrip()[:1] == '"'
                and isinstance(_parse(path, "{" + rest[1:]), dict)
            )
        ):
            raise JsonRefused(N_("{path} is not valid JSON"), path=path)
    except UnicodeDecodeError as exc:
        raise JsonRefused(N_("{path} is not valid JSON"), path=path) from exc
