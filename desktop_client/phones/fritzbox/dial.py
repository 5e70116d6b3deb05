"""The ``fritzbox`` backend: the FRITZ!Box rings your phone and dials (TR-064 dialling aid).

``[backends.fritzbox] address = "https://fritz.box:49443"`` (or ``http://fritz.box:49000``),
``username``; the password lives in the keyring (``backends.fritzbox.password``). One SOAP
call, ``X_AVM-DE_DialNumber`` of service ``X_VoIP:1``, with digest auth. The box's dialling aid
must be switched on (Telefonie > Anrufe > Wählhilfe) and the phone to ring chosen there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop_client.core.dial import (
    DialError,
    DialRequest,
    NumberStyle,
    check_dial_string,
)
from desktop_client.phones.fritzbox import settings as fritzbox_settings
from desktop_client.phones.http.request import (
    HttpCall,
    HttpStatusError,
    check_base,
    http_request,
)

if TYPE_CHECKING:
    from desktop_client.core.dial import DialTarget
    from desktop_client.core.numbers import Location

SETTING = "[backends.fritzbox] address"
PASSWORD_KEY = fritzbox_settings.PASSWORD.name  # its keyring entry's name
CONTROL_URL = "/upnp/control/x_voip"
SERVICE = "urn:dslforum-org:service:X_VoIP:1"
ACTION = "X_AVM-DE_DialNumber"
_ENVELOPE = (
    '<?xml version="1.0" encoding="utf-8"?>'
    '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" '
    's:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"><s:Body>'
    '<u:{action} xmlns:u="{service}"><NewX_AVM-DE_PhoneNumber>{number}'
    "</NewX_AVM-DE_PhoneNumber></u:{action}></s:Body></s:Envelope>"
)
_FAULT = re.compile(r"<errorCode>(\d+)</errorCode>\s*<errorDescription>([^<]{0,200})<")


@dataclass(frozen=True, slots=True)
class SoapCall(HttpCall):
    """The TR-064 call: its SOAPAction header and envelope besides the HTTP request."""

    soap_action: str
    body: str


@dataclass(frozen=True)
class FritzBoxBackend:
    """Builds the SOAP request (the number is digits and + only, so it needs no escaping)."""

    address: str
    username: str
    verify_tls: bool
    style: NumberStyle
    location: Location
    name: str = "fritzbox"

    def __post_init__(self) -> None:
        check_base(self.address, SETTING)

    def build(self, target: DialTarget) -> DialRequest:
        """The URL, the SOAPAction header and the body."""
        number = check_dial_string(self.style.write(target, self.location))
        body = _ENVELOPE.format(action=ACTION, service=SERVICE, number=number)
        return DialRequest(self.name, number, SoapCall(
            check_base(self.address, SETTING) + CONTROL_URL, "POST", self.username,
            self.verify_tls, f"{SERVICE}#{ACTION}", body))


def send(request: DialRequest, password: str | None, timeout: float = 5.0) -> int:
    """Post the SOAP call; a SOAP fault becomes a DialError with the box's own words."""
    call = request.payload_as(SoapCall)
    try:
        return http_request(
            call.url, call.method, body=call.body.encode("utf-8"),
            headers={"Content-Type": 'text/xml; charset="utf-8"',
                     "SOAPAction": f'"{call.soap_action}"'},
            username=call.username, password=password, verify_tls=call.verify_tls,
            timeout=timeout, who="the FRITZ!Box")
    except HttpStatusError as error:
        fault = _FAULT.search(error.body)
        if fault is None:
            raise
        hint = " (is the dialling aid switched on?)" if fault.group(1) in ("501", "820") else ""
        raise DialError(f"the FRITZ!Box refused: {fault.group(2)} "
                        f"(error {fault.group(1)}){hint}") from None
