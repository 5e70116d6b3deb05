"""The words of the Settings dialog that come from data, translated where shown: page
titles and the keyring's reasons here; section titles, labels of choices and of secrets in
the schema (core/core_settings.py and each phone system's settings module).
packaging/translations.py collects them, as lupdate cannot see data."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop_client.core.config import N_, Schema, Setting

PAGE_TITLES = {
    "general": N_("General"), "dialling": N_("Dialling"), "incoming": N_("Incoming calls"),
    "directory": N_("Directory"), "journal": N_("Call journal"),
}
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


def choice_label(setting: Setting, value: str) -> str:
    """How a choice is shown."""
    return translated(setting.choice_label(value))


def section_title(schema: Schema, section: str) -> str:
    """A section's title in the user's language (its name if it has none)."""
    return translated(schema.titles.get(section, section))


def secret_fields(schema: Schema, prefix: str) -> list[tuple[str, str, str]]:
    """(section, keyring key, label in the user's language) of the secret fields in the
    sections whose name starts with ``prefix``, in the schema's order."""
    return [(s.section, s.name, translated(s.label)) for s in schema.secrets
            if s.field and s.section.startswith(prefix)]


def preset_command(name: str) -> str:
    """The command line a softphone preset runs, with <number> where the number goes."""
    from desktop_client.phones.command.dial import PRESETS  # noqa: PLC0415

    return " ".join(PRESETS[name]).replace("{number}", "<number>").replace("{e164}",
                                                                           "<+number>")


def all_texts() -> list[str]:
    """Every text of this module, for the translation files."""
    return [*PAGE_TITLES.values(), *KEYRING_PROBLEMS]
