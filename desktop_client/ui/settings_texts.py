"""The words of the Settings dialog that come from data: page and section titles, labels of
choices, of call sources and of secrets. Marked with N_ and translated where shown
(packaging/translations.py collects them, as lupdate cannot see data)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop_client.core.config import N_

PAGE_TITLES = {
    "general": N_("General"), "dialling": N_("Dialling"), "incoming": N_("Incoming calls"),
    "directory": N_("Directory"), "journal": N_("Call journal"),
}
SECTION_TITLES = {
    "location": N_("Location"), "directory": N_("Directory"), "dial": N_("Dialling"),
    "backends.command": N_("Softphone program"), "backends.baresip": N_("baresip"),
    "backends.handoff": N_("Hand-over"), "cti": N_("Incoming calls"),
    "cti.action_url": N_("Desk-phone action URLs"), "cti.fritzbox": N_("FRITZ!Box"),
    "backends.deskphone": N_("Desk phone"), "backends.ami": N_("Asterisk (AMI)"),
    "backends.fritzbox": N_("FRITZ!Box dialling"), "backends.freeswitch": N_("FreeSWITCH"),
    "backends.linphone": N_("linphone"), "popup": N_("Caller pop-up"),
    "journal": N_("Call journal"), "ui": N_("Appearance"), "app": N_("Start"),
    "directory.ldap": N_("LDAP / Active Directory"),
    "directory.carddav": N_("CardDAV address book"), "directory.http": N_("CRM over HTTP"),
    "directory.vertec": N_("Vertec"),
}
CHOICE_LABELS = {
    ("dial.backend", "command"): N_("A softphone program"),
    ("dial.backend", "baresip"): N_("baresip (ctrl_tcp)"),
    ("dial.backend", "handoff"): N_("The system's sip: or callto: handler"),
    ("dial.backend", "deskphone"): N_("Desk phone (Snom, Yealink, Grandstream)"),
    ("dial.backend", "ami"): N_("Asterisk (AMI)"),
    ("dial.backend", "fritzbox"): N_("FRITZ!Box"),
    ("dial.backend", "freeswitch"): N_("FreeSWITCH"),
    ("dial.backend", "linphone"): N_("linphone (linphone-daemon)"),
    ("dial.confirm", "risky"): N_("Only for risky numbers"),
    ("dial.confirm", "external"): N_("For every request from another program"),
    ("dial.confirm", "always"): N_("Always"),
    ("popup.style", "auto"): N_("Automatic"),
    ("popup.style", "cards"): N_("Cards next to the tray icon"),
    ("popup.style", "native"): N_("The desktop's notifications"),
    ("popup.style", "both"): N_("Both"),
    ("dial.number_format", "e164"): N_("International (+41446681800)"),
    ("dial.number_format", "national"): N_("National (0446681800)"),
    ("dial.number_format", "international_00"): N_("International with 00 (0041446681800)"),
    ("backends.command.preset", ""): N_("Another program (below)"),
    ("backends.command.preset", "microsip"): N_("MicroSIP"),
    ("backends.command.preset", "zoiper"): N_("Zoiper"),
    ("backends.command.preset", "linphone"): N_("Linphone (linphonecsh)"),
    ("backends.command.preset", "twinkle"): N_("Twinkle"),
    ("backends.command.preset", "jitsi"): N_("Jitsi"),
    ("backends.handoff.scheme", "sip"): N_("as sip: links"),
    ("backends.handoff.scheme", "callto"): N_("as callto: links"),
    ("backends.deskphone.vendor", "snom"): N_("Snom"),
    ("backends.deskphone.vendor", "yealink"): N_("Yealink"),
    ("backends.deskphone.vendor", "grandstream"): N_("Grandstream"),
    ("backends.deskphone.vendor", "custom"): N_("Another phone (URL template)"),
    ("directory.http.number_format", "e164"): N_("International (+41446681800)"),
    ("directory.http.number_format", "national"): N_("National (044 668 18 00)"),
    ("directory.http.number_format", "digits"): N_("Digits only (41446681800)"),
    ("ui.language", "auto"): N_("As the system"),
    ("ui.language", "de"): N_("Deutsch"),
    ("ui.language", "en"): N_("English"),
}
SOURCE_CHOICES = (
    ("baresip", N_("baresip")),
    ("linphone", N_("linphone")),
    ("ami", N_("Asterisk (AMI)")),
    ("freeswitch", N_("FreeSWITCH")),
    ("fritzbox", N_("FRITZ!Box call monitor")),
    ("action_url", N_("Desk-phone action URLs")),
)
DIRECTORY_SOURCE_CHOICES = (
    ("vertec", N_("Vertec")),
    ("ldap", N_("LDAP / Active Directory")),
    ("carddav", N_("CardDAV address book")),
    ("http", N_("CRM over HTTP")),
)
#: core.secrets' reasons, shown in the user's language.
KEYRING_PROBLEMS = (
    N_("no keyring service was found (install and unlock GNOME Keyring, KWallet or "
       "KeePassXC's Secret Service)"),
    N_("the keyring is switched off (null backend): secrets would be thrown away"),
    N_("the keyring backend stores secrets in a plain text file; choose a secure keyring"),
    N_("the keyring backend asks for a password on the terminal, which a tray app does not "
       "have"),
    N_("no keyring service was found"),
)


def translated(text: str) -> str:
    """A schema or data text in the user's language."""
    return QCoreApplication.translate("Settings", text) if text else ""


def choice_label(setting: str, value: str) -> str:
    """How a choice is shown."""
    label = CHOICE_LABELS.get((setting, value))
    return translated(label) if label else value


def secret_fields(prefix: str) -> list[tuple[str, str, str]]:
    """(section, keyring key, label in the user's language) of the secret fields in the
    sections whose name starts with ``prefix``, in the schema's order."""
    from desktop_client.core.config import SECRET_SCHEMA  # noqa: PLC0415

    return [(s.section, s.name, translated(s.label)) for s in SECRET_SCHEMA
            if s.field and s.section.startswith(prefix)]


def preset_command(name: str) -> str:
    """The command line a softphone preset runs, with <number> where the number goes."""
    from desktop_client.phones.command.dial import PRESETS  # noqa: PLC0415

    return " ".join(PRESETS[name]).replace("{number}", "<number>").replace("{e164}",
                                                                           "<+number>")


def all_texts() -> list[str]:
    """Every text of this module, for the translation files."""
    return [*PAGE_TITLES.values(), *SECTION_TITLES.values(), *CHOICE_LABELS.values(),
            *(label for _source, label in SOURCE_CHOICES),
            *(label for _source, label in DIRECTORY_SOURCE_CHOICES),
            *KEYRING_PROBLEMS]
