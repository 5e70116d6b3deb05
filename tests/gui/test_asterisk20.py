"""Asterisk through the whole app, against tests/emulators/asterisk.py: an AMI that emits the
events Asterisk 20's own code emits (manager_channels.c, dial.c, pbx.c, app_dial.c), written
independently of our client. No Asterisk can run here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop_client.phones.ami.link import AmiLink

if TYPE_CHECKING:
    from desktop_client.app import TrayApp

from collections.abc import Iterator
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from tests.emulators.asterisk import AsteriskAmi
from tests.fakes import keyring_holds


@pytest.fixture
def asterisk() -> Iterator[AsteriskAmi]:
    server = AsteriskAmi(username="desktop-client", secret="pw", device="PJSIP/101")
    yield server
    server.close()


@pytest.fixture
def app(qtbot: QtBot, tray_app: TrayApp, asterisk: AsteriskAmi,
        monkeypatch: pytest.MonkeyPatch) -> Any:
    keyring_holds(monkeypatch, {"backends.ami.secret": "pw"})
    tray_app.save_settings(tray_app.config.with_values(
        dial__backend="ami", backends__ami__address=f"127.0.0.1:{asterisk.port}",
        cti__sources=("ami",)))
    qtbot.waitUntil(lambda: isinstance(tray_app.connection, AmiLink)
                    and tray_app.connection.logged_in, timeout=5000)
    return tray_app


def test_a_click_to_dial_leaves_no_incoming_call(qtbot: QtBot, app: Any,
                                                 asterisk: AsteriskAmi) -> None:
    """Asterisk first rings the user's own phone with no calling channel (pbx.c runs
    ast_dial_run(outgoing->dial, NULL, 0)): that DialBegin has only Dest* fields."""
    from desktop_client.outgoing.policy import Source

    flow = app.ensure_flow()
    calls = app.calls.ensure_flow()
    with qtbot.assertNotEmitted(calls.shown, wait=500):
        with qtbot.waitSignal(flow.completed, timeout=10000) as done:
            app.dial("044 668 18 00", Source.USER)
        asterisk.join(10)  # the whole originate: both legs, answered, hung up
    assert done.args[1:] == [True, "the PBX is calling"]
    entries = app.ensure_journal().query(limit=10)
    assert [(e.direction, e.e164) for e in entries] == [("outgoing", "+41446681800")]
    assert calls.stack.cards == {}


def test_an_outside_call_rings_and_is_missed(qtbot: QtBot, app: Any,
                                             asterisk: AsteriskAmi) -> None:
    calls = app.calls.ensure_flow()
    with qtbot.waitSignal(calls.shown, timeout=10000) as shown:
        asterisk.incoming_call("0446681842", "Anna Meier", answered=False, background=True)
    assert shown.args[0].card.e164 == "+41446681842"
    qtbot.waitUntil(lambda: len(app.ensure_journal().query(limit=10)) == 1, timeout=10000)
    [entry] = app.ensure_journal().query(limit=10)
    assert (entry.direction, entry.state, entry.e164) == ("incoming", "missed", "+41446681842")


def test_an_answered_outside_call_is_journaled_as_answered(qtbot: QtBot, app: Any,
                                                           asterisk: AsteriskAmi) -> None:
    asterisk.talk_seconds = 1.2
    asterisk.incoming_call("0791234567", answered=True, background=True)
    qtbot.waitUntil(lambda: len(app.ensure_journal().query(limit=10)) == 1, timeout=10000)
    [entry] = app.ensure_journal().query(limit=10)
    assert (entry.direction, entry.state, entry.e164) == ("incoming", "answered",
                                                          "+41791234567")
    assert entry.duration_s >= 1
