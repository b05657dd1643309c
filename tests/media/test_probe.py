"""Content detection beyond the fixtures: video, text, and names that lie."""

from __future__ import annotations

import io

import av

from tr_journal.media.probe import NOTICE_AUDIO, OCTET_STREAM, probe_bytes


def _tiny_video() -> bytes:
    out = io.BytesIO()
    with av.open(out, "w", format="mp4") as container:
        stream = container.add_stream("mpeg4", rate=10)
        stream.width, stream.height, stream.pix_fmt = 64, 48, "yuv420p"
        for i in range(10):
            frame = av.VideoFrame(64, 48, "yuv420p")
            for plane in frame.planes:
                plane.update(bytes([i * 20]) * plane.buffer_size)
            frame.pts = i
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    return out.getvalue()


def test_video_is_a_video_not_undecodable_audio() -> None:
    media_type, metadata = probe_bytes(_tiny_video(), "screen-recording.mp4")
    assert media_type == "video/mp4"
    assert (metadata["width"], metadata["height"]) == (64, 48)
    assert metadata["codec"] == "mpeg4"
    assert abs(metadata["duration"] - 1.0) < 0.15
    assert "notice" not in metadata


def test_text_is_text_whatever_its_name() -> None:
    chat = "سىز ئۇرۇمچىگە قايتىڭ\n你的护照号码是多少？\nVotre passeport ?\n".encode() * 50
    assert probe_bytes(chat[:-1], "export.mp3")[0] != "text/plain"  # an audio name: notice
    assert probe_bytes(chat, "chat.txt") == ("text/plain", {})
    assert probe_bytes(chat[:1001], "chat.log") == ("text/plain", {})  # cut inside a character


def test_binary_without_a_known_name_is_octet_stream() -> None:
    assert probe_bytes(bytes(range(256)) * 40, "blob.dat") == (OCTET_STREAM, {})
    assert probe_bytes(b"\x00\x01" * 999, "voice.m4a") == (OCTET_STREAM, {"notice": NOTICE_AUDIO})
