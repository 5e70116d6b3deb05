"""The Qt-free half of the composition root: backends and the dial service from config.

The command line (``dial --once``, ``--dry-run``, the settings' Test button) and the tray app
(``desktop_client.app``) build their concrete classes here and nowhere else.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from desktop_client.core import config as config_mod
from desktop_client.core.directory import Directory
from desktop_client.core.journal import Journal
from desktop_client.core.numbers import Location, NormalizedNumber, NumberError, normalize
from desktop_client.dialing.backends import command
from desktop_client.dialing.backends.baresip import BaresipBackend
from desktop_client.dialing.backends.base import DialBackend, NumberStyle
from desktop_client.dialing.backends.handoff import HandoffBackend
from desktop_client.dialing.policy import DialSettings
from desktop_client.dialing.service import DialService

log = logging.getLogger("desktop_client.dial")


def build_backend(config: config_mod.Config, location: Location) -> DialBackend:
    """The dial backend named in [dial] backend, with its [backends.*] settings."""
    try:
        style = NumberStyle(config.text("dial.number_format"), config.text("dial.outside_line"))
        name = config.text("dial.backend")
        if name == "command":
            preset = config.text("backends.command.preset")
            argv = command.PRESETS[preset] if preset else config.strings("backends.command.argv")
            if not argv:
                raise ValueError("[backends.command] needs a preset or an argv list "
                                 '(e.g. argv = ["microsip.exe", "{number}"])')
            return command.CommandBackend(command.check_template(argv), style, location)
        if name == "baresip":
            address = config.text("backends.baresip.address")
            from desktop_client.dialing.backends.baresip import parse_address  # noqa: PLC0415

            parse_address(address)
            return BaresipBackend(address, style, location)
        if name == "handoff":
            return HandoffBackend(config.text("backends.handoff.scheme"), style, location)
        if name == "linphone":
            from desktop_client.cti import linphone  # noqa: PLC0415
            from desktop_client.dialing.backends.linphone import LinphoneBackend  # noqa: PLC0415

            proxy = config.text("backends.linphone.proxy")
            try:
                linphone.call("1", proxy)
            except linphone.LinphoneError as error:
                raise ValueError(str(error)) from None
            return LinphoneBackend(config.text("backends.linphone.socket"), proxy, style,
                                   location)
        if name == "freeswitch":
            from desktop_client.cti.esl import EslError  # noqa: PLC0415
            from desktop_client.dialing.address import parse_address  # noqa: PLC0415
            from desktop_client.dialing.backends.freeswitch import (  # noqa: PLC0415
                FreeSwitchBackend,
            )

            address = config.text("backends.freeswitch.address")
            parse_address(address, "[backends.freeswitch] address")
            backend = FreeSwitchBackend(address, config.text("backends.freeswitch.endpoint"),
                                        config.text("backends.freeswitch.context"), style,
                                        location)
            try:
                from desktop_client.cti import esl  # noqa: PLC0415

                esl.originate("check", backend.endpoint, "1", backend.context)
            except EslError as error:
                raise ValueError(f"[backends.freeswitch] {error}") from None
            return backend
        if name == "fritzbox":
            from desktop_client.dialing.backends.fritzbox import FritzBoxBackend  # noqa: PLC0415

            return FritzBoxBackend(config.text("backends.fritzbox.address"),
                                   config.text("backends.fritzbox.username"),
                                   config.flag("backends.fritzbox.verify_tls"), style, location)
        if name == "ami":
            from desktop_client.cti.ami import Device  # noqa: PLC0415
            from desktop_client.dialing.address import parse_address  # noqa: PLC0415
            from desktop_client.dialing.backends.ami import AmiBackend  # noqa: PLC0415

            address = config.text("backends.ami.address")
            parse_address(address, "[backends.ami] address")
            device = Device(config.text("backends.ami.channel"),
                            config.text("backends.ami.context"),
                            config.text("backends.ami.caller_id"))
            return AmiBackend(address, device, style, location)
        if name == "deskphone":
            from desktop_client.dialing.backends.deskphone import DeskPhoneBackend  # noqa: PLC0415

            return DeskPhoneBackend(
                config.text("backends.deskphone.vendor"),
                config.text("backends.deskphone.address"),
                config.text("backends.deskphone.username"),
                config.flag("backends.deskphone.verify_tls"), style, location,
                config.text("backends.deskphone.url_template"))
    except ValueError as error:
        raise config_mod.ConfigError(str(error)) from None
    raise config_mod.ConfigError(f"[dial] backend {name!r} is unknown")


def dial_settings(config: config_mod.Config) -> DialSettings:
    """The policy's settings from [dial]."""
    return DialSettings(confirm=config.text("dial.confirm"),
                        countdown_s=config.number("dial.countdown_s"),
                        per_minute=max(1, config.number("dial.per_minute")))


def contact_names(directory: Directory,
                  config: config_mod.Config) -> Callable[[NormalizedNumber], str]:
    """A lookup function naming the best directory match for a number."""
    block = config.number("directory.company_block_digits")

    def name_for(number: NormalizedNumber) -> str:
        matches = directory.lookup_normalized(number, block_digits=block)
        if not matches:
            return ""
        best = matches[0]
        name = best.address.display_name
        if best.address.kind == "person" and best.address.company:
            name += f", {best.address.company}"
        return name if best.quality == "exact" else f"{name} (?)"

    return name_for


def build_dial_service(config: config_mod.Config, journal: Journal | None,
                       directory: Directory | None) -> DialService:
    """The dial service with everything it needs."""
    location = config.location()
    names = contact_names(directory, config) if directory is not None else None
    return DialService(location, dial_settings(config), build_backend(config, location),
                       journal, names)


def describe_number(text: str,
                    location: Location) -> tuple[NormalizedNumber | None, NumberError | None]:
    """For previews: the number, or why it has no normalized form."""
    try:
        return normalize(text, location), None
    except NumberError as error:
        return None, error


def device_password(backend: str) -> str | None:
    """The desk phone's or the FRITZ!Box's password from the keyring (SecretError if unreadable)."""
    from desktop_client.core.secrets import SecretStore  # noqa: PLC0415

    return SecretStore().get(f"backends.{backend}.password")


def ami_secret() -> str:
    """The Asterisk manager secret from the keyring ("" when none is stored)."""
    from desktop_client.core.secrets import SecretStore  # noqa: PLC0415
    from desktop_client.dialing.backends.ami import SECRET_KEY  # noqa: PLC0415

    return SecretStore().get(SECRET_KEY) or ""


def freeswitch_password() -> str:
    """The event-socket password from the keyring ("" when none is stored)."""
    from desktop_client.core.secrets import SecretStore  # noqa: PLC0415
    from desktop_client.dialing.backends.freeswitch import PASSWORD_KEY  # noqa: PLC0415

    return SecretStore().get(PASSWORD_KEY) or ""
