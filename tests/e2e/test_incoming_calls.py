"""Real incoming SIP calls: sipp calls baresip; the app's card, journal and tray follow."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from desktop_client.core.contacts import AddressRecord
from tests.e2e.conftest import baresip_config
from tests.e2e.lab import Baresip, SippCaller, SippPbx


def _app(tmp_path: Path, phone: Baresip) -> Any:
    from desktop_client import settings
    from desktop_client.app import TrayApp
    from desktop_client.core.profile import Profile

    profile = Profile.resolve(str(tmp_path / "profile"))
    baresip_config(profile.config_dir, phone.address)
    config, problems = settings.load(profile.config_file)
    app: Any = TrayApp(profile, config, problems)
    assert app.start() and app.finish_start_now()
    directory = app.ensure_directory()
    with directory.transaction():
        directory.put(AddressRecord("person", "Anna", "Meier", "Muster AG", "P1",
                                    channels=(("phone", "044 123 45 67"),)),
                      config.location())
    return app


@pytest.fixture
def logging_to_file(tmp_path: Path) -> Iterator[None]:
    from desktop_client.core.profile import Profile, setup_logging

    handler = setup_logging(Profile.resolve(str(tmp_path / "profile")))
    yield
    logging.getLogger("desktop_client").removeHandler(handler)
    handler.close()


def _title(widget: Any) -> str:
    return str(next(label.text() for label in widget.findChildren(QLabel)
                    if label.objectName() == "title"))


def test_ringing_then_cancelled_is_a_missed_call(qtbot: QtBot, tmp_path: Path, runtime: Path,
                                                 pbx: SippPbx, logging_to_file: None) -> None:
    phone = Baresip(tmp_path / "baresip", pbx.port)
    app = _app(tmp_path, phone)
    caller = None
    try:
        qtbot.waitUntil(lambda: app.connection.connected, timeout=10000)
        flow = app.calls.ensure_flow()
        caller = SippCaller(tmp_path / "caller", phone.sip_port, "+41441234567",
                            "uac_ring_cancel.xml")
        with qtbot.waitSignal(flow.shown, timeout=15000) as shown:
            pass
        assert _title(shown.args[0]) == "Anna Meier"  # while it rings
        with qtbot.waitSignal(flow.missed_count, timeout=15000) as missed:
            pass
        assert missed.args == [1]
        assert caller.wait() == 0
        assert flow.stack.cards == {}
        [entry] = app.ensure_journal().recent()
        assert (entry.direction, entry.state, entry.e164, entry.contact_name, entry.source) == (
            "incoming", "missed", "+41441234567", "Anna Meier", "baresip")
        assert app.tray.missed == 1
    finally:
        if caller is not None:
            caller.stop()
        app.close()
        phone.stop()


def test_an_answered_call_has_its_duration(qtbot: QtBot, tmp_path: Path, runtime: Path,
                                           pbx: SippPbx) -> None:
    phone = Baresip(tmp_path / "baresip", pbx.port, answermode="auto")
    app = _app(tmp_path, phone)
    caller = None
    try:
        qtbot.waitUntil(lambda: app.connection.connected, timeout=10000)
        caller = SippCaller(tmp_path / "caller", phone.sip_port, "+41441234567",
                            "uac_answered.xml", "-d", "4000")
        qtbot.waitUntil(lambda: bool(app.ensure_journal().recent()), timeout=20000)
        assert caller.wait() == 0
        [entry] = app.ensure_journal().recent()
        assert (entry.state, entry.contact_name) == ("answered", "Anna Meier")
        assert 2 <= entry.duration_s <= 8  # sipp holds the call for 4 s
        assert app.tray.missed == 0
    finally:
        if caller is not None:
            caller.stop()
        app.close()
        phone.stop()


def test_baresip_restarted_and_the_next_call_pops_up(qtbot: QtBot, tmp_path: Path,
                                                     runtime: Path, pbx: SippPbx) -> None:
    phone = Baresip(tmp_path / "baresip", pbx.port)
    app = _app(tmp_path, phone)
    caller = None
    try:
        qtbot.waitUntil(lambda: app.connection.connected, timeout=10000)
        phone.stop()
        qtbot.waitUntil(lambda: not app.connection.connected, timeout=10000)
        phone = phone.restart()
        qtbot.waitUntil(lambda: app.connection.connected, timeout=40000)
        flow = app.calls.ensure_flow()
        caller = SippCaller(tmp_path / "caller2", phone.sip_port, "+41441234567",
                            "uac_ring_cancel.xml")
        with qtbot.waitSignal(flow.shown, timeout=15000) as shown:
            pass
        assert _title(shown.args[0]) == "Anna Meier"
        caller.wait()
    finally:
        if caller is not None:
            caller.stop()
        app.close()
        phone.stop()
