"""baresip, the softphone, through its ctrl_tcp module (JSON in netstrings)."""

from __future__ import annotations

import json
import socket
from typing import TYPE_CHECKING, Any

from desktop_client.core import netstring
from desktop_client.core.address import parse_address
from desktop_client.phones.baresip import settings as baresip_settings
from desktop_client.phones.base import (
    CallSink,
    Connection,
    PhoneSystem,
    ReadSecret,
)

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from desktop_client.core import config as config_mod
    from desktop_client.core.dial import DialBackend, DialRequest, NumberStyle
    from desktop_client.core.numbers import Location


class BaresipSystem(PhoneSystem):
    """[backends.baresip] address; incoming calls and call control on the same link."""

    name = "baresip"
    label = "baresip"
    source = baresip_settings.SETTINGS.source
    keeps_connection = True
    connection_name = "the baresip link"

    def backend(self, config: config_mod.Config, style: NumberStyle,
                location: Location) -> DialBackend:
        from desktop_client.phones.baresip.dial import BaresipBackend  # noqa: PLC0415

        address = config.text(baresip_settings.ADDRESS)
        parse_address(address)
        return BaresipBackend(address, style, location)

    def probe(self, config: config_mod.Config, backend: DialBackend,
              secret: ReadSecret) -> str:
        return check(config.text(baresip_settings.ADDRESS))

    def dial_once(self, request: DialRequest, config: config_mod.Config,
                  secret: ReadSecret) -> None:
        from desktop_client.phones.baresip.dial import send_once  # noqa: PLC0415

        send_once(request)

    def connection(self, config: config_mod.Config, secret: ReadSecret,
                   parent: QObject) -> Connection | None:
        from desktop_client.phones.baresip.link import BaresipLink  # noqa: PLC0415

        return BaresipLink(config.text(baresip_settings.ADDRESS), parent)


    def reply_text(self, ok: bool, message: str) -> str:
        return "baresip is dialling" if ok else message

    def listen(self, connection: Connection | None, config: config_mod.Config,
               calls: CallSink, parent: QObject) -> None:
        from desktop_client.phones.baresip.link import BaresipLink  # noqa: PLC0415

        if not isinstance(connection, BaresipLink):
            return
        from desktop_client.phones.baresip.control import BaresipControl  # noqa: PLC0415

        control = BaresipControl(connection, parent)
        calls.add_control("baresip", control)
        connection.baresip_event.connect(lambda data: _event(data, calls, control))


def _event(data: dict[str, Any], calls: CallSink, control: Any) -> None:
    from desktop_client.core.calls import (  # noqa: PLC0415
        CallAction,
        CallEvent,
        CallState,
        clean_text,
    )
    from desktop_client.phones.baresip.events import to_call_event  # noqa: PLC0415

    event = to_call_event(data)
    if event is not None:
        calls.on_event(event)
    elif data.get("type") == "TRANSFER_FAILED" and data.get("id"):
        # The far end refused the REFER (or its NOTIFY said so): the call stays here.
        call_id = f"baresip:{str(data['id'])[:200]}"
        calls.control_failed(call_id, CallAction.TRANSFER,
                             clean_text(str(data.get("param", "")), 120))
        # baresip 1.0 may have dropped the call without a word: then it ended.
        control.check(call_id, lambda: calls.on_event(CallEvent(
            call_id, CallState.ENDED, "", source="baresip")))


def check(address: str) -> str:
    """Ask ctrl_tcp at ``address`` for reginfo: "OK: …" or "Problem: …"."""
    host, port = parse_address(address)
    try:
        with socket.create_connection((host, port), timeout=3) as conn:
            conn.settimeout(3)
            conn.sendall(netstring.encode(json.dumps(
                {"command": "reginfo", "params": "", "token": "test"}).encode()))
            decoder = netstring.Decoder()
            while True:
                data = conn.recv(4096)
                if not data:
                    return "Problem: baresip closed the connection"
                for frame in decoder.feed(data):
                    reply = json.loads(frame)
                    if reply.get("response") and reply.get("token") == "test":
                        return f"OK: baresip answers on {host}:{port}"
    except ConnectionRefusedError:
        return (f"Problem: nothing listens on {host}:{port}; load ctrl_tcp.so and set "
                "ctrl_tcp_listen in baresip's config")
    except TimeoutError:
        return f"Problem: {host}:{port} does not answer like baresip's ctrl_tcp"
    except (OSError, ValueError, netstring.FramingError) as error:
        return f"Problem: {host}:{port}: {error}"


SYSTEM = BaresipSystem()
