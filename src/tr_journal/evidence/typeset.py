"""The dossier is typeset in a child process, through pipes (docs/evidence-report.md, "Engine").

Why a child: Typst keeps every laid-out page and never frees its caches, so typesetting in the
app's own process would leave it hundreds of MiB larger after each export. A child that exits
returns all of it to the system, and cancelling an export simply kills it.

What crosses the boundary: one header line (creation time, template name, what to do) and the
document as JSON go to the child's stdin; the answer comes back on its stdout, an error message
on its stderr. The child never sees the vault or its key, opens no file but the template and the
shipped fonts, writes nothing to disk, and disables core dumps before reading the data (it holds
the report in plaintext). The exit code says what happened (:data:`TYPST_FAILED`,
:data:`NOT_DISPLAYABLE`, else a crash). Three things a child can be asked (``mode``): ``pdf``
(the default: the document's PDF), ``pages`` (its page count) and ``join`` (one PDF from the
parts of a long dossier, :mod:`typeset_parts`).

How the child is reached: ``python -m tr_journal.evidence.typeset`` from the source tree or an
installed package; in a frozen app ``sys.executable`` is the app itself, so it is started as
``<app> __typeset__`` and :func:`tr_journal.cli.main` hands that argument to :func:`child_main`
before anything else runs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from typing import Any

from tr_journal.errors import N_, Cancelled, InvalidInput

#: The hidden argument a frozen app recognises as "be the typesetting child".
CHILD_ARGUMENT = "__typeset__"
#: Exit code of the child when Typst refused the document (stderr holds its message).
TYPST_FAILED = 3
#: Exit code of the child asked for PDF/A (``"pdfa": "yes"``) when a character cannot be drawn.
NOT_DISPLAYABLE = 4
#: Seconds between two looks at ``cancelled()`` while the child works.
POLL_SECONDS = 0.25


class NoPdfA(Exception):
    """The child could not claim PDF/A for this document (a character no font draws)."""


def child_command() -> list[str]:
    """The command line that starts the typesetting child of this very program."""
    if getattr(sys, "frozen", False):
        return [sys.executable, CHILD_ARGUMENT]
    # -P: the current folder (wherever the user exports from) must not shadow our modules
    return [sys.executable, "-P", "-m", "tr_journal.evidence.typeset"]


def request_bytes(
    document_json: str | bytes, timestamp: int, template: str, **options: Any
) -> bytes:
    """What the parent writes to the child: a header line, then the document JSON (or, to
    join, the parts' PDFs). ``options`` go into the header (``mode``, ``pdfa``,
    ``page_offset``, ``page_total``, ``sizes``, ``pages``)."""
    header = json.dumps({"template": template, "timestamp": timestamp, **options}, sort_keys=True)
    body = document_json if isinstance(document_json, bytes) else document_json.encode("utf-8")
    return header.encode("utf-8") + b"\n" + body


def typeset(
    document_json: str,
    timestamp: int,
    template: str = "dossier.typ",
    cancelled: Callable[[], bool] | None = None,
) -> bytes:
    """The PDF of ``document_json``, typeset by a child process; ``timestamp`` (Unix seconds)
    is the PDF's creation date. Raises :class:`Cancelled` (the child is killed) when
    ``cancelled()`` turns true, :class:`InvalidInput` when the document cannot be typeset."""
    return ask_child(request_bytes(document_json, timestamp, template), cancelled)


def ask_child(request: bytes, cancelled: Callable[[], bool] | None = None) -> bytes:
    """Start a child, hand it ``request``, return its answer (same errors as :func:`typeset`;
    :class:`NoPdfA` when it was asked for PDF/A that the document cannot have)."""
    flags = getattr(subprocess, "CREATE_NO_WINDOW", 0)  # no console flash on Windows
    proc = subprocess.Popen(
        child_command(),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        creationflags=flags,
    )
    try:
        answer, err = _communicate(proc, request, cancelled)
    except BaseException:
        proc.kill()  # cancelled, interrupted or failed here: the child must not outlive it
        proc.communicate()
        raise
    if proc.returncode == NOT_DISPLAYABLE:
        raise NoPdfA(err.decode("utf-8", "replace"))
    if proc.returncode != 0:
        raise _failed(_child_error(proc.returncode, err))
    return answer


def _communicate(
    proc: subprocess.Popen[bytes], request: bytes, cancelled: Callable[[], bool] | None
) -> tuple[bytes, bytes]:
    """Send the request and collect the answer, looking at ``cancelled`` meanwhile."""
    data: bytes | None = request
    while True:
        try:
            out, err = proc.communicate(data, timeout=POLL_SECONDS)
            return out, err
        except subprocess.TimeoutExpired:
            data = None  # already handed over: a retry must not send it again
        if cancelled is not None and cancelled():
            raise Cancelled()


def _child_error(code: int, err: bytes) -> str:
    text = err.decode("utf-8", "replace").strip()
    if code == TYPST_FAILED and text:
        return text
    return f"the typesetting process ended with code {code}" + (f": {text[-500:]}" if text else "")


def _failed(error: str) -> InvalidInput:
    return InvalidInput(
        detail=N_("The report could not be typeset ({error}); nothing was exported."), error=error
    )


def child_main() -> int:
    """Be the child: read the request on stdin, write the answer on stdout."""
    from tr_journal.hardening import disable_core_dumps

    disable_core_dumps()  # the report is plaintext in this process's memory
    request = sys.stdin.buffer.read()
    head, _sep, body = request.partition(b"\n")
    header = json.loads(head)
    template = str(header["template"])
    if os.path.basename(template) != template or not template.endswith(".typ"):
        sys.stderr.write(f"unknown template {template!r}")
        return TYPST_FAILED
    from tr_journal.evidence.report_typst import NotDisplayable, TypstRefused

    try:
        answer = _answer(header, body, template)
    except NotDisplayable as exc:
        sys.stderr.write(str(exc))
        return NOT_DISPLAYABLE
    except TypstRefused as exc:
        sys.stderr.write(str(exc))
        return TYPST_FAILED
    sys.stdout.buffer.write(answer)
    sys.stdout.buffer.flush()
    return 0


def _answer(header: dict[str, Any], body: bytes, template: str) -> bytes:
    """What the child was asked for (``header["mode"]``), as bytes for its stdout."""
    from tr_journal.evidence import report_typst

    mode = header.get("mode", "pdf")
    if mode == "pages":
        return str(report_typst.count_pages(body.decode("utf-8"), template)).encode("ascii")
    if mode == "join":
        return _join(body, [int(size) for size in header["sizes"]], int(header["pages"]))
    timestamp = int(header["timestamp"])
    pages = None
    if "page_total" in header:
        pages = report_typst.PageNumbers(int(header["page_offset"]), int(header["page_total"]))
    document = body.decode("utf-8")
    pdfa = header.get("pdfa", "auto")
    if pdfa == "auto":
        return report_typst.compile_json(document, timestamp, template, pages)
    return report_typst.compile_part(document, timestamp, template, pdfa == "yes", pages)


def _join(body: bytes, sizes: list[int], pages: int) -> bytes:
    from tr_journal.evidence.pdf_join import JoinRefused, join_parts
    from tr_journal.evidence.report_typst import TypstRefused

    if sum(sizes) != len(body):
        raise TypstRefused("the parts to join do not add up to what was sent")
    parts, start = [], 0
    for size in sizes:
        parts.append(body[start : start + size])
        start += size
    try:
        return join_parts(parts, expected_pages=pages)
    except JoinRefused as exc:
        raise TypstRefused(str(exc)) from exc


if __name__ == "__main__":
    raise SystemExit(child_main())
