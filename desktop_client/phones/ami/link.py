"""One supervised AMI connection: login, Ping heartbeat, Originate at most once, events.

Supervision (reconnect with backoff, the Ping deadline, failing an Originate in flight when
the connection goes, never sending it again) is :class:`SupervisedLink`'s.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from desktop_client.core.backoff import Backoff, Heartbeat
from desktop_client.phones.ami import wire as ami
from desktop_client.qt.supervised_link import SupervisedLink

ORIGINATE_TIMEOUT_S = 30.0
CONTROL_TIMEOUT_S = 10.0


class AmiLink(SupervisedLink):
    """Emits AMI events and the outcome of each Originate (by its ActionID)."""

    ami_event = Signal(dict)
    label = "the PBX"

    def __init__(self, host: str, port: int, username: str, secret: Callable[[], str],
                 parent: QObject | None = None, *, backoff: Backoff | None = None,
                 heartbeat: Heartbeat | None = None) -> None:
        super().__init__((host, port), parent, backoff=backoff, heartbeat=heartbeat)
        self.username = username
        self._secret = secret
        self._ids = itertools.count(1)
        self._decoder = ami.Decoder()
        self._login_sent = False

    @property
    def logged_in(self) -> bool:
        """The manager accepted our login."""
        return self.ready

    def send_request(self, request_id: str, wire: bytes) -> None:
        """Send a prepared Originate (ActionID ``request_id``) once; the outcome comes through
        :attr:`response`."""
        self._track(request_id, wire, ORIGINATE_TIMEOUT_S,
                    "the PBX did not report the call within 30 s")

    def action(self, action_id: str, wire: bytes) -> None:
        """Send a prepared Hangup or Redirect once (``action_id`` starts with "control-");
        its Response comes through :attr:`response` with the manager's Message."""
        self._track(action_id, wire, CONTROL_TIMEOUT_S,
                    f"the PBX did not answer within {CONTROL_TIMEOUT_S:g} s")

    def _connected(self) -> None:
        self._decoder = ami.Decoder()
        self._login_sent = False
        self._set_state("logging in")

    def _probe(self) -> bytes:
        return ami.ping(f"ping-{next(self._ids)}")

    def _received(self, data: bytes) -> None:
        try:
            messages = self._decoder.feed(data)
        except ami.AmiError as error:
            self._drop(f"broken framing ({error})")
            return
        if self._decoder.banner and not self.ready and not self._login_sent:
            try:
                secret = self._secret()
            except RuntimeError as error:  # SecretError: the keyring cannot be read
                self._set_state(f"keyring: {error}"[:120])
                self._close()
                return
            self._login_sent = True
            self._socket.write(ami.login(f"login-{next(self._ids)}", self.username, secret))
        for message in messages:
            self._handle(message)

    def _handle(self, message: ami.Message) -> None:
        action = message.get("ActionID", "")
        if action.startswith("login-"):
            self._login_sent = False
            if message.get("Response") == "Success":
                self._go_ready()
            else:
                self._set_state(f"login refused: {message.get('Message', '')[:80]}")
                self._close()
            return
        if action.startswith("ping-"):
            self._beat_answered()
            return
        if message.get("Event") == "OriginateResponse" and action in self._pending:
            ok = message.get("Response") == "Success"
            self._finish(action, ok, "the PBX is calling" if ok else
                         f"the PBX could not place the call (reason {message.get('Reason')})")
            return
        if action.startswith("control-") and action in self._pending and "Response" in message:
            self._finish(action, message.get("Response") == "Success",
                         message.get("Message", "")[:200])
            return
        if message.get("Response") == "Error" and action in self._pending:
            self._finish(action, False, f"the PBX refused: {message.get('Message', '')}")
            return
        if "Event" in message:
            self.ami_event.emit(message)
