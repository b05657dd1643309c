"""Part 4a: fuzz the key-slot header parser — only VaultCorrupt/VaultTooNew, for any bytes.

Three generators: raw bytes; a real header with bytes flipped, inserted or deleted; and a real
header's JSON with any node replaced by arbitrary JSON (huge KDF numbers included). Whenever a
mutated header still parses and its KDF is cheap, unlocking it must also end in a typed error.
"""

from __future__ import annotations

import copy
import json
import os
import resource
import subprocess
import sys
from typing import Any

import pytest
from hypothesis import strategies as st

from tests.helpers import CHEAP_KDF
from tests.torture.fuzzing import FUZZ_SECONDS, keep_crash, run_fuzz
from tr_journal.crypto.keyslots import Header, parse_header, wrap_key
from tr_journal.errors import VaultCorrupt, WrongPassphrase

SECRET = b"fuzz secret"
BASE = Header(
    [wrap_key("passphrase", SECRET, os.urandom(32), CHEAP_KDF)], {"vault_id": "fuzz"}
).to_bytes()
BASE_DOC = json.loads(BASE)

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True)
    | st.text(max_size=40),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=10,
)


def check_header(data: bytes) -> None:
    try:
        header = parse_header(data)
    except VaultCorrupt:
        return
    except BaseException:
        keep_crash("keyslots", data)
        raise
    cheap = all(
        s.kdf.memory_kib <= CHEAP_KDF.memory_kib and s.kdf.iterations <= 2 for s in header.slots
    )
    if cheap:
        try:
            header.unlock("passphrase", SECRET)
        except (WrongPassphrase, VaultCorrupt):
            pass
        except BaseException:
            keep_crash("keyslots", data)
            raise


@st.composite
def flipped(draw: st.DrawFn) -> bytes:
    data = bytearray(BASE)
    for _ in range(draw(st.integers(1, 8))):
        pos = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["flip", "insert", "delete"]))
        if action == "flip":
            data[pos] ^= draw(st.integers(1, 255))
        elif action == "insert":
            data[pos:pos] = draw(st.binary(min_size=1, max_size=8))
        else:
            del data[pos : pos + draw(st.integers(1, 8))]
    return bytes(data)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


PATHS = _paths(BASE_DOC)


@st.composite
def restructured(draw: st.DrawFn) -> bytes:
    doc = copy.deepcopy(BASE_DOC)
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(PATHS))
        value = draw(json_values)
        if not path:
            doc = value
            break
        node = doc
        try:
            for step in path[:-1]:
                node = node[step]
            node[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue
    return json.dumps(doc).encode("utf-8")


@st.composite
def huge_kdf(draw: st.DrawFn) -> bytes:
    doc = copy.deepcopy(BASE_DOC)
    kdf = doc["slots"][0]["kdf"]
    for name in ("memory_kib", "iterations", "parallelism"):
        kdf[name] = draw(st.integers(min_value=-(2**64), max_value=2**64))
    return json.dumps(doc).encode("utf-8")


@pytest.mark.timeout(120 + FUZZ_SECONDS * 2)
@pytest.mark.parametrize(
    ("name", "strategy", "examples"),
    [
        ("header raw bytes", st.binary(max_size=4096), 400),
        ("header flipped bytes", flipped(), 400),
        ("header restructured json", restructured(), 400),
        ("header huge kdf", huge_kdf(), 200),
    ],
)
def test_header_parser_raises_only_typed_errors(name: str, strategy: Any, examples: int) -> None:
    run_fuzz(name, strategy, check_header, examples, share=4)


HUGE_CHILD = """
import json, resource, sys
from tr_journal.crypto.keyslots import parse_header
from tr_journal.errors import VaultCorrupt
resource.setrlimit(resource.RLIMIT_AS, (512 << 20, 512 << 20))
doc = json.loads(sys.stdin.read())
for memory, iterations, parallelism in [(2**40, 3, 4), (8 << 20, 3, 4), (65536, 10**9, 1),
                                        (65536, 1, 2**31), (2**63, 2**63, 2**63)]:
    doc["slots"][0]["kdf"].update(memory_kib=memory, iterations=iterations,
                                  parallelism=parallelism)
    try:
        parse_header(json.dumps(doc).encode())
    except VaultCorrupt:
        continue
    sys.exit(f"accepted {memory} {iterations} {parallelism}")
print("refused all")
"""


@pytest.mark.timeout(30)
def test_huge_kdf_refused_before_allocating() -> None:
    """Under a 512 MiB address-space limit, absurd parameters fail fast instead of allocating."""
    assert resource.RLIMIT_AS
    done = subprocess.run(
        [sys.executable, "-c", HUGE_CHILD],
        input=BASE.decode(),
        capture_output=True,
        text=True,
        timeout=20,
    )
    assert done.returncode == 0 and "refused all" in done.stdout, done.stderr
