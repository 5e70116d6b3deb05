"""What the small protocol peers of the tests and benchmarks share: a TCP server on loopback
with a thread per client. Subclasses say what a client gets (:meth:`LoopbackServer.talk`)."""

from __future__ import annotations

import contextlib
import socket
import threading


class LoopbackServer:
    """Listens on 127.0.0.1 on a free port from construction until :meth:`close`."""

    def __init__(self) -> None:
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(4)
        self.port: int = self.server.getsockname()[1]
        #: Every connection accepted so far (tests drop them to simulate a lost link).
        self.conns: list[socket.socket] = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            self.conns.append(conn)
            threading.Thread(target=self._client, args=(conn,), daemon=True).start()

    def _client(self, conn: socket.socket) -> None:
        with contextlib.suppress(OSError), conn:  # the client went away, as clients do
            self.talk(conn)

    def talk(self, conn: socket.socket) -> None:
        """Speak the protocol with one client until it or the server is done."""
        raise NotImplementedError

    def close(self) -> None:
        """Stop listening (connections already open stay until their client goes)."""
        self.server.close()
