"""Operating-system integration: the tel:/callto: handler registration and start at login."""

from __future__ import annotations

import ntpath
import os
import sys
from dataclasses import dataclass
from pathlib import Path

APP_ID = "desktop-client"
SCHEMES = ("tel", "callto")


@dataclass(frozen=True, slots=True)
class HandlerReport:
    """What ``doctor`` says about one scheme."""

    scheme: str
    handler: str
    is_us: bool
    detail: str = ""


def launcher(profile_dir: Path | str | None) -> list[str]:
    """The one command that starts this app, with absolute paths only.

    The tel: handler registration, the start at login and the forwarder (when a click finds no
    app running) all use it. A frozen bundle (the .deb, the Windows and macOS builds) is its
    own program; otherwise the console script next to the interpreter or on PATH, else
    ``python -m desktop_client``. Never a program in the current folder: on Windows Python
    3.11's ``shutil.which`` looks there first and gives a relative path, which the OS would
    then resolve against whatever folder the browser runs in.
    """
    if getattr(sys, "frozen", False):
        command = [_absolute(sys.executable)]
    else:
        script = _console_script()
        command = [script] if script else [_absolute(sys.executable), "-m", "desktop_client"]
    if profile_dir is not None:
        command += ["--profile", _absolute(os.path.expanduser(os.fspath(profile_dir)))]
    return command


def _absolute(path: str) -> str:
    if sys.platform == "win32" and ntpath.isabs(path):  # C:\… stays as it is
        return path
    return os.path.abspath(path)


def _console_script() -> str | None:
    """``desktop-client`` (``desktop-client.exe`` on Windows) where pip put it, if anywhere."""
    windows = sys.platform == "win32"
    name = "desktop-client.exe" if windows else "desktop-client"
    home = os.path.dirname(os.path.abspath(sys.executable))
    folders = [home, os.path.join(home, "Scripts")] if windows else [home]
    # Only absolute PATH entries: "." or "" would mean the current folder again.
    folders += [f for f in os.environ.get("PATH", "").split(os.pathsep) if os.path.isabs(f)]
    for folder in folders:
        candidate = os.path.join(folder, name)
        if os.path.isfile(candidate) and (windows or os.access(candidate, os.X_OK)):
            return candidate
    return None
