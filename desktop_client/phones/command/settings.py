"""A softphone program's settings: [backends.command].

The settings dialog, config.toml and ``desktop-client secret`` find them through the
registry (``phones/__init__.py``); the system reads them with ``config.text(ADDRESS)`` ….
"""

from __future__ import annotations

from desktop_client.core.config import N_, Schema, Setting
from desktop_client.phones import PhoneSettings

PRESET = Setting(
    "backends.command", "preset", "", N_("Softphone"),
    N_("A known softphone, or empty to use the program line below."),
    choices=("", "microsip", "zoiper", "linphone", "twinkle", "jitsi"),
    choice_labels=(N_("Another program (below)"), "MicroSIP", "Zoiper",
                   N_("Linphone (linphonecsh)"), "Twinkle", "Jitsi"))
ARGV = Setting(
    "backends.command", "argv", (), N_("Program and arguments"),
    N_("One item per argument; {number} is replaced by the number."))
GRACE_S = Setting(
    "backends.command", "grace_s", 2, N_("Wait for the program to fail (seconds)"),
    N_("A program that exits with an error within this time has not placed the "
       "call."), maximum=30)

SETTINGS = PhoneSettings(
    N_("A softphone program"),
    Schema(
        (PRESET, ARGV, GRACE_S),
        titles={"backends.command": N_("Softphone program")}),
)
