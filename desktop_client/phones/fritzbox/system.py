"""The AVM FRITZ!Box: dialling through TR-064 (X_AVM-DE_DialNumber), calls from its call
monitor (TCP port 1012)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from desktop_client.phones.base import CallSink, Connection, feed
from desktop_client.phones.fritzbox import settings as fritzbox_settings
from desktop_client.phones.http.device import HttpDeviceSystem

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from desktop_client.core import config as config_mod
    from desktop_client.core.dial import DialBackend, DialRequest, NumberStyle
    from desktop_client.core.numbers import Location


class FritzBoxSystem(HttpDeviceSystem):
    """[backends.fritzbox] for dialling, [cti.fritzbox] for the call monitor."""

    name = "fritzbox"
    label = "FRITZ!Box"
    source = fritzbox_settings.SETTINGS.source
    device = "the FRITZ!Box"

    def backend(self, config: config_mod.Config, style: NumberStyle,
                location: Location) -> DialBackend:
        from desktop_client.phones.fritzbox import dial as fritzbox  # noqa: PLC0415

        return fritzbox.FritzBoxBackend(self.address(config),
                                        config.text(fritzbox_settings.USERNAME),
                                        config.flag(fritzbox_settings.VERIFY_TLS), style,
                                        location)

    @property
    def password_key(self) -> str:
        from desktop_client.phones.fritzbox import dial as fritzbox  # noqa: PLC0415

        return fritzbox.PASSWORD_KEY

    def address(self, config: config_mod.Config) -> str:
        return config.text(fritzbox_settings.ADDRESS)

    def transport(self) -> Callable[[DialRequest, str | None], int]:
        from desktop_client.phones.fritzbox import dial as fritzbox  # noqa: PLC0415

        return fritzbox.send

    def listen(self, connection: Connection | None, config: config_mod.Config,
               calls: CallSink, parent: QObject) -> None:
        """The call monitor, only where [cti] sources names it (dialling needs none)."""
        if self.source not in config.strings("cti.sources"):
            return
        from desktop_client.core.address import parse_address  # noqa: PLC0415
        from desktop_client.phones.fritzbox.monitor import MonitorParser  # noqa: PLC0415
        from desktop_client.qt.line_source import LineSource  # noqa: PLC0415

        try:
            host, port = parse_address(config.text(fritzbox_settings.MONITOR_ADDRESS),
                                       "[cti.fritzbox] address")
        except ValueError as error:
            calls.warn(str(error))
            return
        source = LineSource(host, port, "FRITZ!Box call monitor", parent)
        feed(source.line, MonitorParser().parse, calls)
        source.start()
        calls.keep(source)


SYSTEM = FritzBoxSystem()
