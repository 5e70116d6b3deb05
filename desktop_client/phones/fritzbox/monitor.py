"""The FRITZ!Box call monitor (TCP port 1012) as CallEvents: parsing only, no I/O.

AVM's documented line format, one event per line, fields separated by ``;``:
``date;RING;ConnectionID;CallerNumber;CalledNumber;SIPn;`` (incoming),
``date;CALL;ConnectionID;Extension;CallerNumber;CalledNumber;SIPn;`` (outgoing),
``date;CONNECT;ConnectionID;Extension;Number;`` and ``date;DISCONNECT;ConnectionID;Seconds;``.
A withheld caller comes as an empty number. The monitor is switched on by dialling
``#96*5*`` on a phone connected to the box.

The ConnectionID only tells apart the calls in progress *at the same time*: the box hands out
the lowest free one, so almost every call is ConnectionID 0 (FHEM's ``72_FB_CALLMONITOR``
documents this and offers ``unique-call-ids``). Each RING therefore starts a call id of its own;
CONNECT and DISCONNECT on that ConnectionID belong to it until it ends.
"""

from __future__ import annotations

import time
from datetime import datetime

from desktop_client.core.calls import CallEvent, CallState

MAX_LINE = 512


class MonitorParser:
    """Turns lines into events; remembers which connection ids are incoming calls."""

    def __init__(self) -> None:
        # ConnectionID -> the call id of the incoming call on it, or "" for an outgoing one
        self._calls: dict[str, str] = {}
        self._epoch = int(time.time())  # a new parser (after a restart) never reuses an id
        self._serial = 0

    def parse(self, line: str) -> CallEvent | None:
        """The event a line reports, or None for lines that are not ours or are malformed."""
        fields = line.strip().split(";")
        if len(fields) < 4 or len(line) > MAX_LINE:
            return None
        stamp, kind, connection = fields[0], fields[1], fields[2]
        if not connection.isdigit():
            return None
        at = _timestamp(stamp)
        if kind == "RING" and len(fields) >= 5:
            self._serial += 1
            call_id = f"fritz:{self._epoch}.{self._serial}:{connection}"
            self._remember(connection, call_id)
            return CallEvent(call_id, CallState.RINGING, fields[3], source="fritzbox",
                             local_line=fields[4][:64], at=at)
        if kind == "CALL":
            self._remember(connection, "")
            return None  # outgoing: the dial path journals it
        call_id = self._calls.get(connection, "")
        if kind == "CONNECT" and call_id:
            number = fields[4] if len(fields) >= 5 else ""
            return CallEvent(call_id, CallState.ANSWERED, number, source="fritzbox", at=at)
        if kind == "DISCONNECT" and connection in self._calls:
            del self._calls[connection]  # the ConnectionID is free for the next call
            if call_id:
                return CallEvent(call_id, CallState.ENDED, "", source="fritzbox", at=at)
        return None

    def _remember(self, connection: str, call_id: str) -> None:
        self._calls.pop(connection, None)
        self._calls[connection] = call_id
        while len(self._calls) > 64:  # bounded whatever the box sends
            self._calls.pop(next(iter(self._calls)))


def _timestamp(stamp: str) -> float:
    try:
        return datetime.strptime(stamp, "%d.%m.%y %H:%M:%S").timestamp()
    except ValueError:
        return time.time()
