"""What the app's two listeners share: the IPC socket (one line from the command line) and
the desk phones' action URLs (one HTTP request from a phone).

Each connection sends one short request and gets one answer. At most ``max_open``
connections are served at once (the rest wait in the backlog instead of using up the
process's file descriptors); each has a buffer for what it sent and a deadline after which it
is dropped, whatever became of it; refusals are logged at a bounded rate. Subclasses read
the request and answer it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtNetwork import QLocalServer, QLocalSocket, QTcpServer, QTcpSocket

from desktop_client.core.refusals import RefusalLog


class ShortConnections(QObject):
    """The connections of one listener (``_server``, made by the subclass), served one
    request each."""

    _server: QTcpServer | QLocalServer

    def __init__(self, refusals: RefusalLog, *, max_open: int, deadline_ms: int,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._refusals = refusals
        self._max_open = max_open
        self._deadline_ms = deadline_ms
        self._buffers: dict[QTcpSocket | QLocalSocket, bytearray] = {}
        self._open: set[QTcpSocket | QLocalSocket] = set()
        self._closed = False

    def _serve(self, server: QTcpServer | QLocalServer) -> None:
        """Take the connections ``server`` accepts."""
        self._server = server
        server.newConnection.connect(self._accept)

    # -- for subclasses ----------------------------------------------------------------------

    def _admit(self, sock: QTcpSocket | QLocalSocket) -> bool:
        """Whether to serve this connection (False: it is dropped now)."""
        return True

    def _received(self, sock: QTcpSocket | QLocalSocket, buffer: bytearray) -> None:
        """More bytes arrived; ``buffer`` holds all so far. Answer when the request is whole."""
        raise NotImplementedError

    def _timed_out(self, sock: QTcpSocket | QLocalSocket, complete: bool) -> None:
        """The deadline came (``complete``: the request had been answered)."""

    def _full(self, full: bool) -> None:
        """All slots are taken (True) or one is free again (False)."""

    def _refused(self, message: str, *args: object) -> None:
        """Log a refusal; a flood is counted and summed up once a minute."""
        if self._refusals.warning(message, *args):
            QTimer.singleShot(int(self._refusals.remaining_s() * 1000) + 10, self,
                              self._refusals.flush)

    def _answer(self, sock: QTcpSocket | QLocalSocket, data: bytes) -> None:
        """Send the answer and close once it has gone."""
        self._buffers.pop(sock, None)
        sock.write(data)
        sock.flush()
        if isinstance(sock, QLocalSocket):
            sock.disconnectFromServer()
        else:
            sock.disconnectFromHost()

    def _drop_all(self) -> None:
        """Every connection is dropped now and forgotten, so none of their signals reaches the
        listener while it (or its sockets) are being destroyed."""
        self._closed = True
        for sock in list(self._open):
            sock.blockSignals(True)
            sock.abort()
            sock.deleteLater()
        self._open.clear()
        self._buffers.clear()

    # -- the connections ---------------------------------------------------------------------

    def _accept(self) -> None:
        while self._server.hasPendingConnections() and len(self._open) < self._max_open:
            sock = self._server.nextPendingConnection()
            if not self._admit(sock):
                sock.abort()
                sock.deleteLater()
                continue
            self._open.add(sock)
            self._buffers[sock] = bytearray()
            sock.readyRead.connect(lambda s=sock: self._read(s))
            sock.disconnected.connect(lambda s=sock: self._forget(s))
            QTimer.singleShot(self._deadline_ms, sock, lambda s=sock: self._timeout(s))
        if len(self._open) >= self._max_open:
            self._full(True)

    def _read(self, sock: QTcpSocket | QLocalSocket) -> None:
        buffer = self._buffers.get(sock)
        if buffer is not None:
            buffer += bytes(sock.readAll().data())
            self._received(sock, buffer)

    def _forget(self, sock: QTcpSocket | QLocalSocket) -> None:
        if self._closed:
            return
        self._buffers.pop(sock, None)
        if sock in self._open:
            self._open.discard(sock)
            sock.deleteLater()
            self._full(False)
            QTimer.singleShot(0, self, self._accept)  # a slot is free for one that waits

    def _timeout(self, sock: QTcpSocket | QLocalSocket) -> None:
        if sock not in self._open:
            return
        self._timed_out(sock, sock not in self._buffers)
        sock.abort()
        self._forget(sock)
