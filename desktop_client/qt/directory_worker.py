"""The directory servers in the tray app: a sync every ``sync_minutes`` and live lookups for
unknown callers, each in a worker thread; results come back to the UI thread by signals.

A slow or dead server never blocks the UI or delays a card: the card is shown from the local
directory first, and updated when (and if) a server answers within its deadline.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import QObject, QTimer, Signal

from desktop_client.core.numbers import Location, NumberError, normalize
from desktop_client.directories.service import DirectoryService

log = logging.getLogger("desktop_client.directory")

#: Live lookups at once.
LOOKUP_THREADS = 2
#: The first sync waits until the app has settled (start-up stays quick).
FIRST_SYNC_MS = 20_000


class DirectoryWorker(QObject):
    """Runs :class:`DirectoryService` work off the UI thread."""

    progress = Signal(str, int)  # source, entries read so far
    synced = Signal(list)  # [SyncResult]
    answered = Signal(str, list)  # call id, [Match]

    def __init__(self, build: Callable[[], DirectoryService], location: Location, *,
                 sync_minutes: int, block_digits: int = 2,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._build = build
        self._service: DirectoryService | None = None
        self._lock = threading.Lock()
        self._syncing = threading.Event()
        self._location = location
        self._block_digits = block_digits
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.sync_now)
        self._sync_minutes = sync_minutes
        self._lookups: ThreadPoolExecutor | None = None

    def start(self) -> None:
        """Sync soon, then every ``sync_minutes`` (0: only on demand)."""
        if self._sync_minutes > 0:
            QTimer.singleShot(FIRST_SYNC_MS, self.sync_now)
            self._timer.start(self._sync_minutes * 60_000)

    def stop(self) -> None:
        """No more syncs or lookups are started (running ones finish in their threads)."""
        self._timer.stop()
        if self._lookups is not None:
            self._lookups.shutdown(wait=False, cancel_futures=True)
            self._lookups = None

    def service(self) -> DirectoryService:
        """The service, built on first use (it reads passwords from the keyring)."""
        with self._lock:
            if self._service is None:
                self._service = self._build()
            return self._service

    def sync_now(self) -> bool:
        """Start a sync unless one runs; False when one runs already."""
        if self._syncing.is_set():
            return False
        self._syncing.set()
        threading.Thread(target=self._sync, name="directory-sync", daemon=True).start()
        return True

    def _sync(self) -> None:
        try:
            results = self.service().sync(progress=self.progress.emit)
        except Exception:
            log.exception("the directory sync failed")
            results = []
        finally:
            self._syncing.clear()
        self.synced.emit(results)

    def ask(self, call_id: str, e164: str) -> None:
        """Ask the servers about a caller; :attr:`answered` fires only when one knew it.

        At most :data:`LOOKUP_THREADS` lookups run at once; a storm of calls queues (and the
        service's cache answers repeats) instead of opening a thread per call."""
        if self._lookups is None:
            self._lookups = ThreadPoolExecutor(LOOKUP_THREADS,
                                               thread_name_prefix="directory-lookup")
        self._lookups.submit(self._ask, call_id, e164)

    def _ask(self, call_id: str, e164: str) -> None:
        try:
            number = normalize(e164, self._location)
            matches = self.service().lookup_live(number, self._block_digits)
        except NumberError:
            return
        except Exception:
            log.exception("the live directory lookup failed")
            return
        if matches:
            self.answered.emit(call_id, matches)
