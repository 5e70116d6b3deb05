"""The one supervised connection to the phone system the settings name (part of the
composition root): baresip's ctrl_tcp, linphone-daemon, the Asterisk manager or the
FreeSWITCH event socket, whichever system (desktop_client.phones) keeps one.

Dialling and incoming calls share it; its state is shown on the tray icon.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from desktop_client import phones
from desktop_client.core import config as config_mod
from desktop_client.ui.tray import TrayUi

if TYPE_CHECKING:
    from desktop_client.phones.base import Connection, PhoneSystem, ReadSecret


class PhoneLinks(QObject):
    """Builds, starts and stops the connection; at most one at a time."""

    def __init__(self, config: config_mod.Config, tray: TrayUi, secret: ReadSecret,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.config = config
        self.tray = tray
        self._secret = secret
        #: The connection and the system it belongs to (None: no system keeps one).
        self.connection: Connection | None = None
        self.system: PhoneSystem | None = None

    def start(self) -> None:
        """Connect the first of the wanted systems (dialling first) that keeps a connection."""
        try:
            for system in phones.wanted(self.config):
                if not system.keeps_connection:
                    continue
                connection = system.connection(self.config, self._secret, self)
                if connection is not None:
                    self.connection, self.system = connection, system
                    self._supervise(connection, system.label)
                    return
            self.tray.set_backend(True)
        except ValueError as error:
            self.tray.set_backend(False, str(error))
            self.tray.notify(self.tr("Settings"), str(error), True)

    def _supervise(self, link: Any, label: str) -> None:
        tray = self.tray
        link.state_changed.connect(lambda state: tray.set_backend(
            state == "connected", f"{label}: {state}"))
        link.start()
        tray.set_backend(False, f"{label}: {link.state}")

    def stop(self) -> None:
        """Close the connection, if one is up."""
        if self.connection is not None:
            self.connection.stop()
