"""Operating-system integration: the tel:/callto: handler registration and start at login."""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

APP_ID = "desktop-client"
SCHEMES = ("tel", "callto")
OPTIONAL_SCHEMES = ("sip",)


@dataclass(frozen=True, slots=True)
class HandlerReport:
    """What ``doctor`` says about one scheme."""

    scheme: str
    handler: str
    is_us: bool
    detail: str = ""


def launcher(profile_dir: Path | None) -> list[str]:
    """How the OS should start us: the console script if installed, else python -m."""
    if getattr(sys, "frozen", False):  # the bundle's own program (e.g. /opt/desktop-client)
        command = [sys.executable]
    else:
        script = Path(sys.executable).with_name("desktop-client")
        found = str(script) if script.exists() else shutil.which("desktop-client")
        command = [found] if found else [sys.executable, "-m", "desktop_client"]
    if profile_dir is not None:
        command += ["--profile", str(profile_dir)]
    return command
