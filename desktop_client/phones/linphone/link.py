"""The linphone-daemon control socket, polled for events, one command at a time.

The daemon answers each command with one block and keeps events until ``pop-event`` asks for
them, so the link sends commands from a queue, treats a pause after the last bytes as the end
of an answer, and polls for events twice a second. Supervision (reconnect with backoff, a
deadline per dial, a command in flight failed when the socket goes and never sent again) is
:class:`SupervisedLink`'s. A dial whose deadline passes while it waits in the queue is taken
out, never sent late; a daemon that leaves a command unanswered is dropped and reconnected,
so one lost answer cannot hold every later command.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

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


@dataclass(eq=False)
class _Command:
    wire: bytes
    reply: Reply
    request_id: str = ""  # a dial's (its deadline is the link's), "" for the others


class LinphoneLink(SupervisedLink):
    """Commands in, answers and event fields out."""

    linphone_event = Signal(dict)
    label = "linphone"

    def __init__(self, path: str, parent: QObject | None = None, *,
                 backoff: Backoff | None = None, dial_timeout_s: float = DIAL_TIMEOUT_S) -> None:
        super().__init__(path, parent, backoff=backoff, probes=False)
        self.path = path
        self._dial_timeout_s = dial_timeout_s
        self._unanswered = QTimer(self)
        self._unanswered.setSingleShot(True)
        # Longer than a dial's deadline: a dial waiting behind a stuck command is told "did
        # not answer" by its own deadline first; then the connection starts afresh.
        self._unanswered_ms = int(dial_timeout_s * 1500)
        self._unanswered.timeout.connect(lambda: self._drop(
            f"no answer to a command within {self._unanswered_ms / 1000:g} s"))
        self._done = QTimer(self)
        self._done.setSingleShot(True)
        self._done.timeout.connect(self._answer_complete)
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._poll_events)
        self._queue: deque[_Command] = deque()
        self._current: _Command | None = None
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
        self._send(_Command(wire, reply))

    def stop(self) -> None:
        """Close and stop reconnecting."""
        self._poll.stop()
        self._unanswered.stop()
        super().stop()

    # -- SupervisedLink ----------------------------------------------------------------------

    def _write(self, request_id: str, wire: bytes) -> None:
        def answered(ok: bool, fields: dict[str, str]) -> None:
            self._finish(request_id, ok, "linphone is calling" if ok else
                         f"linphone refused: {fields.get('Reason', 'error')}")

        self._send(_Command(wire, answered, request_id))

    def _give_up(self, request_id: str, reason: str) -> None:
        queued = [c for c in self._queue if c.request_id == request_id]
        for command in queued:  # not sent yet: it never will be
            self._queue.remove(command)
        sent = self._current is not None and self._current.request_id == request_id
        super()._give_up(request_id, reason)
        if sent and self.ready:  # sent, unanswered: the daemon is stuck; start afresh
            self._drop(f"no answer to a call within {self._dial_timeout_s:g} s")

    def _connected(self) -> None:
        self._buffer = b""
        self._go_ready()
        self._poll.start()

    def _lost(self) -> None:
        self._poll.stop()
        self._done.stop()
        self._unanswered.stop()
        self._buffer = b""
        failed, self._current = self._current, None
        queued, self._queue = list(self._queue), deque()
        for command in ([failed] if failed else []) + queued:
            command.reply(False, {"Reason": "the connection to linphone was lost"})

    def _received(self, data: bytes) -> None:
        self._unanswered.stop()
        self._buffer += data
        if len(self._buffer) > MAX_ANSWER:
            self._drop(f"an answer over {MAX_ANSWER} bytes")
            return
        self._done.start(ANSWER_PAUSE_MS)

    # -- one command at a time ----------------------------------------------------------------

    def _send(self, command: _Command) -> None:
        self._queue.append(command)
        self._next()

    def _next(self) -> None:
        if self._current is None and self._queue and self.connected:
            self._current = self._queue.popleft()
            self._buffer = b""
            self._socket.write(self._current.wire)
            self._unanswered.start(self._unanswered_ms)

    def _answer_complete(self) -> None:
        command, self._current = self._current, None
        text, self._buffer = self._buffer.decode("utf-8", "replace"), b""
        if command is not None:
            ok, fields = linphone.parse(text)
            command.reply(ok, fields)
        self._next()

    def _poll_events(self) -> None:
        if self._current is None and not self._queue:
            self._send(_Command(b"pop-event\n", self._event_answer))

    def _event_answer(self, ok: bool, fields: dict[str, str]) -> None:
        # "Size" is what is left in the daemon's queue after this event.
        if ok and "Event" in fields:
            self.linphone_event.emit(fields)
        if ok and fields.get("Size", "0") not in ("", "0"):
            self._send(_Command(b"pop-event\n", self._event_answer))  # drain the queue
