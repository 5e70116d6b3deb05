"""Asterisk Manager Interface (AMI): the wire format, safe actions and call events.

Qt-free building blocks for the AMI integration (issue 5): an incremental, bounded decoder of
AMI messages (``Key: Value`` lines ended by an empty line), action builders that let only
``[+0-9]`` into a number field and never CR or LF into any field (the classic AMI injection),
and a mapper from ``DialBegin``/``Newstate``/``Hangup`` events for the user's own device to
CallEvents: an incoming call is a DialBegin *from* a calling channel *to* the user's device;
the leg an Originate rings first has no calling channel and is not a call to the user. The
supervised connection (login, Ping heartbeat, Originate sent at most once) is
``desktop_client.phones.ami.link``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from desktop_client.core.calls import CallEvent, CallState

MAX_MESSAGE_BYTES = 16 * 1024
MAX_FIELDS = 64
_NUMBER = re.compile(r"\+?[0-9]{1,24}")
_TOKEN = re.compile(r"[A-Za-z0-9/_.@:-]{1,80}")
_TEXT = re.compile(r"[^\x00-\x1f\x7f]{0,120}")


class AmiError(ValueError):
    """A field that may not be sent, or a peer that broke the framing."""


Message = dict[str, str]


class Decoder:
    """Bytes in, messages out; the banner line ``Asterisk Call Manager/…`` comes as one too."""

    def __init__(self) -> None:
        self._buffer = b""
        self.banner = ""

    def feed(self, data: bytes) -> list[Message]:
        """Add received bytes; the messages now complete. Raises AmiError on abuse."""
        self._buffer += data
        messages: list[Message] = []
        if not self.banner:
            end = self._buffer.find(b"\r\n")
            if end < 0:
                if len(self._buffer) > 200:
                    raise AmiError("no AMI banner")
                return messages
            self.banner = self._buffer[:end].decode("utf-8", "replace")
            self._buffer = self._buffer[end + 2:]
        while True:
            end = self._buffer.find(b"\r\n\r\n")
            if end < 0:
                if len(self._buffer) > MAX_MESSAGE_BYTES:
                    raise AmiError("AMI message over the size limit")
                return messages
            block, self._buffer = self._buffer[:end], self._buffer[end + 4:]
            messages.append(_parse(block))


def _parse(block: bytes) -> Message:
    message: Message = {}
    lines = block.decode("utf-8", "replace").split("\r\n")
    if len(lines) > MAX_FIELDS:
        raise AmiError("AMI message with too many fields")
    for line in lines:
        key, sep, value = line.partition(":")
        if sep:
            message.setdefault(key.strip(), value.strip())
    return message


def encode(fields: list[tuple[str, str]]) -> bytes:
    """An action on the wire; refuses CR, LF and control characters in any key or value."""
    lines = []
    for key, value in fields:
        if not _TOKEN.fullmatch(key) or not _TEXT.fullmatch(value):
            raise AmiError(f"refusing to send AMI field {key!r}: not a plain value")
        lines.append(f"{key}: {value}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8")


def login(action_id: str, username: str, secret: str) -> bytes:
    """``Action: Login`` (the secret comes from the keyring; it is never logged)."""
    return encode([("Action", "Login"), ("ActionID", action_id), ("Username", username),
                   ("Secret", secret), ("Events", "call")])


def ping(action_id: str) -> bytes:
    """``Action: Ping``; the answer must come back before the heartbeat deadline."""
    return encode([("Action", "Ping"), ("ActionID", action_id)])


@dataclass(frozen=True, slots=True)
class Device:
    """The user's own phone on the PBX, from settings."""

    channel: str  # e.g. PJSIP/101
    context: str  # e.g. from-internal
    caller_id: str = ""

    def __post_init__(self) -> None:
        for name, value in (("channel", self.channel), ("context", self.context)):
            if not _TOKEN.fullmatch(value):
                raise ValueError(f"[backends.ami] {name} {value!r} is not a plain AMI value")
        if self.caller_id and not _TEXT.fullmatch(self.caller_id):
            raise ValueError("[backends.ami] caller_id may not contain control characters")


def originate(action_id: str, device: Device, number: str) -> bytes:
    """``Action: Originate`` from the user's device to ``number`` (digits and + only)."""
    if not _NUMBER.fullmatch(number):
        raise AmiError(f"refusing to originate to {number!r}: not a plain number")
    fields = [("Action", "Originate"), ("ActionID", action_id), ("Channel", device.channel),
              ("Context", device.context), ("Exten", number), ("Priority", "1"),
              ("Async", "true")]
    if device.caller_id:
        fields.append(("CallerID", device.caller_id))
    return encode(fields)


#: Q.850 causes for a Hangup action: a call declined at the desk is "call rejected" (21), so
#: the caller's side hears why; one hung up after it was answered ends normally (16).
CAUSE_REJECTED = 21
CAUSE_NORMAL = 16


def _channel(channel: str) -> str:
    # manager.c reads a Channel starting with "/" as a regular expression over all channels.
    if channel.startswith("/") or not _TOKEN.fullmatch(channel):
        raise AmiError(f"refusing channel name {channel!r}")
    return channel


def hangup(action_id: str, channel: str, cause: int) -> bytes:
    """``Action: Hangup`` of one channel (by its exact name) with a Q.850 cause."""
    return encode([("Action", "Hangup"), ("ActionID", action_id),
                   ("Channel", _channel(channel)), ("Cause", str(int(cause)))])


def redirect(action_id: str, channel: str, number: str, context: str) -> bytes:
    """``Action: Redirect`` of a channel to ``number`` in ``context``, priority 1: a blind
    transfer when it is the caller's channel (its bridged partner then hangs up)."""
    if not _NUMBER.fullmatch(number):
        raise AmiError(f"refusing to transfer to {number!r}: not a plain number")
    if not _TOKEN.fullmatch(context):
        raise AmiError(f"refusing context {context!r}")
    return encode([("Action", "Redirect"), ("ActionID", action_id),
                   ("Channel", _channel(channel)), ("Exten", number), ("Context", context),
                   ("Priority", "1")])


@dataclass(frozen=True, slots=True)
class CallChannels:
    """The channels of a call to the user: the device's leg and the caller's."""

    device: str
    caller: str


@dataclass
class EventMapper:
    """Follows the user's device through DialBegin, Newstate and Hangup."""

    device: Device
    _ringing: dict[str, str] = field(default_factory=dict)  # uniqueid -> caller number
    _channels: dict[str, CallChannels] = field(default_factory=dict)  # uniqueid -> channels

    def channels(self, call_id: str) -> CallChannels | None:
        """The channels of a call still followed (``ami:<uniqueid>``), for call control."""
        return self._channels.get(call_id.removeprefix("ami:"))

    def map(self, message: Message) -> CallEvent | None:
        """The CallEvent an AMI event means for the user's device, if any."""
        event = message.get("Event", "")
        if event == "DialBegin":
            destination = message.get("DestChannel", "")
            if not destination.startswith(self.device.channel + "-"):
                return None
            if not message.get("Channel"):
                # Nobody calls: Asterisk rings the user's phone for an Originate (ours, or a
                # click-to-dial from another tool). pbx.c dials it with no calling channel, so
                # manager_channels.c sends only the Dest* fields.
                return None
            unique = message.get("DestUniqueid", "")[:80]
            if not unique:
                return None
            number = message.get("CallerIDNum", "")
            number = "" if number in ("<unknown>", "anonymous") else number
            self._ringing[unique] = number
            self._channels[unique] = CallChannels(destination[:80],
                                                  message.get("Channel", "")[:80])
            while len(self._ringing) > 64:
                oldest = next(iter(self._ringing))
                self._ringing.pop(oldest)
                self._channels.pop(oldest, None)
            return CallEvent(f"ami:{unique}", CallState.RINGING, number[:64],
                             message.get("CallerIDName", "").replace("<unknown>", "")[:200],
                             source="ami")
        unique = message.get("Uniqueid", "")
        if unique not in self._ringing:
            return None
        if event == "Newstate" and message.get("ChannelStateDesc") == "Up":
            return CallEvent(f"ami:{unique}", CallState.ANSWERED, self._ringing[unique],
                             source="ami")
        if event == "Hangup":
            number = self._ringing.pop(unique)
            self._channels.pop(unique, None)
            return CallEvent(f"ami:{unique}", CallState.ENDED, number, source="ami")
        return None
