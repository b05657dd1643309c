"""A local time-stamp authority (``openssl``) shared by the stamp tests of a session."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.stamps.tsa import Identity, LocalCA


@dataclass
class Authorities:
    ca: LocalCA
    tsa: Identity  # RSA, critical timeStamping, valid 2020-2040
    ec_tsa: Identity  # the same with an EC key
    expired: Identity  # valid 2020-2021 only
    client: Identity  # clientAuth, no timeStamping
    other_ca: LocalCA  # a second root nobody vouches for
    other_tsa: Identity


@pytest.fixture(scope="session")
def authorities(tmp_path_factory: pytest.TempPathFactory) -> Authorities:
    if shutil.which("openssl") is None:
        pytest.fail("openssl is needed (tools/setup.sh installs it)")
    base = tmp_path_factory.mktemp("tsa")
    ca = LocalCA(base / "ca", "Test Root")
    other = LocalCA(base / "other", "Other Root")
    return Authorities(
        ca=ca,
        tsa=ca.issue("Test TSA", "tsa_ext", key_type="rsa"),
        ec_tsa=ca.issue("Test EC TSA", "tsa_ext"),
        expired=ca.issue("Old TSA", "tsa_ext", end="20210101000000Z"),
        client=ca.issue("Client", "client_ext"),
        other_ca=other,
        other_tsa=other.issue("Other TSA", "tsa_ext"),
    )


class _LocalTSAHandler(BaseHTTPRequestHandler):
    authorities: Authorities
    folder: Path
    seen: list[str] = []  # noqa: RUF012  (test bookkeeping)

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.seen.append(self.headers["Content-Type"])
        query = self.folder / "query.tsq"
        query.write_bytes(body)
        reply = self.authorities.ca.reply(
            query, self.folder / "reply.tsr", self.authorities.tsa
        ).read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "application/timestamp-reply")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def http_tsa(tmp_path: Path, authorities: Authorities) -> Iterator[str]:
    handler = type(
        "Handler", (_LocalTSAHandler,), {"authorities": authorities, "folder": tmp_path, "seen": []}
    )
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/tsr"
    server.shutdown()
    thread.join()
    assert handler.seen == ["application/timestamp-query"] * len(handler.seen)
