"""Desk phones (Snom, Yealink, Grandstream, Gigaset, or a URL template): dialling through the
phone's own HTTP action, answering and hanging up through its key URLs. Their calls arrive
as action URLs ([cti] sources "action_url", served by the app for any phone)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from desktop_client.phones.base import CallSink, Connection
from desktop_client.phones.deskphone import settings as deskphone_settings
from desktop_client.phones.http.device import HttpDeviceSystem

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from desktop_client.core import config as config_mod
    from desktop_client.core.dial import DialBackend, DialRequest, NumberStyle
    from desktop_client.core.numbers import Location

log = logging.getLogger("desktop_client.incoming")

class DeskPhoneSystem(HttpDeviceSystem):
    """[backends.deskphone]; the phone's password in the keyring."""

    name = "deskphone"
    label = "desk phone"
    source = deskphone_settings.SETTINGS.source
    device = "the phone"

    def backend(self, config: config_mod.Config, style: NumberStyle,
                location: Location) -> DialBackend:
        from desktop_client.phones.deskphone import dial as deskphone  # noqa: PLC0415

        return deskphone.DeskPhoneBackend(
            config.text(deskphone_settings.VENDOR), self.address(config),
            config.text(deskphone_settings.USERNAME),
            config.flag(deskphone_settings.VERIFY_TLS), style, location,
            config.text(deskphone_settings.URL_TEMPLATE))

    @property
    def password_key(self) -> str:
        from desktop_client.phones.deskphone import dial as deskphone  # noqa: PLC0415

        return deskphone.PASSWORD_KEY

    def address(self, config: config_mod.Config) -> str:
        return config.text(deskphone_settings.ADDRESS)

    def transport(self) -> Callable[[DialRequest, str | None], int]:
        from desktop_client.phones.deskphone import dial as deskphone  # noqa: PLC0415

        return deskphone.send

    def listen(self, connection: Connection | None, config: config_mod.Config,
               calls: CallSink, parent: QObject) -> None:
        """Phones report calls as action URLs; the configured Snom or Yealink also answers,
        declines and hangs up its calls from the card."""
        if self.source not in config.strings("cti.sources"):
            return
        _serve_action_urls(config, calls, parent)
        from desktop_client.phones.deskphone import dial as deskphone  # noqa: PLC0415

        vendor = config.text(deskphone_settings.VENDOR)
        if config.text("dial.backend") != self.name or vendor not in deskphone.CONTROL:
            return
        from desktop_client.phones.deskphone.control import DeskPhoneControl  # noqa: PLC0415

        calls.add_control(self.source, DeskPhoneControl(
            vendor, self.address(config), config.text(deskphone_settings.USERNAME),
            verify_tls=config.flag(deskphone_settings.VERIFY_TLS),
            password=lambda: calls.secret(self.password_key), parent=parent))



def _serve_action_urls(config: config_mod.Config, calls: CallSink, parent: QObject) -> None:
    """The HTTP listener the phones call, on [cti.action_url] listen and port, with the
    keyring's path token; the ready-to-paste URLs go to the settings."""
    from desktop_client.phones.deskphone.action_url import (  # noqa: PLC0415
        ensure_token,
        templates,
    )
    from desktop_client.phones.deskphone.action_url_server import (  # noqa: PLC0415
        ActionUrlServer,
    )

    try:
        token = ensure_token(calls.secret, calls.store_secret)
    except RuntimeError as error:  # SecretError: no usable keyring
        calls.warn(str(error))
        return
    server = ActionUrlServer(token, parent)
    host = config.text(deskphone_settings.ACTION_URL_LISTEN)
    try:
        server.listen(host, config.number(deskphone_settings.ACTION_URL_PORT))
    except OSError as error:
        calls.warn(str(error))
        return
    server.call_event.connect(calls.on_event)
    calls.keep(server)
    calls.show_setup(deskphone_settings.SETUP_TITLE, templates(host, server.port, token))
    log.info("action URLs accepted on %s:%d", host, server.port)


SYSTEM = DeskPhoneSystem()
