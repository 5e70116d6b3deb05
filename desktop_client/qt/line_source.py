"""A supervised TCP connection to a line-based CTI feed (the FRITZ!Box call monitor).

Reconnects with backoff and jitter and never gives up; decodes incrementally (a multi-byte
character split across reads survives); a line longer than the limit drops the connection
instead of filling memory.
"""

from __future__ import annotations

import codecs
import logging

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QAbstractSocket, QTcpSocket

from desktop_client.core.backoff import Backoff
from desktop_client.qt.supervised_link import SupervisedLink

log = logging.getLogger("desktop_client.incoming")
MAX_LINE_BYTES = 4096
KEEPALIVE_IDLE_S = 15
KEEPALIVE_INTERVAL_S = 5
KEEPALIVE_COUNT = 3


class LineSource(SupervisedLink):
    """Emits every complete line the peer sends."""

    line = Signal(str)

    def __init__(self, host: str, port: int, name: str, parent: QObject | None = None, *,
                 backoff: Backoff | None = None) -> None:
        super().__init__((host, port), parent, backoff=backoff, probes=False)
        self.name = self.label = name
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._pending_text = ""

    def _connected(self) -> None:
        self._keepalive()
        self._decoder.reset()
        self._pending_text = ""
        self._go_ready()

    def _keepalive(self) -> None:
        """TCP keepalive probes: the call monitor sends nothing while idle and cannot be
        asked anything, so a box that vanished is noticed by the kernel (~30 s), not by us."""
        import socket  # noqa: PLC0415

        if not isinstance(self._socket, QTcpSocket):
            return
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

    def _received(self, data: bytes) -> None:
        self._pending_text += self._decoder.decode(data)
        *lines, self._pending_text = self._pending_text.split("\n")
        if len(self._pending_text) > MAX_LINE_BYTES:
            self._drop(f"a line over {MAX_LINE_BYTES} bytes")
            return
        for line in lines:
            if line.strip():
                self.line.emit(line.rstrip("\r")[:MAX_LINE_BYTES])
