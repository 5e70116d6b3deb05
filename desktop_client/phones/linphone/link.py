"""The linphone-daemon control socket, polled for events, one command at a time.

The daemon answers each command with one block and keeps events until ``pop-event`` asks for
them, so the link sends commands from a queue, treats a pause after the last bytes as the end
of an answer, and polls for events twice a second. Supervision (reconnect with backoff, a
deadline per dial, a command in flight failed when the socket goes and never sent again) is
:class:`SupervisedLink`'s.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from desktop_client.core.backoff import Backoff
from desktop_client.phones.linphone import wire as linphone
from desktop_client.qt.supervised_link import SupervisedLink

log = logging.getLogger("desktop_client.linphone")
ANSWER_PAUSE_MS = 40
POLL_MS = 500
MAX_ANSWER = 64 * 1024
DIAL_TIMEOUT_S = 10.0

Reply = Callable[[bool, dict[str, str]], None]


class LinphoneLink(SupervisedLink):
    """Commands in, answers and event fields out."""

    linphone_event = Signal(dict)
    label = "linphone"

    def __init__(self, path: str, parent: QObject | None = None, *,
                 backoff: Backoff | None = None, dial_timeout_s: float = DIAL_TIMEOUT_S) -> None:
        super().__init__(path, parent, backoff=backoff, probes=False)
        self.path = path
        self._dial_timeout_s = dial_timeout_s
        self._done = QTimer(self)
        self._done.setSingleShot(True)
        self._done.timeout.connect(self._answer_complete)
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._poll_events)
        self._queue: deque[tuple[bytes, Reply]] = deque()
        self._current: Reply | None = None
        self._buffer = b""

    def send_request(self, request_id: str, wire: bytes) -> None:
        """Send a prepared ``call``; the outcome comes through :attr:`response`."""
        self._track(request_id, wire, self._dial_timeout_s,
                    f"linphone did not answer within {self._dial_timeout_s:g} s")

    def command(self, wire: bytes, reply: Reply) -> None:
        """Send one command; ``reply(ok, fields)`` gets its answer (not connected: at once)."""
        if not self.ready:
            reply(False, {"Reason": f"linphone is not connected ({self.state})"})
            return
        self._send(wire, reply)

    def stop(self) -> None:
        """Close and stop reconnecting."""
        self._poll.stop()
        super().stop()

    # -- SupervisedLink ----------------------------------------------------------------------

    def _write(self, request_id: str, wire: bytes) -> None:
        def answered(ok: bool, fields: dict[str, str]) -> None:
            self._finish(request_id, ok, "linphone is calling" if ok else
                         f"linphone refused: {fields.get('Reason', 'error')}")

        self._send(wire, answered)

    def _connected(self) -> None:
        self._buffer = b""
        self._go_ready()
        self._poll.start()

    def _lost(self) -> None:
        self._poll.stop()
        self._done.stop()
        self._buffer = b""
        failed, self._current = self._current, None
        queued, self._queue = list(self._queue), deque()
        for reply in ([failed] if failed else []) + [r for _w, r in queued]:
            reply(False, {"Reason": "the connection to linphone was lost"})

    def _received(self, data: bytes) -> None:
        self._buffer += data
        if len(self._buffer) > MAX_ANSWER:
            self._drop(f"an answer over {MAX_ANSWER} bytes")
            return
        self._done.start(ANSWER_PAUSE_MS)

    # -- one command at a time ----------------------------------------------------------------

    def _send(self, wire: bytes, reply: Reply) -> None:
        self._queue.append((wire, reply))
        self._next()

    def _next(self) -> None:
        if self._current is None and self._queue and self.connected:
            wire, self._current = self._queue.popleft()
            self._buffer = b""
            self._socket.write(wire)

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
