"""The supervised ctrl_tcp link against a loopback peer that goes silent (half-open)."""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from desktop_client.core import netstring
from desktop_client.core.backoff import Backoff, Heartbeat
from desktop_client.phones.baresip.dial import command_message, wire
from desktop_client.phones.baresip.link import BaresipLink
from tests.emulators.loopback import LoopbackServer


class Peer(LoopbackServer):
    """Speaks ctrl_tcp: answers commands until told to go silent (connection stays open)."""

    def __init__(self) -> None:
        self.silent = False
        self.commands: list[str] = []
        super().__init__()

    @property
    def connections(self) -> int:
        """How many times the link connected."""
        return len(self.conns)

    def talk(self, conn: socket.socket) -> None:
        decoder = netstring.Decoder()
        with conn:
            while data := conn.recv(4096):
                for frame in decoder.feed(data):
                    command = json.loads(frame)
                    self.commands.append(command["command"])
                    if not self.silent:
                        reply = {"response": True, "ok": True, "token": command["token"]}
                        conn.sendall(netstring.encode(json.dumps(reply).encode()))
            time.sleep(0.1)


@pytest.fixture
def peer() -> Iterator[Peer]:
    server = Peer()
    yield server
    server.close()


def test_half_open_peer_is_noticed_and_the_link_reconnects(qtbot: QtBot, peer: Peer) -> None:
    link = BaresipLink(f"127.0.0.1:{peer.port}", backoff=Backoff(start=0.1, maximum=0.2),
                       heartbeat=Heartbeat(interval=0.3, timeout=0.4))
    states: list[str] = []
    link.state_changed.connect(states.append)
    try:
        link.start()
        qtbot.waitUntil(lambda: link.connected, timeout=5000)
        qtbot.waitUntil(lambda: "reginfo" in peer.commands, timeout=5000)
        peer.silent = True  # the peer stops answering but keeps the connection open
        qtbot.waitUntil(lambda: any(s.startswith("retrying") for s in states), timeout=5000)
        peer.silent = False
        qtbot.waitUntil(lambda: peer.connections >= 2 and link.connected, timeout=5000)
    finally:
        link.stop()


def test_commands_in_flight_fail_on_loss_and_are_not_replayed(qtbot: QtBot,
                                                              peer: Peer) -> None:
    link = BaresipLink(f"127.0.0.1:{peer.port}", backoff=Backoff(start=0.1, maximum=0.2),
                       heartbeat=Heartbeat(interval=60, timeout=60))
    try:
        link.start()
        qtbot.waitUntil(lambda: link.connected, timeout=5000)
        peer.silent = True
        with qtbot.waitSignal(link.response, timeout=5000) as answer:
            link.send_request("t1", wire(command_message("dial", "+41446681800", "t1")))
            qtbot.waitUntil(lambda: "dial" in peer.commands, timeout=2000)
            peer.server.close()
            link._socket.abort()
        assert answer.args[:2] == ["t1", False]
        assert peer.commands.count("dial") == 1
    finally:
        link.stop()
