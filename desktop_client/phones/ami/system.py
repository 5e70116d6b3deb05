"""Asterisk through the manager interface (AMI): originate, events, call control."""

from __future__ import annotations

import socket
from typing import TYPE_CHECKING

from desktop_client.core.address import parse_address
from desktop_client.phones.ami import settings as ami_settings
from desktop_client.phones.ami import wire as ami
from desktop_client.phones.ami.dial import SECRET_KEY, AmiBackend
from desktop_client.phones.base import (
    CallSink,
    Connection,
    PhoneSystem,
    ReadSecret,
    feed,
)

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from desktop_client.core import config as config_mod
    from desktop_client.core.dial import DialBackend, NumberStyle
    from desktop_client.core.numbers import Location


def _address(config: config_mod.Config) -> tuple[str, int]:
    return parse_address(config.text(ami_settings.ADDRESS), "[backends.ami] address")


def _device(config: config_mod.Config, *, caller_id: bool = True) -> ami.Device:
    return ami.Device(config.text(ami_settings.CHANNEL), config.text(ami_settings.CONTEXT),
                      config.text(ami_settings.CALLER_ID) if caller_id else "")


class AmiSystem(PhoneSystem):
    """[backends.ami]; the manager secret in the keyring."""

    name = "ami"
    label = "Asterisk"
    source = ami_settings.SETTINGS.source
    keeps_connection = True
    connection_name = "the PBX connection"

    def backend(self, config: config_mod.Config, style: NumberStyle,
                location: Location) -> DialBackend:
        _address(config)
        return AmiBackend(config.text(ami_settings.ADDRESS), _device(config), style,
                          location)

    def probe(self, config: config_mod.Config, backend: DialBackend,
              secret: ReadSecret) -> str:
        """Log in to the Asterisk manager with the stored secret, then log off."""
        host, port = _address(config)
        user = config.text(ami_settings.USERNAME)
        try:
            password = secret(SECRET_KEY) or ""
        except RuntimeError as error:
            return f"Problem: {error}"
        try:
            with socket.create_connection((host, port), timeout=3) as conn:
                conn.settimeout(3)
                decoder = ami.Decoder()
                conn.sendall(ami.login("probe", user, password))
                while True:
                    data = conn.recv(4096)
                    if not data:
                        return "Problem: the PBX closed the connection"
                    for message in decoder.feed(data):
                        if message.get("ActionID") == "probe":
                            conn.sendall(ami.encode([("Action", "Logoff")]))
                            if message.get("Response") == "Success":
                                return f"OK: logged in to {decoder.banner} as {user}"
                            return f"Problem: login refused: {message.get('Message', '')}"
        except (OSError, ami.AmiError) as error:
            return f"Problem: {host}:{port}: {error}"

    def connection(self, config: config_mod.Config, secret: ReadSecret,
                   parent: QObject) -> Connection | None:
        from desktop_client.phones.ami.link import AmiLink  # noqa: PLC0415

        host, port = _address(config)
        return AmiLink(host, port, config.text(ami_settings.USERNAME),
                       lambda: secret(SECRET_KEY) or "", parent)


    def listen(self, connection: Connection | None, config: config_mod.Config,
               calls: CallSink, parent: QObject) -> None:
        from desktop_client.phones.ami.link import AmiLink  # noqa: PLC0415

        if not isinstance(connection, AmiLink):
            return
        try:
            mapper = ami.EventMapper(_device(config, caller_id=False))
        except ValueError as error:
            calls.warn(str(error))
            return
        feed(connection.ami_event, mapper.map, calls)
        from desktop_client.phones.ami.control import AmiControl  # noqa: PLC0415

        calls.add_control("ami", AmiControl(connection, mapper,
                                            config.text(ami_settings.CONTEXT), parent))


SYSTEM = AmiSystem()
