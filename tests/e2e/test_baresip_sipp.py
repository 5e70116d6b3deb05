"""A tel: link placed as a real SIP call: app -> baresip (ctrl_tcp) -> INVITE at sipp."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from desktop_client.outgoing.policy import Source
from tests.e2e.conftest import baresip_config
from tests.e2e.lab import Baresip, SippPbx


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "DESKTOP_CLIENT_HOME"}


@pytest.fixture
def app(tmp_path: Path, runtime: Path, baresip: Baresip) -> Iterator[Path]:
    profile = tmp_path / "profile"
    baresip_config(profile, baresip.address)
    process = subprocess.Popen([sys.executable, "-m", "desktop_client", "--profile",
                                str(profile), "run"], env=_env(),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    log = profile / "desktop-client.log"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        text = log.read_text(encoding="utf-8") if log.exists() else ""
        if "connected to baresip" in text:
            break
        time.sleep(0.05)
    else:
        process.kill()
        raise AssertionError("the app did not connect to baresip: " + text)
    yield profile
    process.terminate()
    process.wait(10)


def _forward(profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "desktop_client", "--profile", str(profile),
                           *args], env=_env(), capture_output=True, text=True, timeout=60,
                          check=False)


def test_tel_link_reaches_sipp_as_an_invite(app: Path, pbx: SippPbx) -> None:
    result = _forward(app, "tel:+41-44-123-45-67")
    assert result.returncode == 0, result.stderr
    assert pbx.wait_dialled() == ["+41441234567"]
    journal = _forward(app, "journal", "--json")
    assert '"state": "dialled"' in journal.stdout and '"+41441234567"' in journal.stdout


def test_hostile_uri_sends_no_invite(app: Path, pbx: SippPbx) -> None:
    for hostile in ('tel:1" -platformpluginpath /tmp/x "', "tel:+41%0d%0aAction:%20Originate",
                    "tel:*#06#", "tel:+41446681800&calc.exe"):
        assert _forward(app, "--uri", hostile).returncode == 0  # handed over, then refused
    time.sleep(2)
    assert pbx.dialled() == []
    assert _forward(app, "--uri", "tel:044 123 45 67").returncode == 0
    assert pbx.wait_dialled() == ["+41441234567"]  # the only INVITE is the good one
    log = (app / "desktop-client.log").read_text(encoding="utf-8")
    assert log.count("WARNING desktop_client.dial: Not dialled") == 4


@pytest.mark.parametrize(("uri", "invites"), [
    ("tel:112;phone-context=example.com", []),
    ("tel:0900123456;phone-context=pbx.example.com", []),
    ("sip:144;phone-context=corp.example@pbx.example.com", []),
    ("tel:7042;phone-context=pbx.example.com", ["7042"]),  # a plausible extension
])
def test_a_domain_context_sends_no_invite_without_the_click(tmp_path: Path, runtime: Path,
                                                            baresip: Baresip, pbx: SippPbx,
                                                            uri: str, invites: list[str]) -> None:
    """A PBX dials 112 whatever the phone-context says (security.md rule 5): the confirm
    dialog waits for a click that never comes, and real baresip sends no INVITE."""
    profile = tmp_path / "profile"
    baresip_config(profile, baresip.address)
    with (profile / "config.toml").open("a", encoding="utf-8") as config:
        config.write('[location]\ncountry = "CH"\ninternal_digits = 4\n')
    process = subprocess.Popen([sys.executable, "-m", "desktop_client", "--profile",
                                str(profile), "run"], env=_env(),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    log_file = profile / "desktop-client.log"
    try:
        deadline = time.monotonic() + 30
        while "connected to baresip" not in (
                log_file.read_text(encoding="utf-8") if log_file.exists() else ""):
            assert time.monotonic() < deadline, "the app did not connect to baresip"
            time.sleep(0.05)
        assert _forward(profile, "--uri", uri).returncode == 0
        if invites:
            assert pbx.wait_dialled() == invites, log_file.read_text(encoding="utf-8")
            return
        time.sleep(3)  # longer than any countdown
        assert pbx.dialled() == []
        assert "-> confirm" in log_file.read_text(encoding="utf-8")
    finally:
        process.terminate()
        process.wait(10)


def test_dial_once_without_the_tray(tmp_path: Path, runtime: Path, baresip: Baresip,
                                    pbx: SippPbx) -> None:
    profile = tmp_path / "once"
    baresip_config(profile, baresip.address)
    result = _forward(profile, "dial", "--once", "044 123 45 67")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "dialled +41441234567 via baresip"
    assert pbx.wait_dialled() == ["+41441234567"]


def test_dial_dialog_places_the_call(qtbot: QtBot, tmp_path: Path, runtime: Path,
                                     baresip: Baresip, pbx: SippPbx) -> None:
    import logging

    from desktop_client import settings
    from desktop_client.app import TrayApp
    from desktop_client.core.profile import Profile, setup_logging

    profile = Profile.resolve(str(tmp_path / "inproc"))
    baresip_config(profile.config_dir, baresip.address)
    handler = setup_logging(profile)
    config, problems = settings.load(profile.config_file)
    app: Any = TrayApp(profile, config, problems)
    try:
        assert app.start() and app.finish_start_now() and app.ensure_flow()
        qtbot.waitUntil(lambda: app.connection.connected, timeout=10000)
        assert app.tray.state.value == "ready"
        app.open_dial_dialog()
        QTest.keyClicks(app.dial_dialog.input, "+41 44 123 45 67")
        with qtbot.waitSignal(app.flow.completed, timeout=10000) as done:
            QTest.keyClick(app.dial_dialog.input, Qt.Key.Key_Return)
        assert done.args[1] is True, done.args
        assert pbx.wait_dialled() == ["+41441234567"]
    finally:
        app.close()
        logging.getLogger("desktop_client").removeHandler(handler)
        handler.close()


def test_baresip_gone_shows_offline_and_comes_back(qtbot: QtBot, tmp_path: Path,
                                                   runtime: Path, baresip: Baresip,
                                                   pbx: SippPbx) -> None:
    from desktop_client import settings
    from desktop_client.app import TrayApp
    from desktop_client.core.profile import Profile

    profile = Profile.resolve(str(tmp_path / "offline"))
    baresip_config(profile.config_dir, baresip.address)
    config, problems = settings.load(profile.config_file)
    app: Any = TrayApp(profile, config, problems)
    try:
        assert app.start() and app.finish_start_now() and app.ensure_flow()
        qtbot.waitUntil(lambda: app.connection.connected, timeout=10000)
        baresip.stop()
        qtbot.waitUntil(lambda: app.tray.state.value == "offline", timeout=10000)
        assert "baresip: retrying in" in app.tray.tooltip
        with qtbot.waitSignal(app.flow.completed, timeout=5000) as done:
            app.dial("044 123 45 67", Source.USER)
        assert done.args[1] is False and "not connected" in done.args[2]
        assert pbx.dialled() == []
    finally:
        app.close()
