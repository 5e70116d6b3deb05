"""Fixtures shared by all tests."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_client.core.profile import Profile, setup_logging

# Qt in tests runs on the offscreen platform; the real-tray tests set their own DISPLAY.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def runtime(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private runtime folder for the IPC socket."""
    folder = tmp_path / "run"
    folder.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(folder))
    return folder


@pytest.fixture
def profile(tmp_path: Path) -> Iterator[Profile]:
    """A profile folder with the standard log file wired up, removed again afterwards."""
    chosen = Profile.resolve(str(tmp_path / "profile"))
    handler = setup_logging(chosen)
    yield chosen
    logging.getLogger("desktop_client").removeHandler(handler)
    handler.close()


def run_cli(*args: str, profile_dir: Path, stdin: str | None = None,
            timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run ``desktop-client --profile DIR ARGS…`` as a user would, in a fresh process."""
    env = {k: v for k, v in os.environ.items() if k != "DESKTOP_CLIENT_HOME"}
    return subprocess.run(
        [sys.executable, "-m", "desktop_client", "--profile", str(profile_dir), *args],
        capture_output=True, text=True, encoding="utf-8", env=env, input=stdin,
        timeout=timeout, check=False,
    )
