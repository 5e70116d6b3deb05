"""Asterisk's settings: [backends.ami]; the manager secret in the keyring.

The settings dialog, config.toml and ``desktop-client secret`` find them through the
registry (``phones/__init__.py``); the system reads them with ``config.text(ADDRESS)`` ….
"""

from __future__ import annotations

from desktop_client.core.config import N_, Schema, Secret, Setting
from desktop_client.phones import PhoneSettings

ADDRESS = Setting(
    "backends.ami", "address", "pbx.example.com:5038", N_("Asterisk manager address"))
USERNAME = Setting(
    "backends.ami", "username", "desktop-client", N_("Asterisk manager user"))
CHANNEL = Setting(
    "backends.ami", "channel", "PJSIP/101", N_("Your phone's channel"),
    N_("The device Asterisk rings first when you dial, e.g. PJSIP/101."))
CONTEXT = Setting(
    "backends.ami", "context", "from-internal", N_("Dial plan context"))
CALLER_ID = Setting(
    "backends.ami", "caller_id", "", N_("Caller ID for your calls"))
SECRET = Secret("backends.ami", "secret", N_("Manager secret"))

SETTINGS = PhoneSettings(
    N_("Asterisk (AMI)"),
    Schema(
        (ADDRESS, USERNAME, CHANNEL, CONTEXT, CALLER_ID),
        (SECRET,),
        {"backends.ami": N_("Asterisk (AMI)")}),
    source="ami", source_label=N_("Asterisk (AMI)"),
)
