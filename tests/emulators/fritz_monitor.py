"""The FRITZ!Box call monitor (TCP port 1012) on loopback, from AVM's documented line format
(``date;RING;id;caller;callee;SIP0;``, ``date;CONNECT;…``, ``date;DISCONNECT;id;seconds;``):
accepts the app's connection; the test pushes lines (or broken bytes) to it."""

from __future__ import annotations

import socket
import threading


class MonitorEmulator:
    """Accepts clients on a free port; the test pushes bytes to the current client."""

    def __init__(self) -> None:
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(4)
        self.port = self.server.getsockname()[1]
        self.clients: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            self.clients.append(conn)

    def send(self, data: bytes) -> None:
        """Bytes to the newest client."""
        self.clients[-1].sendall(data)

    def drop(self) -> None:
        """Close the newest client's connection, as a rebooting box does."""
        self.clients[-1].close()

    def close(self) -> None:
        """Stop listening and close every connection."""
        self.server.close()
        for client in self.clients:
            client.close()
