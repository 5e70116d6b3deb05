"""Refused requests are logged, but a flood cannot rotate the log away.

A local program can send thousands of bad requests a second to the action-URL listener or
the IPC socket. The first few in each minute are logged as they are; the rest are counted
and summed up in one line ("412 more refused in the last minute"), so the log keeps the
lines that matter: the first refusals, and how many followed.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

WINDOW_S = 60.0
PER_WINDOW = 20


class RefusalLog:
    """A logger's WARNINGs for refused requests, with a budget per minute."""

    def __init__(self, logger: logging.Logger, what: str, *, per_window: int = PER_WINDOW,
                 window_s: float = WINDOW_S,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._log = logger
        self._what = what
        self._per_window = per_window
        self.window_s = window_s
        self._clock = clock
        self._started = -window_s
        self._logged = 0
        self.suppressed = 0

    def warning(self, message: str, *args: object) -> bool:
        """Log (or count) one refusal; True when it was counted and a :meth:`flush` is due
        by the end of the window."""
        now = self._clock()
        if now - self._started >= self.window_s:
            self.flush()
            self._started, self._logged = now, 0
        if self._logged < self._per_window:
            self._logged += 1
            self._log.warning(message, *args)
            return False
        self.suppressed += 1
        return self.suppressed == 1

    def remaining_s(self) -> float:
        """Seconds until the current window ends."""
        return max(0.0, self.window_s - (self._clock() - self._started))

    def flush(self) -> None:
        """Write the summary line for what was counted, if anything was."""
        if self.suppressed:
            self._log.warning("%d more %s refused in the last minute", self.suppressed,
                              self._what)
            self.suppressed = 0
