"""The hand-over's settings: [backends.handoff].

The settings dialog, config.toml and ``desktop-client secret`` find them through the
registry (``phones/__init__.py``); the system reads them with ``config.text(ADDRESS)`` ….
"""

from __future__ import annotations

from desktop_client.core.config import N_, Schema, Setting
from desktop_client.phones import PhoneSettings

SCHEME = Setting(
    "backends.handoff", "scheme", "sip", N_("Hand calls over as"),
    choices=("sip", "callto"),
    choice_labels=(N_("as sip: links"), N_("as callto: links")))

SETTINGS = PhoneSettings(
    N_("The system's sip: or callto: handler"),
    Schema(
        (SCHEME,),
        titles={"backends.handoff": N_("Hand-over")}),
)
