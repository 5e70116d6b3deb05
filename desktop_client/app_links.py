"""The one supervised connection to the phone system the settings name (part of the
composition root): baresip's ctrl_tcp, the Asterisk manager or the FreeSWITCH event socket.

Dialling and incoming calls share it; its state is shown on the tray icon.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from desktop_client.core import config as config_mod
from desktop_client.dialing.address import parse_address
from desktop_client.ui.tray import TrayUi

if TYPE_CHECKING:
    from desktop_client.qt.ami_link import AmiLink
    from desktop_client.qt.baresip_link import BaresipLink
    from desktop_client.qt.esl_link import EslLink
    from desktop_client.qt.linphone_link import LinphoneLink


class PhoneLinks(QObject):
    """Builds, starts and stops the link; at most one kind at a time."""

    def __init__(self, config: config_mod.Config, tray: TrayUi,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.config = config
        self.tray = tray
        self.baresip: BaresipLink | None = None
        self.ami: AmiLink | None = None
        self.esl: EslLink | None = None
        self.linphone: LinphoneLink | None = None

    def _wanted(self, kind: str) -> bool:
        return self.config.text("dial.backend") == kind or kind in self.config.strings(
            "cti.sources")

    def start(self) -> None:
        """Connect what [dial] backend and [cti] sources ask for (or nothing)."""
        # wiring (and with it phonenumbers) only for the links that need a secret from it.
        try:
            if self._wanted("freeswitch"):
                from desktop_client import wiring  # noqa: PLC0415
                from desktop_client.qt.esl_link import EslLink  # noqa: PLC0415

                host, port = self._address("backends.freeswitch.address")
                self.esl = EslLink(host, port, wiring.freeswitch_password, self)
                self._supervise(self.esl, "FreeSWITCH")
            elif self._wanted("ami"):
                from desktop_client import wiring  # noqa: PLC0415
                from desktop_client.qt.ami_link import AmiLink  # noqa: PLC0415

                host, port = self._address("backends.ami.address")
                self.ami = AmiLink(host, port, self.config.text("backends.ami.username"),
                                   wiring.ami_secret, self)
                self._supervise(self.ami, "Asterisk")
            elif self._wanted("linphone"):
                from desktop_client.qt.linphone_link import LinphoneLink  # noqa: PLC0415

                self.linphone = LinphoneLink(self.config.text("backends.linphone.socket"), self)
                self._supervise(self.linphone, "linphone")
            elif self._wanted("baresip"):
                from desktop_client.qt.baresip_link import BaresipLink  # noqa: PLC0415

                self.baresip = BaresipLink(self.config.text("backends.baresip.address"), self)
                self._supervise(self.baresip, "baresip")
            else:
                self.tray.set_backend(True)
        except ValueError as error:
            self.tray.set_backend(False, str(error))
            self.tray.notify(self.tr("Settings"), str(error), True)

    def _address(self, name: str) -> tuple[str, int]:
        return parse_address(self.config.text(name), f"[{name.rsplit('.', 1)[0]}] address")

    def _supervise(self, link: Any, label: str) -> None:
        tray = self.tray
        link.state_changed.connect(lambda state: tray.set_backend(
            state == "connected", f"{label}: {state}"))
        link.start()
        tray.set_backend(False, f"{label}: {link.state}")

    def stop(self) -> None:
        """Close whatever link is up."""
        for link in (self.baresip, self.ami, self.esl, self.linphone):
            if link is not None:
                link.stop()
