"""FreeSWITCH event socket (ESL, inbound mode): the wire format, commands and call events.

Qt-free building blocks: a bounded decoder of ESL frames (header block, then a body of
``Content-Length`` bytes), commands that let only ``[+0-9]`` into the number and no line break
anywhere, and a mapper from ``CHANNEL_CREATE`` / ``CHANNEL_ANSWER`` /
``CHANNEL_HANGUP_COMPLETE`` events (plain format) for the user's extension to CallEvents.
"""

from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass, field
from typing import TypeVar

from desktop_client.core.calls import CallEvent, CallState

MAX_FRAME = 64 * 1024
_NUMBER = re.compile(r"\+?[0-9]{1,24}")
_PLAIN = re.compile(r"[A-Za-z0-9/_.@:+-]{1,80}")

Frame = tuple[dict[str, str], str]
_T = TypeVar("_T")


class EslError(ValueError):
    """A value that may not be sent, or a peer that broke the framing."""


def _headers(block: str) -> dict[str, str]:
    headers: dict[str, str] = {}
    for line in block.split("\n"):
        key, sep, value = line.partition(":")
        if sep:
            headers.setdefault(key.strip(), urllib.parse.unquote(value.strip()))
    return headers


class Decoder:
    """Bytes in, (headers, body) frames out."""

    def __init__(self) -> None:
        self._buffer = b""

    def feed(self, data: bytes) -> list[Frame]:
        """Add received bytes; the frames now complete. Raises EslError on abuse."""
        self._buffer += data
        frames: list[Frame] = []
        while True:
            end = self._buffer.find(b"\n\n")
            if end < 0:
                if len(self._buffer) > MAX_FRAME:
                    raise EslError("ESL header block over the size limit")
                return frames
            headers = _headers(self._buffer[:end].decode("utf-8", "replace"))
            length = headers.get("Content-Length", "0")
            if not length.isdigit() or int(length) > MAX_FRAME:
                raise EslError("bad ESL Content-Length")
            total = end + 2 + int(length)
            if len(self._buffer) < total:
                return frames
            body = self._buffer[end + 2:total].decode("utf-8", "replace")
            self._buffer = self._buffer[total:]
            frames.append((headers, body))


def auth(password: str) -> bytes:
    """``auth <password>`` (from the keyring; no line breaks)."""
    if "\n" in password or "\r" in password or not password:
        raise EslError("the event socket password may not be empty or contain line breaks")
    return f"auth {password}\n\n".encode()


def subscribe() -> bytes:
    """The call events we follow, in plain format."""
    return (b"event plain CHANNEL_CREATE CHANNEL_ANSWER CHANNEL_HANGUP_COMPLETE "
            b"BACKGROUND_JOB\n\n")


def originate(job_uuid: str, endpoint: str, number: str, context: str = "default") -> bytes:
    """``bgapi originate {endpoint} {number} XML {context}`` with a Job-UUID to match."""
    if not _NUMBER.fullmatch(number):
        raise EslError(f"refusing to originate to {number!r}: not a plain number")
    for value in (job_uuid, endpoint, context):
        if not _PLAIN.fullmatch(value):
            raise EslError(f"refusing ESL value {value!r}: not plain")
    return (f"bgapi originate {endpoint} {number} XML {context}\n"
            f"Job-UUID: {job_uuid}\n\n").encode()


def api_job(job_uuid: str, command: str, *args: str) -> bytes:
    """``bgapi <command> <args…>`` with a Job-UUID (uuid_kill, uuid_transfer …); every value
    plain, so nothing else reaches the socket."""
    for value in (job_uuid, command, *args):
        if not _PLAIN.fullmatch(value):
            raise EslError(f"refusing ESL value {value!r}: not plain")
    return f"bgapi {' '.join((command, *args))}\nJob-UUID: {job_uuid}\n\n".encode()


@dataclass
class _Call:
    """A call to the user: the caller's leg and the legs that ring the user's phone."""

    number: str
    legs: set[str] = field(default_factory=set)
    answered: bool = False


@dataclass
class EventMapper:
    """Follows the legs that ring the user's phone, whatever route the call took.

    In FreeSWITCH the user's phone is always rung on an *outbound* leg whose destination is the
    user's extension (``user/1001`` -> ``sofia/internal/sip:1001@…``), bridged from a calling
    leg (``Other-Type: originator``). An outside call first names the public DID (vanilla
    ``public/00_inbound_did.xml`` transfers it to the extension), so the caller's own leg is no
    guide; and when nobody answers, vanilla ``Local_Extension`` answers the caller's leg for
    voicemail, which is not the user answering. The leg ``originate`` rings first has no calling
    leg: that is the user's own click-to-dial. ``originate loopback/1001`` rings the phone from
    ``loopback/1001-b``, the partner of the originate's ``-a`` leg: also ours. Several
    registrations of one user ring on several legs; the call is keyed by the caller's leg.
    """

    extension: str
    _calls: dict[str, _Call] = field(default_factory=dict)  # caller's leg uuid -> call
    _legs: dict[str, str] = field(default_factory=dict)  # user's leg uuid -> caller's leg uuid
    _originated: dict[str, str] = field(default_factory=dict)  # loopback stem -> -a uuid
    _loopback_b: dict[str, str] = field(default_factory=dict)  # -b leg uuid -> stem

    def legs(self, call_id: str) -> tuple[str, list[str]] | None:
        """(the caller's leg, the legs ringing the user) of a call still followed
        (``esl:<caller's leg>``), for call control."""
        caller = call_id.removeprefix("esl:")
        call = self._calls.get(caller)
        return None if call is None else (caller, sorted(call.legs))

    def map(self, body: str) -> CallEvent | None:
        """The CallEvent a plain-format event body means for the user, if any."""
        event = _headers(body)
        name = event.get("Event-Name", "")
        uuid = event.get("Unique-ID", "")[:80]
        if not uuid:
            return None
        if name == "CHANNEL_CREATE":
            return self._created(event, uuid)
        caller_leg = self._legs.get(uuid)
        if caller_leg is None or caller_leg not in self._calls:
            return None
        call = self._calls[caller_leg]
        if name == "CHANNEL_ANSWER" and not call.answered:
            call.answered = True
            return CallEvent(f"esl:{caller_leg}", CallState.ANSWERED, call.number,
                             source="freeswitch")
        if name == "CHANNEL_HANGUP_COMPLETE":
            del self._legs[uuid]
            call.legs.discard(uuid)
            if not call.legs:  # the last leg that rang the user is gone
                del self._calls[caller_leg]
                return CallEvent(f"esl:{caller_leg}", CallState.ENDED, call.number,
                                 source="freeswitch")
        return None

    def _created(self, event: dict[str, str], uuid: str) -> CallEvent | None:
        channel = event.get("Channel-Name", "")
        outbound = event.get("Call-Direction") == "outbound"
        originator = event.get("Other-Leg-Unique-ID", "")[:80] \
            if event.get("Other-Type") == "originator" else ""
        if channel.startswith("loopback/"):
            self._note_loopback(channel, uuid, outbound=outbound, originator=originator)
        if not outbound or event.get("Caller-Destination-Number") != self.extension:
            return None
        if not originator or self._own_loopback(originator):
            return None  # an originate rings the user's phone first: a call the user makes
        number = event.get("Caller-Caller-ID-Number", "")
        call = self._calls.get(originator)
        new = call is None
        if call is None:
            call = self._calls[originator] = _Call(number)
            _bound(self._calls)
        call.legs.add(uuid)
        self._legs[uuid] = originator
        _bound(self._legs)
        if not new:
            return None  # one more registration of the user rings: the same call
        return CallEvent(f"esl:{originator}", CallState.RINGING, number[:64],
                         event.get("Caller-Caller-ID-Name", "")[:200], source="freeswitch")

    def _note_loopback(self, channel: str, uuid: str, *, outbound: bool,
                       originator: str) -> None:
        """mod_loopback makes ``NAME-a`` (the originate's leg) and ``NAME-b`` (which runs the
        dial plan); their CHANNEL_CREATEs may come in either order (-a starts -b's thread
        before its own event), so both are noted and judged when the phone's leg appears."""
        stem = channel[:-2]
        if outbound and not originator and channel.endswith("-a"):
            self._originated[stem] = uuid  # an -a nobody called: an originate's leg
            _bound(self._originated)
        elif not outbound and channel.endswith("-b"):
            self._loopback_b[uuid] = stem
            _bound(self._loopback_b)

    def _own_loopback(self, originator: str) -> bool:
        """The phone is rung from the -b partner of an originate's -a leg."""
        stem = self._loopback_b.get(originator)
        return stem is not None and stem in self._originated


def _bound(table: dict[str, _T]) -> None:
    while len(table) > 64:
        table.pop(next(iter(table)))
