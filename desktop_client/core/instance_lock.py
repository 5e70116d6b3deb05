"""One running app per profile, by a lock the operating system holds, not only by a socket.

The IPC socket can vanish under a running app (deleted by hand, or closed by Qt after an
accept error); a second tray for the same profile would then start on the next click. The lock
file ``DIR/desktop-client.lock`` is held with ``flock`` (``msvcrt.locking`` on Windows) for as
long as the app runs, and names its PID so that tools and tests can end exactly that process.
The kernel drops the lock when the process dies, so a crash leaves nothing stale behind.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import IO

LOCK_FILE_NAME = "desktop-client.lock"


class InstanceLock:
    """Held from :meth:`acquire` until :meth:`release` or the process ends."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / LOCK_FILE_NAME
        self._file: IO[str] | None = None

    def acquire(self) -> bool:
        """True when this process now holds the lock; False when another one does."""
        if self._file is not None:
            return True
        handle = open(self.path, "a+", encoding="ascii")  # noqa: SIM115 - held while running
        try:
            _lock(handle)
        except OSError:
            handle.close()
            return False
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        self._file = handle
        return True

    def release(self) -> None:
        """Let go (the file stays; the next app rewrites it)."""
        if self._file is not None:
            self._file.close()
            self._file = None

    def holder(self) -> int | None:
        """The PID written by the app that holds (or last held) the lock."""
        try:
            text = self.path.read_text(encoding="ascii").strip()
        except OSError:
            return None
        return int(text) if text.isdigit() else None


def _lock(handle: IO[str]) -> None:
    if sys.platform == "win32":
        import msvcrt  # noqa: PLC0415

        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
    else:
        import fcntl  # noqa: PLC0415

        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
