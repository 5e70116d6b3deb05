"""One supervised AMI connection: login, Ping heartbeat, Originate at most once, events.

Reconnects with backoff and jitter and never gives up; a Ping left unanswered past its
deadline drops the connection (a half-open peer); an Originate in flight when the connection
goes is reported as failed and never sent again.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtNetwork import QAbstractSocket, QTcpSocket

from desktop_client.core.backoff import Backoff, Heartbeat
from desktop_client.cti import ami

log = logging.getLogger("desktop_client.ami")
ORIGINATE_TIMEOUT_S = 30.0


class AmiLink(QObject):
    """Emits AMI events and the outcome of each Originate (by its ActionID)."""

    state_changed = Signal(str)
    response = Signal(str, bool, str)  # action id, ok, message
    ami_event = Signal(dict)

    def __init__(self, host: str, port: int, username: str, secret: Callable[[], str],
                 parent: QObject | None = None, *, backoff: Backoff | None = None,
                 heartbeat: Heartbeat | None = None) -> None:
        super().__init__(parent)
        self.host, self.port, self.username = host, port, username
        self._secret = secret
        self._socket = QTcpSocket(self)
        self._socket.connected.connect(self._on_connected)
        self._socket.disconnected.connect(self._on_lost)
        self._socket.errorOccurred.connect(self._on_error)
        self._socket.readyRead.connect(self._on_ready)
        self._backoff = backoff or Backoff()
        self._heartbeat = heartbeat or Heartbeat()
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.timeout.connect(self._connect)
        self._beat = QTimer(self)
        self._beat.setInterval(int(min(self._heartbeat.interval,
                                       self._heartbeat.timeout) * 500))
        self._beat.timeout.connect(self._check_heartbeat)
        self._ids = itertools.count(1)
        self._decoder = ami.Decoder()
        self._pending: dict[str, QTimer] = {}
        self._last_ping = 0.0
        self._stopped = False
        self._login_sent = False
        self.logged_in = False
        self.state = "not connected"

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

    def originate(self, action_id: str, wire: bytes) -> None:
        """Send a prepared Originate once; the outcome comes through :attr:`response`."""
        if not self.logged_in:
            self.response.emit(action_id, False, f"the PBX is not connected ({self.state})")
            return
        self._socket.write(wire)
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.timeout.connect(lambda: self._finish(action_id, False, "the PBX did not report "
                                                   "the call within 30 s"))
        timer.start(int(ORIGINATE_TIMEOUT_S * 1000))
        self._pending[action_id] = timer

    def _finish(self, action_id: str, ok: bool, message: str) -> None:
        timer = self._pending.pop(action_id, None)
        if timer is not None:
            timer.stop()
            self.response.emit(action_id, ok, message)

    def _connect(self) -> None:
        if self._stopped or self._socket.state() != QAbstractSocket.SocketState.UnconnectedState:
            return
        self._set_state("connecting")
        self._socket.connectToHost(self.host, self.port)

    def _on_connected(self) -> None:
        self._decoder = ami.Decoder()
        self._login_sent = False
        self._set_state("logging in")

    def _on_error(self, _error: QAbstractSocket.SocketError) -> None:
        if self._socket.state() == QAbstractSocket.SocketState.UnconnectedState:
            self._on_lost()

    def _on_lost(self) -> None:
        self.logged_in = False
        self._beat.stop()
        for action_id in list(self._pending):
            self._finish(action_id, False, "the connection to the PBX was lost")
        if self._stopped or self._retry.isActive():
            return
        delay = self._backoff.next_delay()
        self._set_state(f"retrying in {delay:.0f} s")
        self._retry.start(int(delay * 1000))

    def _check_heartbeat(self) -> None:
        if not self.logged_in:
            return
        if self._heartbeat.overdue():
            log.warning("the PBX did not answer Ping within %g s; reconnecting",
                        self._heartbeat.timeout)
            self._socket.abort()
            self._on_lost()
            return
        now = self._heartbeat.clock()
        if self._heartbeat.due() and now - self._last_ping >= self._heartbeat.interval:
            self._last_ping = now
            self._heartbeat.sent()
            self._socket.write(ami.ping(f"ping-{next(self._ids)}"))

    def _on_ready(self) -> None:
        try:
            messages = self._decoder.feed(bytes(self._socket.readAll().data()))
        except ami.AmiError as error:
            log.warning("AMI framing broken (%s); reconnecting", error)
            self._socket.abort()
            return
        if self._decoder.banner and not self.logged_in and not self._login_sent:
            self._login_sent = True
            self._socket.write(ami.login(f"login-{next(self._ids)}", self.username,
                                         self._secret()))
        for message in messages:
            self._handle(message)

    def _handle(self, message: ami.Message) -> None:
        action = message.get("ActionID", "")
        if action.startswith("login-"):
            self._login_sent = False
            if message.get("Response") == "Success":
                self.logged_in = True
                self._backoff.reset()
                self._heartbeat.answered()
                self._last_ping = self._heartbeat.clock()
                self._beat.start()
                self._set_state("connected")
            else:
                self._set_state(f"login refused: {message.get('Message', '')[:80]}")
                self._socket.disconnectFromHost()
            return
        if action.startswith("ping-"):
            self._heartbeat.answered()
            return
        if message.get("Event") == "OriginateResponse" and action in self._pending:
            ok = message.get("Response") == "Success"
            self._finish(action, ok, "the PBX is calling" if ok else
                         f"the PBX could not place the call (reason {message.get('Reason')})")
            return
        if message.get("Response") == "Error" and action in self._pending:
            self._finish(action, False, f"the PBX refused: {message.get('Message', '')}")
            return
        if "Event" in message:
            self.ami_event.emit(message)

    def _set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            self.state_changed.emit(state)
