"""When the app locks: on demand (Ctrl+L, toolbar), after idle time, and when the screen locks.

:class:`LockController` only decides *when*; it emits :attr:`LockController.lock_requested` and
the main window does the locking (close the vault, clear views). Idle time is measured from the
last keyboard or mouse input in any of the application's windows, so a person reading an entry
without touching anything is still protected after the timeout.

Input is watched on each top-level ``QWindow`` (installed as a window gets focus), not with an
application-wide filter: real input reaches the window before its widgets, and a Python filter
on the whole application would run for every paint and timer event of every object, and be
handed objects half-way through their destruction (a suspected cause of one crash in tests).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import SLOT, QEvent, QObject, QTimer, Signal, Slot
from PySide6.QtGui import QWindow
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT_MINUTES = 5.0
_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.InputMethod,
    }
)
#: (bus, service, path, interface, signal, slot signature) of screen-lock notifications
_SESSION_SIGNALS = (
    (
        "org.freedesktop.ScreenSaver",
        "/org/freedesktop/ScreenSaver",
        "org.freedesktop.ScreenSaver",
        "ActiveChanged",
    ),
    ("org.gnome.ScreenSaver", "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver", "ActiveChanged"),
    ("org.mate.ScreenSaver", "/org/mate/ScreenSaver", "org.mate.ScreenSaver", "ActiveChanged"),
)


class LockController(QObject):
    """Emits :attr:`lock_requested` on Ctrl+L, after idle time, or when the screen locks."""

    lock_requested = Signal(str)  # reason: "manual", "idle", "screen"

    def __init__(
        self, parent: QObject | None = None, timeout_minutes: float = DEFAULT_TIMEOUT_MINUTES
    ) -> None:
        super().__init__(parent)
        self._armed = False
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.timeout.connect(self._on_idle)
        self.set_timeout_minutes(timeout_minutes)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusWindowChanged.connect(self.watch_window)
            for window in app.topLevelWindows():
                self.watch_window(window)
        self.screen_lock_watched = self._watch_screen_lock()

    # -- configuration ---------------------------------------------------------------------
    def set_timeout_minutes(self, minutes: float) -> None:
        """Idle minutes before locking; 0 or less disables the idle lock (not recommended)."""
        self.timeout_minutes = float(minutes)
        self._idle.setInterval(max(1, int(self.timeout_minutes * 60_000)))
        self._restart()

    def arm(self) -> None:
        """Start watching (the vault is open)."""
        self._armed = True
        self._restart()

    def disarm(self) -> None:
        """Stop watching (the vault is locked)."""
        self._armed = False
        self._idle.stop()

    @property
    def armed(self) -> bool:
        return self._armed

    # -- triggers --------------------------------------------------------------------------
    def lock_now(self, reason: str = "manual") -> None:
        if self._armed:
            self.lock_requested.emit(reason)

    def _on_idle(self) -> None:
        self.lock_now("idle")

    @Slot(bool)
    def on_screensaver_active(self, active: bool) -> None:
        if active:
            self.lock_now("screen")

    @Slot()
    def on_session_lock(self) -> None:
        self.lock_now("screen")

    def _restart(self) -> None:
        if self._armed and self.timeout_minutes > 0:
            self._idle.start()
        else:
            self._idle.stop()

    def watch_window(self, window: QWindow | None) -> None:
        """Count input in ``window`` as activity (re-installing only moves the filter)."""
        if window is not None:
            window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._armed and event.type() in _INPUT_EVENTS:
            self._idle.start()
        return False

    # -- screen lock over D-Bus ------------------------------------------------------------
    def _watch_screen_lock(self) -> bool:
        """Subscribe to screensaver/logind signals where a bus exists; never fail without one."""
        try:
            from PySide6.QtDBus import QDBusConnection
        except ImportError:
            return False
        watched = False
        # PySide6's stubs type the slot as bytes, but the binding accepts only the str that
        # SLOT() makes (bytes raise ValueError), hence the two ignores below
        try:
            session = QDBusConnection.sessionBus()
            if session.isConnected():
                for service, path, interface, name in _SESSION_SIGNALS:
                    watched |= session.connect(  # type: ignore[call-overload]
                        service, path, interface, name, self, SLOT("on_screensaver_active(bool)")
                    )
            system = QDBusConnection.systemBus()
            if system.isConnected():
                watched |= system.connect(  # type: ignore[call-overload]
                    "org.freedesktop.login1",
                    "",
                    "org.freedesktop.login1.Session",
                    "Lock",
                    self,
                    SLOT("on_session_lock()"),
                )
        except Exception as exc:  # a broken bus must not stop the app from starting
            log.info("screen-lock signals unavailable: %s", type(exc).__name__)
        return bool(watched)
