"""baresip's settings: [backends.baresip].

The settings dialog, config.toml and ``desktop-client secret`` find them through the
registry (``phones/__init__.py``); the system reads them with ``config.text(ADDRESS)`` ….
"""

from __future__ import annotations

from desktop_client.core.config import N_, Schema, Setting
from desktop_client.phones import PhoneSettings

ADDRESS = Setting(
    "backends.baresip", "address", "127.0.0.1:4444", N_("baresip ctrl_tcp address"))

SETTINGS = PhoneSettings(
    N_("baresip (ctrl_tcp)"),
    Schema(
        (ADDRESS,),
        titles={"backends.baresip": N_("baresip")}),
    source="baresip", source_label=N_("baresip"),
)
