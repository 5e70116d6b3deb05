"""Is there a graphical display to show the tray on? Asked before Qt is loaded.

Without one, Qt's xcb plugin aborts the process (SIGABRT, exit 134) after printing a hint
that blames a library, and a click on a tel: link waited 20 s for an app that never came.
On Linux and the BSDs we look first: ``QT_QPA_PLATFORM`` naming a platform that needs no
display (offscreen, minimal, vnc, …), a reachable Wayland socket, or a reachable X server.
Windows and macOS always have their own display.
"""

from __future__ import annotations

import os
import socket
import sys
from collections.abc import Mapping

NO_DISPLAY = ("no graphical display: DISPLAY/WAYLAND_DISPLAY not set or not reachable")
_HEADLESS = ("offscreen", "minimal", "minimalegl", "vnc", "eglfs", "linuxfb", "vkkhrdisplay")


def display_problem(environ: Mapping[str, str] | None = None) -> str:
    """Why no display can be used, or "" when one can (or the platform needs none)."""
    if sys.platform in ("win32", "darwin"):
        return ""
    env = os.environ if environ is None else environ
    platform = env.get("QT_QPA_PLATFORM", "").split(":", 1)[0].split(";", 1)[0].strip()
    if platform in _HEADLESS:
        return ""
    if platform not in ("", "xcb") and not platform.startswith("wayland"):
        return ""  # a platform we know nothing about: let Qt judge
    if platform != "xcb" and _wayland_reachable(env):
        return ""
    if not platform.startswith("wayland") and _x_reachable(env.get("DISPLAY", "")):
        return ""
    return NO_DISPLAY


def _wayland_reachable(env: Mapping[str, str]) -> bool:
    name = env.get("WAYLAND_DISPLAY", "")
    if not name:
        return False
    path = name if os.path.isabs(name) else os.path.join(env.get("XDG_RUNTIME_DIR", ""), name)
    return _connects(socket.AF_UNIX, path)


def _x_reachable(display: str) -> bool:
    """``:0``, ``:0.0``, ``unix:0``, ``host:10.0`` (TCP port 6000 + 10)."""
    host, sep, rest = display.rpartition(":")
    number = rest.split(".", 1)[0]
    if not sep or not number.isdigit():
        return False
    if host in ("", "unix"):
        path = f"/tmp/.X11-unix/X{number}"  # noqa: S108 - where X servers put their socket
        return _connects(socket.AF_UNIX, path) or (
            sys.platform.startswith("linux") and _connects(socket.AF_UNIX, "\0" + path))
    if host.startswith("/"):  # macOS-style launchd path on other systems
        return _connects(socket.AF_UNIX, display.rsplit(":", 1)[0])
    return _connects(socket.AF_INET, (host, 6000 + int(number)))


def _connects(family: int, address: object) -> bool:
    try:
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.settimeout(1.0)
            probe.connect(address)  # type: ignore[arg-type]
    except (OSError, ValueError):
        return False
    return True
