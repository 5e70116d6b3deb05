"""The FRITZ!Box call monitor (TCP port 1012) on loopback, from AVM's documented line format
(``date;RING;id;caller;callee;SIP0;``, ``date;CONNECT;…``, ``date;DISCONNECT;id;seconds;``):
accepts the app's connection; the test pushes lines (or broken bytes) to it."""

from __future__ import annotations

import contextlib
import socket

from tests.emulators.loopback import LoopbackServer


class MonitorEmulator(LoopbackServer):
    """Accepts clients on a free port; the test pushes bytes to the current client."""

    @property
    def clients(self) -> list[socket.socket]:
        """The connections accepted so far, the newest last."""
        return self.conns

    def talk(self, conn: socket.socket) -> None:
        """The box only talks: keep the connection until the client or a test ends it."""
        while conn.recv(1024):
            pass

    def send(self, data: bytes) -> None:
        """Bytes to the newest client."""
        self.conns[-1].sendall(data)

    def drop(self) -> None:
        """Close the newest client's connection, as a rebooting box does."""
        conn = self.conns[-1]
        with contextlib.suppress(OSError):
            conn.shutdown(socket.SHUT_RDWR)
        conn.close()

    def close(self) -> None:
        """Stop listening and close every connection."""
        super().close()
        self.hang_up_all()
