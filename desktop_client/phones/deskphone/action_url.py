"""Desk-phone action URLs (Snom, Yealink, Grandstream) as CallEvents: parsing only, no I/O.

The phone calls ``http://<pc>:<port>/<token>/<event>?number=…&name=…&call_id=…`` where event
is ``incoming``, ``answered`` or ``ended``. Anything else gets a 4xx status and a reason.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qs, unquote, urlsplit

from desktop_client.core.calls import CallEvent, CallState
from desktop_client.phones.deskphone import settings as deskphone_settings

MAX_REQUEST = 8192
TOKEN_KEY = deskphone_settings.TOKEN.name  # its keyring entry's name
EVENTS = {
    "incoming": CallState.RINGING, "ringing": CallState.RINGING,
    "answered": CallState.ANSWERED, "connected": CallState.ANSWERED,
    "ended": CallState.ENDED, "disconnected": CallState.ENDED, "missed": CallState.ENDED,
}

#: Ready-to-paste templates for the phones' action URL settings.
TEMPLATES = {
    "Snom": ("incoming: {base}/incoming?number=$remote&name=$display_remote&call_id=$call-id\n"
             "connected: {base}/answered?number=$remote&call_id=$call-id\n"
             "disconnected: {base}/ended?number=$remote&call_id=$call-id"),
    "Yealink": ("incoming call: {base}/incoming?number=$remote&name=$display_remote"
                "&call_id=$call_id\n"
                "established: {base}/answered?number=$remote&call_id=$call_id\n"
                "terminated: {base}/ended?number=$remote&call_id=$call_id"),
    "Grandstream": ("incoming call: {base}/incoming?number=$remote&name=$display_remote\n"
                    "established: {base}/answered?number=$remote\n"
                    "terminated: {base}/ended?number=$remote"),
}


class ActionUrlError(ValueError):
    """A request to refuse: the HTTP status and the reason."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status


@dataclass(frozen=True, slots=True)
class HttpRequest:
    """The request line of a complete request head."""

    method: str
    target: str


def request_head(data: bytes) -> HttpRequest | None:
    """The request once its head is complete (None: wait for more); raises when malformed."""
    end = data.find(b"\r\n\r\n")
    if end < 0:
        if len(data) > MAX_REQUEST:
            raise ActionUrlError(431, "request head too large")
        return None
    try:
        line = data[: data.find(b"\r\n")].decode("ascii")
    except UnicodeDecodeError:
        raise ActionUrlError(400, "request line is not ASCII") from None
    parts = line.split(" ")
    if len(parts) != 3 or not parts[2].startswith("HTTP/1."):
        raise ActionUrlError(400, "malformed request line")
    return HttpRequest(parts[0], parts[1])


def to_call_event(request: HttpRequest, token: str) -> CallEvent:
    """The CallEvent a phone's request reports; raises ActionUrlError (4xx) otherwise."""
    if request.method != "GET":
        raise ActionUrlError(405, "only GET is accepted")
    url = urlsplit(request.target)
    path = [unquote(p) for p in url.path.split("/") if p]
    if len(path) != 2 or not hmac.compare_digest(path[0].encode(), token.encode()):
        raise ActionUrlError(403, "wrong or missing token")
    state = EVENTS.get(path[1].lower())
    if state is None:
        raise ActionUrlError(404, f"unknown event {path[1][:20]!r}")
    try:
        query = parse_qs(url.query, keep_blank_values=True, strict_parsing=False,
                         max_num_fields=12, errors="strict")
    except (ValueError, UnicodeDecodeError):
        raise ActionUrlError(400, "malformed query") from None
    if any(len(values) > 1 for values in query.values()):
        raise ActionUrlError(400, "a parameter is given twice")
    number = query.get("number", [""])[0][:256]
    name = query.get("name", [""])[0][:1024]
    call_id = query.get("call_id", [""])[0][:200] or number
    if not call_id:
        raise ActionUrlError(400, "neither number nor call_id")
    return CallEvent(f"action:{call_id}", state, number, name, source="action_url")


def ensure_token(read: Callable[[str], str | None], write: Callable[[str, str], None]) -> str:
    """The secret path token of the action URLs from the keyring, made on first use (144 bits,
    URL-safe): what the phones must send, and what nobody else on the network knows."""
    token = read(TOKEN_KEY)
    if not token:
        token = secrets.token_urlsafe(18)
        write(TOKEN_KEY, token)
    return token


def templates(listen: str, port: int, token: str) -> str:
    """The ready-to-paste action URLs for Snom, Yealink and Grandstream."""
    host = "127.0.0.1" if listen in ("127.0.0.1", "localhost") else "<this PC>"
    base = f"http://{host}:{port}/{token}"
    return "\n\n".join(f"{phone}:\n{text.format(base=base)}"
                         for phone, text in TEMPLATES.items())
