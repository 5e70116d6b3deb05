"""linphone's settings: [backends.linphone].

The settings dialog, config.toml and ``desktop-client secret`` find them through the
registry (``phones/__init__.py``); the system reads them with ``config.text(ADDRESS)`` ….
"""

from __future__ import annotations

from desktop_client.core.config import N_, Schema, Setting
from desktop_client.phones import PhoneSettings

SOCKET = Setting(
    "backends.linphone", "socket", "/tmp/linphone",  # noqa: S108 - where the daemon puts it
    N_("linphone-daemon socket"),
    N_("Start the daemon with --pipe linphone for /tmp/linphone."))
PROXY = Setting(
    "backends.linphone", "proxy", "sip.example.com", N_("SIP domain for calls"),
    N_("Numbers are dialled as sip:<number>@<this>."))

SETTINGS = PhoneSettings(
    N_("linphone (linphone-daemon)"),
    Schema(
        (SOCKET, PROXY),
        titles={"backends.linphone": N_("linphone")}),
    source="linphone", source_label=N_("linphone"),
)
