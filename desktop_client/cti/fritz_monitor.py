"""The FRITZ!Box call monitor (TCP port 1012) as CallEvents: parsing only, no I/O.

AVM's documented line format, one event per line, fields separated by ``;``:
``date;RING;ConnectionID;CallerNumber;CalledNumber;SIPn;`` (incoming),
``date;CALL;ConnectionID;Extension;CallerNumber;CalledNumber;SIPn;`` (outgoing),
``date;CONNECT;ConnectionID;Extension;Number;`` and ``date;DISCONNECT;ConnectionID;Seconds;``.
A withheld caller comes as an empty number. The monitor is switched on by dialling
``#96*5*`` on a phone connected to the box.
"""

from __future__ import annotations

import time
from datetime import datetime

from desktop_client.core.calls import CallEvent, CallState

MAX_LINE = 512


class MonitorParser:
    """Turns lines into events; remembers which connection ids are incoming calls."""

    def __init__(self) -> None:
        self._incoming: dict[str, bool] = {}

    def parse(self, line: str) -> CallEvent | None:
        """The event a line reports, or None for lines that are not ours or are malformed."""
        fields = line.strip().split(";")
        if len(fields) < 4 or len(line) > MAX_LINE:
            return None
        stamp, kind, connection = fields[0], fields[1], fields[2]
        if not connection.isdigit():
            return None
        at = _timestamp(stamp)
        call_id = f"fritz:{connection}"
        if kind == "RING" and len(fields) >= 5:
            self._remember(connection, True)
            return CallEvent(call_id, CallState.RINGING, fields[3], source="fritzbox",
                             local_line=fields[4][:64], at=at)
        if kind == "CALL":
            self._remember(connection, False)
            return None  # outgoing: the dial path journals it
        if kind == "CONNECT" and self._incoming.get(connection):
            number = fields[4] if len(fields) >= 5 else ""
            return CallEvent(call_id, CallState.ANSWERED, number, source="fritzbox", at=at)
        if kind == "DISCONNECT" and connection in self._incoming:
            incoming = self._incoming.pop(connection)
            if incoming:
                return CallEvent(call_id, CallState.ENDED, "", source="fritzbox", at=at)
        return None

    def _remember(self, connection: str, incoming: bool) -> None:
        self._incoming[connection] = incoming
        while len(self._incoming) > 64:  # connection ids are reused; keep it bounded
            self._incoming.pop(next(iter(self._incoming)))


def _timestamp(stamp: str) -> float:
    try:
        return datetime.strptime(stamp, "%d.%m.%y %H:%M:%S").timestamp()
    except ValueError:
        return time.time()
