"""FreeSWITCH's settings: [backends.freeswitch]; the event socket password in the keyring.

The settings dialog, config.toml and ``desktop-client secret`` find them through the
registry (``phones/__init__.py``); the system reads them with ``config.text(ADDRESS)`` ….
"""

from __future__ import annotations

from desktop_client.core.config import N_, Schema, Secret, Setting
from desktop_client.phones import PhoneSettings

ADDRESS = Setting(
    "backends.freeswitch", "address", "127.0.0.1:8021",
    N_("FreeSWITCH event socket address"))
ENDPOINT = Setting(
    "backends.freeswitch", "endpoint", "user/1001", N_("Your endpoint"),
    N_("Rung first when you dial, e.g. user/1001."))
EXTENSION = Setting(
    "backends.freeswitch", "extension", "1001", N_("Your extension"),
    N_("Incoming calls to this number open the caller card."))
CONTEXT = Setting(
    "backends.freeswitch", "context", "default", N_("FreeSWITCH dial plan context"))
PASSWORD = Secret("backends.freeswitch", "password", N_("Event socket password"))

SETTINGS = PhoneSettings(
    N_("FreeSWITCH"),
    Schema(
        (ADDRESS, ENDPOINT, EXTENSION, CONTEXT),
        (PASSWORD,),
        {"backends.freeswitch": N_("FreeSWITCH")}),
    source="freeswitch", source_label=N_("FreeSWITCH"),
)
