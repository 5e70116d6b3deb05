"""A real X display with a real system tray: Xvfb and trayer, started per test."""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager

from tests.real import need


def _free_display() -> str:
    for number in range(120, 400):
        if not os.path.exists(f"/tmp/.X11-unix/X{number}") and \
                not os.path.exists(f"/tmp/.X{number}-lock"):
            return f":{number}"
    raise RuntimeError("no free X display number")


@contextmanager
def virtual_desktop(width: int = 1024, height: int = 768, *,
                    tray: bool = True) -> Iterator[str]:
    """Xvfb plus trayer (a tray host docked at the top right; ``tray=False``: a desktop
    without one, like GNOME's); yields the DISPLAY."""
    xvfb = need("Xvfb")
    trayer = need("trayer") if tray else ""
    display = _free_display()
    screen = subprocess.Popen([xvfb, display, "-screen", "0", f"{width}x{height}x24",
                               "-nolisten", "tcp"], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    env = dict(os.environ, DISPLAY=display)
    deadline = time.monotonic() + 10
    while not os.path.exists(f"/tmp/.X11-unix/X{display[1:]}"):
        if time.monotonic() > deadline or screen.poll() is not None:
            raise RuntimeError("Xvfb did not start")
        time.sleep(0.05)
    started = [screen]
    if tray:
        started.insert(0, subprocess.Popen(
            [trayer, "--edge", "top", "--align", "right", "--widthtype", "pixel", "--width",
             "200", "--height", "32", "--transparent", "false", "--SetDockType", "true",
             "--tint", "0xdddddd"], env=env, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL))
        time.sleep(0.5)
    try:
        yield display
    finally:
        for process in started:
            process.terminate()
            try:
                process.wait(5)
            except subprocess.TimeoutExpired:
                process.kill()


def screenshot(display: str, path: str) -> None:
    """The whole screen as PNG (ImageMagick's import)."""
    subprocess.run([need("import"), "-window", "root", path], env=dict(os.environ,
                   DISPLAY=display), check=True, timeout=30)
