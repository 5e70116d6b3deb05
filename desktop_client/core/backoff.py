"""Reconnect timing for CTI sources: exponential backoff with jitter, and heartbeat deadlines.

Qt-free and clock-injected, so tests run them with a fake clock and a fake random source.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Backoff:
    """Delays that double up to a maximum, each spread by +-jitter; never gives up."""

    start: float = 0.5
    maximum: float = 30.0
    jitter: float = 0.2
    rng: Callable[[], float] = random.random
    _current: float = field(init=False, default=0.0)

    def __post_init__(self) -> None:
        self._current = self.start

    def next_delay(self) -> float:
        """The delay before the next attempt."""
        spread = 1.0 - self.jitter + 2 * self.jitter * self.rng()
        delay = self._current * spread
        self._current = min(self._current * 2, self.maximum)
        return delay

    def reset(self) -> None:
        """A connection succeeded: start small again."""
        self._current = self.start


@dataclass
class Heartbeat:
    """A probe goes out every ``interval``; one left unanswered for ``timeout`` is overdue.

    This is how a half-open connection (the peer gone without closing) is noticed.
    """

    interval: float = 15.0
    timeout: float = 5.0
    clock: Callable[[], float] = time.monotonic
    _sent_at: float | None = field(init=False, default=None)

    def due(self) -> bool:
        """Time to send a probe (none is waiting for its answer)."""
        return self._sent_at is None

    def sent(self) -> None:
        """A probe went out now."""
        self._sent_at = self.clock()

    def answered(self) -> None:
        """The peer answered the probe."""
        self._sent_at = None

    def overdue(self) -> bool:
        """The peer has not answered within the timeout."""
        return self._sent_at is not None and self.clock() - self._sent_at > self.timeout
