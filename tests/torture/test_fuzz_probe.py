"""Part 4c: the media prober turns any bytes into a media type and metadata (or a notice).

Inputs: raw bytes, and real fixtures cut short or with bytes overwritten, under names whose
extensions promise audio, images or nothing. Any exception is a failure and is kept.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import strategies as st

from tests.helpers import FIXTURES
from tests.torture.common import int_knob
from tests.torture.fuzzing import FUZZ_SECONDS, keep_crash, run_fuzz
from tr_journal.media.probe import probe_bytes

NAMES = [
    "a.wav",
    "a.mp3",
    "a.m4a",
    "a.ogg",
    "a.opus",
    "a.flac",
    "a.png",
    "a.jpg",
    "a.pdf",
    "a.bin",
    "noext",
]
SEEDS = [p.read_bytes()[:64_000] for p in sorted(FIXTURES.glob("*"))]


def check_probe(case: tuple[bytes, str]) -> None:
    data, name = case
    try:
        media_type, metadata = probe_bytes(data, name)
    except BaseException:
        keep_crash(f"probe-{name}", data)
        raise
    assert isinstance(media_type, str) and isinstance(metadata, dict)


@st.composite
def mutated_fixture(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(SEEDS)))
    data = data[: draw(st.integers(0, len(data)))]
    for _ in range(draw(st.integers(0, 8))):
        if data:
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    return bytes(data)


@pytest.mark.timeout(300 + FUZZ_SECONDS * 2)
@pytest.mark.parametrize("kind", ["raw", "fixtures"])
def test_probe_never_raises(kind: str) -> None:
    data: Any = st.binary(max_size=4096) if kind == "raw" else mutated_fixture()
    run_fuzz(
        f"probe {kind}",
        st.tuples(data, st.sampled_from(NAMES)),
        check_probe,
        int_knob("TRJ_FUZZ_PROBE_EXAMPLES", 150),
        share=2,
    )
