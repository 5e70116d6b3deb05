"""The FRITZ!Box's settings: [backends.fritzbox] for dialling, [cti.fritzbox] for its call
monitor; the box password in the keyring.

The settings dialog, config.toml and ``desktop-client secret`` find them through the
registry (``phones/__init__.py``); the system reads them with ``config.text(ADDRESS)`` ….
"""

from __future__ import annotations

from desktop_client.core.config import N_, Schema, Secret, Setting
from desktop_client.phones import PhoneSettings

ADDRESS = Setting(
    "backends.fritzbox", "address", "https://fritz.box:49443", N_("FRITZ!Box address"),
    N_("TR-064: https://fritz.box:49443 or http://fritz.box:49000; switch on the "
       "dialling aid in the box."))
USERNAME = Setting(
    "backends.fritzbox", "username", "", N_("FRITZ!Box user"))
VERIFY_TLS = Setting(
    "backends.fritzbox", "verify_tls", False, N_("Check the box's certificate"),
    N_("The box's own certificate is self-signed; switch on if you installed one."))
MONITOR_ADDRESS = Setting(
    "cti.fritzbox", "address", "fritz.box:1012", N_("FRITZ!Box call monitor"),
    N_("host:port of the call monitor; switch it on by dialling #96*5* on a phone "
       "of the box."))
PASSWORD = Secret("backends.fritzbox", "password", N_("FRITZ!Box password"))

SETTINGS = PhoneSettings(
    N_("FRITZ!Box"),
    Schema(
        (ADDRESS, USERNAME, VERIFY_TLS, MONITOR_ADDRESS),
        (PASSWORD,),
        {"backends.fritzbox": N_("FRITZ!Box dialling"), "cti.fritzbox": N_("FRITZ!Box")}),
    source="fritzbox", source_label=N_("FRITZ!Box call monitor"),
)
