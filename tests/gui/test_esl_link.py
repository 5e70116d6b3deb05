"""The event-socket link against a loopback emulator of FreeSWITCH's documented inbound ESL
protocol (no FreeSWITCH runs here): auth, events, bgapi originate, faults."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from desktop_client.core.backoff import Backoff, Heartbeat
from desktop_client.phones.freeswitch import wire as esl
from desktop_client.phones.freeswitch.link import EslLink
from tests.emulators.loopback import LoopbackServer
from tests.fakes import keyring_holds


def _plain(body: str) -> bytes:
    return (f"Content-Length: {len(body.encode())}\nContent-Type: text/event-plain\n\n"
            f"{body}").encode()


class FreeSwitch(LoopbackServer):
    """Speaks inbound ESL with password ClueCon; answers bgapi with a BACKGROUND_JOB."""

    def __init__(self) -> None:
        self.commands: list[str] = []
        self.silent = False
        self.result = "+OK 1234-uuid"
        super().__init__()

    def talk(self, conn: socket.socket) -> None:
        conn.sendall(b"Content-Type: auth/request\n\n")
        buffer = b""
        while data := conn.recv(4096):
            buffer += data
            while b"\n\n" in buffer:
                block, buffer = buffer.split(b"\n\n", 1)
                command = block.decode()
                self.commands.append(command)
                if not self.silent:
                    conn.sendall(self._answer(command))

    def _answer(self, command: str) -> bytes:
        if command.startswith("auth "):
            ok = command == "auth ClueCon"
            return (f"Content-Type: command/reply\nReply-Text: "
                    f"{'+OK accepted' if ok else '-ERR invalid'}\n\n").encode()
        if command.startswith("event "):
            return b"Content-Type: command/reply\nReply-Text: +OK event listener enabled\n\n"
        if command.startswith("api status"):
            return b"Content-Type: api/response\nContent-Length: 3\n\nUP\n"
        if command.startswith("bgapi originate"):
            job = command.split("Job-UUID: ", 1)[1].strip()
            inner = f"{self.result}\n"
            body = (f"Event-Name: BACKGROUND_JOB\nJob-UUID: {job}\n"
                    f"Content-Length: {len(inner)}\n\n{inner}")
            return (f"Content-Type: command/reply\nReply-Text: +OK Job-UUID: {job}\n\n"
                    ).encode() + _plain(body)
        return b"Content-Type: command/reply\nReply-Text: -ERR command not found\n\n"

    def push(self, body: str) -> None:
        self.conns[-1].sendall(_plain(body))


@pytest.fixture
def freeswitch() -> Iterator[FreeSwitch]:
    server = FreeSwitch()
    yield server
    server.close()


def _link(fs: FreeSwitch, password: str = "ClueCon",
          heartbeat: Heartbeat | None = None) -> EslLink:
    return EslLink("127.0.0.1", fs.port, lambda: password, backoff=Backoff(0.1, 0.2),
                   heartbeat=heartbeat or Heartbeat(60, 60))


def test_auth_originate_and_events(qtbot: QtBot, freeswitch: FreeSwitch) -> None:
    link = _link(freeswitch)
    bodies: list[str] = []
    link.esl_event.connect(bodies.append)
    try:
        link.start()
        qtbot.waitUntil(lambda: link.ready, timeout=5000)
        with qtbot.waitSignal(link.response, timeout=5000) as done:
            link.send_request("job-1", esl.originate("job-1", "user/1001", "+41446681800"))
        assert done.args == ["job-1", True, "FreeSWITCH is calling"]
        freeswitch.result = "-ERR USER_BUSY"
        with qtbot.waitSignal(link.response, timeout=5000) as busy:
            link.send_request("job-2", esl.originate("job-2", "user/1001", "+41446681801"))
        assert busy.args[1] is False and "USER_BUSY" in busy.args[2]
        freeswitch.push("Event-Name: CHANNEL_CREATE\nUnique-ID: u9\nCall-Direction: outbound\n"
                        "Caller-Destination-Number: 1001\nCaller-Caller-ID-Number: 0446681842\n"
                        "Other-Type: originator\nOther-Leg-Unique-ID: a9\n")
        qtbot.waitUntil(lambda: bool(bodies), timeout=5000)
        event = esl.EventMapper("1001").map(bodies[0])
        assert event is not None and event.remote_number == "0446681842"
    finally:
        link.stop()


def test_wrong_password(qtbot: QtBot, freeswitch: FreeSwitch) -> None:
    link = _link(freeswitch, password="wrong")
    states: list[str] = []
    link.state_changed.connect(states.append)
    try:
        link.start()
        qtbot.waitUntil(lambda: any(s.startswith("login refused") for s in states),
                        timeout=5000)
        assert not link.ready
    finally:
        link.stop()


def test_silence_is_noticed_and_originate_is_not_replayed(qtbot: QtBot,
                                                          freeswitch: FreeSwitch) -> None:
    link = _link(freeswitch, heartbeat=Heartbeat(interval=0.3, timeout=0.4))
    try:
        link.start()
        qtbot.waitUntil(lambda: link.ready, timeout=5000)
        freeswitch.silent = True
        with qtbot.waitSignal(link.response, timeout=5000) as lost:
            link.send_request("job-3", esl.originate("job-3", "user/1001", "+41446681800"))
        assert lost.args[:2] == ["job-3", False]
        freeswitch.silent = False
        qtbot.waitUntil(lambda: link.ready and len(freeswitch.conns) >= 2, timeout=5000)
        assert sum(c.startswith("bgapi originate") for c in freeswitch.commands) == 1
    finally:
        link.stop()


def test_the_app_dials_and_pops_up_through_freeswitch(qtbot: QtBot, tray_app: object,
                                                      freeswitch: FreeSwitch,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from typing import Any

    from desktop_client.outgoing.policy import Source

    app: Any = tray_app
    keyring_holds(monkeypatch, {"backends.freeswitch.password": "ClueCon"})
    config = app.config.with_values(dial__backend="freeswitch",
                                    backends__freeswitch__address=f"127.0.0.1:{freeswitch.port}")
    app.save_settings(config)
    qtbot.waitUntil(lambda: app.connection is not None and app.connection.ready, timeout=5000)
    flow = app.ensure_flow()
    with qtbot.waitSignal(flow.completed, timeout=5000) as done:
        app.dial("044 668 18 00", Source.USER)
    assert done.args[1:] == [True, "FreeSWITCH is calling"]
    assert any(c.startswith("bgapi originate user/1001 +41446681800 XML default")
               for c in freeswitch.commands)
    calls = app.calls.ensure_flow()
    with qtbot.waitSignal(calls.shown, timeout=5000) as shown:
        freeswitch.push("Event-Name: CHANNEL_CREATE\nUnique-ID: u1\nCall-Direction: outbound\n"
                        "Caller-Destination-Number: 1001\nCaller-Caller-ID-Number: 0446681842\n"
                        "Other-Type: originator\nOther-Leg-Unique-ID: a1\n")
    assert shown.args[0].card.e164 == "+41446681842"
    with qtbot.waitSignal(calls.missed_count, timeout=5000):
        freeswitch.push("Event-Name: CHANNEL_HANGUP_COMPLETE\nUnique-ID: u1\n")
    assert app.ensure_journal().recent()[0].source == "freeswitch"


def test_settings_test_button(freeswitch: FreeSwitch, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop_client import settings
    from desktop_client.wiring import probe_backend

    config = settings.defaults().with_values(
        dial__backend="freeswitch", backends__freeswitch__address=f"127.0.0.1:{freeswitch.port}")
    keyring_holds(monkeypatch, {"backends.freeswitch.password": "ClueCon"})
    assert probe_backend(config).startswith("OK: FreeSWITCH on 127.0.0.1")
    keyring_holds(monkeypatch, {"backends.freeswitch.password": "wrong"})
    assert probe_backend(config) == "Problem: FreeSWITCH refused the password (-ERR invalid)"
