"""The one connection to baresip's ctrl_tcp interface, shared by dialing and call events.

baresip serves a single ctrl client (a newer connection takes all events), so the app keeps
exactly one. Commands go out with a token and are answered by it; every event is emitted for
the incoming-calls side; a ``reginfo`` heartbeat notices a half-open peer. Supervision
(reconnect, deadlines, at-most-once) is :class:`SupervisedLink`'s.
"""

from __future__ import annotations

import itertools
import json
import logging

from PySide6.QtCore import QObject, Signal

from desktop_client.core import netstring
from desktop_client.core.address import parse_address
from desktop_client.core.backoff import Backoff, Heartbeat
from desktop_client.qt.supervised_link import SupervisedLink

log = logging.getLogger("desktop_client.baresip")

COMMAND_TIMEOUT_S = 5.0
HEARTBEAT_COMMAND = "reginfo"  # harmless, answered by every baresip


class BaresipLink(SupervisedLink):
    """A supervised ctrl_tcp connection."""

    baresip_event = Signal(dict)  # every event object baresip sends (not QObject.event!)
    label = "baresip"

    def __init__(self, address: str, parent: QObject | None = None, *,
                 backoff: Backoff | None = None, heartbeat: Heartbeat | None = None) -> None:
        host, port = parse_address(address)
        super().__init__((host, port), parent, backoff=backoff, heartbeat=heartbeat)
        self._decoder = netstring.Decoder()
        self._beat_tokens = itertools.count(1)

    def send_request(self, request_id: str, wire: bytes) -> None:
        """Send a command (its netstring, whose token is ``request_id``); its answer comes as
        :attr:`response` (or a timeout failure)."""
        self._track(request_id, wire, COMMAND_TIMEOUT_S,
                    f"baresip did not answer within {COMMAND_TIMEOUT_S:g} s")

    def _connected(self) -> None:
        self._decoder = netstring.Decoder()
        self._go_ready()

    def _probe(self) -> bytes:
        message = {"command": HEARTBEAT_COMMAND, "params": "",
                   "token": f"heartbeat-{next(self._beat_tokens)}"}
        return netstring.encode(json.dumps(message).encode())

    def _received(self, data: bytes) -> None:
        try:
            frames = self._decoder.feed(data)
        except netstring.FramingError as error:
            self._drop(f"broken framing ({error})")
            return
        for frame in frames:
            try:
                message = json.loads(frame.decode("utf-8"))
            except (UnicodeDecodeError, ValueError):
                log.warning("unreadable message from baresip; ignored")
                continue
            if not isinstance(message, dict):
                continue
            if message.get("response"):
                token = str(message.get("token", ""))
                if token.startswith("heartbeat-"):
                    self._beat_answered()
                else:
                    self._finish(token, bool(message.get("ok")), str(message.get("data", "")))
            elif message.get("event"):
                self.baresip_event.emit(message)
