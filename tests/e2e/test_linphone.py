"""linphone as the softphone: real linphone-daemon, real sipp, the app in this process."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from desktop_client.outgoing.policy import Source
from tests.e2e.lab import LinphoneDaemon, SippCaller, SippPbx


@pytest.fixture
def daemon(tmp_path: Path) -> Iterator[LinphoneDaemon]:
    phone = LinphoneDaemon(tmp_path / "linphone")
    yield phone
    phone.stop()


def _app(tmp_path: Path, daemon: LinphoneDaemon, proxy: str) -> Any:
    from desktop_client import settings
    from desktop_client.app import TrayApp
    from desktop_client.core.profile import Profile

    profile = Profile.resolve(str(tmp_path / "profile"))
    profile.config_dir.mkdir(parents=True, exist_ok=True)
    profile.config_file.write_text(
        f'[dial]\nbackend = "linphone"\ncountdown_s = 0\n[backends.linphone]\n'
        f'socket = "{daemon.socket}"\nproxy = "{proxy}"\n[app]\nregister_asked = true\n',
        encoding="utf-8")
    config, problems = settings.load(profile.config_file)
    app: Any = TrayApp(profile, config, problems)
    assert app.start() and app.finish_start_now()
    return app


def test_dial_through_linphone_reaches_sipp(qtbot: QtBot, tmp_path: Path, runtime: Path,
                                            pbx: SippPbx, daemon: LinphoneDaemon) -> None:
    app = _app(tmp_path, daemon, f"127.0.0.1:{pbx.port}")
    try:
        qtbot.waitUntil(lambda: app.connection.connected, timeout=10000)
        flow = app.ensure_flow()
        with qtbot.waitSignal(flow.completed, timeout=10000) as done:
            app.dial("044 123 45 67", Source.USER)
        assert done.args[1:] == [True, "linphone is calling"]
        assert pbx.wait_dialled() == ["+41441234567"]
    finally:
        app.close()


def test_incoming_call_to_linphone_pops_up(qtbot: QtBot, tmp_path: Path, runtime: Path,
                                           daemon: LinphoneDaemon) -> None:
    app = _app(tmp_path, daemon, "127.0.0.1:5060")
    caller = None
    try:
        qtbot.waitUntil(lambda: app.connection.connected, timeout=10000)
        calls = app.calls.ensure_flow()
        caller = SippCaller(tmp_path / "caller", daemon.sip_port, "+41441234567",
                            "uac_ring_cancel.xml")
        with qtbot.waitSignal(calls.shown, timeout=15000) as shown:
            pass
        assert shown.args[0].card.e164 == "+41441234567"
        with qtbot.waitSignal(calls.missed_count, timeout=15000):
            pass
        assert app.ensure_journal().recent()[0].source == "linphone"
    finally:
        if caller is not None:
            caller.stop()
        app.close()


def test_settings_test_button(daemon: LinphoneDaemon, tmp_path: Path) -> None:
    from desktop_client import settings
    from desktop_client.wiring import probe_backend

    config = settings.defaults().with_values(dial__backend="linphone",
                                               backends__linphone__socket=daemon.socket,
                                               backends__linphone__proxy="127.0.0.1:5060")
    assert probe_backend(config) == f"OK: linphone-daemon answers at {daemon.socket}"
    missing = config.with_values(backends__linphone__socket=str(tmp_path / "none"))
    assert probe_backend(missing).startswith("Problem: no linphone-daemon at")


def test_the_linphone_preset_without_linphonec_is_a_failed_call(tmp_path: Path,
                                                                 qtbot: QtBot) -> None:
    """The real linphonecsh exits 255 ("Failed to connect pipe") when no linphonec runs: that
    call was not placed, whatever started it."""
    import json
    import os
    import subprocess
    import sys

    from tests.real import need

    need("linphonecsh")
    profile = tmp_path / "profile"
    profile.mkdir()
    (profile / "config.toml").write_text(
        '[dial]\nbackend = "command"\ncountdown_s = 0\n[backends.command]\n'
        'preset = "linphone"\n[app]\nregister_asked = true\n', encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "DESKTOP_CLIENT_HOME"}
    env["HOME"] = str(tmp_path / "home")  # no linphonec of anybody's to talk to

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "desktop_client", "--profile",
                               str(profile), *args], env=env, capture_output=True, text=True,
                              timeout=60, check=False)

    once = cli("dial", "--once", "044 668 18 00")
    assert once.returncode == 1, once.stdout + once.stderr
    assert "call failed: linphonecsh failed: ERROR: Failed to connect pipe" in once.stderr
    journal = json.loads(cli("journal", "--json").stdout)
    assert [(e["direction"], e["state"]) for e in journal] == [("outgoing", "failed")]

    # The tray app: the toast says so, and the journal too.
    from desktop_client import settings
    from desktop_client.app import TrayApp
    from desktop_client.core.profile import Profile

    old_home = os.environ["HOME"]
    os.environ["HOME"] = env["HOME"]
    try:
        app_profile = Profile.resolve(str(profile))
        config, problems = settings.load(app_profile.config_file)
        app: Any = TrayApp(app_profile, config, problems)
        assert app.start() and app.finish_start_now()
        try:
            flow = app.ensure_flow()
            with qtbot.waitSignal(flow.completed, timeout=15000) as done:
                app.dial("044 668 18 01", Source.USER)
            assert done.args[1] is False
            assert "Failed to connect pipe" in done.args[2]
            assert app.ensure_journal().recent()[0].state == "failed"
        finally:
            app.close()
    finally:
        os.environ["HOME"] = old_home


def _ringing(qtbot: QtBot, app: Any, daemon: LinphoneDaemon, tmp_path: Path,
             scenario: str, *extra: str) -> tuple[Any, SippCaller]:
    qtbot.waitUntil(lambda: app.connection.connected, timeout=10000)
    calls = app.calls.ensure_flow()
    with qtbot.waitSignal(calls.shown, timeout=15000) as shown:
        caller = SippCaller(tmp_path / "caller", daemon.sip_port, "+41441234567", scenario,
                            *extra)
    return shown.args[0], caller


def _exit(qtbot: QtBot, caller: SippCaller) -> int | None:
    qtbot.waitUntil(lambda: caller.process.poll() is not None, timeout=30000)
    return caller.process.poll()


def test_answer_transfer_and_decline_from_the_card(qtbot: QtBot, tmp_path: Path,
                                                   runtime: Path,
                                                   daemon: LinphoneDaemon) -> None:
    from desktop_client.core.calls import CallAction

    app = _app(tmp_path, daemon, "127.0.0.1:5060")
    log = tmp_path / "caller" / "refer.log"
    caller = None
    try:
        card, caller = _ringing(qtbot, app, daemon, tmp_path, "uac_transfer.xml",
                                "-trace_logs", "-log_file", str(log))
        card.control_buttons[CallAction.ANSWER].click()
        qtbot.waitUntil(lambda: not card.control_buttons[CallAction.TRANSFER].isHidden(),
                        timeout=15000)
        card.control_buttons[CallAction.TRANSFER].click()
        dialog = app.calls.ask_transfer.dialog
        dialog.input.setText("079 123 45 67")
        dialog.dial_button.click()
        assert _exit(qtbot, caller) == 0  # 200 OK, then the REFER
        assert "REFERTO=+41791234567" in log.read_text()
        caller.stop()
        card, caller = _ringing(qtbot, app, daemon, tmp_path, "uac_declined.xml")
        card.control_buttons[CallAction.DECLINE].click()
        assert _exit(qtbot, caller) == 0  # 603 Decline
        qtbot.waitUntil(lambda: len(app.ensure_journal().recent()) == 2, timeout=15000)
        declined, transferred = app.ensure_journal().recent()
        assert (declined.state, declined.control) == ("rejected", "decline")
        assert (transferred.state, transferred.control, transferred.transferred_to) == (
            "answered", "answer,transfer", "+41791234567")
    finally:
        if caller is not None:
            caller.stop()
        app.close()
