"""Hand the call to whatever the desktop opens sip: or callto: links with."""

from __future__ import annotations

import subprocess
import sys
from typing import TYPE_CHECKING

from desktop_client.core.dial import DialError
from desktop_client.phones.base import PhoneSystem, ReadSecret, Sending
from desktop_client.phones.handoff import settings as handoff_settings

if TYPE_CHECKING:
    from desktop_client.core import config as config_mod
    from desktop_client.core.dial import DialBackend, DialRequest, NumberStyle
    from desktop_client.core.numbers import Location


def _loops(scheme: str) -> bool:
    from desktop_client.platform.registration import handler_is_us  # noqa: PLC0415

    return handler_is_us(scheme)


class HandoffSystem(PhoneSystem):
    """[backends.handoff] scheme."""

    name = "handoff"
    label = "hand-off"

    def backend(self, config: config_mod.Config, style: NumberStyle,
                location: Location) -> DialBackend:
        from desktop_client.phones.handoff.dial import HandoffBackend  # noqa: PLC0415

        return HandoffBackend(config.text(handoff_settings.SCHEME), style, location)

    def probe(self, config: config_mod.Config, backend: DialBackend,
              secret: ReadSecret) -> str:
        scheme = config.text(handoff_settings.SCHEME)
        if _loops(scheme):
            return f"Problem: {scheme}: links open this app again; choose a softphone for them"
        return f"OK: calls are handed to the system as {scheme}: links"

    def dial_once(self, request: DialRequest, config: config_mod.Config,
                  secret: ReadSecret) -> None:
        from desktop_client.phones.handoff.dial import HandoffUri  # noqa: PLC0415

        handoff = request.payload_as(HandoffUri)
        uri, scheme = handoff.uri, handoff.scheme
        if _loops(scheme):
            raise DialError(f"{scheme}: links would open this app again (a loop)")
        if sys.platform.startswith("linux"):
            opener = ["xdg-open", uri]
        elif sys.platform == "darwin":
            opener = ["open", uri]
        else:
            opener = ["explorer.exe", uri]
        try:
            subprocess.run(opener, check=True, timeout=20, capture_output=True)
        except (OSError, subprocess.SubprocessError) as error:
            raise DialError(f"could not hand {scheme}: to the system: {error}") from None

    def send(self, request: DialRequest, sending: Sending) -> None:
        from desktop_client.phones.handoff.dial import HandoffUri  # noqa: PLC0415

        handoff = request.payload_as(HandoffUri)
        scheme = handoff.scheme
        if sending.handler_is_us(scheme):
            raise DialError(f"the system would open {scheme}: links with this app again; "
                            "choose a softphone as the handler or another backend")
        if not sending.open_url(handoff.uri):
            raise DialError(f"no application is registered for {scheme}: links")
        sending.finish(request, True, f"handed over as {scheme}:")


SYSTEM = HandoffSystem()
