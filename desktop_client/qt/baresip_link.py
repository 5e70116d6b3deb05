"""The one connection to baresip's ctrl_tcp interface, shared by dialing and call events.

baresip serves a single ctrl client (a newer connection takes all events), so the app keeps
exactly one: it reconnects with exponential backoff and jitter, never gives up, sends commands
with a token and matches the answer by it, and emits every event for the incoming-calls side.
A command is never re-sent after a reconnect: a dial request is carried out at most once.
"""

from __future__ import annotations

import itertools
import json
import logging
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtNetwork import QAbstractSocket, QTcpSocket

from desktop_client.core import netstring
from desktop_client.core.backoff import Backoff, Heartbeat
from desktop_client.dialing.address import parse_address

log = logging.getLogger("desktop_client.baresip")

COMMAND_TIMEOUT_S = 5.0
HEARTBEAT_COMMAND = "reginfo"  # harmless, answered by every baresip


class BaresipLink(QObject):
    """A supervised ctrl_tcp connection."""

    state_changed = Signal(str)  # human-readable: "connected", "retrying in 4 s", …
    response = Signal(str, bool, str)  # token, ok, data
    call_event = Signal(dict)  # every event object baresip sends (not QObject.event!)

    def __init__(self, address: str, parent: QObject | None = None, *,
                 backoff: Backoff | None = None, heartbeat: Heartbeat | None = None) -> None:
        super().__init__(parent)
        self.host, self.port = parse_address(address)
        self._socket = QTcpSocket(self)
        self._socket.connected.connect(self._on_connected)
        self._socket.disconnected.connect(self._on_lost)
        self._socket.errorOccurred.connect(self._on_error)
        self._socket.readyRead.connect(self._on_ready)
        self._decoder = netstring.Decoder()
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.timeout.connect(self._connect)
        self._backoff = backoff or Backoff()
        self._heartbeat = heartbeat or Heartbeat()
        self._beat = QTimer(self)
        self._beat.setInterval(int(min(self._heartbeat.interval, self._heartbeat.timeout)
                                   * 1000 / 2))
        self._beat.timeout.connect(self._check_heartbeat)
        self._beat_tokens = itertools.count(1)
        self._last_beat = 0.0
        self._pending: dict[str, QTimer] = {}
        self._stopped = False
        self.state = "not connected"

    @property
    def connected(self) -> bool:
        """True while the connection is up."""
        return self._socket.state() == QAbstractSocket.SocketState.ConnectedState

    def start(self) -> None:
        """Connect now (and keep reconnecting)."""
        self._stopped = False
        self._connect()

    def stop(self) -> None:
        """Close and stop reconnecting."""
        self._stopped = True
        self._retry.stop()
        self._beat.stop()
        self._socket.abort()
        self._set_state("stopped")

    def send(self, message: dict[str, Any]) -> None:
        """Send a command; its answer comes as :attr:`response` (or a timeout failure)."""
        token = str(message["token"])
        if not self.connected:
            self.response.emit(token, False, f"baresip is not connected ({self.state})")
            return
        self._socket.write(netstring.encode(json.dumps(message, separators=(",", ":")).encode()))
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.timeout.connect(lambda: self._expire(token))
        timer.start(int(COMMAND_TIMEOUT_S * 1000))
        self._pending[token] = timer

    def _expire(self, token: str) -> None:
        if self._pending.pop(token, None) is not None:
            self.response.emit(token, False,
                               f"baresip did not answer within {COMMAND_TIMEOUT_S:g} s")

    def _connect(self) -> None:
        if self._stopped or self._socket.state() != QAbstractSocket.SocketState.UnconnectedState:
            return
        self._set_state("connecting")
        self._socket.connectToHost(self.host, self.port)

    def _on_connected(self) -> None:
        self._backoff.reset()
        self._heartbeat.answered()
        self._last_beat = self._heartbeat.clock()
        self._beat.start()
        self._decoder = netstring.Decoder()
        self._set_state("connected")
        log.info("connected to baresip at %s:%d", self.host, self.port)

    def _on_error(self, _error: QAbstractSocket.SocketError) -> None:
        if self._socket.state() == QAbstractSocket.SocketState.UnconnectedState:
            self._on_lost()

    def _check_heartbeat(self) -> None:
        if not self.connected:
            return
        if self._heartbeat.overdue():
            log.warning("baresip did not answer the heartbeat within %g s; reconnecting",
                        self._heartbeat.timeout)
            self._socket.abort()
            self._on_lost()
            return
        now = self._heartbeat.clock()
        if self._heartbeat.due() and now - self._last_beat >= self._heartbeat.interval:
            self._last_beat = now
            self._heartbeat.sent()
            token = f"heartbeat-{next(self._beat_tokens)}"
            message = {"command": HEARTBEAT_COMMAND, "params": "", "token": token}
            self._socket.write(netstring.encode(json.dumps(message).encode()))

    def _on_lost(self) -> None:
        self._beat.stop()
        # Commands in flight are failed, never replayed on the next connection.
        for token, timer in list(self._pending.items()):
            timer.stop()
            self._pending.pop(token, None)
            self.response.emit(token, False, "the connection to baresip was lost")
        if self._stopped or self._retry.isActive():
            return
        delay = self._backoff.next_delay()
        self._set_state(f"retrying in {delay:.0f} s")
        self._retry.start(int(delay * 1000))

    def _on_ready(self) -> None:
        try:
            frames = self._decoder.feed(bytes(self._socket.readAll().data()))
        except netstring.FramingError as error:
            log.warning("baresip broke the framing (%s); reconnecting", error)
            self._socket.abort()
            return
        for frame in frames:
            try:
                data = json.loads(frame.decode("utf-8"))
            except (UnicodeDecodeError, ValueError):
                log.warning("unreadable message from baresip; ignored")
                continue
            if not isinstance(data, dict):
                continue
            if data.get("response"):
                token = str(data.get("token", ""))
                if token.startswith("heartbeat-"):
                    self._heartbeat.answered()
                    continue
                timer = self._pending.pop(token, None)
                if timer is not None:
                    timer.stop()
                    self.response.emit(token, bool(data.get("ok")), str(data.get("data", "")))
            elif data.get("event"):
                self.call_event.emit(data)

    def _set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            self.state_changed.emit(state)
