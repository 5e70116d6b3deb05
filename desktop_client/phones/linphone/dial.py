"""The ``linphone`` backend: ``call sip:<number>@<proxy>`` on linphone-daemon's control socket.

``[backends.linphone] socket = "/tmp/linphone"`` (the daemon's ``--pipe linphone``),
``proxy = "sip.example.com"`` (the domain or host:port numbers are dialled at).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop_client.core.dial import DialRequest, NumberStyle, TextWire, check_dial_string
from desktop_client.phones.linphone import wire as linphone

if TYPE_CHECKING:
    from desktop_client.core.dial import DialTarget
    from desktop_client.core.numbers import Location


@dataclass(frozen=True, slots=True)
class Call(TextWire):
    """The daemon's control socket and the ``call`` command, as sent."""

    socket: str
    command: str


@dataclass(frozen=True)
class LinphoneBackend:
    """Builds the ``call`` command."""

    socket: str
    proxy: str
    style: NumberStyle
    location: Location
    name: str = "linphone"

    def build(self, target: DialTarget) -> DialRequest:
        """The command line on the wire."""
        number = check_dial_string(self.style.write(target, self.location))
        return DialRequest(self.name, number,
                           Call(self.socket, linphone.call(number, self.proxy).decode()))
