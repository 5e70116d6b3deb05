"""A real notification service for tests: dunst on a private D-Bus session bus and a private
X display (Xvfb), started and ended by their PIDs. ``dunstctl`` reads what it shows."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tests.e2e.desktop import virtual_desktop
from tests.processes import session_bus, stop
from tests.real import need

#: dunst's context menu (dunstctl context) runs this as its "dmenu": it prints the menu line
#: that names the action written into the pick file, as a user's choice in dmenu would.
PICKER = """#!/bin/sh
want=$(cat "{pick}")
grep -F -- "$want" | head -n 1
"""


class Dunst:
    """The running daemon: its environment, and what it shows and showed."""

    def __init__(self, env: dict[str, str], pick: Path) -> None:
        self.env = env
        self._pick = pick

    def ctl(self, *args: str) -> str:
        """dunstctl's output."""
        return subprocess.run([need("dunstctl"), *args], env=self.env, capture_output=True,
                              text=True, check=True, timeout=20).stdout

    def displayed(self) -> int:
        """How many notifications are on screen."""
        return int(self.ctl("count", "displayed").strip())

    def history(self) -> list[dict[str, Any]]:
        """Closed notifications, newest first: summary, body, id, category, urgency …"""
        data = json.loads(self.ctl("history"))["data"][0]
        return [{key: value["data"] for key, value in entry.items()} for entry in data]

    def choose(self, label: str) -> None:
        """Pick the action with this label from the context menu, as a user would."""
        self._pick.write_text(label, encoding="utf-8")
        self.ctl("context")


@contextlib.contextmanager
def notification_daemon(folder: Path, *, tray: bool = True,
                        size: tuple[int, int] = (1024, 768)) -> Iterator[Dunst]:
    """dunst on its own bus and display (with a tray host unless ``tray=False``);
    DBUS_SESSION_BUS_ADDRESS and DISPLAY are in its env."""
    dunst = need("dunst")
    need("dunstctl")
    folder.mkdir(parents=True, exist_ok=True)
    pick, picker = folder / "pick.txt", folder / "picker.sh"
    picker.write_text(PICKER.format(pick=pick), encoding="utf-8")
    picker.chmod(0o755)
    config = folder / "dunstrc"
    config.write_text(f'[global]\n    dmenu = "{picker}"\n    markup = full\n'
                      '    history_length = 50\n', encoding="utf-8")
    with session_bus() as address, virtual_desktop(*size, tray=tray) as display:
        env = dict(os.environ, DBUS_SESSION_BUS_ADDRESS=address, DISPLAY=display)
        daemon = subprocess.Popen([dunst, "-config", str(config)], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            service = Dunst(env, pick)
            deadline = time.monotonic() + 15
            while True:
                try:
                    service.displayed()
                    break
                except subprocess.CalledProcessError:
                    if time.monotonic() > deadline or daemon.poll() is not None:
                        raise RuntimeError("dunst did not come up") from None
                    time.sleep(0.1)
            yield service
        finally:
            stop(daemon)
