"""The AMI link against a loopback emulator of Asterisk's documented manager protocol (no
Asterisk runs here): login, Ping, Originate with OriginateResponse, events, faults."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from desktop_client.core.backoff import Backoff, Heartbeat
from desktop_client.phones.ami import wire as ami
from desktop_client.phones.ami.link import AmiLink
from tests.emulators.loopback import LoopbackServer
from tests.fakes import keyring_holds


class Asterisk(LoopbackServer):
    """Speaks AMI: banner, Login (secret "pw"), Ping, Originate; can go silent or push events."""

    def __init__(self) -> None:
        self.actions: list[dict[str, str]] = []
        self.silent = False
        self.originate_result = "Success"
        super().__init__()

    def talk(self, conn: socket.socket) -> None:
        conn.sendall(b"Asterisk Call Manager/7.0.3\r\n")
        buffer = b""
        with conn:
            while data := conn.recv(4096):
                buffer += data
                while b"\r\n\r\n" in buffer:
                    block, buffer = buffer.split(b"\r\n\r\n", 1)
                    action = dict(line.split(": ", 1) for line in block.decode().split("\r\n"))
                    self.actions.append(action)
                    if not self.silent:
                        conn.sendall(self._answer(action))

    def _answer(self, action: dict[str, str]) -> bytes:
        aid = action.get("ActionID", "")
        kind = action.get("Action")
        if kind == "Login":
            ok = action.get("Secret") == "pw"
            return (f"Response: {'Success' if ok else 'Error'}\r\nActionID: {aid}\r\n"
                    f"Message: {'Authentication accepted' if ok else 'Authentication failed'}"
                    "\r\n\r\n").encode()
        if kind == "Ping":
            return f"Response: Success\r\nActionID: {aid}\r\nPing: Pong\r\n\r\n".encode()
        if kind == "Originate":
            return (f"Response: Success\r\nActionID: {aid}\r\nMessage: Originate successfully "
                    f"queued\r\n\r\nEvent: OriginateResponse\r\nActionID: {aid}\r\nResponse: "
                    f"{self.originate_result}\r\nReason: 4\r\n\r\n").encode()
        return (f"Response: Error\r\nActionID: {aid}\r\n"
                "Message: Invalid/unknown command\r\n\r\n").encode()

    def push(self, text: str) -> None:
        self.conns[-1].sendall(text.encode())


@pytest.fixture
def asterisk() -> Iterator[Asterisk]:
    server = Asterisk()
    yield server
    server.close()


def _link(asterisk: Asterisk, secret: str = "pw", heartbeat: Heartbeat | None = None) -> AmiLink:
    return AmiLink("127.0.0.1", asterisk.port, "desk", lambda: secret,
                   backoff=Backoff(0.1, 0.2), heartbeat=heartbeat or Heartbeat(60, 60))


DEVICE = ami.Device("PJSIP/101", "from-internal")


def test_login_originate_and_events(qtbot: QtBot, asterisk: Asterisk) -> None:
    link = _link(asterisk)
    events: list[dict[str, str]] = []
    link.ami_event.connect(events.append)
    try:
        link.start()
        qtbot.waitUntil(lambda: link.logged_in, timeout=5000)
        assert asterisk.actions[0]["Action"] == "Login"
        with qtbot.waitSignal(link.response, timeout=5000) as done:
            link.send_request("req-1", ami.originate("req-1", DEVICE, "+41446681800"))
        assert done.args == ["req-1", True, "the PBX is calling"]
        assert asterisk.actions[-1]["Exten"] == "+41446681800"
        asterisk.originate_result = "Failure"
        with qtbot.waitSignal(link.response, timeout=5000) as failed:
            link.send_request("req-2", ami.originate("req-2", DEVICE, "+41446681801"))
        assert failed.args[1] is False and "reason 4" in failed.args[2]
        asterisk.push("Event: DialBegin\r\nChannel: PJSIP/trunk-0000001f\r\n"
                      "DestChannel: PJSIP/101-1\r\nDestUniqueid: 7\r\n"
                      "CallerIDNum: 0446681842\r\n\r\n")
        qtbot.waitUntil(lambda: bool(events), timeout=5000)
        mapped = ami.EventMapper(DEVICE).map(events[0])
        assert mapped is not None and mapped.remote_number == "0446681842"
    finally:
        link.stop()


def test_wrong_secret_is_reported(qtbot: QtBot, asterisk: Asterisk) -> None:
    link = _link(asterisk, secret="nope")
    states: list[str] = []
    link.state_changed.connect(states.append)
    try:
        link.start()
        qtbot.waitUntil(lambda: any(s.startswith("login refused") for s in states),
                        timeout=5000)
        assert not link.logged_in
        with qtbot.waitSignal(link.response, timeout=1000) as refused:
            link.send_request("req-3", ami.originate("req-3", DEVICE, "+41446681800"))
        assert refused.args[1] is False and "not connected" in refused.args[2]
    finally:
        link.stop()


def test_silent_pbx_is_noticed_and_originate_is_never_replayed(qtbot: QtBot,
                                                               asterisk: Asterisk) -> None:
    link = _link(asterisk, heartbeat=Heartbeat(interval=0.3, timeout=0.4))
    states: list[str] = []
    link.state_changed.connect(states.append)
    try:
        link.start()
        qtbot.waitUntil(lambda: link.logged_in, timeout=5000)
        asterisk.silent = True
        with qtbot.waitSignal(link.response, timeout=5000) as lost:
            link.send_request("req-4", ami.originate("req-4", DEVICE, "+41446681800"))
        assert lost.args[:2] == ["req-4", False]
        asterisk.silent = False
        qtbot.waitUntil(lambda: link.logged_in and len(asterisk.conns) >= 2, timeout=5000)
        originates = [a for a in asterisk.actions if a.get("Action") == "Originate"]
        assert len(originates) == 1  # sent once, not again after the reconnect
    finally:
        link.stop()


def test_the_app_dials_and_pops_up_through_asterisk(qtbot: QtBot, tray_app: object,
                                                    asterisk: Asterisk,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from typing import Any

    from desktop_client.outgoing.policy import Source

    app: Any = tray_app
    keyring_holds(monkeypatch, {"backends.ami.secret": "pw"})
    config = app.config.with_values(dial__backend="ami",
                                    backends__ami__address=f"127.0.0.1:{asterisk.port}")
    app.save_settings(config)
    qtbot.waitUntil(lambda: app.connection is not None and app.connection.logged_in, timeout=5000)
    assert app.tray.state.value == "ready"
    flow = app.ensure_flow()
    with qtbot.waitSignal(flow.completed, timeout=5000) as done:
        app.dial("044 668 18 00", Source.USER)
    assert done.args[1:] == [True, "the PBX is calling"]
    originate = [a for a in asterisk.actions if a.get("Action") == "Originate"][-1]
    assert (originate["Channel"], originate["Exten"]) == ("PJSIP/101", "+41446681800")
    calls = app.calls.ensure_flow()
    with qtbot.waitSignal(calls.shown, timeout=5000) as shown:
        asterisk.push("Event: DialBegin\r\nChannel: PJSIP/trunk-0000001f\r\n"
                      "DestChannel: PJSIP/101-00000009\r\n"
                      "DestUniqueid: 1700.9\r\nCallerIDNum: 0446681842\r\n"
                      "CallerIDName: <b>Anna</b>\r\n\r\n")
    assert shown.args[0].card.e164 == "+41446681842"
    with qtbot.waitSignal(calls.missed_count, timeout=5000):
        asterisk.push("Event: Hangup\r\nUniqueid: 1700.9\r\nCause: 16\r\n\r\n")
    assert app.ensure_journal().recent()[0].source == "ami"


def test_settings_test_button_logs_in(asterisk: Asterisk,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop_client import settings
    from desktop_client.wiring import probe_backend

    config = settings.defaults().with_values(
        dial__backend="ami", backends__ami__address=f"127.0.0.1:{asterisk.port}")
    keyring_holds(monkeypatch, {"backends.ami.secret": "pw"})
    assert probe_backend(config) == "OK: logged in to Asterisk Call Manager/7.0.3 as " \
                                    "desktop-client"
    keyring_holds(monkeypatch, {"backends.ami.secret": "wrong"})
    assert probe_backend(config) == "Problem: login refused: Authentication failed"


def test_refused_logins_back_off(qtbot: QtBot, asterisk: Asterisk) -> None:
    link = AmiLink("127.0.0.1", asterisk.port, "desk", lambda: "wrong",
                   heartbeat=Heartbeat(60, 60))  # the real backoff: 0.5 s, doubling
    try:
        link.start()
        qtbot.wait(2500)
        assert 2 <= len(asterisk.conns) <= 4  # not a tight retry loop
        assert not link.logged_in
    finally:
        link.stop()


def test_an_event_storm_from_asterisk(qtbot: QtBot, tray_app: object, asterisk: Asterisk,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from typing import Any

    from desktop_client.ui.popup import MAX_CARDS

    app: Any = tray_app
    keyring_holds(monkeypatch, {"backends.ami.secret": "pw"})
    app.save_settings(app.config.with_values(
        dial__backend="ami", backends__ami__address=f"127.0.0.1:{asterisk.port}"))
    qtbot.waitUntil(lambda: app.connection is not None and app.connection.logged_in, timeout=5000)
    calls = app.calls.ensure_flow()
    storm = "".join(
        f"Event: DialBegin\r\nChannel: PJSIP/trunk-{i}\r\nDestChannel: PJSIP/101-{i}\r\n"
        f"DestUniqueid: s{i}\r\n"
        f"CallerIDNum: 04466{i:05d}\r\n\r\nEvent: Hangup\r\nUniqueid: s{i}\r\n\r\n"
        for i in range(500))
    asterisk.push(storm)
    qtbot.waitUntil(lambda: len(app.ensure_journal().query(limit=1000)) == 500, timeout=60000)
    assert len(calls.stack.cards) <= MAX_CARDS
    assert app.connection.logged_in
