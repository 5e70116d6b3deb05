"""The call-monitor source against a loopback emulator of the FRITZ!Box's documented wire
format (no real box can run here), faults included: split lines, a dropped connection, an
endless line."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tests.gui.conftest import tray_of

if TYPE_CHECKING:
    from desktop_client.app import TrayApp

import time
from collections.abc import Iterator
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from desktop_client.core.backoff import Backoff
from desktop_client.qt.line_source import LineSource
from tests.emulators.fritz_monitor import MonitorEmulator


@pytest.fixture
def box() -> Iterator[MonitorEmulator]:
    emulator = MonitorEmulator()
    yield emulator
    emulator.server.close()


def test_a_call_through_the_monitor_lands_in_the_journal(qtbot: QtBot, tray_app: TrayApp,
                                                         box: MonitorEmulator) -> None:
    from desktop_client.app.calls import IncomingCalls

    config = tray_app.config.with_values(cti__sources=("fritzbox",),
                                         cti__fritzbox__address=f"127.0.0.1:{box.port}")
    calls = IncomingCalls(tray_app.profile, config, tray_of(tray_app),
                          journal=tray_app.ensure_journal,
                          directory=tray_app.ensure_directory, dial=lambda _n: None,
                          secrets=tray_app.secrets)
    calls.start(None)
    try:
        source: Any = calls.sources[0]
        qtbot.waitUntil(lambda: source.connected and bool(box.clients), timeout=5000)
        flow = calls.ensure_flow()
        with qtbot.waitSignal(flow.shown, timeout=5000) as shown:
            ring = b"26.11.26 14:01:02;RING;0;0446681842;6681800;SIP0;\n"
            box.send(ring[:20])
            time.sleep(0.05)
            box.send(ring[20:])
        assert shown.args[0].card.e164 == "+41446681842"
        with qtbot.waitSignal(flow.missed_count, timeout=5000):
            box.send(b"26.11.26 14:01:30;DISCONNECT;0;0;\r\n")
        assert tray_app.ensure_journal().recent()[0].state == "missed"
        # The box hands out ConnectionID 0 again for the next call: a call of its own.
        with qtbot.waitSignal(flow.shown, timeout=5000) as shown:
            box.send(b"26.11.26 14:05:00;RING;0;0791234567;6681800;SIP0;\n")
        assert shown.args[0].card.e164 == "+41791234567"
        box.send(b"26.11.26 14:05:04;CONNECT;0;10;0791234567;\n")
        box.send(b"26.11.26 14:06:04;DISCONNECT;0;60;\n")
        qtbot.waitUntil(lambda: len(tray_app.ensure_journal().recent()) == 2, timeout=5000)
        latest = tray_app.ensure_journal().recent()[0]
        assert (latest.e164, latest.state) == ("+41791234567", "answered")
    finally:
        calls.stop()


def test_the_source_reconnects_after_a_drop_and_an_endless_line(qtbot: QtBot,
                                                                box: MonitorEmulator) -> None:
    source = LineSource("127.0.0.1", box.port, "monitor", backoff=Backoff(0.1, 0.2))
    lines: list[str] = []
    source.line.connect(lines.append)
    try:
        source.start()
        qtbot.waitUntil(lambda: source.connected and len(box.clients) == 1, timeout=5000)
        box.send("M\xfcller;".encode()[:2])
        box.send("M\xfcller;".encode()[2:] + b"\n")
        qtbot.waitUntil(lambda: lines == ["M\xfcller;"], timeout=5000)
        box.drop()
        qtbot.waitUntil(lambda: len(box.clients) == 2 and source.connected, timeout=5000)
        box.send(b"x" * 10_000)
        qtbot.waitUntil(lambda: len(box.clients) == 3, timeout=5000)
        box.send(b"26.11.26 14:01:02;RING;0;0446681842;6681800;SIP0;\n")
        qtbot.waitUntil(lambda: len(lines) == 2, timeout=5000)
    finally:
        source.stop()


def test_keepalive_is_tuned_on_the_monitor_connection(qtbot: QtBot,
                                                      box: MonitorEmulator) -> None:
    import socket as socket_mod

    source = LineSource("127.0.0.1", box.port, "monitor", backoff=Backoff(0.1, 0.2))
    try:
        source.start()
        qtbot.waitUntil(lambda: source.connected, timeout=5000)
        fd = int(source._socket.socketDescriptor())
        probe = socket_mod.fromfd(fd, socket_mod.AF_INET, socket_mod.SOCK_STREAM)
        try:
            assert probe.getsockopt(socket_mod.SOL_SOCKET, socket_mod.SO_KEEPALIVE) == 1
            assert probe.getsockopt(socket_mod.IPPROTO_TCP, socket_mod.TCP_KEEPIDLE) == 15
        finally:
            probe.close()
        assert source.connected
    finally:
        source.stop()
