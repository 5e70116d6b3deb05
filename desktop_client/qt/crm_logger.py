"""Calls logged in the CRM from the tray app: after every journaled call and every few
minutes, in a worker thread; what still waits is shown in the tray's tooltip."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from desktop_client.directories.call_logging import LogResult

log = logging.getLogger("desktop_client.directory")

#: Calls that could not be logged are tried again this often.
RETRY_MS = 5 * 60_000


class CrmLogger(QObject):
    """Runs ``run`` (directories.call_logging.log_calls with its connections) off the UI
    thread, one run at a time; a request during a run starts another one after it."""

    finished = Signal(object)  # LogResult

    def __init__(self, run: Callable[[], LogResult], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._run = run
        self._lock = threading.Lock()
        self._running = False
        self._again = False
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.trigger)

    def start(self) -> None:
        """Log what waits now, and retry every few minutes."""
        self._timer.start(RETRY_MS)
        self.trigger()

    def stop(self) -> None:
        """No more runs are started."""
        self._timer.stop()

    def trigger(self) -> None:
        """A call was journaled (or it is time to retry)."""
        with self._lock:
            if self._running:
                self._again = True
                return
            self._running = True
        threading.Thread(target=self._work, name="crm-log", daemon=True).start()

    def _work(self) -> None:
        while True:
            try:
                result = self._run()
            except Exception as error:  # a disk or programming error: logged, tried later
                log.exception("logging calls in the CRM failed")
                result = LogResult(0, -1, 0, str(error))
            self.finished.emit(result)
            with self._lock:
                if not self._again:
                    self._running = False
                    return
                self._again = False
