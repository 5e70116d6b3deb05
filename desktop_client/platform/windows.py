"""Windows: the URL-handler ProgID, Capabilities and RegisteredApplications under HKCU.

Windows lets the user, not the app, choose the default handler: after registering we open the
Default Apps settings page. Everything goes through the small :class:`Registry` interface, so
the layout is tested on any system with :class:`MemoryRegistry`.
"""

from __future__ import annotations

import contextlib
import ctypes
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
USER_CHOICE = r"Software\Microsoft\Windows\Shell\Associations\UrlAssociations\{}\UserChoice"


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


class Associations(Protocol):
    """Which ProgID Windows opens a URL scheme with."""

    def current_default(self, scheme: str) -> str | None:
        """IApplicationAssociationRegistration::QueryCurrentDefault (AL_EFFECTIVE)."""
        ...


def current_handler(registry: Registry, associations: Associations | None,
                    scheme: str) -> str | None:
    """The ProgID that opens ``scheme:`` links: what the shell says, else the UserChoice."""
    if associations is not None:
        try:
            progid = associations.current_default(scheme)
        except OSError:  # no association (an HRESULT error), or COM unavailable
            progid = None
        if progid:
            return progid
    return registry.get(USER_CHOICE.format(scheme), "ProgId")


def handler_is_us(registry: Registry, associations: Associations | None, scheme: str,
                  program: str) -> bool:
    """True if Windows opens ``scheme:`` links with this app (a hand-off loop).

    Ours is our ProgID, or any ProgID whose open command runs our ``program``.
    """
    progid = current_handler(registry, associations, scheme)
    if not progid:
        return False
    if progid == PROG_ID:
        return True
    command = registry.get(rf"{CLASSES}\{progid}\shell\open\command", "") or ""
    return bool(program) and program.lower() in command.lower()


def doctor(registry: Registry, schemes: Sequence[str] = SCHEMES,
           associations: Associations | None = None) -> list[HandlerReport]:
    """Which ProgID opens each scheme, and whether it is ours."""
    reports = []
    for scheme in schemes:
        choice = current_handler(registry, associations, scheme) or "(none)"
        registered = registry.get(CAPABILITIES + r"\URLAssociations", scheme) == PROG_ID
        detail = "" if registered else "not registered; run 'desktop-client register'"
        if registered and choice != PROG_ID:
            detail = "registered, but not chosen as default in Settings > Default apps"
        reports.append(HandlerReport(scheme, choice, choice == PROG_ID, detail))
    return reports


class _Guid(ctypes.Structure):
    _fields_ = [("Data1", ctypes.c_uint32), ("Data2", ctypes.c_uint16),
                ("Data3", ctypes.c_uint16), ("Data4", ctypes.c_ubyte * 8)]


class ShellAssociations:  # pragma: no cover - needs Windows
    """:class:`Associations` through the shell's COM object (ctypes)."""

    CLSID = "{591209C7-767B-42B2-9FBA-44EE4615F2C7}"  # ApplicationAssociationRegistration
    IID = "{4E530B0A-E611-4C77-A3AC-9031D022281B}"  # IApplicationAssociationRegistration
    AT_URLPROTOCOL = 1
    AL_EFFECTIVE = 1
    CLSCTX_INPROC_SERVER = 1
    COINIT_APARTMENTTHREADED = 2

    def __init__(self) -> None:
        # typeshed declares OleDLL, WINFUNCTYPE and HRESULT on Windows only.
        self._ctypes: Any = ctypes
        self._ole32: Any = self._ctypes.OleDLL("ole32")  # raises OSError on a failed HRESULT
        # CoTaskMemFree returns nothing: through OleDLL its garbage return would be read as
        # an HRESULT and could raise.
        self._free: Any = self._ctypes.WinDLL("ole32").CoTaskMemFree
        self._free.argtypes = [ctypes.c_void_p]
        self._free.restype = None

    def current_default(self, scheme: str) -> str | None:
        """QueryCurrentDefault(scheme, AT_URLPROTOCOL, AL_EFFECTIVE)."""
        c, ole = self._ctypes, self._ole32
        # OSError when COM is up already in another mode (Qt's thread): fine.
        with contextlib.suppress(OSError):
            ole.CoInitializeEx(None, self.COINIT_APARTMENTTHREADED)
        clsid, iid, instance = _Guid(), _Guid(), c.c_void_p()
        ole.CLSIDFromString(self.CLSID, c.byref(clsid))
        ole.IIDFromString(self.IID, c.byref(iid))
        ole.CoCreateInstance(c.byref(clsid), None, self.CLSCTX_INPROC_SERVER, c.byref(iid),
                             c.byref(instance))
        table = c.cast(instance, c.POINTER(c.POINTER(c.c_void_p))).contents
        release = c.WINFUNCTYPE(c.c_ulong, c.c_void_p)(table[2])
        query = c.WINFUNCTYPE(c.HRESULT, c.c_void_p, c.c_wchar_p, c.c_int, c.c_int,
                              c.POINTER(c.c_wchar_p))(table[3])
        result = c.c_wchar_p()
        try:
            query(instance, scheme, self.AT_URLPROTOCOL, self.AL_EFFECTIVE, c.byref(result))
            value: str | None = result.value
            self._free(c.cast(result, c.c_void_p))
            return value
        finally:
            release(instance)


def set_autostart(registry: Registry, command: Sequence[str], enabled: bool) -> None:
    """Start the tray app at login (or not)."""
    if enabled:
        registry.set(RUN_KEY, APP_NAME, " ".join(f'"{p}"' for p in command) + " run")
    else:
        registry.delete(RUN_KEY, APP_NAME)
