"""Process hardening shared by the command line and the desktop app.

A process that holds the data key or a passphrase must not leave them in a core file: a core of
``passwd`` held both. Both entry points call :func:`disable_core_dumps` before anything is
decrypted or read from the person.
"""

from __future__ import annotations

import ctypes
import sys

PR_SET_DUMPABLE = 4


def disable_core_dumps() -> bool:
    """RLIMIT_CORE 0 and, on Linux, PR_SET_DUMPABLE 0 (no core, no ptrace by the same user,
    no /proc/PID/mem); True if both took effect. Where the OS refuses, the process goes on:
    the other protections (no plaintext on disk) still hold."""
    ok = True
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ImportError, OSError, ValueError):
        ok = False
    if sys.platform.startswith("linux"):
        try:
            # the symbols already loaded (libc's among them): no ldconfig run at CLI start
            libc = ctypes.CDLL(None, use_errno=True)
            ok = libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == 0 and ok
        except OSError:
            ok = False
    return ok
