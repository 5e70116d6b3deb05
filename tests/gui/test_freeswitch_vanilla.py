"""FreeSWITCH through the whole app, against tests/emulators/freeswitch.py: an event socket that
emits what a stock (vanilla) FreeSWITCH emits, written from its own source and config
(mod_event_socket.c, switch_ivr_originate.c, mod_loopback.c, public/00_inbound_did.xml,
default.xml Local_Extension) independently of our client. No FreeSWITCH can run here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop_client.phones.freeswitch.link import EslLink

if TYPE_CHECKING:
    from desktop_client.app import TrayApp

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from tests.emulators.freeswitch import FreeSwitchEsl
from tests.fakes import keyring_holds


@pytest.fixture
def freeswitch() -> Iterator[FreeSwitchEsl]:
    server = FreeSwitchEsl(password="ClueCon", extension="1001")
    yield server
    server.close()


def _app(qtbot: QtBot, tray_app: TrayApp, freeswitch: FreeSwitchEsl,
         monkeypatch: pytest.MonkeyPatch, endpoint: str = "user/1001") -> Any:
    keyring_holds(monkeypatch, {"backends.freeswitch.password": "ClueCon"})
    tray_app.save_settings(tray_app.config.with_values(
        dial__backend="freeswitch", backends__freeswitch__address=f"127.0.0.1:{freeswitch.port}",
        backends__freeswitch__endpoint=endpoint, backends__freeswitch__extension="1001",
        cti__sources=("freeswitch",)))
    qtbot.waitUntil(lambda: isinstance(tray_app.connection, EslLink)
                    and tray_app.connection.ready, timeout=5000)
    return tray_app


@pytest.fixture
def app(qtbot: QtBot, tray_app: TrayApp, freeswitch: FreeSwitchEsl,
        monkeypatch: pytest.MonkeyPatch) -> Any:
    return _app(qtbot, tray_app, freeswitch, monkeypatch)


def _journal(qtbot: QtBot, app: Any, count: int) -> list[Any]:
    qtbot.waitUntil(lambda: len(app.ensure_journal().query(limit=10)) == count, timeout=10000)
    return list(app.ensure_journal().query(limit=10))


@pytest.mark.parametrize(("outcome", "state"), [("answered", "answered"),
                                                 ("voicemail", "missed"),
                                                 ("caller_hangup", "missed")])
def test_an_outside_call_through_the_public_dialplan(qtbot: QtBot, app: Any,
                                                     freeswitch: FreeSwitchEsl, outcome: str,
                                                     state: str) -> None:
    """The caller's leg names the DID, the user's phone rings on a second leg; a call that
    voicemail took was missed by the user."""
    freeswitch.ring_seconds = 0.3
    calls = app.calls.ensure_flow()
    # The PBX rings on its own time: the app's event loop runs meanwhile (the emulator's
    # pause must not hold it, or ringing and hang-up would reach the app as one).
    call = threading.Thread(target=freeswitch.inbound_did_call,
                            args=("0791234567", "Anna Meier"),
                            kwargs={"did": "0441234567", "outcome": outcome})
    with qtbot.waitSignal(calls.shown, timeout=10000) as shown:
        call.start()
    qtbot.waitUntil(lambda: not call.is_alive(), timeout=10000)
    assert shown.args[0].card.e164 == "+41791234567"
    [entry] = _journal(qtbot, app, 1)
    assert (entry.direction, entry.state, entry.e164) == ("incoming", state, "+41791234567")


def test_a_colleague_calls(qtbot: QtBot, app: Any, freeswitch: FreeSwitchEsl) -> None:
    calls = app.calls.ensure_flow()
    with qtbot.waitSignal(calls.shown, timeout=10000):
        freeswitch.internal_call("1002", outcome="answered")
    [entry] = _journal(qtbot, app, 1)
    assert (entry.direction, entry.state, entry.number) == ("incoming", "answered", "1002")


@pytest.mark.parametrize("endpoint", ["user/1001", "loopback/1001"])
def test_a_click_to_dial_leaves_no_incoming_call(qtbot: QtBot, tray_app: TrayApp,
                                                 freeswitch: FreeSwitchEsl,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 endpoint: str) -> None:
    """originate rings the user's phone first from 0000000000 (no calling leg); with a
    loopback endpoint the phone is rung from loopback/1001-b."""
    from desktop_client.outgoing.policy import Source

    app = _app(qtbot, tray_app, freeswitch, monkeypatch, endpoint)
    flow = app.ensure_flow()
    calls = app.calls.ensure_flow()
    with qtbot.assertNotEmitted(calls.shown, wait=1500), \
            qtbot.waitSignal(flow.completed, timeout=10000) as done:
        app.dial("044 668 18 00", Source.USER)
    assert done.args[1:] == [True, "FreeSWITCH is calling"]
    entries = app.ensure_journal().query(limit=10)
    assert [(e.direction, e.e164) for e in entries] == [("outgoing", "+41446681800")]


def test_a_connection_lost_after_freeswitch_took_the_call_is_not_a_failed_call(
        qtbot: QtBot, app: Any, freeswitch: FreeSwitchEsl) -> None:
    from desktop_client.outgoing.policy import Source

    freeswitch.drop_before_job = True
    flow = app.ensure_flow()
    with qtbot.waitSignal(flow.completed, timeout=10000) as done:
        app.dial("044 668 18 00", Source.USER)
    ok, message = done.args[1:]
    assert "unknown" in message and "lost" in message
    assert ok is True  # FreeSWITCH had taken it: most likely ringing, never dialled again
    assert sum(c.startswith("bgapi originate") for c in freeswitch.commands) == 1
