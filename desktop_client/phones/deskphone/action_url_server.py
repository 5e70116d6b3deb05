"""The HTTP listener for desk-phone action URLs (QTcpServer), bounded and time-capped."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtNetwork import QHostAddress, QTcpServer, QTcpSocket

from desktop_client.core.refusals import RefusalLog
from desktop_client.phones.deskphone.action_url import (
    MAX_REQUEST,
    ActionUrlError,
    request_head,
    to_call_event,
)

log = logging.getLogger("desktop_client.incoming")
TIMEOUT_MS = 5000
MAX_CONNECTIONS = 32
#: Connections one address may hold at once: one host on the LAN cannot take every slot
#: and shut the desk phones out.
MAX_PER_ADDRESS = 8
_REASONS = {200: "OK", 400: "Bad Request", 403: "Forbidden", 404: "Not Found",
            405: "Method Not Allowed", 431: "Request Header Fields Too Large"}


class ActionUrlServer(QObject):
    """Listens (127.0.0.1 unless the user opens it to the LAN); emits CallEvents."""

    call_event = Signal(object)

    def __init__(self, token: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._token = token
        self._server = QTcpServer(self)
        self._server.newConnection.connect(self._accept)
        self._server.acceptError.connect(self._accept_failed)
        self._buffers: dict[QTcpSocket, bytearray] = {}
        self._open: set[QTcpSocket] = set()
        self._peers: dict[QTcpSocket, str] = {}
        self._refusals = RefusalLog(log, "action URLs")
        self._closed = False

    def listen(self, host: str, port: int) -> None:
        """Start; raises OSError with the reason (a port in use, say)."""
        if not self._server.listen(QHostAddress(host), port):
            raise OSError(f"cannot listen on {host}:{port}: {self._server.errorString()}")

    @property
    def port(self) -> int:
        """The port listened on."""
        return int(self._server.serverPort())

    def stop(self) -> None:
        """Stop listening (as every call source does when the app stops)."""
        self.close()

    def close(self) -> None:
        """Stop: every connection is dropped now and forgotten, so none of their signals
        reaches this listener while it (or its sockets) are being destroyed."""
        self._closed = True
        for sock in list(self._open):
            sock.blockSignals(True)
            sock.abort()
            sock.deleteLater()
        self._open.clear()
        self._buffers.clear()
        self._peers.clear()
        self._server.close()

    def _accept(self) -> None:
        while self._server.hasPendingConnections() and len(self._open) < MAX_CONNECTIONS:
            sock = self._server.nextPendingConnection()
            peer = sock.peerAddress().toString()
            if sum(1 for other in self._peers.values() if other == peer) >= MAX_PER_ADDRESS:
                self._refusals.warning("action URL: %s holds %d connections already; "
                                       "refused", peer, MAX_PER_ADDRESS)
                sock.abort()
                sock.deleteLater()
                continue
            self._peers[sock] = peer
            self._open.add(sock)
            self._buffers[sock] = bytearray()
            sock.readyRead.connect(lambda s=sock: self._read(s))
            sock.disconnected.connect(lambda s=sock: self._forget(s))
            QTimer.singleShot(TIMEOUT_MS, sock, lambda s=sock: self._timeout(s))
        if len(self._open) >= MAX_CONNECTIONS:
            self._server.pauseAccepting()  # the rest wait in the kernel's backlog

    def _accept_failed(self, error: object) -> None:
        """Out of file descriptors, say: Qt stops accepting; try again in a second."""
        self._refusals.warning("action URL listener could not accept a connection (%s)",
                               self._server.errorString() or error)
        self._server.pauseAccepting()
        QTimer.singleShot(1000, self, self._server.resumeAccepting)

    def _forget(self, sock: QTcpSocket) -> None:
        if self._closed:
            return
        self._buffers.pop(sock, None)
        self._peers.pop(sock, None)
        if sock in self._open:
            self._open.discard(sock)
            sock.deleteLater()
            self._server.resumeAccepting()
            QTimer.singleShot(0, self, self._accept)

    def _timeout(self, sock: QTcpSocket) -> None:
        """Every connection ends at its deadline, whatever became of its request."""
        if sock in self._open:
            sock.abort()
            self._forget(sock)

    def _read(self, sock: QTcpSocket) -> None:
        buffer = self._buffers.get(sock)
        if buffer is None:
            return
        buffer += bytes(sock.readAll().data())
        try:
            request = request_head(bytes(buffer[: MAX_REQUEST + 4]))
            if request is None:
                return
            event = to_call_event(request, self._token)
        except ActionUrlError as error:
            if self._refusals.warning("action URL refused (%d): %s", error.status, error):
                QTimer.singleShot(int(self._refusals.remaining_s() * 1000) + 10, self,
                                  self._refusals.flush)
            self._answer(sock, error.status)
            return
        self._answer(sock, 200)
        self.call_event.emit(event)

    def _answer(self, sock: QTcpSocket, status: int) -> None:
        self._buffers.pop(sock, None)
        body = _REASONS.get(status, "Error").encode()
        sock.write(f"HTTP/1.1 {status} {_REASONS.get(status, 'Error')}\r\nContent-Type: "
                   f"text/plain\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n"
                   .encode() + body)
        sock.flush()
        sock.disconnectFromHost()
