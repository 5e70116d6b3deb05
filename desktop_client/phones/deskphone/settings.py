"""The desk phones' settings: [backends.deskphone] for dialling, [cti.action_url] for the
action URLs they report calls to; the phone password and the URLs' token in the keyring.

The settings dialog, config.toml and ``desktop-client secret`` find them through the
registry (``phones/__init__.py``); the system reads them with ``config.text(ADDRESS)`` ….
"""

from __future__ import annotations

from desktop_client.core.config import N_, Schema, Secret, Setting
from desktop_client.phones import PhoneSettings

VENDOR = Setting(
    "backends.deskphone", "vendor", "snom", N_("Desk phone"),
    choices=("snom", "yealink", "grandstream", "custom"),
    choice_labels=("Snom", "Yealink", "Grandstream",
                   N_("Another phone (URL template)")))
ADDRESS = Setting(
    "backends.deskphone", "address", "https://192.0.2.10", N_("Phone address"),
    N_("http(s)://host of the phone; its password is kept in the keyring."))
USERNAME = Setting(
    "backends.deskphone", "username", "admin", N_("Phone user name"))
URL_TEMPLATE = Setting(
    "backends.deskphone", "url_template", "", N_("Custom dial URL"),
    N_("For vendor custom: {base}/…{number}…"))
VERIFY_TLS = Setting(
    "backends.deskphone", "verify_tls", True, N_("Check the phone's certificate"))
ACTION_URL_LISTEN = Setting(
    "cti.action_url", "listen", "127.0.0.1", N_("Action URL address"),
    N_("127.0.0.1 for this PC only; 0.0.0.0 to let desk phones in the LAN reach it."))
ACTION_URL_PORT = Setting(
    "cti.action_url", "port", 8765, N_("Action URL port"), minimum=1)
PASSWORD = Secret("backends.deskphone", "password", N_("Desk phone password"))
TOKEN = Secret("cti.action_url", "token", N_("Action URL token"), field=False)
#: Above the action URLs on the Incoming calls page of the settings.
SETUP_TITLE = N_("Action URLs to paste into the desk phone:")

SETTINGS = PhoneSettings(
    N_("Desk phone (Snom, Yealink, Grandstream)"),
    Schema(
        (VENDOR, ADDRESS, USERNAME, URL_TEMPLATE, VERIFY_TLS, ACTION_URL_LISTEN, ACTION_URL_PORT),
        (PASSWORD, TOKEN),
        {"backends.deskphone": N_("Desk phone"), "cti.action_url": N_("Desk-phone action URLs")}),
    source="action_url", source_label=N_("Desk-phone action URLs"),
)
