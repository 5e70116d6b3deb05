"""The ``freeswitch`` backend: ``bgapi originate`` from the user's endpoint over the event socket.

``[backends.freeswitch] address = "127.0.0.1:8021"``, ``endpoint = "user/1001"``,
``context = "default"``; the event-socket password lives in the keyring
(``backends.freeswitch.password``). ``--dry-run`` shows the exact command.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop_client.core.dial import (
    DialRequest,
    NumberStyle,
    TextWire,
    check_dial_string,
    new_request_id,
)
from desktop_client.phones.freeswitch import settings as freeswitch_settings
from desktop_client.phones.freeswitch import wire as esl

if TYPE_CHECKING:
    from desktop_client.core.dial import DialTarget
    from desktop_client.core.numbers import Location

PASSWORD_KEY = freeswitch_settings.PASSWORD.name  # its keyring entry's name


@dataclass(frozen=True, slots=True)
class Originate(TextWire):
    """The event socket's address and the bgapi originate, as sent."""

    address: str
    command: str


@dataclass(frozen=True)
class FreeSwitchBackend:
    """Builds the bgapi originate; its Job-UUID is the request id."""

    address: str
    endpoint: str
    context: str
    style: NumberStyle
    location: Location
    name: str = "freeswitch"

    def build(self, target: DialTarget) -> DialRequest:
        """The command on the wire."""
        number = check_dial_string(self.style.write(target, self.location))
        request_id = new_request_id()
        wire = esl.originate(request_id, self.endpoint, number, self.context).decode()
        return DialRequest(self.name, number, Originate(self.address, wire), request_id)
