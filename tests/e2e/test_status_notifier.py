"""The tray where it is a StatusNotifierItem (KDE Plasma; GNOME with the AppIndicator
extension): the real app on a real X display (Xvfb, Qt's xcb platform), a private D-Bus
session bus, and a StatusNotifierWatcher written from the spec (tests/emulators). The host's
view is read over D-Bus as Plasma reads it: the item, its menu, its missed-call badge."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.desktop import virtual_desktop
from tests.processes import session_bus


@pytest.fixture
def session(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, str]]:
    with session_bus() as address, virtual_desktop() as display:
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
        env = {k: v for k, v in os.environ.items() if k != "DESKTOP_CLIENT_HOME"}
        env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb",
                   XDG_RUNTIME_DIR=str(tmp_path / "run"))
        (tmp_path / "run").mkdir(mode=0o700)
        yield env


def _wait(condition: object, what: str, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if callable(condition) and condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"{what} did not happen within {timeout:g} s")


def test_the_tray_icon_its_menu_and_the_missed_call_badge_over_sni(
        tmp_path: Path, session: dict[str, str]) -> None:
    from tests.emulators.sni_watcher import Watcher

    watcher = Watcher()
    profile = tmp_path / "profile"
    profile.mkdir()
    (profile / "config.toml").write_text("[app]\nregister_asked = true\nsetup_done = true\n",
                                         encoding="utf-8")
    base = [sys.executable, "-m", "desktop_client", "--profile", str(profile)]
    app = subprocess.Popen([*base, "run"], env=session, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
    try:
        _wait(lambda: watcher.items, "the tray icon's registration")
        [item] = watcher.items
        props = watcher.item_properties(item)
        assert props["Id"] == "desktop-client" and props["Status"] == "Active"
        assert props["ToolTip"][2] == "Telephony Client"
        icon = props["IconPixmap"]
        assert icon and all(width > 0 and len(data) == width * height * 4
                            for width, height, data in icon)  # ARGB32, as the spec says
        assert watcher.menu_labels(item, props["Menu"]) == [
            "Dial…", "Dial clipboard number", "Recent calls", "Call journal…",
            "Do not disturb", "Normalize phone numbers…", "Settings…", "Quit"]
        log = profile / "desktop-client.log"
        _wait(lambda: log.exists() and "accepting requests" in log.read_text(), "the start")
        for state in ("ringing", "ended"):  # a call nobody took
            subprocess.run([*base, "incoming", "0446681842", "--call-id", "m1", "--state",
                            state], env=session, check=True, timeout=60)
        _wait(lambda: "1 missed call" in watcher.item_properties(item)["ToolTip"][2],
              "the missed-call tooltip")
        badged = watcher.item_properties(item)["IconPixmap"]
        assert badged != icon  # the badge is drawn into the icon the host shows
    finally:
        app.terminate()
        app.wait(10)
        watcher.close()
