"""One supervised FreeSWITCH event-socket connection: auth, events, bgapi originate once.

Supervision (reconnect with backoff, the ``api status`` deadline, failing an originate in
flight when the connection goes, never sending it again) is :class:`SupervisedLink`'s.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from desktop_client.core.backoff import Backoff, Heartbeat
from desktop_client.phones.freeswitch import wire as esl
from desktop_client.qt.supervised_link import SupervisedLink

ORIGINATE_TIMEOUT_S = 30.0
CONTROL_TIMEOUT_S = 10.0


class EslLink(SupervisedLink):
    """Emits event bodies and the outcome of each originate (by its Job-UUID)."""

    esl_event = Signal(str)
    label = "FreeSWITCH"

    def __init__(self, host: str, port: int, password: Callable[[], str],
                 parent: QObject | None = None, *, backoff: Backoff | None = None,
                 heartbeat: Heartbeat | None = None) -> None:
        super().__init__((host, port), parent, backoff=backoff,
                         heartbeat=heartbeat or Heartbeat(interval=20, timeout=10))
        self._password = password
        self._decoder = esl.Decoder()
        # Job-UUIDs FreeSWITCH confirmed ("+OK Job-UUID"), oldest first
        self._taken: dict[str, None] = {}
        self._control_jobs: set[str] = set()  # call-control jobs, answered in FreeSWITCH's words
        # bgapi sends in order: FreeSWITCH answers each with one command/reply, in order, and
        # a refusal ("-ERR permission denied") names no Job-UUID.
        self._sent_order: deque[str] = deque(maxlen=256)

    def send_request(self, request_id: str, wire: bytes) -> None:
        """Send a prepared bgapi originate (Job-UUID ``request_id``) once; the outcome comes
        through :attr:`response`."""
        if self.ready:
            self._sent_order.append(request_id)
        self._track(request_id, wire, ORIGINATE_TIMEOUT_S,
                    "FreeSWITCH did not report the call within 30 s")

    def control(self, job_uuid: str, wire: bytes) -> None:
        """Send a prepared bgapi uuid_kill / uuid_transfer once; its result ("+OK …" or
        FreeSWITCH's "-ERR …") comes through :attr:`response`."""
        if self.ready:
            self._control_jobs.add(job_uuid)
            self._sent_order.append(job_uuid)
        self._track(job_uuid, wire, CONTROL_TIMEOUT_S,
                    f"FreeSWITCH did not answer within {CONTROL_TIMEOUT_S:g} s")

    def _connected(self) -> None:
        self._decoder = esl.Decoder()
        self._sent_order.clear()
        self._set_state("authenticating")

    def _probe(self) -> bytes:
        return b"api status\n\n"

    def _received(self, data: bytes) -> None:
        try:
            frames = self._decoder.feed(data)
        except esl.EslError as error:
            self._drop(f"broken framing ({error})")
            return
        for headers, body in frames:
            self._handle(headers, body)

    def _handle(self, headers: dict[str, str], body: str) -> None:
        kind = headers.get("Content-Type", "")
        if kind == "auth/request":
            try:
                self._socket.write(esl.auth(self._password()))
            except esl.EslError as error:
                self._set_state(str(error))
                self._close()
            except RuntimeError as error:  # SecretError: the keyring cannot be read
                self._set_state(f"keyring: {error}"[:120])
                self._close()
        elif kind == "command/reply" and not self.ready:
            reply = headers.get("Reply-Text", "")
            if reply.startswith("+OK"):
                self._socket.write(esl.subscribe())
                self._sent_order.append("")  # the subscription's own reply comes first
                self._go_ready()
            else:
                self._set_state(f"login refused: {reply[:80]}")
                self._close()
        elif kind == "command/reply":
            reply = headers.get("Reply-Text", "")
            sent = self._sent_order.popleft() if self._sent_order else ""
            if reply.startswith("-ERR") and sent in self._pending:
                self._control_jobs.discard(sent)
                self._finish(sent, False, reply.removeprefix("-ERR").strip()[:200])
                return
            if reply.startswith("+OK Job-UUID:"):
                self._taken[headers.get("Job-UUID") or reply.split(":", 1)[1].strip()] = None
                while len(self._taken) > 64:  # only jobs still waiting matter
                    del self._taken[next(iter(self._taken))]
        elif kind == "api/response":
            self._beat_answered()
        elif kind == "text/event-plain":
            event = esl._headers(body)
            if event.get("Event-Name") == "BACKGROUND_JOB":
                result = body.split("\n\n", 1)[-1].strip()
                self._taken.pop(event.get("Job-UUID", ""), None)
                job = event.get("Job-UUID", "")
                if job in self._control_jobs:
                    self._control_jobs.discard(job)
                    self._finish(job, result.startswith("+OK"),
                                 result.removeprefix("-ERR").strip()[:200])
                    return
                self._finish(event.get("Job-UUID", ""), result.startswith("+OK"),
                             "FreeSWITCH is calling" if result.startswith("+OK")
                             else f"FreeSWITCH could not place the call: {result[:120]}")
            else:
                self.esl_event.emit(body)

    def _taken_but_unreported(self, request_id: str, reason: str) -> str | None:
        """FreeSWITCH reports an originate only when the user's phone answers or gives up;
        once it confirmed the job, the call is running whatever happens to this socket."""
        if request_id in self._control_jobs:  # no answer is no confirmation
            self._control_jobs.discard(request_id)
            self._taken.pop(request_id, None)
            return None
        if request_id not in self._taken:
            return None
        del self._taken[request_id]
        return (f"FreeSWITCH took the call, then {reason} before it reported back: the "
                "outcome is unknown (your phone is most likely ringing)")
