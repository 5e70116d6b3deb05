"""What dialling shares: the target, the request a backend builds for it, the number format."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

if TYPE_CHECKING:
    from desktop_client.core.numbers import Location, NormalizedNumber, Risk

#: A request not carried out by then is dropped, never sent late or twice.
REQUEST_LIFETIME_S = 15.0
NUMBER_FORMATS = ("e164", "national", "international_00")


@dataclass(frozen=True, slots=True)
class DialTarget:
    """What may be dialled: E.164 (or the digits of a short or internal number), no more."""

    key: str
    extension: str
    kind: str
    display: str
    type: str
    risk: frozenset[Risk]
    number: NormalizedNumber | None = None

    @classmethod
    def of(cls, number: NormalizedNumber) -> DialTarget:
        """The target for a normalized number."""
        return cls(number.key, number.extension, number.kind, number.international,
                   number.type, number.risk, number)



class DialError(RuntimeError):
    """The backend could not place the call; the message says precisely why."""


@dataclass(frozen=True, slots=True)
class Payload:
    """What a backend sends for one call, one dataclass per backend (in its ``dial.py``); its
    fields are what ``dial --dry-run --json`` prints besides id, backend and number."""

    def as_json(self) -> dict[str, Any]:
        """The fields by name."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True, slots=True)
class WirePayload(Payload):
    """A request that goes out on the connection the app keeps (``Connection.send_request``)."""

    def on_wire(self) -> bytes:
        """Its exact bytes."""
        raise NotImplementedError


@dataclass(frozen=True, slots=True)
class TextWire(WirePayload):
    """A request whose last field is its exact text on the wire (an AMI action, an event
    socket or linphone-daemon command)."""

    def on_wire(self) -> bytes:
        """The last field's UTF-8 bytes."""
        return str(getattr(self, fields(self)[-1].name)).encode("utf-8")


P = TypeVar("P", bound=Payload)


def new_request_id() -> str:
    """A fresh request id (also the id on the wire, where the protocol carries one): a random
    UUID (version 4) in hex, made as ``uuid.uuid4().hex`` makes it without importing uuid,
    which imports ``platform`` (about 2 % of the app's start)."""
    raw = bytearray(os.urandom(16))
    raw[6] = raw[6] & 0x0F | 0x40  # version 4
    raw[8] = raw[8] & 0x3F | 0x80  # RFC 4122 variant
    return raw.hex()


@dataclass(frozen=True, slots=True)
class DialRequest:
    """Exactly what a backend will send for one call, with an id and a deadline."""

    backend: str
    number: str
    payload: Payload
    id: str = field(default_factory=new_request_id)
    deadline: float = field(default_factory=lambda: time.monotonic() + REQUEST_LIFETIME_S)

    def expired(self) -> bool:
        """True once the deadline has passed."""
        return time.monotonic() > self.deadline

    def payload_as(self, kind: type[P]) -> P:
        """The payload, as the sender expects it (DialError for another backend's)."""
        if not isinstance(self.payload, kind):
            raise DialError(f"a {self.backend} request cannot be sent as {kind.__name__}")
        return self.payload

    def as_json(self) -> dict[str, Any]:
        """For ``dial --dry-run --json``."""
        return {"id": self.id, "backend": self.backend, "number": self.number,
                **self.payload.as_json()}


class DialBackend(Protocol):
    """Builds the request for a target. Sending is the transport's job (app or --once)."""

    @property
    def name(self) -> str:
        """The backend's name in config.toml."""
        ...

    def build(self, target: DialTarget) -> DialRequest:
        """The exact request for ``target``."""
        ...


@dataclass(frozen=True, slots=True)
class NumberStyle:
    """How the number is written for the phone: [dial] number_format and outside_line."""

    number_format: str = "e164"
    outside_line: str = ""

    def __post_init__(self) -> None:
        if self.number_format not in NUMBER_FORMATS:
            raise ValueError(f"[dial] number_format must be one of {', '.join(NUMBER_FORMATS)}")
        if self.outside_line and not (self.outside_line.isascii()
                                      and self.outside_line.isdigit()):
            raise ValueError("[dial] outside_line must be digits")

    def write(self, target: DialTarget, location: Location) -> str:
        """The dial string: digits, with a leading + only in E.164 format."""
        from desktop_client.core.dial_digits import dial_digits  # noqa: PLC0415
        from desktop_client.core.numbers import NumberKind  # noqa: PLC0415

        if target.kind != NumberKind.PUBLIC:
            return target.key  # internal and short numbers as they are
        if self.number_format == "e164":
            return target.key
        return self.outside_line + dial_digits(target.key, location,
                                               national=self.number_format == "national")


def check_dial_string(number: str) -> str:
    """The last guard before anything leaves: ``+`` and digits only, never a leading - or /."""
    body = number[1:] if number.startswith("+") else number
    if not body or not (body.isascii() and body.isdigit()) or len(number) > 24:
        raise DialError(f"refusing to send {number!r}: not a plain number")
    return number
