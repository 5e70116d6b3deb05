"""The command line in its own process, as scripts and admins run it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def run_cli(profile: Path, env: dict[str, str], *args: str, stdin: str | None = None,
            timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """``desktop-client --profile PROFILE ARGS…`` with ``env``; never raises on its exit."""
    return subprocess.run([sys.executable, "-m", "desktop_client", "--profile", str(profile),
                           *args], env=env, input=stdin, capture_output=True, text=True,
                          timeout=timeout, check=False)
