"""Refused requests: the first ones logged, a flood summed up in one line."""

from __future__ import annotations

import logging

import pytest

from desktop_client.core.refusals import RefusalLog


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_flood_is_summed_up(caplog: pytest.LogCaptureFixture) -> None:
    clock = Clock()
    refusals = RefusalLog(logging.getLogger("desktop_client.test"), "action URLs",
                          per_window=3, clock=clock)
    with caplog.at_level(logging.WARNING, "desktop_client.test"):
        due = [refusals.warning("refused %d", i) for i in range(2200)]
        assert due.count(True) == 1  # one flush to schedule, not 2,197
        assert refusals.remaining_s() == 60
        clock.now += 60
        refusals.flush()
        refusals.warning("refused again")
    lines = [r.getMessage() for r in caplog.records]
    assert lines == ["refused 0", "refused 1", "refused 2",
                     "2197 more action URLs refused in the last minute", "refused again"]


def test_a_new_window_flushes_by_itself(caplog: pytest.LogCaptureFixture) -> None:
    clock = Clock()
    refusals = RefusalLog(logging.getLogger("desktop_client.test"), "IPC requests",
                          per_window=1, clock=clock)
    with caplog.at_level(logging.WARNING, "desktop_client.test"):
        for _ in range(5):
            refusals.warning("x")
        clock.now += 61
        refusals.warning("y")
    assert [r.getMessage() for r in caplog.records] == [
        "x", "4 more IPC requests refused in the last minute", "y"]
