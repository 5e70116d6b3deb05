"""What the widgets are given: previews, searches and lists built from the core.

The widgets never touch SQL: the composition root hands them these functions, bound to the
user's settings, directory and journal.
"""

from __future__ import annotations

from collections.abc import Callable

from desktop_client import wiring
from desktop_client.core import config as config_mod
from desktop_client.core.directory import Directory
from desktop_client.core.numbers import Location, NumberKind
from desktop_client.core.profile import Profile
from desktop_client.core.secrets import SecretStore
from desktop_client.ui.dial_dialog import ContactHit, DialDialog, Preview
from desktop_client.ui.texts import channel_label, message_text, type_label


def preview(text: str, config: config_mod.Config,
            directory: Callable[[], Directory]) -> Preview:
    """The dial dialog's live preview: the number as it will be dialled, its type, who."""
    number, error = wiring.describe_number(text, config.location())
    if number is None:
        return Preview(False, message_text(error.message) if error else "")
    parts = [number.international, type_label(number.type)]
    if number.kind != NumberKind.SHORT:
        name = wiring.contact_names(directory(), config)(number)
        if name:
            parts.append(name)
    return Preview(True, " · ".join(parts))


def search(text: str, directory: Directory) -> list[ContactHit]:
    """The dial dialog's name search."""
    hits = []
    for address, channel in directory.search(text, 20):
        company = f", {address.company}" if address.kind == "person" and address.company \
            else ""
        number = channel.normalized.canonical or channel.raw
        hits.append(ContactHit(
            f"{address.display_name}{company} ({channel_label(channel.kind)})", number))
    return hits


#: Clipboard text longer than this is not searched for a number (a whole document).
CLIPBOARD_SEARCH_CHARS = 2000


def clipboard_number(text: str, config: config_mod.Config) -> tuple[str, str] | None:
    """The number the clipboard holds: in display form, and the text to dial. A number in a
    sentence ("Rufen Sie mich an: 061 555 12 34, ab 14 Uhr") counts when it is the only one,
    found as the selection shortcut finds numbers; else None."""
    if len(text) <= 64 and DialDialog.looks_like_number(text):
        number, _error = wiring.describe_number(text, config.location())
        if number is not None:
            return number.international, text
    if len(text) > CLIPBOARD_SEARCH_CHARS:
        return None
    from desktop_client.core.text_numbers import find_numbers  # noqa: PLC0415

    found = find_numbers(text, config.location(), limit=2)
    return (found[0].international, found[0].raw) if len(found) == 1 else None


def normalize_run(profile: Profile,
                  location: Location) -> Callable[[Callable[[int, int], None]],
                                                  tuple[int, int, int, int, str]]:
    """The batch run for the progress dialog; it opens its own connection (a worker thread)."""
    from desktop_client.core.normalize_run import normalize_directory  # noqa: PLC0415

    def run(progress: Callable[[int, int], None]) -> tuple[int, int, int, int, str]:
        with Directory(profile.database_file) as directory:
            summary = normalize_directory(directory, location, progress=progress)
        return (summary.checked, summary.normalized, summary.changed, summary.failed,
                str(profile.log_file))

    return run



def test_directory_servers(config: config_mod.Config, typed: dict[str, str],
                           store: SecretStore) -> str:
    """The Directory page's Test button: each configured server connected, counted, one
    entry named; typed passwords are used before the stored ones (nothing is saved)."""
    from PySide6.QtCore import QCoreApplication  # noqa: PLC0415

    from desktop_client.core.calls import clean_text  # noqa: PLC0415
    from desktop_client.directories.base import SourceError  # noqa: PLC0415
    from desktop_client.directories.build import build_source  # noqa: PLC0415

    def tr(text: str) -> str:
        return QCoreApplication.translate("Settings", text)

    names = config.strings("directory.sources")
    if not names:
        return tr("No directory servers are chosen above.")

    def secret(key: str) -> str | None:
        return typed.get(key) or store.get(key)

    lines = []
    timeout_s = max(5.0, config.number("directory.live_deadline_ms") / 1000)
    for name in names:
        try:
            result = build_source(name, config, secret).test(timeout_s)
        except SourceError as error:
            lines.append(tr("%1: failed: %2").replace("%1", name).replace("%2", str(error)))
            continue
        line = tr("%1: %2 entries").replace("%1", name).replace("%2", str(result.entries))
        if result.example:  # from the server: cleaned like every stored name
            line += " · " + tr("for example %1").replace("%1", clean_text(result.example, 200))
        lines.append(line)
    return "\n".join(lines)
