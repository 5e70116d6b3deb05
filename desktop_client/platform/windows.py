"""Windows: the URL-handler ProgID, Capabilities and RegisteredApplications under HKCU.

Windows lets the user, not the app, choose the default handler: after registering we open the
Default Apps settings page. Everything goes through the small :class:`Registry` interface, so
the layout is tested on any system with :class:`MemoryRegistry`.
"""

from __future__ import annotations

import importlib
import subprocess
from collections.abc import Sequence
from typing import Any, Protocol

from desktop_client.platform import SCHEMES, HandlerReport

PROG_ID = "DesktopClient.Url"
APP_NAME = "Telephony Client"
CLASSES = r"Software\Classes"
APP_KEY = r"Software\DesktopClient"
CAPABILITIES = APP_KEY + r"\Capabilities"
REGISTERED = r"Software\RegisteredApplications"
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
#: Our page of Settings > Default apps (Windows 11 with the 2023-04 update and later; older
#: systems show the list): registeredAppUser names our RegisteredApplications value.
DEFAULT_APPS_URI = "ms-settings:defaultapps?registeredAppUser=Telephony%20Client"


class Registry(Protocol):
    """The part of HKEY_CURRENT_USER we use."""

    def set(self, key: str, name: str, value: str) -> None:
        """Set a string value ("" is the key's default value)."""
        ...

    def get(self, key: str, name: str) -> str | None:
        """A string value, or None."""
        ...

    def delete(self, key: str, name: str | None = None) -> None:
        """Delete a value, or (name None) the key with all below it."""
        ...


class MemoryRegistry:
    """A registry in a dict, for tests and dry runs."""

    def __init__(self) -> None:
        self.values: dict[tuple[str, str], str] = {}

    def set(self, key: str, name: str, value: str) -> None:
        """Set a value."""
        self.values[(key.lower(), name)] = value

    def get(self, key: str, name: str) -> str | None:
        """Get a value."""
        return self.values.get((key.lower(), name))

    def delete(self, key: str, name: str | None = None) -> None:
        """Delete a value or a key tree."""
        low = key.lower()
        for k in list(self.values):
            if (name is None and (k[0] == low or k[0].startswith(low + "\\"))) or \
                    (k[0] == low and k[1] == name):
                del self.values[k]


def _winreg() -> Any:  # pragma: no cover - needs Windows
    # Imported by name: type checkers on other systems know winreg as empty.
    return importlib.import_module("winreg")


class WinRegistry:  # pragma: no cover - needs Windows
    """HKEY_CURRENT_USER through winreg."""

    def set(self, key: str, name: str, value: str) -> None:
        """Set a value."""
        winreg = _winreg()

        with winreg.CreateKey(winreg.HKEY_CURRENT_USER, key) as handle:
            winreg.SetValueEx(handle, name, 0, winreg.REG_SZ, value)

    def get(self, key: str, name: str) -> str | None:
        """Get a value."""
        winreg = _winreg()

        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, key) as handle:
                return str(winreg.QueryValueEx(handle, name)[0])
        except OSError:
            return None

    def delete(self, key: str, name: str | None = None) -> None:
        """Delete a value or a key tree."""
        winreg = _winreg()

        try:
            if name is None:
                winreg.DeleteTree(winreg.HKEY_CURRENT_USER, key)
            else:
                with winreg.OpenKey(winreg.HKEY_CURRENT_USER, key, 0,
                                    winreg.KEY_SET_VALUE) as handle:
                    winreg.DeleteValue(handle, name)
        except OSError:
            pass


def command_line(command: Sequence[str]) -> str:
    """The shell\\open\\command value: our program, the marker and the quoted URI."""
    quoted = " ".join(f'"{part}"' for part in command)
    return f'{quoted} --uri "%1"'


def register(registry: Registry, command: Sequence[str], schemes: Sequence[str] = SCHEMES,
             *, open_settings: bool = True) -> None:
    """Write the ProgID, the capabilities and the RegisteredApplications entry."""
    prog = rf"{CLASSES}\{PROG_ID}"
    registry.set(prog, "", f"{APP_NAME} link")
    registry.set(prog, "URL Protocol", "")
    registry.set(prog + r"\shell\open\command", "", command_line(command))
    registry.set(CAPABILITIES, "ApplicationName", APP_NAME)
    registry.set(CAPABILITIES, "ApplicationDescription",
                 "Dials tel: links with your softphone or phone system")
    for scheme in schemes:
        registry.set(CAPABILITIES + r"\URLAssociations", scheme, PROG_ID)
    registry.set(REGISTERED, APP_NAME, CAPABILITIES)
    if open_settings:  # pragma: no cover - Windows only
        subprocess.run(["explorer.exe", DEFAULT_APPS_URI], check=False)  # noqa: S607


def unregister(registry: Registry) -> None:
    """Remove everything :func:`register` wrote."""
    registry.delete(rf"{CLASSES}\{PROG_ID}")
    registry.delete(APP_KEY)
    registry.delete(REGISTERED, APP_NAME)


def doctor(registry: Registry, schemes: Sequence[str] = SCHEMES) -> list[HandlerReport]:
    """Which ProgID the user chose per scheme (UserChoice), and whether it is ours."""
    reports = []
    for scheme in schemes:
        choice = registry.get(
            rf"Software\Microsoft\Windows\Shell\Associations\UrlAssociations\{scheme}\UserChoice",
            "ProgId") or "(none)"
        registered = registry.get(CAPABILITIES + r"\URLAssociations", scheme) == PROG_ID
        detail = "" if registered else "not registered; run 'desktop-client register'"
        if registered and choice != PROG_ID:
            detail = "registered, but not chosen as default in Settings > Default apps"
        reports.append(HandlerReport(scheme, choice, choice == PROG_ID, detail))
    return reports


def set_autostart(registry: Registry, command: Sequence[str], enabled: bool) -> None:
    """Start the tray app at login (or not)."""
    if enabled:
        registry.set(RUN_KEY, APP_NAME, " ".join(f'"{p}"' for p in command) + " run")
    else:
        registry.delete(RUN_KEY, APP_NAME)
