"""The HTTP listener for desk-phone action URLs (QTcpServer), bounded and time-capped."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtNetwork import QHostAddress, QLocalSocket, QTcpServer, QTcpSocket

from desktop_client.core.refusals import RefusalLog
from desktop_client.phones.deskphone.action_url import (
    MAX_REQUEST,
    ActionUrlError,
    request_head,
    to_call_event,
)
from desktop_client.qt.short_connections import ShortConnections

log = logging.getLogger("desktop_client.incoming")
TIMEOUT_MS = 5000
MAX_CONNECTIONS = 32
#: Connections one address may hold at once: one host on the LAN cannot take every slot
#: and shut the desk phones out.
MAX_PER_ADDRESS = 8
_REASONS = {200: "OK", 400: "Bad Request", 403: "Forbidden", 404: "Not Found",
            405: "Method Not Allowed", 431: "Request Header Fields Too Large"}


class ActionUrlServer(ShortConnections):
    """Listens (127.0.0.1 unless the user opens it to the LAN); emits CallEvents."""

    call_event = Signal(object)

    def __init__(self, token: str, parent: QObject | None = None) -> None:
        super().__init__(RefusalLog(log, "action URLs"), max_open=MAX_CONNECTIONS,
                         deadline_ms=TIMEOUT_MS, parent=parent)
        self._token = token
        self._tcp = QTcpServer(self)
        self._tcp.acceptError.connect(self._accept_failed)
        self._serve(self._tcp)
        self._peers: dict[QTcpSocket | QLocalSocket, str] = {}

    def listen(self, host: str, port: int) -> None:
        """Start; raises OSError with the reason (a port in use, say)."""
        if not self._tcp.listen(QHostAddress(host), port):
            raise OSError(f"cannot listen on {host}:{port}: {self._tcp.errorString()}")

    @property
    def port(self) -> int:
        """The port listened on."""
        return int(self._tcp.serverPort())

    def stop(self) -> None:
        """Stop listening (as every call source does when the app stops)."""
        self.close()

    def close(self) -> None:
        """Stop: every connection is dropped and forgotten, then the listener closes."""
        self._drop_all()
        self._peers.clear()
        self._tcp.close()

    def _admit(self, sock: QTcpSocket | QLocalSocket) -> bool:
        assert isinstance(sock, QTcpSocket)
        peer = sock.peerAddress().toString()
        if sum(1 for other in self._peers.values() if other == peer) >= MAX_PER_ADDRESS:
            self._refusals.warning("action URL: %s holds %d connections already; refused",
                                   peer, MAX_PER_ADDRESS)
            return False
        self._peers[sock] = peer
        sock.disconnected.connect(lambda s=sock: self._peers.pop(s, None))
        return True

    def _timed_out(self, sock: QTcpSocket | QLocalSocket, complete: bool) -> None:
        self._peers.pop(sock, None)

    def _full(self, full: bool) -> None:
        if full:
            self._tcp.pauseAccepting()  # the rest wait in the kernel's backlog
        else:
            self._tcp.resumeAccepting()

    def _accept_failed(self, error: object) -> None:
        """Out of file descriptors, say: Qt stops accepting; try again in a second."""
        self._refusals.warning("action URL listener could not accept a connection (%s)",
                               self._tcp.errorString() or error)
        self._tcp.pauseAccepting()
        QTimer.singleShot(1000, self, self._tcp.resumeAccepting)

    def _received(self, sock: QTcpSocket | QLocalSocket, buffer: bytearray) -> None:
        try:
            request = request_head(bytes(buffer[: MAX_REQUEST + 4]))
            if request is None:
                return
            event = to_call_event(request, self._token)
        except ActionUrlError as error:
            self._refused("action URL refused (%d): %s", error.status, error)
            self._reply(sock, error.status)
            return
        self._reply(sock, 200)
        self.call_event.emit(event)

    def _reply(self, sock: QTcpSocket | QLocalSocket, status: int) -> None:
        reason = _REASONS.get(status, "Error")
        body = reason.encode()
        self._answer(sock, f"HTTP/1.1 {status} {reason}\r\nContent-Type: text/plain\r\n"
                           f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
                           .encode() + body)
