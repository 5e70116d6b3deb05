"""One supervised FreeSWITCH event-socket connection: auth, events, bgapi originate once.

Reconnects with backoff and jitter; a periodic ``api status`` must be answered before its
deadline (a half-open peer is dropped); an originate in flight when the connection goes is
reported as failed and never sent again.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtNetwork import QAbstractSocket, QTcpSocket

from desktop_client.core.backoff import Backoff, Heartbeat
from desktop_client.cti import esl

log = logging.getLogger("desktop_client.freeswitch")
ORIGINATE_TIMEOUT_S = 30.0


class EslLink(QObject):
    """Emits event bodies and the outcome of each originate (by its Job-UUID)."""

    state_changed = Signal(str)
    response = Signal(str, bool, str)
    esl_event = Signal(str)

    def __init__(self, host: str, port: int, password: Callable[[], str],
                 parent: QObject | None = None, *, backoff: Backoff | None = None,
                 heartbeat: Heartbeat | None = None) -> None:
        super().__init__(parent)
        self.host, self.port = host, port
        self._password = password
        self._socket = QTcpSocket(self)
        self._socket.connected.connect(self._on_connected)
        self._socket.disconnected.connect(self._on_lost)
        self._socket.errorOccurred.connect(self._on_error)
        self._socket.readyRead.connect(self._on_ready)
        self._backoff = backoff or Backoff()
        self._heartbeat = heartbeat or Heartbeat(interval=20, timeout=10)
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.timeout.connect(self._connect)
        self._beat = QTimer(self)
        self._beat.setInterval(int(min(self._heartbeat.interval,
                                       self._heartbeat.timeout) * 500))
        self._beat.timeout.connect(self._check_heartbeat)
        self._decoder = esl.Decoder()
        self._pending: dict[str, QTimer] = {}
        self._ids = itertools.count(1)
        self._last_beat = 0.0
        self._stopped = False
        self.ready = False
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

    def originate(self, job_uuid: str, wire: bytes) -> None:
        """Send a prepared bgapi originate once; the outcome comes through :attr:`response`."""
        if not self.ready:
            self.response.emit(job_uuid, False, f"FreeSWITCH is not connected ({self.state})")
            return
        self._socket.write(wire)
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.timeout.connect(lambda: self._finish(job_uuid, False, "FreeSWITCH did not "
                                                   "report the call within 30 s"))
        timer.start(int(ORIGINATE_TIMEOUT_S * 1000))
        self._pending[job_uuid] = timer

    def _finish(self, job_uuid: str, ok: bool, message: str) -> None:
        timer = self._pending.pop(job_uuid, None)
        if timer is not None:
            timer.stop()
            self.response.emit(job_uuid, ok, message)

    def _connect(self) -> None:
        if self._stopped or self._socket.state() != QAbstractSocket.SocketState.UnconnectedState:
            return
        self._set_state("connecting")
        self._socket.connectToHost(self.host, self.port)

    def _on_connected(self) -> None:
        self._decoder = esl.Decoder()
        self._set_state("authenticating")

    def _on_error(self, _error: QAbstractSocket.SocketError) -> None:
        if self._socket.state() == QAbstractSocket.SocketState.UnconnectedState:
            self._on_lost()

    def _on_lost(self) -> None:
        self.ready = False
        self._beat.stop()
        for job in list(self._pending):
            self._finish(job, False, "the connection to FreeSWITCH was lost")
        if self._stopped or self._retry.isActive():
            return
        delay = self._backoff.next_delay()
        self._set_state(f"retrying in {delay:.0f} s")
        self._retry.start(int(delay * 1000))

    def _check_heartbeat(self) -> None:
        if not self.ready:
            return
        if self._heartbeat.overdue():
            log.warning("FreeSWITCH did not answer within %g s; reconnecting",
                        self._heartbeat.timeout)
            self._socket.abort()
            self._on_lost()
            return
        now = self._heartbeat.clock()
        if self._heartbeat.due() and now - self._last_beat >= self._heartbeat.interval:
            self._last_beat = now
            self._heartbeat.sent()
            self._socket.write(b"api status\n\n")

    def _on_ready(self) -> None:
        try:
            frames = self._decoder.feed(bytes(self._socket.readAll().data()))
        except esl.EslError as error:
            log.warning("ESL framing broken (%s); reconnecting", error)
            self._socket.abort()
            return
        for headers, body in frames:
            self._handle(headers, body)

    def _handle(self, headers: dict[str, str], body: str) -> None:
        kind = headers.get("Content-Type", "")
        if kind == "auth/request":
            try:
                self._socket.write(esl.auth(self._password()))
            except esl.EslError as error:
                self._set_state(str(error))
                self._socket.disconnectFromHost()
            return
        if kind == "command/reply":
            reply = headers.get("Reply-Text", "")
            if self.state == "authenticating":
                if reply.startswith("+OK"):
                    self._socket.write(esl.subscribe())
                    self.ready = True
                    self._backoff.reset()
                    self._heartbeat.answered()
                    self._last_beat = self._heartbeat.clock()
                    self._beat.start()
                    self._set_state("connected")
                else:
                    self._set_state(f"login refused: {reply[:80]}")
                    self._socket.disconnectFromHost()
            return
        if kind == "api/response":
            self._heartbeat.answered()
            return
        if kind == "text/event-plain":
            event = esl._headers(body)
            if event.get("Event-Name") == "BACKGROUND_JOB":
                job = event.get("Job-UUID", "")
                result = body.split("\n\n", 1)[-1].strip()
                self._finish(job, result.startswith("+OK"),
                             "FreeSWITCH is calling" if result.startswith("+OK")
                             else f"FreeSWITCH could not place the call: {result[:120]}")
                return
            self.esl_event.emit(body)

    def _set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            self.state_changed.emit(state)
