"""Dial what is selected: a real X display (Xvfb), the primary selection set by xclip, the
command a desktop shortcut runs, and real baresip placing the call that sipp receives."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from tests.e2e.conftest import baresip_config
from tests.e2e.desktop import virtual_desktop
from tests.e2e.lab import Baresip, SippPbx
from tests.real import need

MAIL = ("Guten Tag\n\nRufen Sie mich an: 044 668 18 00, ab 14 Uhr.\n\nAnna Meier\n"
        "Muster AG, Bahnhofstrasse 1, 8001 Zürich")


@pytest.fixture
def display() -> Iterator[str]:
    with virtual_desktop() as name:
        yield name


@pytest.fixture
def select(display: str) -> Iterator[Callable[[str, str], None]]:
    """Own an X selection ("primary" or "clipboard") with a text, as a program does."""
    xclip = need("xclip")
    owners: list[subprocess.Popen[bytes]] = []

    def own(text: str, which: str = "primary") -> None:
        # -quiet keeps xclip in the foreground, so the test holds its PID.
        owner = subprocess.Popen([xclip, "-quiet", "-selection", which],
                                 env=dict(os.environ, DISPLAY=display),
                                 stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL)
        owners.append(owner)
        assert owner.stdin is not None
        owner.stdin.write(text.encode())
        owner.stdin.close()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:  # until the X server says xclip owns it
            done = subprocess.run([xclip, "-out", "-selection", which], capture_output=True,
                                  env=dict(os.environ, DISPLAY=display), check=False)
            if done.stdout.decode() == text:
                return
            time.sleep(0.05)
        raise AssertionError("xclip did not take the selection")

    yield own
    for owner in owners:
        owner.terminate()
        owner.wait(5)


def _env(display: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DESKTOP_CLIENT_HOME", "WAYLAND_DISPLAY")}
    env["DISPLAY"] = display
    return env


def _cli(profile: Path, display: str, *args: str) -> subprocess.CompletedProcess[str]:
    if not (profile / "config.toml").exists():
        baresip_config(profile, "127.0.0.1:4444")  # a dry run sends nothing there
    return subprocess.run([sys.executable, "-m", "desktop_client", "--profile", str(profile),
                           *args], env=_env(display), capture_output=True, text=True,
                          timeout=60, check=False)


def _json(result: subprocess.CompletedProcess[str]) -> Any:
    import json

    return json.loads(result.stdout)


def test_dry_run_reads_the_primary_selection_and_decides_for_its_number(
        tmp_path: Path, display: str, select: Callable[[str, str], None]) -> None:
    select(MAIL, "primary")
    select("Fax +41 44 000 00 00", "clipboard")  # the selection wins over the clipboard
    result = _cli(tmp_path / "p", display, "dial", "--selection", "--dry-run", "--json")
    assert result.returncode == 0, result.stderr
    decision = _json(result)
    assert decision["decision"] == "dial"
    assert decision["number"]["e164"] == "+41446681800"
    assert decision["selection"] == {"origin": "primary", "found": ["044 668 18 00"]}


def test_without_a_selection_the_clipboard_is_read(
        tmp_path: Path, display: str, select: Callable[[str, str], None]) -> None:
    select("Mobile: +41 79 123 45 67 / Büro +41 44 668 18 00", "clipboard")
    decision = _json(_cli(tmp_path / "p", display, "dial", "--selection", "--dry-run",
                          "--json"))
    assert decision["number"]["e164"] == "+41791234567"  # the first of the two
    assert decision["selection"]["origin"] == "clipboard"
    assert decision["selection"]["found"] == ["+41 79 123 45 67", "+41 44 668 18 00"]


def test_text_without_a_number_is_refused_with_the_reason(
        tmp_path: Path, display: str, select: Callable[[str, str], None]) -> None:
    select("Termin am 12.03.2026 um 14:30 in Zimmer 12", "primary")
    result = _cli(tmp_path / "p", display, "dial", "--selection", "--dry-run", "--json")
    assert result.returncode == 2
    assert _json(result)["reason"] == "no phone number in the selected text"
    result = _cli(tmp_path / "p", display, "dial", "--selection", "--once")
    assert result.returncode == 2
    assert "no phone number in the selected text" in result.stderr


def test_the_shortcut_command_places_the_call_through_the_running_app(
        tmp_path: Path, runtime: Path, display: str, select: Callable[[str, str], None],
        baresip: Baresip, pbx: SippPbx) -> None:
    profile = tmp_path / "profile"
    baresip_config(profile, baresip.address)
    app = subprocess.Popen([sys.executable, "-m", "desktop_client", "--profile", str(profile),
                            "run"], env=_env(display), stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
    try:
        log = profile / "desktop-client.log"
        deadline = time.monotonic() + 30
        while "connected to baresip" not in (log.read_text() if log.exists() else ""):
            assert time.monotonic() < deadline, "the app did not connect to baresip"
            time.sleep(0.05)
        select(MAIL, "primary")
        result = _cli(profile, display, "dial", "--selection")
        assert result.returncode == 0, result.stderr
        assert pbx.wait_dialled() == ["+41446681800"]
    finally:
        app.terminate()
        app.wait(10)


def test_several_numbers_are_offered_and_the_chosen_one_is_dialled(
        qtbot: QtBot, tmp_path: Path, runtime: Path, baresip: Baresip, pbx: SippPbx) -> None:
    from desktop_client import settings
    from desktop_client.app import TrayApp
    from desktop_client.core.profile import Profile
    from desktop_client.ui.number_picker import NumberPicker

    profile = Profile.resolve(str(tmp_path / "profile"))
    baresip_config(profile.config_dir, baresip.address)
    config, problems = settings.load(profile.config_file)
    app: Any = TrayApp(profile, config, problems)
    assert app.start() and app.finish_start_now()
    try:
        qtbot.waitUntil(lambda: app.connection is not None and app.connection.connected,
                        timeout=10000)
        app.selection.pick(["044 668 18 00", "+41 79 123 45 67"])
        picker = app.selection.picker
        assert isinstance(picker, NumberPicker)
        rows = [picker.numbers.item(i).text() for i in range(picker.numbers.count())]
        assert rows[0].startswith("+41 44 668 18 00 · ")  # what the preview says …
        assert rows[0].endswith("\n044 668 18 00")  # … and the number as written
        assert rows[1].startswith("+41 79 123 45 67 · ") and "\n" not in rows[1]
        picker.numbers.setCurrentRow(1)
        picker.dial_button.click()
        qtbot.waitUntil(lambda: pbx.dialled() != [], timeout=15000)
        assert pbx.dialled() == ["+41791234567"]
    finally:
        app.close()


def test_no_number_in_the_selection_is_said_in_a_notification(
        qtbot: QtBot, tmp_path: Path, runtime: Path) -> None:
    from PySide6.QtGui import QGuiApplication

    from desktop_client import settings
    from desktop_client.app import TrayApp
    from desktop_client.core.profile import Profile

    profile = Profile.resolve(str(tmp_path / "profile"))
    config, problems = settings.load(profile.config_file)
    app: Any = TrayApp(profile, config, problems)
    assert app.start() and app.finish_start_now()
    try:
        app.selection.pick_text("Termin am 12.03.2026 um 14:30 in Zimmer 12")
        assert app.tray.status.text() == ("Dial selection: The selected text holds no "
                                           "phone number.")
        QGuiApplication.clipboard().setText("")
        app.selection.pick_text("")  # nothing copied, nothing on the clipboard
        assert app.tray.status.text() == ("Dial selection: Nothing is selected, and the "
                                           "clipboard is empty.")
        app.selection.pick([], "no-tool")
        assert "install xclip or xsel" in app.tray.status.text()
    finally:
        app.close()
