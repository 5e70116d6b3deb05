"""Reconnect timing with a fake clock and a fake random source."""

from __future__ import annotations

import pytest

from desktop_client.core.backoff import Backoff, Heartbeat


@pytest.mark.parametrize("draw", [0.0, 0.5, 1.0])
def test_backoff_doubles_within_jitter_bounds_and_never_gives_up(draw: float) -> None:
    backoff = Backoff(start=0.5, maximum=30.0, jitter=0.2, rng=lambda: draw)
    delays = [backoff.next_delay() for _ in range(12)]
    bases = [0.5, 1, 2, 4, 8, 16, 30, 30, 30, 30, 30, 30]
    for delay, base in zip(delays, bases, strict=True):
        assert base * 0.8 - 1e-9 <= delay <= base * 1.2 + 1e-9
    assert delays[0] == pytest.approx(0.5 * (0.8 + 0.4 * draw))
    backoff.reset()
    assert backoff.next_delay() == pytest.approx(delays[0])


def test_heartbeat_deadline() -> None:
    now = [0.0]
    beat = Heartbeat(interval=15, timeout=5, clock=lambda: now[0])
    assert beat.due() and not beat.overdue()
    beat.sent()
    assert not beat.due()
    now[0] = 4.9
    assert not beat.overdue()
    now[0] = 5.1
    assert beat.overdue()
    beat.answered()
    assert beat.due() and not beat.overdue()
