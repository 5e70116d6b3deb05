"""A softphone started as a program with the number (MicroSIP, Zoiper, Twinkle …)."""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

from desktop_client.phones.base import PhoneSystem, ReadSecret, Sending
from desktop_client.phones.command import settings as command_settings

if TYPE_CHECKING:
    from desktop_client.core import config as config_mod
    from desktop_client.core.dial import DialBackend, DialRequest, NumberStyle
    from desktop_client.core.numbers import Location


class CommandSystem(PhoneSystem):
    """[backends.command] argv or preset."""

    name = "command"
    label = "softphone program"

    def backend(self, config: config_mod.Config, style: NumberStyle,
                location: Location) -> DialBackend:
        from desktop_client.phones.command import dial as command  # noqa: PLC0415

        preset = config.text(command_settings.PRESET)
        argv = command.PRESETS[preset] if preset else config.strings(command_settings.ARGV)
        if not argv:
            raise ValueError("[backends.command] needs a preset or an argv list "
                             '(e.g. argv = ["microsip.exe", "{number}"])')
        return command.CommandBackend(command.check_template(argv), style, location)

    def is_set_up(self, config: config_mod.Config) -> bool:
        """The program backend without a program is the state out of the box."""
        return bool(config.text(command_settings.PRESET)
                    or config.strings(command_settings.ARGV))

    def probe(self, config: config_mod.Config, backend: DialBackend,
              secret: ReadSecret) -> str:
        program = getattr(backend, "argv", ("",))[0]
        found = shutil.which(program)
        return (f"OK: {program} found at {found}" if found else
                f"Problem: the program {program!r} was not found in PATH")

    def dial_once(self, request: DialRequest, config: config_mod.Config,
                  secret: ReadSecret) -> None:
        from desktop_client.phones.command import dial as command  # noqa: PLC0415

        command.watch(command.start(request), request.payload_as(command.CommandLine).argv[0],
                      config.number(command_settings.GRACE_S))

    def send(self, request: DialRequest, sending: Sending) -> None:
        from desktop_client.phones.command import dial as command  # noqa: PLC0415

        started = command.start(request)
        name = request.payload_as(command.CommandLine).argv[0]
        grace_s = sending.config.number(command_settings.GRACE_S)
        sending.in_worker(request, lambda: command.watch(started, name, grace_s))


SYSTEM = CommandSystem()
