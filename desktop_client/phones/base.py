"""What a phone system provides, and what it gets from the app and the command line.

A phone system (``desktop_client.phones.<name>``) is one module: how its dial backend is built
from the settings, how the settings' Test button checks it, how ``dial --once`` sends without
the tray, and, in the tray app, its connection, how a request goes out on it and how its
incoming calls reach the call flow. Nothing else in the code asks which system is configured.

This module is Qt-free, and so is every system module at import time: the command line and
the forwarder never load Qt. Their Qt halves are imported inside the methods the app calls.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from desktop_client.core.dial import DialError, WirePayload

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from desktop_client.core import config as config_mod
    from desktop_client.core.calls import CallAction, CallControl, CallEvent
    from desktop_client.core.dial import DialBackend, DialRequest, NumberStyle
    from desktop_client.core.numbers import Location

#: Reads one secret (``backends.ami.secret`` …) from the app's one secret store: "" or None
#: when none is stored; SecretError (a RuntimeError) when the keyring cannot be read.
ReadSecret = Callable[[str], "str | None"]


class Connection(Protocol):
    """The supervised connection to a phone system the app keeps open (a Qt object, in
    ``phones/<name>/link.py``, built on ``qt.supervised_link.SupervisedLink``).

    Besides these, every connection has the Qt signals ``state_changed(str)`` (shown on the
    tray) and ``response(str, bool, str)`` (request id, ok, message: the answer to a dial),
    and one signal of its own with what it reports of calls (``ami_event`` …).
    """

    state_changed: Any
    response: Any

    @property
    def state(self) -> str:
        """connecting / connected / … as shown on the tray."""
        ...

    def start(self) -> None:
        """Connect (and reconnect with backoff until stopped)."""
        ...

    def stop(self) -> None:
        """Disconnect for good."""
        ...

    def send_request(self, request_id: str, wire: bytes) -> None:
        """Send one prepared request once; ``response`` answers it exactly once: ok, or why
        not (refused, timed out, connection lost), never sent again."""
        ...


class Sending(Protocol):
    """What the app's dial executor lends a system to send one request."""

    connection: Any  # the system's own Connection, or None when it is not up
    config: config_mod.Config  # the settings in force

    def finish(self, request: DialRequest, ok: bool, message: str) -> None:
        """Report the request's outcome now."""
        ...

    def in_worker(self, request: DialRequest, work: Callable[[], str]) -> None:
        """Run ``work`` in a worker thread: its text on success, DialError's on failure."""
        ...

    def handler_is_us(self, scheme: str) -> bool:
        """The system would open ``scheme:`` links with this app again."""
        ...

    def open_url(self, uri: str) -> bool:
        """Let the desktop open ``uri`` (False: no application for it)."""
        ...

    def secret(self, key: str) -> str | None:
        """One secret from the app's store (SecretError when unreadable)."""
        ...


class Stoppable(Protocol):
    """A call source the app stops when it stops (a connection, a listener)."""

    def stop(self) -> None:
        """Stop for good."""
        ...


class CallSink(Protocol):
    """What the app's incoming-call side lends a system for its events."""

    def on_event(self, event: CallEvent) -> None:
        """A call event, into the call flow."""
        ...

    def add_control(self, key: str, control: CallControl) -> None:
        """Calls of ``key``'s source can be answered, declined … from the card."""
        ...

    def control_failed(self, call_id: str, action: CallAction, text: str) -> None:
        """The phone system refused an action on a call after accepting the request."""
        ...

    def warn(self, text: str) -> None:
        """Tell the user (a tray notification)."""
        ...

    def keep(self, source: Stoppable) -> None:
        """Stop ``source`` with the other incoming-call sources."""
        ...

    def secret(self, key: str) -> str | None:
        """One secret from the app's store."""
        ...

    def store_secret(self, key: str, value: str) -> None:
        """Keep a secret the system made (a token) in the app's store."""
        ...

    def show_setup(self, title: str, text: str) -> None:
        """What the user sets on the phone or PBX for its calls to reach the app (shown on
        the Incoming calls page of the settings under ``title``, N_-marked in the system's
        settings module)."""
        ...


class PhoneSystem:
    """One phone system. Override what it has; the defaults say what it does not."""

    #: The name in config.toml ([dial] backend).
    name = ""
    #: How the tray and the messages call it.
    label = ""
    #: The [cti] sources entry that means its incoming calls ("" if it has none).
    source = ""
    #: It needs the one connection the app keeps (baresip, linphone, Asterisk, FreeSWITCH):
    #: its requests go out there (their payload is a WirePayload).
    keeps_connection = False
    #: How messages name that connection ("the PBX connection").
    connection_name = ""

    def backend(self, config: config_mod.Config, style: NumberStyle,
                location: Location) -> DialBackend:
        """The dial backend from [backends.<name>]; ValueError with what is wrong."""
        raise NotImplementedError

    def probe(self, config: config_mod.Config, backend: DialBackend,
              secret: ReadSecret) -> str:
        """The Test button's one line: "OK: …" or "Problem: …" (no call is placed)."""
        return f"OK: {self.label} is set up"

    def dial_once(self, request: DialRequest, config: config_mod.Config,
                  secret: ReadSecret) -> None:
        """``dial --once``: send from this process; DialError when that fails."""
        raise DialError(f"--once does not work with the {self.name} backend: the tray app "
                        "keeps the one connection to the PBX; use 'desktop-client dial'")

    def connection(self, config: config_mod.Config, secret: ReadSecret,
                   parent: QObject) -> Connection | None:
        """The app's supervised connection (None: this system needs none)."""
        return None

    def send(self, request: DialRequest, sending: Sending) -> None:
        """Send one request from the app; the result comes back through ``sending`` (or the
        connection's ``response``)."""
        if not self.keeps_connection:
            raise DialError(f"the {self.name} backend cannot dial from the app")
        connected(sending, self.connection_name).send_request(
            request.id, request.payload_as(WirePayload).on_wire())

    def is_set_up(self, config: config_mod.Config) -> bool:
        """False in the state out of the box, where the first start offers the assistant."""
        return True

    def reply_text(self, ok: bool, message: str) -> str:
        """What the user reads when the connection answers a request."""
        return message

    def listen(self, connection: Connection | None, config: config_mod.Config,
               calls: CallSink, parent: QObject) -> None:
        """Feed the system's incoming calls (and call control) to ``calls``."""


def feed(signal: Any, to_event: Callable[[Any], CallEvent | None],
         calls: CallSink) -> None:
    """What the connection's ``signal`` reports, mapped to call events, into the call flow."""

    def on_report(report: Any) -> None:
        event = to_event(report)
        if event is not None:
            calls.on_event(event)

    signal.connect(on_report)


def connected(sending: Sending, what: str) -> Connection:
    """The system's connection, or DialError saying it is not up."""
    if sending.connection is None:
        raise DialError(f"{what} is not set up")
    connection: Connection = sending.connection
    return connection
