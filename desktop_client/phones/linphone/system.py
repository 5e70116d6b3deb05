"""linphone, the softphone, through linphone-daemon's control socket (--pipe)."""

from __future__ import annotations

import socket
from typing import TYPE_CHECKING

from desktop_client.phones.base import (
    CallSink,
    Connection,
    PhoneSystem,
    ReadSecret,
    feed,
)
from desktop_client.phones.linphone import settings as linphone_settings
from desktop_client.phones.linphone import wire as linphone
from desktop_client.phones.linphone.dial import LinphoneBackend

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from desktop_client.core import config as config_mod
    from desktop_client.core.dial import DialBackend, NumberStyle
    from desktop_client.core.numbers import Location


class LinphoneSystem(PhoneSystem):
    """[backends.linphone] socket and proxy; its events and call control on the socket."""

    name = "linphone"
    label = "linphone"
    source = linphone_settings.SETTINGS.source
    keeps_connection = True
    connection_name = "the linphone connection"

    def backend(self, config: config_mod.Config, style: NumberStyle,
                location: Location) -> DialBackend:
        proxy = config.text(linphone_settings.PROXY)
        try:
            linphone.call("1", proxy)
        except linphone.LinphoneError as error:
            raise ValueError(str(error)) from None
        return LinphoneBackend(config.text(linphone_settings.SOCKET), proxy, style, location)

    def probe(self, config: config_mod.Config, backend: DialBackend,
              secret: ReadSecret) -> str:
        path = config.text(linphone_settings.SOCKET)
        if not hasattr(socket, "AF_UNIX"):
            return "Problem: linphone-daemon's socket is not available on this system"
        try:
            with socket.socket(socket.AF_UNIX) as conn:
                conn.settimeout(3)
                conn.connect(path)
                conn.sendall(b"help\n")
                answer = conn.recv(4096)
        except OSError as error:
            return f"Problem: no linphone-daemon at {path} ({error.strerror or error}); " \
                   "start it with --pipe"
        if answer.startswith(b"Status: Ok"):
            return f"OK: linphone-daemon answers at {path}"
        return f"Problem: {path} does not answer like linphone-daemon"

    def connection(self, config: config_mod.Config, secret: ReadSecret,
                   parent: QObject) -> Connection | None:
        from desktop_client.phones.linphone.link import LinphoneLink  # noqa: PLC0415

        return LinphoneLink(config.text(linphone_settings.SOCKET), parent)


    def listen(self, connection: Connection | None, config: config_mod.Config,
               calls: CallSink, parent: QObject) -> None:
        from desktop_client.phones.linphone.link import LinphoneLink  # noqa: PLC0415

        if not isinstance(connection, LinphoneLink):
            return
        feed(connection.linphone_event, linphone.EventMapper().map, calls)
        from desktop_client.phones.linphone.control import LinphoneControl  # noqa: PLC0415

        calls.add_control("linphone", LinphoneControl(
            connection, config.text(linphone_settings.PROXY)))


SYSTEM = LinphoneSystem()
