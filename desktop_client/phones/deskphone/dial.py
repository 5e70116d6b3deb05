"""The ``deskphone`` backend: click-to-dial over the phone's own HTTP interface.

``[backends.deskphone] vendor = "snom" | "yealink" | "grandstream" | "custom"``, ``address``
(``https://192.0.2.10``), ``username``; the password lives in the keyring
(``backends.deskphone.password``) and goes only into the Authorization header (basic or
digest, as the phone asks), never into the URL or the request shown by ``--dry-run``.
No redirects are followed; TLS certificates are verified unless ``verify_tls = false``.
"""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop_client.core.calls import CallAction
from desktop_client.core.dial import DialRequest, NumberStyle, check_dial_string
from desktop_client.phones.deskphone import settings as deskphone_settings
from desktop_client.phones.http.request import HttpCall, check_base, http_request

if TYPE_CHECKING:
    from desktop_client.core.dial import DialTarget
    from desktop_client.core.numbers import Location

SETTING = "[backends.deskphone] address"
TEMPLATES = {
    "snom": "{base}/command.htm?number={number}",
    "yealink": "{base}/servlet?key=number={number}",
    "grandstream": "{base}/cgi-bin/api-make_call?phonenumber={number}&account=0",
}
VENDORS = (*TEMPLATES, "custom")
#: Call control by the phones' documented key events, on the phone's *current* call: Snom
#: ``command.htm?key=`` (ENTER answers, CANCEL ends or rejects: Snom's "Can I control my snom
#: phone remotely"), Yealink's Action URI ``servlet?key=`` (OK answers, CALLEND "ends a call":
#: the admin guides' Action URI section; the PC must be in features.action_uri_limit_ip).
#: Grandstream's api-phone_operation wants the password in the URL, which we never send;
#: no vendor documents a one-request blind transfer, so none is offered.
CONTROL = {
    "snom": ("{base}/command.htm?key={key}",
             {CallAction.ANSWER: "ENTER", CallAction.DECLINE: "CANCEL",
              CallAction.HANGUP: "CANCEL"}),
    "yealink": ("{base}/servlet?key={key}",
                {CallAction.ANSWER: "OK", CallAction.DECLINE: "CALLEND",
                 CallAction.HANGUP: "CALLEND"}),
}


def control_url(vendor: str, address: str, action: CallAction) -> str:
    """The URL that makes the phone do ``action`` (ValueError where it cannot)."""
    if vendor not in CONTROL or action not in CONTROL[vendor][1]:
        raise ValueError(f"a {vendor} phone cannot {action.value} from here")
    template, keys = CONTROL[vendor]
    return template.replace("{base}", check_base(address, SETTING)).replace("{key}", keys[action])
PASSWORD_KEY = deskphone_settings.PASSWORD.name  # its keyring entry's name
TIMEOUT_S = 5.0


@dataclass(frozen=True)
class DeskPhoneBackend:
    """Builds the phone's click-to-dial URL."""

    vendor: str
    address: str
    username: str
    verify_tls: bool
    style: NumberStyle
    location: Location
    template: str = ""
    name: str = "deskphone"

    def __post_init__(self) -> None:
        if self.vendor not in VENDORS:
            raise ValueError(f"[backends.deskphone] vendor must be one of {', '.join(VENDORS)}")
        template = self.template if self.vendor == "custom" else TEMPLATES[self.vendor]
        if "{number}" not in template or not template.startswith("{base}/"):
            raise ValueError("[backends.deskphone] url_template must start with {base}/ and "
                             "contain {number}")
        check_base(self.address, SETTING)

    def build(self, target: DialTarget) -> DialRequest:
        """The URL (the number URL-encoded into its one place)."""
        number = check_dial_string(self.style.write(target, self.location))
        template = self.template if self.vendor == "custom" else TEMPLATES[self.vendor]
        url = template.replace("{base}", check_base(self.address, SETTING)).replace(
            "{number}", urllib.parse.quote(number, safe=""))
        return DialRequest(self.name, number,
                           HttpCall(url, "GET", self.username, self.verify_tls))


def send(request: DialRequest, password: str | None, timeout: float = TIMEOUT_S) -> int:
    """Call the URL with basic or digest auth as the phone asks; the HTTP status on success."""
    call = request.payload_as(HttpCall)
    return http_request(call.url, call.method, username=call.username, password=password,
                        verify_tls=call.verify_tls, timeout=timeout, who="the phone")
