"""linphone-daemon's control socket (``--pipe NAME`` -> ``/tmp/NAME``): commands and events.

Plain text: a command per line, each answered by a block starting ``Status: Ok`` or
``Status: Error``; events queue in the daemon until ``pop-event`` fetches one
(``Event: LinphoneCallIncomingReceived`` / ``From: sip:…`` / ``Id: N``). Only ``[+0-9]`` reaches
the user part of a call's SIP address, only digits a call id, and no line break reaches the
socket.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from desktop_client.core.calls import CallAction, CallEvent, CallState
from desktop_client.core.sip_uri import peer_user

_NUMBER = re.compile(r"\+?[0-9]{1,24}")
_HOST = re.compile(r"[A-Za-z0-9.-]{1,200}(:[0-9]{1,5})?")
_STATES = {
    "LinphoneCallIncomingReceived": CallState.RINGING,
    "LinphoneCallConnected": CallState.ANSWERED,
    "LinphoneCallStreamsRunning": CallState.ANSWERED,
    "LinphoneCallEnd": CallState.ENDED,
    "LinphoneCallError": CallState.ENDED,
    "LinphoneCallReleased": CallState.ENDED,
}


class LinphoneError(ValueError):
    """A value that may not be sent."""


def call(number: str, proxy: str) -> bytes:
    """``call sip:<number>@<proxy>``."""
    if not _NUMBER.fullmatch(number):
        raise LinphoneError(f"refusing to call {number!r}: not a plain number")
    if not _HOST.fullmatch(proxy):
        raise LinphoneError(f"[backends.linphone] proxy {proxy!r} must be host[:port]")
    return f"call sip:{number}@{proxy}\n".encode()


_CALL_ID = re.compile(r"[0-9]{1,10}")


def control(action: CallAction, call_id: str, number: str = "", proxy: str = "") -> bytes:
    """The command for a call action (read in liblinphone 5.1's daemon/commands and tried on
    the daemon): ``answer <id>``; ``terminate <id>`` ends an answered call with BYE and
    declines a ringing one (603 Decline, the only way the daemon has); ``call-transfer <id>
    sip:<number>@<proxy>`` sends a REFER (a bare number would be read as a call id)."""
    native = call_id.removeprefix("linphone:")
    if not _CALL_ID.fullmatch(native):
        raise LinphoneError(f"{call_id!r} is not a linphone-daemon call id")
    if action == CallAction.ANSWER:
        return f"answer {native}\n".encode()
    if action in (CallAction.DECLINE, CallAction.HANGUP):
        return f"terminate {native}\n".encode()
    target = call(number, proxy).decode().removeprefix("call ").strip()
    return f"call-transfer {native} {target}\n".encode()


def parse(block: str) -> tuple[bool, dict[str, str]]:
    """A response block: whether it says Ok, and its fields."""
    fields: dict[str, str] = {}
    for line in block.splitlines():
        key, sep, value = line.partition(":")
        if sep:
            fields.setdefault(key.strip(), value.strip())
    return fields.get("Status") == "Ok", fields


@dataclass
class EventMapper:
    """pop-event answers -> CallEvents for incoming calls (by the daemon's call id)."""

    _incoming: dict[str, str] = field(default_factory=dict)  # id -> caller number

    def map(self, fields: dict[str, str]) -> CallEvent | None:
        """The CallEvent an event means, if any."""
        state = _STATES.get(fields.get("Event", ""))
        call_id = fields.get("Id", "")[:40]
        if state is None or not call_id:
            return None
        if state == CallState.RINGING:
            number = peer_user(fields.get("From", ""))[:64]
            self._incoming[call_id] = number
            while len(self._incoming) > 64:
                self._incoming.pop(next(iter(self._incoming)))
            return CallEvent(f"linphone:{call_id}", state, number, source="linphone")
        if call_id not in self._incoming:
            return None
        number = self._incoming[call_id]
        if state == CallState.ENDED:
            self._incoming.pop(call_id)
        return CallEvent(f"linphone:{call_id}", state, number, source="linphone")
