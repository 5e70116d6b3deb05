"""A supervised TCP connection to a line-based CTI feed (the FRITZ!Box call monitor).

Reconnects with backoff and jitter and never gives up; decodes incrementally (a multi-byte
character split across reads survives); a line longer than the limit drops the connection
instead of filling memory.
"""

from __future__ import annotations

import codecs
import logging

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtNetwork import QAbstractSocket, QTcpSocket

from desktop_client.core.backoff import Backoff

log = logging.getLogger("desktop_client.cti")
MAX_LINE_BYTES = 4096
KEEPALIVE_IDLE_S = 15
KEEPALIVE_INTERVAL_S = 5
KEEPALIVE_COUNT = 3


class LineSource(QObject):
    """Emits every complete line the peer sends."""

    line = Signal(str)
    state_changed = Signal(str)

    def __init__(self, host: str, port: int, name: str, parent: QObject | None = None, *,
                 backoff: Backoff | None = None) -> None:
        super().__init__(parent)
        self.host, self.port, self.name = host, port, name
        self._socket = QTcpSocket(self)
        self._socket.connected.connect(self._on_connected)
        self._socket.disconnected.connect(self._on_lost)
        self._socket.errorOccurred.connect(self._on_error)
        self._socket.readyRead.connect(self._on_ready)
        self._backoff = backoff or Backoff()
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.timeout.connect(self._connect)
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._pending = ""
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
        self._socket.abort()

    def _connect(self) -> None:
        if self._stopped or self._socket.state() != QAbstractSocket.SocketState.UnconnectedState:
            return
        self._set_state("connecting")
        self._socket.connectToHost(self.host, self.port)

    def _on_connected(self) -> None:
        self._keepalive()
        self._backoff.reset()
        self._decoder.reset()
        self._pending = ""
        self._set_state("connected")
        log.info("%s: connected to %s:%d", self.name, self.host, self.port)

    def _keepalive(self) -> None:
        """TCP keepalive probes: the call monitor sends nothing while idle and cannot be
        asked anything, so a box that vanished is noticed by the kernel (~30 s), not by us."""
        import socket  # noqa: PLC0415

        self._socket.setSocketOption(QAbstractSocket.SocketOption.KeepAliveOption, 1)
        descriptor = int(self._socket.socketDescriptor())
        if descriptor < 0 or not hasattr(socket, "TCP_KEEPIDLE"):
            return
        probe = socket.fromfd(descriptor, socket.AF_INET, socket.SOCK_STREAM)
        try:
            probe.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPIDLE, KEEPALIVE_IDLE_S)
            probe.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPINTVL, KEEPALIVE_INTERVAL_S)
            probe.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPCNT, KEEPALIVE_COUNT)
        except OSError as error:
            log.info("%s: could not tune TCP keepalive: %s", self.name, error)
        finally:
            probe.close()  # a duplicate descriptor; the connection stays open

    def _on_error(self, _error: QAbstractSocket.SocketError) -> None:
        if self._socket.state() == QAbstractSocket.SocketState.UnconnectedState:
            self._on_lost()

    def _on_lost(self) -> None:
        if self._stopped or self._retry.isActive():
            return
        delay = self._backoff.next_delay()
        self._set_state(f"retrying in {delay:.0f} s")
        self._retry.start(int(delay * 1000))

    def _on_ready(self) -> None:
        self._pending += self._decoder.decode(bytes(self._socket.readAll().data()))
        *lines, self._pending = self._pending.split("\n")
        if len(self._pending) > MAX_LINE_BYTES:
            log.warning("%s: a line over %d bytes; reconnecting", self.name, MAX_LINE_BYTES)
            self._socket.abort()
            return
        for line in lines:
            if line.strip():
                self.line.emit(line.rstrip("\r")[:MAX_LINE_BYTES])

    def _set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            self.state_changed.emit(state)
