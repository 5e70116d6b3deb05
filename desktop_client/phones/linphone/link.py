"""The linphone-daemon control socket, polled for events, one command at a time.

The daemon answers each command with one block and keeps events until ``pop-event`` asks for
them, so the link sends commands from a queue, treats a pause after the last bytes as the end
of an answer, and polls for events twice a second. Reconnects with backoff; a command in
flight when the socket goes is failed, never sent again.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtNetwork import QLocalSocket

from desktop_client.core.backoff import Backoff
from desktop_client.phones.linphone import wire as linphone

log = logging.getLogger("desktop_client.linphone")
ANSWER_PAUSE_MS = 40
POLL_MS = 500
MAX_ANSWER = 64 * 1024

Reply = Callable[[bool, dict[str, str]], None]


class LinphoneLink(QObject):
    """Commands in, answers and event fields out."""

    state_changed = Signal(str)
    response = Signal(str, bool, str)  # request id, ok, message
    linphone_event = Signal(dict)

    def __init__(self, path: str, parent: QObject | None = None, *,
                 backoff: Backoff | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self._socket = QLocalSocket(self)
        self._socket.connected.connect(self._on_connected)
        self._socket.disconnected.connect(self._on_lost)
        self._socket.errorOccurred.connect(lambda _e: self._on_lost())
        self._socket.readyRead.connect(self._on_ready)
        self._backoff = backoff or Backoff()
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.timeout.connect(self._connect)
        self._done = QTimer(self)
        self._done.setSingleShot(True)
        self._done.timeout.connect(self._answer_complete)
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._poll_events)
        self._queue: deque[tuple[bytes, Reply]] = deque()
        self._current: Reply | None = None
        self._buffer = b""
        self._stopped = False
        self.state = "not connected"

    @property
    def connected(self) -> bool:
        """True while the control socket is open."""
        return self._socket.state() == QLocalSocket.LocalSocketState.ConnectedState

    def start(self) -> None:
        """Connect now (and keep reconnecting)."""
        self._stopped = False
        self._connect()

    def stop(self) -> None:
        """Close and stop reconnecting."""
        self._stopped = True
        self._retry.stop()
        self._poll.stop()
        self._socket.abort()

    def dial(self, request_id: str, wire: bytes) -> None:
        """Send a prepared ``call``; the outcome comes through :attr:`response`."""
        if not self.connected:
            self.response.emit(request_id, False, f"linphone is not connected ({self.state})")
            return

        def answered(ok: bool, fields: dict[str, str]) -> None:
            self.response.emit(request_id, ok, "linphone is calling" if ok else
                               f"linphone refused: {fields.get('Reason', 'error')}")

        self._send(wire, answered)

    def command(self, wire: bytes, reply: Reply) -> None:
        """Send one command; ``reply(ok, fields)`` gets its answer (not connected: at once)."""
        if not self.connected:
            reply(False, {"Reason": f"linphone is not connected ({self.state})"})
            return
        self._send(wire, reply)

    def _send(self, wire: bytes, reply: Reply) -> None:
        self._queue.append((wire, reply))
        self._next()

    def _next(self) -> None:
        if self._current is None and self._queue and self.connected:
            wire, self._current = self._queue.popleft()
            self._buffer = b""
            self._socket.write(wire)

    def _connect(self) -> None:
        if self._stopped or self._socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
            return
        self._set_state("connecting")
        self._socket.connectToServer(self.path)

    def _on_connected(self) -> None:
        self._backoff.reset()
        self._set_state("connected")
        self._poll.start()

    def _on_lost(self) -> None:
        if self._socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
            return
        self._poll.stop()
        failed, self._current = self._current, None
        queued, self._queue = list(self._queue), deque()
        for reply in ([failed] if failed else []) + [r for _w, r in queued]:
            reply(False, {"Reason": "the connection to linphone was lost"})
        if self._stopped or self._retry.isActive():
            return
        delay = self._backoff.next_delay()
        self._set_state(f"retrying in {delay:.0f} s")
        self._retry.start(int(delay * 1000))

    def _on_ready(self) -> None:
        self._buffer += bytes(self._socket.readAll().data())
        if len(self._buffer) > MAX_ANSWER:
            log.warning("linphone answer over %d bytes; reconnecting", MAX_ANSWER)
            self._socket.abort()
            return
        self._done.start(ANSWER_PAUSE_MS)

    def _answer_complete(self) -> None:
        reply, self._current = self._current, None
        text, self._buffer = self._buffer.decode("utf-8", "replace"), b""
        if reply is not None:
            ok, fields = linphone.parse(text)
            reply(ok, fields)
        self._next()

    def _poll_events(self) -> None:
        if self._current is None and not self._queue:
            self._send(b"pop-event\n", self._event_answer)

    def _event_answer(self, ok: bool, fields: dict[str, str]) -> None:
        # "Size" is what is left in the daemon's queue after this event.
        if ok and "Event" in fields:
            self.linphone_event.emit(fields)
        if ok and fields.get("Size", "0") not in ("", "0"):
            self._send(b"pop-event\n", self._event_answer)  # drain the queue

    def _set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            self.state_changed.emit(state)
