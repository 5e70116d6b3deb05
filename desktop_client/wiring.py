"""The Qt-free half of the composition root: backends and the dial service from config.

The command line (``dial --once``, ``--dry-run``, the settings' Test button) and the tray app
(``desktop_client.app``) build their concrete classes here and nowhere else.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from desktop_client.core import config as config_mod
from desktop_client.core.contacts import Match
from desktop_client.core.dial import DialBackend, NumberStyle
from desktop_client.core.directory import Directory
from desktop_client.core.journal import Journal
from desktop_client.core.numbers import Location, NormalizedNumber, NumberError, normalize
from desktop_client.outgoing.policy import DialSettings
from desktop_client.outgoing.service import DialService

log = logging.getLogger("desktop_client.dial")


def build_backend(config: config_mod.Config, location: Location) -> DialBackend:
    """The dial backend named in [dial] backend, with its [backends.*] settings."""
    from desktop_client import phones  # noqa: PLC0415

    name = config.text("dial.backend")
    try:
        system = phones.system(name)
    except phones.UnknownSystemError:
        raise config_mod.ConfigError(f"[dial] backend {name!r} is unknown") from None
    try:
        style = NumberStyle(config.text("dial.number_format"), config.text("dial.outside_line"))
        return system.backend(config, style, location)
    except ValueError as error:
        raise config_mod.ConfigError(str(error)) from None


def probe_backend(config: config_mod.Config,
                  secret: Callable[[str], str | None] | None = None) -> str:
    """The settings' "Test phone connection": one line, what works or what is wrong, without
    placing a call."""
    from desktop_client import phones  # noqa: PLC0415

    try:
        backend = build_backend(config, config.location())
    except config_mod.ConfigError as error:
        return f"Settings: {error}"
    from desktop_client.core import secrets  # noqa: PLC0415

    return phones.system(backend.name).probe(config, backend, secret or secrets.read_secret)


def dial_settings(config: config_mod.Config) -> DialSettings:
    """The policy's settings from [dial]."""
    return DialSettings(confirm=config.text("dial.confirm"),
                        countdown_s=config.number("dial.countdown_s"),
                        per_minute=max(1, config.number("dial.per_minute")))


def contact_names(directory: Directory,
                  config: config_mod.Config) -> Callable[[NormalizedNumber], str]:
    """A lookup function naming the best directory match for a number."""
    block = config.number("directory.company_block_digits")

    def label(match: Match) -> str:
        name = match.address.display_name
        if match.address.kind == "person" and match.address.company:
            name += f", {match.address.company}"
        return name

    def name_for(number: NormalizedNumber) -> str:
        matches = directory.lookup_normalized(number, block_digits=block)
        if not matches:
            return ""
        if matches[0].quality != "exact":
            return f"{label(matches[0])} (?)"
        # Ties: the contacts at the same extension as the best match (the lookup sorts the
        # dialled extension first, then the number without one, then other extensions).
        best_extension = matches[0].channel.normalized.extension
        exact = list({m.address.id: m for m in matches if m.quality == "exact"
                      and m.channel.normalized.extension == best_extension}.values())
        if len(exact) == 1:
            return label(exact[0])
        chosen = directory.remembered(number.key)  # the one the user picked on a card
        for match in exact:
            if match.address.id == chosen:
                return label(match)
        # Several contacts share the number: name them, not one picked at random.
        return " / ".join(label(m) for m in exact[:2]) + (" / …" if len(exact) > 2 else "")

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
