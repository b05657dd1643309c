"""A local time-stamp authority (``openssl``) shared by the stamp tests of a session."""

from __future__ import annotations

import shutil
from dataclasses import dataclass

import pytest

from tests.stamps.tsa import Identity, LocalCA


@dataclass
class Authorities:
    ca: LocalCA
    tsa: Identity            # RSA, critical timeStamping, valid 2020-2040
    ec_tsa: Identity         # the same with an EC key
    expired: Identity        # valid 2020-2021 only
    client: Identity         # clientAuth, no timeStamping
    other_ca: LocalCA        # a second root nobody vouches for
    other_tsa: Identity


@pytest.fixture(scope="session")
def authorities(tmp_path_factory: pytest.TempPathFactory) -> Authorities:
    if shutil.which("openssl") is None:
        pytest.fail("openssl is needed (tools/setup.sh installs it)")
    base = tmp_path_factory.mktemp("tsa")
    ca = LocalCA(base / "ca", "Test Root")
    other = LocalCA(base / "other", "Other Root")
    return Authorities(
        ca=ca, tsa=ca.issue("Test TSA", "tsa_ext", key_type="rsa"),
        ec_tsa=ca.issue("Test EC TSA", "tsa_ext"),
        expired=ca.issue("Old TSA", "tsa_ext", end="20210101000000Z"),
        client=ca.issue("Client", "client_ext"),
        other_ca=other, other_tsa=other.issue("Other TSA", "tsa_ext"))
