"""Programs the tests start, and how they end them: by the PIDs they keep, never by name."""

from __future__ import annotations

import contextlib
import subprocess
from collections.abc import Iterator
from typing import Any

from tests.real import need


def stop(*processes: subprocess.Popen[Any], timeout: float = 5) -> None:
    """Terminate each process; kill what has not gone within ``timeout``; close its pipes."""
    for process in processes:
        process.terminate()
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout)
        for stream in (process.stdin, process.stdout, process.stderr):
            if stream is not None:
                stream.close()


@contextlib.contextmanager
def session_bus() -> Iterator[str]:
    """A private D-Bus session bus for one test; yields its address (for
    DBUS_SESSION_BUS_ADDRESS). Started here and ended by its PID: dbus-run-session would
    leave its bus behind where nothing reaps orphans."""
    bus = subprocess.Popen([need("dbus-daemon"), "--session", "--print-address=1", "--nofork",
                            "--nopidfile"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                           text=True)
    try:
        assert bus.stdout is not None
        yield bus.stdout.readline().strip()
    finally:
        stop(bus)
