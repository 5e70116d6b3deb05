"""linphone-daemon's control socket, for faults the real daemon will not produce on demand.

The answers are byte for byte what linphone-daemon 5.1.65 (linphone-cli) wrote on this
machine's loopback (the lab's recipe, 28 Nov 2026)::

    pop-event                -> "Status: Ok\n\nSize: 0\n\n"
    call sip:+41…@127.0.0.1  -> "Status: Ok\n\nId: 1\n\n"
    pop-event                -> "Status: Ok\n\nSize: 1\nEvent-type: call-state-changed\n\n"
                                "Event: LinphoneCallOutgoingInit\nFrom: sip:…\nId: 1\n\n\n\n"
    frobnicate               -> "Status: Error\nReason: Unknown command.\n"
    call nonsense            -> "Status: Error\nReason: Call creation failed.\n"
    terminate 99             -> "Status: Error\nReason: No call with such id.\n"

Faults: ``silent`` (reads, never answers), ``slow_s`` (answers late), ``hang_up()`` (closes
every connection); ``quit()`` stops listening, drops every client and removes the socket, as
a daemon that exits.
"""

from __future__ import annotations

import socket
import threading
import time

from tests.emulators.loopback import LoopbackServer


class LinphoneDaemon(LoopbackServer):
    """Answers ``call`` with a new call id and ``pop-event`` from :attr:`events`."""

    def __init__(self, path: str) -> None:
        self.silent = False
        self.slow_s = 0.0  # each answer this late
        self.commands: list[str] = []
        self.events: list[str] = []  # event bodies, "Event: …\nFrom: …\nId: …\n"
        self._ids = 0
        self._lock = threading.Lock()
        super().__init__(path)

    def talk(self, conn: socket.socket) -> None:
        buffer = b""
        while data := conn.recv(4096):
            buffer += data
            while b"\n" in buffer:
                line, buffer = buffer.split(b"\n", 1)
                command = line.decode()
                with self._lock:
                    self.commands.append(command)
                if not self.silent:
                    time.sleep(self.slow_s)
                    conn.sendall(self._answer(command).encode())

    def _answer(self, command: str) -> str:
        name, _, args = command.partition(" ")
        if name == "call" and args.startswith("sip:"):
            with self._lock:
                self._ids += 1
                return f"Status: Ok\n\nId: {self._ids}\n\n"
        if name == "pop-event":
            with self._lock:
                if not self.events:
                    return "Status: Ok\n\nSize: 0\n\n"
                event = self.events.pop(0)
                return (f"Status: Ok\n\nSize: {len(self.events)}\n"
                        f"Event-type: call-state-changed\n\n{event.rstrip()}\n\n\n\n")
        if name == "call":
            return "Status: Error\nReason: Call creation failed.\n"
        if name in ("terminate", "answer"):
            return "Status: Error\nReason: No call with such id.\n"
        return "Status: Error\nReason: Unknown command.\n"

    def hang_up(self) -> None:
        """Close every connection, as a daemon that quits does."""
        self.hang_up_all()
