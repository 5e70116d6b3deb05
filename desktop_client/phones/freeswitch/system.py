"""FreeSWITCH through its event socket (mod_event_socket): originate, events, call control."""

from __future__ import annotations

import socket
from typing import TYPE_CHECKING

from desktop_client.core.address import parse_address
from desktop_client.phones.base import (
    CallSink,
    Connection,
    PhoneSystem,
    ReadSecret,
    feed,
)
from desktop_client.phones.freeswitch import settings as freeswitch_settings
from desktop_client.phones.freeswitch import wire as esl
from desktop_client.phones.freeswitch.dial import PASSWORD_KEY, FreeSwitchBackend

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from desktop_client.core import config as config_mod
    from desktop_client.core.dial import DialBackend, NumberStyle
    from desktop_client.core.numbers import Location


def _address(config: config_mod.Config) -> tuple[str, int]:
    return parse_address(config.text(freeswitch_settings.ADDRESS),
                         "[backends.freeswitch] address")


class FreeSwitchSystem(PhoneSystem):
    """[backends.freeswitch]; the password in the keyring."""

    name = "freeswitch"
    label = "FreeSWITCH"
    source = freeswitch_settings.SETTINGS.source
    keeps_connection = True
    connection_name = "the FreeSWITCH connection"

    def backend(self, config: config_mod.Config, style: NumberStyle,
                location: Location) -> DialBackend:
        _address(config)
        backend = FreeSwitchBackend(config.text(freeswitch_settings.ADDRESS),
                                    config.text(freeswitch_settings.ENDPOINT),
                                    config.text(freeswitch_settings.CONTEXT), style, location)
        try:
            esl.originate("check", backend.endpoint, "1", backend.context)
        except esl.EslError as error:
            raise ValueError(f"[backends.freeswitch] {error}") from None
        return backend

    def probe(self, config: config_mod.Config, backend: DialBackend,
              secret: ReadSecret) -> str:
        """Authenticate on the event socket with the stored password."""
        host, port = _address(config)
        try:
            password = secret(PASSWORD_KEY) or ""
            with socket.create_connection((host, port), timeout=3) as conn:
                conn.settimeout(3)
                decoder = esl.Decoder()
                while True:
                    data = conn.recv(4096)
                    if not data:
                        return "Problem: FreeSWITCH closed the connection"
                    for headers, _body in decoder.feed(data):
                        kind = headers.get("Content-Type")
                        if kind == "auth/request":
                            conn.sendall(esl.auth(password))
                        elif kind == "command/reply":
                            reply = headers.get("Reply-Text", "")
                            if reply.startswith("+OK"):
                                return (f"OK: FreeSWITCH on {host}:{port} accepted the "
                                        "password")
                            return f"Problem: FreeSWITCH refused the password ({reply})"
        except (OSError, RuntimeError, esl.EslError) as error:
            return f"Problem: {host}:{port}: {error}"

    def connection(self, config: config_mod.Config, secret: ReadSecret,
                   parent: QObject) -> Connection | None:
        from desktop_client.phones.freeswitch.link import EslLink  # noqa: PLC0415

        host, port = _address(config)
        return EslLink(host, port, lambda: secret(PASSWORD_KEY) or "", parent)


    def listen(self, connection: Connection | None, config: config_mod.Config,
               calls: CallSink, parent: QObject) -> None:
        from desktop_client.phones.freeswitch.link import EslLink  # noqa: PLC0415

        if not isinstance(connection, EslLink):
            return
        mapper = esl.EventMapper(config.text(freeswitch_settings.EXTENSION))
        feed(connection.esl_event, mapper.map, calls)
        from desktop_client.phones.freeswitch.control import EslControl  # noqa: PLC0415

        calls.add_control("freeswitch", EslControl(
            connection, mapper, config.text(freeswitch_settings.CONTEXT), parent))


SYSTEM = FreeSwitchSystem()
