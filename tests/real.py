"""Real components (baresip, sipp, Xvfb, xdg-mime): found, or skipped with a reason.

With ``CI=true`` a missing component is a failure, not a skip: CI must install it.
"""

from __future__ import annotations

import os
import shutil
import socket

import pytest


def need(program: str) -> str:
    """The path of ``program``; skip (or fail in CI) without it."""
    path = shutil.which(program)
    if path is None:
        message = f"{program} is not installed (see .ci/run for the packages)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


def free_port(kind: int = socket.SOCK_STREAM) -> int:
    """A free loopback port (TCP by default)."""
    with socket.socket(socket.AF_INET, kind) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
