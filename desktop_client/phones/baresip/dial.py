"""The ``baresip`` backend: a ``dial`` command over baresip's ctrl_tcp interface.

``[backends.baresip] address = "127.0.0.1:4444"``. Commands are JSON in netstrings:
``{"command": "dial", "params": "+41446681800", "token": "<request id>"}``; baresip answers
``{"response": true, "ok": true, "token": …}``. baresip serves one ctrl client at a time, so
the tray app keeps one connection (shared with the incoming-calls events); ``send_once`` is
the short-lived client for ``--once`` and the settings' Test button.
"""

from __future__ import annotations

import json
import socket
import time
from dataclasses import dataclass
from typing import Any

from desktop_client.core import netstring
from desktop_client.core.address import parse_address
from desktop_client.core.dial import (
    DialError,
    DialRequest,
    DialTarget,
    NumberStyle,
    WirePayload,
    check_dial_string,
    new_request_id,
)
from desktop_client.core.numbers import Location

__all__ = ["BaresipBackend", "Command", "command_message", "send_once", "wire"]


@dataclass(frozen=True, slots=True)
class Command(WirePayload):
    """ctrl_tcp's address, the command message and its netstring, as sent."""

    address: str
    message: dict[str, str]
    wire: str

    def on_wire(self) -> bytes:
        """The netstring's bytes."""
        return self.wire.encode("ascii")


@dataclass(frozen=True)
class BaresipBackend:
    """Builds the ctrl_tcp ``dial`` command."""

    address: str
    style: NumberStyle
    location: Location
    name: str = "baresip"

    def build(self, target: DialTarget) -> DialRequest:
        """The command message (and its exact bytes on the wire)."""
        number = check_dial_string(self.style.write(target, self.location))
        request_id = new_request_id()
        message = command_message("dial", number, request_id)
        return DialRequest(self.name, number, Command(self.address, message,
                                                      wire(message).decode("ascii")), request_id)


def command_message(command: str, params: str, token: str) -> dict[str, str]:
    """A ctrl_tcp command."""
    return {"command": command, "params": params, "token": token}


def wire(message: dict[str, str]) -> bytes:
    """The netstring bytes of a message."""
    return netstring.encode(json.dumps(message, separators=(",", ":")).encode("ascii"))


def send_once(request: DialRequest, timeout: float = 5.0) -> dict[str, Any]:
    """Connect, send the command, wait for its response; raise DialError on any failure."""
    command = request.payload_as(Command)
    host, port = parse_address(command.address)
    token = command.message["token"]
    deadline = time.monotonic() + timeout
    try:
        with socket.create_connection((host, port), timeout=timeout) as conn:
            conn.sendall(command.on_wire())
            decoder = netstring.Decoder()
            while time.monotonic() < deadline:
                conn.settimeout(max(0.05, deadline - time.monotonic()))
                data = conn.recv(4096)
                if not data:
                    raise DialError("baresip closed the connection without answering")
                for frame in decoder.feed(data):
                    reply = json.loads(frame)
                    if reply.get("response") and reply.get("token") == token:
                        if not reply.get("ok"):
                            raise DialError(f"baresip refused the call: {reply.get('data')!s}")
                        return dict(reply)
    except ConnectionRefusedError:
        raise DialError(f"baresip is not listening on {host}:{port} (is ctrl_tcp.so loaded "
                        "and ctrl_tcp_listen set?)") from None
    except TimeoutError:
        raise DialError(f"baresip on {host}:{port} did not answer within {timeout:g} s") from None
    except OSError as error:
        raise DialError(f"cannot reach baresip on {host}:{port}: {error.strerror}") from None
    except (ValueError, netstring.FramingError) as error:
        raise DialError(f"baresip sent something unreadable: {error}") from None
    raise DialError(f"baresip on {host}:{port} did not answer within {timeout:g} s")
