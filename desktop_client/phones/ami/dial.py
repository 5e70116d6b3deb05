"""The ``ami`` backend: Asterisk places the call from the user's own device (Originate).

``[backends.ami] address = "pbx:5038"``, ``username``, ``channel = "PJSIP/101"``,
``context = "from-internal"``, ``caller_id``; the manager secret lives in the keyring
(``backends.ami.secret``). The request shown by ``--dry-run`` is the exact Originate action.
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
from desktop_client.phones.ami import settings as ami_settings
from desktop_client.phones.ami import wire as ami

if TYPE_CHECKING:
    from desktop_client.core.dial import DialTarget
    from desktop_client.core.numbers import Location

SECRET_KEY = ami_settings.SECRET.name  # its keyring entry's name


@dataclass(frozen=True, slots=True)
class Originate(TextWire):
    """The manager's address and the Originate action, as sent."""

    address: str
    action: str


@dataclass(frozen=True)
class AmiBackend:
    """Builds the Originate action."""

    address: str
    device: ami.Device
    style: NumberStyle
    location: Location
    name: str = "ami"

    def build(self, target: DialTarget) -> DialRequest:
        """The Originate on the wire; its ActionID is the request id."""
        number = check_dial_string(self.style.write(target, self.location))
        request_id = new_request_id()
        wire = ami.originate(request_id, self.device, number).decode("utf-8")
        return DialRequest(self.name, number, Originate(self.address, wire), request_id)
