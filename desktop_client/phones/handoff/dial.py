"""The ``handoff`` backend: hand a ``sip:`` or ``callto:`` URI to the operating system.

For softphones that register only those schemes. ``[backends.handoff] scheme = "sip"``.
Never to ourselves: if the OS would open the URI with this app, the call is refused (a loop).
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_client.core.dial import (
    DialRequest,
    DialTarget,
    NumberStyle,
    Payload,
    check_dial_string,
)
from desktop_client.core.numbers import Location

SCHEMES = ("sip", "callto")


@dataclass(frozen=True, slots=True)
class HandoffUri(Payload):
    """The URI the desktop opens, and its scheme."""

    uri: str
    scheme: str


@dataclass(frozen=True)
class HandoffBackend:
    """Builds the URI."""

    scheme: str
    style: NumberStyle
    location: Location
    name: str = "handoff"

    def __post_init__(self) -> None:
        if self.scheme not in SCHEMES:
            raise ValueError(f"[backends.handoff] scheme must be one of {', '.join(SCHEMES)}")

    def build(self, target: DialTarget) -> DialRequest:
        """The URI the OS will open."""
        number = check_dial_string(self.style.write(target, self.location))
        return DialRequest(self.name, number, HandoffUri(f"{self.scheme}:{number}", self.scheme))
