"""Text that came from outside (a bundle, a backup, an import file, a key header) made safe to show.

A terminal obeys control characters: an ESC sequence inside a member name can move the cursor,
erase the line and repaint the verdict as "VALID"; a right-to-left override can make
``gpj.exe`` read as ``exe.jpg``. The command line therefore passes everything it prints through
:func:`escape_for_terminal` (its printing helpers do, so no single message can forget), and
JSON through :func:`escape_json_text`. The escapes are visible (``\\x1b``, ``\\u202e``) so a
reader sees that something odd was there instead of silently losing it.

No Qt here: the command line and the services import this module.
"""

from __future__ import annotations

import re

#: Bidi embedding/override/isolate controls and the invisible direction marks.
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
#: Line and paragraph separators: a terminal or a viewer may break the line on them.
SEPARATORS = "\u2028\u2029"

#: C0 controls except tab and newline, DEL, C1 controls, bidi controls, separators.
_TERMINAL_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f" + BIDI_CONTROLS + SEPARATORS + "]")
#: What ``json.dumps(ensure_ascii=False)`` leaves raw but a terminal would obey.
_JSON_UNSAFE = re.compile("[\x7f-\x9f" + BIDI_CONTROLS + SEPARATORS + "]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_for_terminal(text: str) -> str:
    """``text`` with every control a terminal could act on written out as an escape.

    Newline and tab stay: the program's own multi-line output needs them. Whoever puts an
    untrusted value on one line of its own (a verdict's check) calls :func:`one_line` as well.
    """
    return _TERMINAL_UNSAFE.sub(_visible, text)


def one_line(text: str) -> str:
    """``text`` escaped so that it cannot start a line of its own (newlines and tabs too)."""
    return escape_for_terminal(text).replace("\n", "\\n").replace("\t", "\\t")


def escape_json_text(document: str) -> str:
    """A JSON document whose strings carry no raw C1 or bidi control.

    ``json.dumps`` already writes C0 controls as ``\\u00XX``; the others it leaves raw when
    ``ensure_ascii`` is off. They can only occur inside string literals, where ``\\uXXXX`` is
    the same character for any JSON reader.
    """
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", document)
