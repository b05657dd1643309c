"""The only code in tr-journal that opens a network connection (docs/timestamps.md).

It runs only when the user asks for it by name (``tr-journal stamp request --send URL``) and is
imported only then: nothing at start-up and no other command imports it (a test checks
``sys.modules``). It sends the request's DER with an HTTP POST, as RFC 3161 §3.4 describes, and
returns the reply's bytes unchecked: the caller verifies them exactly like a carried ``.tsr``.
"""

from __future__ import annotations

import http.client
import urllib.error
import urllib.parse
import urllib.request

from tr_journal.errors import N_, StampSendFailed

QUERY_TYPE = "application/timestamp-query"
REPLY_TYPE = "application/timestamp-reply"
MAX_REPLY_BYTES = 1 << 20
TIMEOUT_SECONDS = 30.0


def post_request(url: str, der: bytes, timeout: float = TIMEOUT_SECONDS) -> bytes:
    """POST ``der`` to ``url`` and return the body of a successful answer."""
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise StampSendFailed(
            url=url, detail=N_("only http:// and https:// addresses are accepted")
        )
    request = urllib.request.Request(
        url,
        data=der,
        method="POST",
        headers={"Content-Type": QUERY_TYPE, "Accept": REPLY_TYPE, "User-Agent": "tr-journal"},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            body: bytes = answer.read(MAX_REPLY_BYTES + 1)
    except urllib.error.HTTPError as exc:
        raise StampSendFailed(
            url=url, detail=N_("the server answered HTTP {status}"), status=exc.code
        ) from exc
    except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
        reason = getattr(exc, "reason", None) or exc
        raise StampSendFailed(url=url, detail=N_("{reason}"), reason=str(reason)) from exc
    if len(body) > MAX_REPLY_BYTES:
        raise StampSendFailed(
            url=url, detail=N_("the answer is far larger than a time-stamp reply")
        )
    return body
