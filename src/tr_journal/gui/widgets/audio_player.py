"""Plays an audio attachment from memory: no file path, no temp file (docs/architecture.md).

API for the attachments panel::

    player = AudioPlayerWidget(parent)
    player.load(data, name)      # data: the original bytes, or a media.decode.DecodedAudio
    player.play(); player.pause(); player.seek(ms)
    player.clear()               # on lock / when another attachment is shown: stops, drops bytes

``load(bytes)`` decodes the waveform synchronously for recordings up to 10 minutes; a longer
one (or a ``DecodedAudio`` without peaks) starts playing at once while its waveform is drawn
progressively in short steps of the event loop. ``media.decode.load_audio(data)`` can run on the
GUI's worker and its result be passed to ``load``.
The original bytes sit in a ``QBuffer`` handed to ``QMediaPlayer.setSourceDevice``; if Qt cannot
play that container, the player falls back once to a PCM WAV decoded in memory by PyAV.

Every command to ``QMediaPlayer`` goes through the event loop (``PlayerCommands``), never
straight from Python: PySide holds the GIL across ``QMediaPlayer.stop()`` and friends, while
the FFmpeg backend's audio thread, tearing down a connection, waits for the GIL to ask our
Python-made objects for overrides; the two waited on each other forever (it hung CI; gdb
showed both threads; here about once in 100 load/play/seek/clear cycles). The event loop calls
the C++ slot with the GIL released, so the backend's thread can always finish.
``name`` is used only for its extension (a format hint), never shown in a title or saved.
"""

from __future__ import annotations

from collections.abc import Generator
from pathlib import PurePath
from time import perf_counter

from PySide6.QtCore import (
    Q_ARG,
    SIGNAL,
    SLOT,
    QBuffer,
    QByteArray,
    QEventLoop,
    QGenericArgumentHolder,
    QIODevice,
    QMetaObject,
    QObject,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtMultimedia import QAudioDevice, QAudioOutput, QMediaDevices, QMediaPlayer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSlider, QVBoxLayout, QWidget

from tr_journal.gui import palette
from tr_journal.gui.widgets.waveform import WaveformWidget
from tr_journal.i18n import _
from tr_journal.media.decode import DEFAULT_BINS, DecodedAudio, iter_waveform, load_audio

#: time the progressive waveform may take from the event loop per step (keeps the UI fluid)
WAVEFORM_STEP_SECONDS = 0.015
_QUEUED = Qt.ConnectionType.QueuedConnection


def audio_outputs() -> list[QAudioDevice]:
    """The computer's sound outputs (none on a machine without sound, or in a sandbox)."""
    return list(QMediaDevices.audioOutputs())


def format_ms(ms: int) -> str:
    seconds = max(0, int(ms)) // 1000
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class PlayerCommands(QObject):
    """Posts commands to a ``QMediaPlayer`` so that the event loop, not Python, runs them.

    ``send`` and ``set_device`` return at once; ``flush`` runs what was posted before it
    (a nested event loop without user input, so the GIL is released while Qt works).
    """

    source_device = Signal(QIODevice, QUrl)

    def __init__(self, player: QMediaPlayer) -> None:
        super().__init__(player)
        self._player = player
        # connected by signature: the queued call is C++ to C++, with no Python slot between
        QObject.connect(
            self,
            SIGNAL("source_device(QIODevice*,QUrl)"),
            player,
            SLOT("setSourceDevice(QIODevice*,QUrl)"),
            _QUEUED,
        )

    def send(self, slot: str, *args: QGenericArgumentHolder) -> None:
        QMetaObject.invokeMethod(self._player, slot, _QUEUED, *args)

    def set_device(self, device: QIODevice | None, hint: QUrl) -> None:
        self.source_device.emit(device, hint)

    def flush(self) -> None:
        loop = QEventLoop()
        QMetaObject.invokeMethod(loop, "quit", _QUEUED)  # posted after every command above
        loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)


class AudioPlayerWidget(QWidget):
    """Play/pause, a seek slider, position / duration, and the waveform."""

    failed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.player = QMediaPlayer(self)
        self.output = QAudioOutput(self)
        self.player.setAudioOutput(self.output)
        self._commands = PlayerCommands(self.player)
        self._buffer: QBuffer | None = None
        self._audio: DecodedAudio | None = None
        self._suffix = ""
        self._fell_back = False
        self._wave_steps: Generator[list[float], None, None] | None = None
        self._wave_timer = QTimer(self)
        self._wave_timer.setInterval(0)
        self._wave_timer.timeout.connect(self._wave_step)
        self._build()
        self.player.positionChanged.connect(self._on_position)
        self.player.durationChanged.connect(self._on_duration)
        self.player.playbackStateChanged.connect(self._on_state)
        self.player.errorOccurred.connect(self._on_error)
        self._set_enabled(False)

    def _build(self) -> None:
        self.play_button = QPushButton(_("Play"), self)
        self.play_button.setAccessibleName(_("Play or pause the recording"))
        self.play_button.clicked.connect(self.toggle)
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setAccessibleName(_("Playback position"))
        self.slider.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.slider.setSingleStep(5000)  # arrow keys: 5 s; Page Up/Down: 30 s
        self.slider.setPageStep(30000)
        self.slider.sliderMoved.connect(self.seek)
        # keyboard steps and clicks on the groove do not emit sliderMoved
        self.slider.actionTriggered.connect(lambda _a: self.seek(self.slider.sliderPosition()))
        self.time_label = QLabel(format_ms(0) + " / " + format_ms(0), self)
        self.time_label.setAccessibleName(_("Position and duration"))
        # Without a sound output Qt plays silently: say so, instead of a Play that does nothing.
        self.no_device = QLabel(self)
        self.no_device.setWordWrap(True)
        self.no_device.setStyleSheet(palette.PROBLEM_TEXT)
        self.devices = QMediaDevices(self)
        self.devices.audioOutputsChanged.connect(self.show_device_state)
        self.waveform = WaveformWidget(self)
        self.waveform.seekRequested.connect(self._seek_fraction)
        row = QHBoxLayout()
        row.addWidget(self.play_button)
        row.addWidget(self.slider, 1)
        row.addWidget(self.time_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.waveform)
        layout.addLayout(row)
        layout.addWidget(self.no_device)
        layout.addStretch(1)  # the warning stays right under the controls it is about
        self.show_device_state()

    def retranslate(self) -> None:
        self._on_state(self.player.playbackState())
        self.show_device_state()

    def show_device_state(self) -> None:
        """A line under the controls when the computer has no sound output to play to."""
        self.no_device.setText(
            _(
                "No sound output was found on this computer: the recording "
                "cannot be heard here. It is kept unchanged in the journal."
            )
        )
        self.no_device.setVisible(not audio_outputs())

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (self.play_button, self.slider, self.waveform):
            widget.setEnabled(enabled)

    # -- API -------------------------------------------------------------------------------
    def load(self, data: bytes | DecodedAudio, name: str = "") -> None:
        """Show and get ready to play; raises ``UnsupportedMedia`` for undecodable bytes."""
        self.clear()
        audio = data if isinstance(data, DecodedAudio) else load_audio(bytes(data), name=name)
        self._audio = audio
        self._suffix = PurePath(name).suffix.lower()
        self.waveform.set_peaks(audio.peaks)
        self.slider.setRange(0, int(audio.duration * 1000))
        self._show_time(0, int(audio.duration * 1000))
        self._set_source(audio.original, self._suffix)  # runs the event loop briefly
        if not audio.peaks and audio.duration > 0:  # a long recording: draw it while playing
            self._wave_steps = iter_waveform(audio.original, DEFAULT_BINS, audio.duration)
            self._wave_timer.start()
        self._set_enabled(True)

    def play(self) -> None:
        if self._buffer is not None:
            self._commands.send("play")

    def pause(self) -> None:
        self._commands.send("pause")

    def toggle(self) -> None:
        if self.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState:
            self.pause()
        else:
            self.play()

    def seek(self, ms: int) -> None:
        self._commands.send("setPosition", Q_ARG("qint64", int(ms)))

    def duration_ms(self) -> int:
        return self.slider.maximum()

    def clear(self) -> None:
        """Stop and drop every byte of the recording (used on lock)."""
        self._wave_timer.stop()
        if self._wave_steps is not None:
            self._wave_steps.close()
        self._wave_steps = None
        self._commands.send("stop")
        # setSource(QUrl()) also forgets the device; setSourceDevice(None) after stop() hangs
        # in Qt 6.12's FFmpeg backend
        self._commands.send("setSource", Q_ARG(QUrl, QUrl()))
        self._commands.flush()  # the player holds no buffer any more before we drop it
        if self._buffer is not None:
            self._buffer.close()
            self._buffer.setData(QByteArray())
            self._buffer.deleteLater()
        self._buffer = None
        self._audio = None
        self._fell_back = False
        self.waveform.clear()
        self.slider.setRange(0, 0)
        self._show_time(0, 0)
        self.play_button.setText(_("Play"))
        self._set_enabled(False)

    # -- internals -------------------------------------------------------------------------
    def _set_source(self, data: bytes, suffix: str, *, wait: bool = True) -> None:
        buffer = QBuffer(self)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        old, self._buffer = self._buffer, buffer
        # the URL is only a format hint for Qt; it names no file
        self._commands.set_device(buffer, QUrl("recording" + suffix))
        if not wait:  # called from the player's own signal: the old buffer goes later
            if old is not None:
                old.deleteLater()
            return
        self._commands.flush()
        if old is not None:
            old.close()
            old.deleteLater()

    def waveform_done(self) -> bool:
        return self._wave_steps is None

    def _wave_step(self) -> None:
        """Decode for a few milliseconds, show the waveform so far, yield to the event loop."""
        if self._wave_steps is None:
            self._wave_timer.stop()
            return
        deadline = perf_counter() + WAVEFORM_STEP_SECONDS
        peaks: list[float] | None = None
        try:
            while perf_counter() < deadline:
                peaks = next(self._wave_steps)
        except StopIteration:
            self._wave_steps = None
            self._wave_timer.stop()
        except Exception:  # a damaged tail: keep what was drawn, playback is unaffected
            self._wave_steps = None
            self._wave_timer.stop()
        if peaks is not None:
            self.waveform.set_peaks(peaks + [0.0] * max(0, DEFAULT_BINS - len(peaks)))

    def _on_error(self, error: QMediaPlayer.Error, message: str) -> None:
        if self._audio is not None and not self._fell_back:
            self._fell_back = True
            self._set_source(self._audio.wav_bytes(), ".wav", wait=False)
            return
        self.failed.emit(_("This recording cannot be played here."))

    def _on_position(self, ms: int) -> None:
        if not self.slider.isSliderDown():
            self.slider.setValue(int(ms))
        total = self.slider.maximum()
        self.waveform.set_position(ms / total if total else 0.0)
        self._show_time(ms, total)

    def _on_duration(self, ms: int) -> None:
        if ms > 0:
            self.slider.setRange(0, int(ms))
            self._show_time(self.player.position(), int(ms))

    def _on_state(self, state: QMediaPlayer.PlaybackState) -> None:
        playing = state == QMediaPlayer.PlaybackState.PlayingState
        self.play_button.setText(_("Pause") if playing else _("Play"))

    def _seek_fraction(self, fraction: float) -> None:
        self.seek(int(fraction * self.slider.maximum()))

    def _show_time(self, position: int, total: int) -> None:
        self.time_label.setText(f"{format_ms(position)} / {format_ms(total)}")
