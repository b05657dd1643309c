"""The audio player plays from a QBuffer offscreen: the position advances, seek and clear work."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtMultimedia import QMediaPlayer

from tr_journal.errors import UnsupportedMedia
from tr_journal.gui.widgets.audio_player import AudioPlayerWidget, format_ms
from tr_journal.media.decode import DEFAULT_BINS, load_audio


@pytest.mark.parametrize("name", ["call-fr.m4a", "voice-note-zh.opus"])
def test_position_advances_when_playing_from_memory(qtbot, fixtures_dir: Path, name: str) -> None:
    player = AudioPlayerWidget()
    qtbot.addWidget(player)
    player.load((fixtures_dir / name).read_bytes(), name)
    assert not player.player.source().isLocalFile()  # a device, not a file path
    assert player.player.sourceDevice() is not None
    assert len(player.waveform.peaks()) > 100
    assert player.duration_ms() > 4000
    with qtbot.waitSignal(player.player.playbackStateChanged, timeout=10_000):
        player.play_button.click()
    qtbot.waitUntil(lambda: player.player.position() > 300, timeout=10_000)
    assert player.play_button.text() == "Pause"
    qtbot.waitUntil(lambda: player.slider.value() > 0, timeout=10_000)
    assert player.waveform.position() > 0
    assert "/" in player.time_label.text()
    player.play_button.click()
    qtbot.waitUntil(lambda: player.player.playbackState() == QMediaPlayer.PlaybackState.PausedState)
    player.seek(3000)
    qtbot.waitUntil(lambda: abs(player.player.position() - 3000) < 300, timeout=10_000)
    player.play()
    qtbot.waitUntil(lambda: player.player.position() > 3300, timeout=10_000)
    player.clear()  # while playing: must not hang (as setSourceDevice(None) does in Qt 6.12)
    assert player.player.sourceDevice() is None
    assert player.player.playbackState() == QMediaPlayer.PlaybackState.StoppedState


def test_load_decoded_audio_and_clear(qtbot, fixtures_dir: Path) -> None:
    player = AudioPlayerWidget()
    qtbot.addWidget(player)
    audio = load_audio((fixtures_dir / "call-fr-8k.wav").read_bytes(), bins=300)
    player.load(audio, "x.wav")
    assert player.waveform.peaks() == audio.peaks
    assert player.play_button.isEnabled()
    assert player.time_label.text() == "0:00 / 0:09"
    player.clear()
    assert player.player.sourceDevice() is None
    assert player.waveform.peaks() == []
    assert not player.play_button.isEnabled()
    assert player.time_label.text() == "0:00 / 0:00"


def test_long_recording_waveform_is_drawn_progressively(qtbot, fixtures_dir: Path) -> None:
    audio = load_audio((fixtures_dir / "call-fr.m4a").read_bytes(), waveform_up_to=0)
    assert audio.peaks == []  # as for a recording over ten minutes
    player = AudioPlayerWidget()
    qtbot.addWidget(player)
    player.load(audio, "call.m4a")
    assert player.play_button.isEnabled()  # playable before the waveform exists
    assert not player.waveform_done()
    player.play()
    qtbot.waitUntil(player.waveform_done, timeout=10_000)
    peaks = player.waveform.peaks()
    assert len(peaks) == DEFAULT_BINS and max(peaks) > 0.2
    qtbot.waitUntil(lambda: player.player.position() > 100, timeout=10_000)
    player.clear()


def test_keyboard_seeks(qtbot, fixtures_dir: Path) -> None:
    from PySide6.QtCore import Qt

    player = AudioPlayerWidget()
    qtbot.addWidget(player)
    player.load((fixtures_dir / "call-fr-8k.wav").read_bytes(), "call.wav")
    player.show()
    qtbot.waitExposed(player)
    qtbot.waitUntil(
        lambda: player.player.mediaStatus() == QMediaPlayer.MediaStatus.LoadedMedia, timeout=10_000
    )
    player.slider.setFocus()
    qtbot.keyClick(player.slider, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: abs(player.player.position() - 5000) < 300, timeout=10_000)
    assert player.slider.value() == 5000


def test_undecodable_bytes_raise_a_typed_error(qtbot) -> None:
    player = AudioPlayerWidget()
    qtbot.addWidget(player)
    with pytest.raises(UnsupportedMedia):
        player.load(b"\x00garbage" * 1000, "voice.ogg")
    assert not player.play_button.isEnabled()


def test_controls_have_accessible_names(qtbot) -> None:
    player = AudioPlayerWidget()
    qtbot.addWidget(player)
    for widget in (player.play_button, player.slider, player.time_label, player.waveform):
        assert widget.accessibleName()


def test_format_ms() -> None:
    assert format_ms(0) == "0:00"
    assert format_ms(61_500) == "1:01"
    assert format_ms(3_723_000) == "1:02:03"
