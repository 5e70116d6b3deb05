"""The tray icon in a real system tray (Xvfb + trayer), clicked with xdotool."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtGui import QColor, QImage

from tests.e2e.desktop import screenshot, virtual_desktop
from tests.real import need

READY_GREEN = QColor("#2e7d32")


def _green_pixels(image: QImage, x0: int, y0: int, x1: int, y1: int) -> int:
    count = 0
    for y in range(y0, y1):
        for x in range(x0, x1):
            pixel = image.pixelColor(x, y)
            if abs(pixel.red() - READY_GREEN.red()) < 12 and \
                    abs(pixel.green() - READY_GREEN.green()) < 12 and \
                    abs(pixel.blue() - READY_GREEN.blue()) < 12:
                count += 1
    return count


def test_icon_sits_in_the_tray_and_its_menu_opens(tmp_path: Path) -> None:
    need("xdotool")
    profile = tmp_path / "profile"
    profile.mkdir()
    (profile / "config.toml").write_text(
        '[dial]\nbackend = "command"\n[backends.command]\npreset = "linphone"\n'
        '[app]\nregister_asked = true\n', encoding="utf-8")
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    with virtual_desktop() as display:
        env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM",
                                                                 "DESKTOP_CLIENT_HOME")}
        env.update(DISPLAY=display, XDG_RUNTIME_DIR=str(runtime))
        app = subprocess.Popen([sys.executable, "-m", "desktop_client", "--profile",
                                str(profile), "run"], env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
        try:
            log = profile / "desktop-client.log"
            deadline = time.monotonic() + 30
            while "accepting requests" not in (log.read_text() if log.exists() else ""):
                assert time.monotonic() < deadline, "the app did not start"
                time.sleep(0.05)
            assert "ready: tray icon shown" in log.read_text()
            time.sleep(1.0)  # the icon's geometry settles after some hundred ms
            shot = tmp_path / "tray.png"
            screenshot(display, str(shot))
            image = QImage(str(shot))
            assert _green_pixels(image, 1024 - 200, 0, 1024, 32) > 50, "no icon in the tray"
            # A right click on the icon opens the menu below it.
            subprocess.run(["xdotool", "mousemove", "1010", "16", "click", "3"], env=env,
                           check=True)
            time.sleep(0.8)
            screenshot(display, str(shot))
            menu = QImage(str(shot))
            changed = sum(1 for y in range(40, 300, 4) for x in range(700, 1024, 4)
                          if menu.pixelColor(x, y) != image.pixelColor(x, y))
            assert changed > 100, "the tray menu did not open"
        finally:
            app.terminate()
            app.wait(10)
