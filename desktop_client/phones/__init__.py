"""The phone systems, one folder each, found by their name in the settings.

``[dial] backend`` names the system that dials; ``[cti] sources`` the ones whose calls pop up
(under their source name: "action_url" is how desk phones report calls). A system is a
folder ``phones/<name>/`` whose ``system`` module has a ``SYSTEM``, registered here (and in
SOURCES when it reports calls); its settings are in core/config.py's schema and their labels
in ui/settings_texts.py (tests/unit/test_phones.py holds these lists together). Systems are
imported on first use: the tray starts without any of them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop_client.core import config as config_mod
    from desktop_client.phones.base import PhoneSystem

SYSTEMS: dict[str, str] = {
    "command": "desktop_client.phones.command.system",
    "baresip": "desktop_client.phones.baresip.system",
    "handoff": "desktop_client.phones.handoff.system",
    "linphone": "desktop_client.phones.linphone.system",
    "freeswitch": "desktop_client.phones.freeswitch.system",
    "fritzbox": "desktop_client.phones.fritzbox.system",
    "ami": "desktop_client.phones.ami.system",
    "deskphone": "desktop_client.phones.deskphone.system",
}
#: [cti] sources entries that belong to a phone system (others, "hook", are the app's own).
SOURCES: dict[str, str] = {"baresip": "baresip", "linphone": "linphone",
                           "freeswitch": "freeswitch", "fritzbox": "fritzbox", "ami": "ami",
                           "action_url": "deskphone"}


class UnknownSystemError(KeyError):
    """No phone system of that name."""


def system(name: str) -> PhoneSystem:
    """The phone system called ``name`` in config.toml."""
    if name not in SYSTEMS:
        raise UnknownSystemError(name)
    found: PhoneSystem = importlib.import_module(SYSTEMS[name]).SYSTEM
    return found


def wanted(config: config_mod.Config) -> list[PhoneSystem]:
    """The dialling system first, then those whose calls [cti] sources asks for (once each)."""
    names = [config.text("dial.backend")]
    names += [SOURCES[s] for s in config.strings("cti.sources") if s in SOURCES]
    return [system(n) for n in dict.fromkeys(names) if n in SYSTEMS]


def is_set_up(config: config_mod.Config) -> bool:
    """A phone is configured (not the state out of the box)."""
    try:
        return system(config.text("dial.backend")).is_set_up(config)
    except UnknownSystemError:
        return False
