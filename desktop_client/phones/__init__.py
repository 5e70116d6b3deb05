"""The phone systems, one folder each, found by their name in the settings.

``[dial] backend`` names the system that dials; ``[cti] sources`` the ones whose calls pop up
(under their source name: "action_url" is how desk phones report calls). A system is a folder
``phones/<name>/``: its ``settings`` module declares what it adds to the settings (sections,
secrets, labels, its call source), its ``system`` module has the ``SYSTEM`` the app asks. The
folder's name, entered in :data:`SYSTEMS`, is all the rest of the code knows of it. Systems
are imported on first use: the tray starts with their settings only.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop_client.core import config as config_mod
    from desktop_client.core.config import Schema
    from desktop_client.phones.base import PhoneSystem

#: The registered systems by their name in config.toml, in the order "Dial with" offers them.
SYSTEMS: tuple[str, ...] = ("command", "baresip", "handoff", "deskphone", "ami", "fritzbox",
                            "freeswitch", "linphone")


@dataclass(frozen=True)
class PhoneSettings:
    """What a phone system adds to the settings: ``SETTINGS`` of ``phones/<name>/settings.py``,
    the one module the settings dialog, config.toml and the keyring commands read of it."""

    #: How it is offered under "Dial with" (N_-marked).
    label: str
    #: Its sections ([backends.<name>], and [cti.<name>] for its calls), secrets and titles.
    schema: Schema
    #: Its [cti] sources entry, when it reports incoming calls ("" if it does not).
    source: str = ""
    #: How that entry is offered under "Call sources" (N_-marked).
    source_label: str = ""


def module_names() -> list[str]:
    """The modules imported by name here (a bundler cannot see them: packaging names them)."""
    return [f"{__name__}.{name}.{part}" for name in SYSTEMS for part in ("settings", "system")]


class UnknownSystemError(KeyError):
    """No phone system of that name."""


def system(name: str) -> PhoneSystem:
    """The phone system called ``name`` in config.toml."""
    if name not in SYSTEMS:
        raise UnknownSystemError(name)
    found: PhoneSystem = importlib.import_module(f"{__name__}.{name}.system").SYSTEM
    return found


def settings(name: str) -> PhoneSettings:
    """What the system called ``name`` adds to the settings (without loading the system)."""
    if name not in SYSTEMS:
        raise UnknownSystemError(name)
    found: PhoneSettings = importlib.import_module(f"{__name__}.{name}.settings").SETTINGS
    return found


def sources() -> dict[str, str]:
    """[cti] sources entry -> the system that reports those calls ("action_url": deskphone)."""
    return {part.source: name for name in SYSTEMS if (part := settings(name)).source}


def wanted(config: config_mod.Config) -> list[PhoneSystem]:
    """The dialling system first, then those whose calls [cti] sources asks for (once each)."""
    names = [config.text("dial.backend")]
    reporting = sources()
    names += [reporting[s] for s in config.strings("cti.sources") if s in reporting]
    return [system(n) for n in dict.fromkeys(names) if n in SYSTEMS]


def is_set_up(config: config_mod.Config) -> bool:
    """A phone is configured (not the state out of the box)."""
    try:
        return system(config.text("dial.backend")).is_set_up(config)
    except UnknownSystemError:
        return False
