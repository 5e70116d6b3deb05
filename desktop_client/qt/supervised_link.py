"""What every connection to a phone system shares (baresip, Asterisk AMI, FreeSWITCH ESL,
linphone-daemon, the FRITZ!Box call monitor).

One TCP connection (or local socket), reconnected with backoff and jitter and never given up;
a heartbeat probe whose answer must come before a deadline, else the connection is dropped (a
half-open peer);
requests tracked by id with a timeout, each answered exactly once, failed when the connection
goes and never sent again. Subclasses speak the protocol: what to do once connected, how to
read bytes, what the heartbeat probe is, how a request goes out.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtNetwork import QAbstractSocket, QLocalSocket, QTcpSocket

from desktop_client.core.backoff import Backoff, Heartbeat

log = logging.getLogger("desktop_client.incoming")

_CONNECTED = (QAbstractSocket.SocketState.ConnectedState,
              QLocalSocket.LocalSocketState.ConnectedState)
_UNCONNECTED = (QAbstractSocket.SocketState.UnconnectedState,
                QLocalSocket.LocalSocketState.UnconnectedState)


class SupervisedLink(QObject):
    """The supervision; ``ready`` means the protocol is up (logged in, authenticated)."""

    state_changed = Signal(str)
    response = Signal(str, bool, str)  # request id, ok, message

    #: For messages: "baresip", "the PBX", "FreeSWITCH".
    label = "the phone system"

    def __init__(self, where: tuple[str, int] | str, parent: QObject | None = None, *,
                 backoff: Backoff | None = None, heartbeat: Heartbeat | None = None,
                 probes: bool = True) -> None:
        """``where``: (host, port) over TCP, or the path of a local (Unix) socket."""
        super().__init__(parent)
        self._socket: QTcpSocket | QLocalSocket
        self._host, self._port = ("", 0) if isinstance(where, str) else where
        if isinstance(where, str):
            self.where = where
            self._socket = QLocalSocket(self)
        else:
            self.where = f"{self._host}:{self._port}"
            self._socket = QTcpSocket(self)
        self._socket.connected.connect(self._on_connected)
        self._socket.disconnected.connect(self._on_lost)
        self._socket.errorOccurred.connect(self._on_error)
        self._socket.readyRead.connect(self._on_ready)
        if isinstance(self._socket, QLocalSocket):
            # A local connect that fails (no socket file, nobody listening) reports its error
            # while still connecting and never says "disconnected": only the state tells.
            self._socket.stateChanged.connect(self._on_local_state)
        self._backoff = backoff or Backoff()
        self._heartbeat = heartbeat or Heartbeat()
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.timeout.connect(self._connect)
        self._beat = QTimer(self)
        self._beat.setInterval(int(min(self._heartbeat.interval,
                                       self._heartbeat.timeout) * 500))
        self._beat.timeout.connect(self._check_heartbeat)
        #: False for feeds that cannot be asked anything (the FRITZ!Box call monitor).
        self._probes = probes
        self._last_beat = 0.0
        self._pending: dict[str, QTimer] = {}
        self._stopped = False
        self.ready = False
        self.state = "not connected"

    @property
    def connected(self) -> bool:
        """True while the connection is up."""
        return self._socket.state() in _CONNECTED

    def send_request(self, request_id: str, wire: bytes) -> None:
        """Send one prepared request (a dial) once; its outcome comes through :attr:`response`:
        ok, or why not, within the protocol's deadline."""
        raise NotImplementedError

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

    # -- for subclasses --------------------------------------------------------------------

    def _connected(self) -> None:
        """The TCP connection is up (send a login, or call :meth:`_go_ready`)."""
        self._go_ready()

    def _received(self, data: bytes) -> None:
        """Bytes from the peer."""
        raise NotImplementedError

    def _probe(self) -> bytes:
        """The heartbeat request; its answer must reach :meth:`_beat_answered`."""
        raise NotImplementedError

    def _go_ready(self) -> None:
        self.ready = True
        self._backoff.reset()
        self._heartbeat.answered()
        self._last_beat = self._heartbeat.clock()
        if self._probes:
            self._beat.start()
        self._set_state("connected")
        log.info("connected to %s at %s", self.label, self.where)

    def _beat_answered(self) -> None:
        self._heartbeat.answered()

    def _track(self, request_id: str, wire: bytes, timeout_s: float, timeout_message: str) -> None:
        """Send a request once; it is answered through :meth:`_finish` or times out."""
        if not self.ready:
            self.response.emit(request_id, False, f"{self.label} is not connected ({self.state})")
            return
        self._write(request_id, wire)
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.timeout.connect(lambda: self._give_up(request_id, timeout_message))
        timer.start(int(timeout_s * 1000))
        self._pending[request_id] = timer

    def _write(self, request_id: str, wire: bytes) -> None:
        """Put a request on the wire (a protocol that answers one at a time queues it)."""
        self._socket.write(wire)

    def _finish(self, request_id: str, ok: bool, message: str) -> bool:
        """Answer a tracked request (once); False if it was not pending."""
        timer = self._pending.pop(request_id, None)
        if timer is None:
            return False
        timer.stop()
        self.response.emit(request_id, ok, message)
        return True

    def _give_up(self, request_id: str, reason: str) -> None:
        """No answer will come: failed, unless the peer had already taken the request."""
        taken = self._taken_but_unreported(request_id, reason)
        self._finish(request_id, taken is not None, taken or reason)

    def _taken_but_unreported(self, request_id: str, reason: str) -> str | None:
        """A message when the peer had accepted the request before ``reason`` happened (the
        call is then most likely placed, and saying "failed" would mislead); else None."""
        return None

    def _close(self) -> None:
        """Close after what is written has gone (the peer refused us): the loss follows."""
        if isinstance(self._socket, QLocalSocket):
            self._socket.disconnectFromServer()
        else:
            self._socket.disconnectFromHost()

    def _drop(self, reason: str) -> None:
        """Give up on this connection (framing broken, no heartbeat): reconnect."""
        log.warning("%s: %s; reconnecting", self.label, reason)
        self._socket.abort()
        self._on_lost()

    def _set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            self.state_changed.emit(state)

    # -- supervision -----------------------------------------------------------------------

    def _lost(self) -> None:
        """The connection went (requests in flight have failed): reset the protocol's state."""

    def _connect(self) -> None:
        if self._stopped or self._socket.state() not in _UNCONNECTED:
            return
        self._set_state("connecting")
        if isinstance(self._socket, QLocalSocket):
            self._socket.connectToServer(self.where)
        else:
            self._socket.connectToHost(self._host, self._port)

    def _on_connected(self) -> None:
        self._connected()

    def _on_local_state(self, state: QLocalSocket.LocalSocketState) -> None:
        if state == QLocalSocket.LocalSocketState.UnconnectedState:
            self._on_lost()

    def _on_error(self, _error: object) -> None:
        if self._socket.state() in _UNCONNECTED:
            self._on_lost()

    def _on_lost(self) -> None:
        self.ready = False
        self._beat.stop()
        # Requests in flight are failed, never replayed on the next connection.
        for request_id in list(self._pending):
            self._give_up(request_id, f"the connection to {self.label} was lost")
        self._lost()
        if self._stopped or self._retry.isActive():
            return
        delay = self._backoff.next_delay()
        self._set_state(f"retrying in {delay:.0f} s")
        self._retry.start(int(delay * 1000))

    def _on_ready(self) -> None:
        self._received(bytes(self._socket.readAll().data()))

    def _check_heartbeat(self) -> None:
        if not self.ready or not self.connected:
            return
        if self._heartbeat.overdue():
            self._drop(f"no answer to the heartbeat within {self._heartbeat.timeout:g} s")
            return
        now = self._heartbeat.clock()
        if self._heartbeat.due() and now - self._last_beat >= self._heartbeat.interval:
            self._last_beat = now
            self._heartbeat.sent()
            self._socket.write(self._probe())
