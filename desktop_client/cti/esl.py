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

from desktop_client.core.calls import CallEvent, CallState

MAX_FRAME = 64 * 1024
_NUMBER = re.compile(r"\+?[0-9]{1,24}")
_PLAIN = re.compile(r"[A-Za-z0-9/_.@:+-]{1,80}")

Frame = tuple[dict[str, str], str]


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


@dataclass
class EventMapper:
    """Follows calls to the user's extension (``Caller-Destination-Number``)."""

    extension: str
    _calls: dict[str, str] = field(default_factory=dict)  # channel uuid -> caller number

    def map(self, body: str) -> CallEvent | None:
        """The CallEvent a plain-format event body means for the user, if any."""
        event = _headers(body)
        name = event.get("Event-Name", "")
        uuid = event.get("Unique-ID", "")[:80]
        if not uuid:
            return None
        if name == "CHANNEL_CREATE":
            if event.get("Caller-Destination-Number") != self.extension or \
                    event.get("Call-Direction") != "inbound":
                return None
            number = event.get("Caller-Caller-ID-Number", "")
            self._calls[uuid] = number
            while len(self._calls) > 64:
                self._calls.pop(next(iter(self._calls)))
            return CallEvent(f"esl:{uuid}", CallState.RINGING, number[:64],
                             event.get("Caller-Caller-ID-Name", "")[:200], source="freeswitch")
        if uuid not in self._calls:
            return None
        if name == "CHANNEL_ANSWER":
            return CallEvent(f"esl:{uuid}", CallState.ANSWERED, self._calls[uuid],
                             source="freeswitch")
        if name == "CHANNEL_HANGUP_COMPLETE":
            return CallEvent(f"esl:{uuid}", CallState.ENDED, self._calls.pop(uuid),
                             source="freeswitch")
        return None
