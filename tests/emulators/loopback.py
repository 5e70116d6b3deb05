"""What the small protocol peers of the tests and benchmarks share: a TCP server on loopback
(or a Unix socket) with a thread per client. Subclasses say what a client gets
(:meth:`LoopbackServer.talk`)."""

from __future__ import annotations

import contextlib
import os
import socket
import threading


class LoopbackServer:
    """Listens on 127.0.0.1 on a free port (or on the Unix socket ``path``) from construction
    until :meth:`close`."""

    def __init__(self, path: str = "") -> None:
        self.path = path
        if path:
            self.server = socket.socket(socket.AF_UNIX)
            self.server.bind(path)
            self.port = 0
        else:
            self.server = socket.socket()
            self.server.bind(("127.0.0.1", 0))
            self.port = self.server.getsockname()[1]
        self.server.listen(4)
        #: Every connection accepted so far (tests drop them to simulate a lost link).
        self.conns: list[socket.socket] = []
        self._serving = threading.Thread(target=self._serve, daemon=True)
        self._serving.start()

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

    def hang_up_all(self) -> None:
        """Close every connection accepted so far (also one whose thread has not started)."""
        for conn in list(self.conns):
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
            with contextlib.suppress(OSError):
                conn.close()

    def close(self) -> None:
        """Stop listening (connections already open stay until their client goes).

        The accepting thread is woken and ended before the socket is closed: a thread still
        blocked in accept() on a closed descriptor would accept on whatever socket the next
        test gets under the same number (an HTTP client was once greeted by this AMI peer).
        """
        with contextlib.suppress(OSError):
            self.server.shutdown(socket.SHUT_RDWR)  # accept() returns at once (Linux)
        self._serving.join(5)
        self.server.close()
        if self.path:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.path)  # as a daemon that quits removes its socket

    def quit(self) -> None:
        """Stop listening, then drop every client: a program that exits. In this order, a
        client the accepting thread took just before cannot outlive the quit."""
        self.close()
        self.hang_up_all()
