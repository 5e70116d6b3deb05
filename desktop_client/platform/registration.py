"""register / unregister / doctor / autostart for the system this runs on.

The OS objects are built by :func:`windows_system` and :func:`macos_services`, which tests
replace with fakes of the registry, the shell's associations and Launch Services.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_client.platform import SCHEMES, HandlerReport, launcher

if TYPE_CHECKING:
    from desktop_client.platform import macos, windows

log = logging.getLogger("desktop_client.platform")


def _linux() -> bool:
    return sys.platform.startswith("linux") or sys.platform.startswith("freebsd")


def windows_system() -> tuple[windows.Registry, windows.Associations | None]:
    """HKEY_CURRENT_USER and the shell's association query."""
    from desktop_client.platform import windows  # noqa: PLC0415

    try:
        associations: windows.Associations | None = windows.ShellAssociations()
    except OSError:
        associations = None
    return windows.WinRegistry(), associations


def macos_services() -> macos.LaunchServices:
    """NSWorkspace and NSBundle."""
    from desktop_client.platform import macos  # noqa: PLC0415

    return macos.AppKitLaunchServices()


def register(profile_dir: Path | None, *, with_sip: bool = False) -> str:
    """Make this app the handler of tel: and callto: (and sip: if asked); say what was done."""
    schemes = (*SCHEMES, "sip") if with_sip else SCHEMES
    command = launcher(profile_dir)
    if _linux():
        from desktop_client.platform import linux  # noqa: PLC0415

        path = linux.register(command, schemes)
        return f"registered {path} for {', '.join(s + ':' for s in schemes)}"
    if sys.platform == "win32":
        from desktop_client.platform import windows  # noqa: PLC0415

        registry, _ = windows_system()
        windows.register(registry, command, schemes)
        return ("registered; choose 'Telephony Client' for TEL and CALLTO in the Default "
                "apps settings that just opened")
    if sys.platform == "darwin":
        from desktop_client.platform import macos  # noqa: PLC0415

        return macos.register(macos_services(), command[0], schemes)
    raise RuntimeError(f"registration is not supported on {sys.platform}")


def unregister() -> str:
    """Undo :func:`register` (as far as the system allows)."""
    if _linux():
        from desktop_client.platform import linux  # noqa: PLC0415

        removed = linux.unregister()
        return "removed " + ", ".join(removed) if removed else "nothing was registered"
    if sys.platform == "win32":
        from desktop_client.platform import windows  # noqa: PLC0415

        registry, _ = windows_system()
        windows.unregister(registry)
        return "unregistered"
    if sys.platform == "darwin":
        from desktop_client.platform import macos  # noqa: PLC0415

        return macos.unregister(macos_services(), launcher(None)[0])
    raise RuntimeError(f"unregistering is not supported on {sys.platform}")


def doctor() -> list[HandlerReport]:
    """Which application handles tel:, callto: and sip:, and whether it is us."""
    if _linux():
        from desktop_client.platform import linux  # noqa: PLC0415

        return linux.doctor()
    if sys.platform == "win32":
        from desktop_client.platform import windows  # noqa: PLC0415

        registry, associations = windows_system()
        return windows.doctor(registry, associations=associations)
    if sys.platform == "darwin":
        from desktop_client.platform import macos  # noqa: PLC0415

        return macos.doctor(macos_services(), launcher(None)[0])
    return []


def set_autostart(profile_dir: Path | None, enabled: bool) -> None:
    """Start the tray app at login (or not) on this system."""
    command = launcher(profile_dir)
    if _linux():
        from desktop_client.platform import linux  # noqa: PLC0415

        linux.set_autostart(command, enabled)
    elif sys.platform == "win32":
        from desktop_client.platform import windows  # noqa: PLC0415

        registry, _ = windows_system()
        windows.set_autostart(registry, command, enabled)
    elif sys.platform == "darwin":
        from desktop_client.platform import macos  # noqa: PLC0415

        macos.set_autostart(command, enabled)


def handler_is_us(scheme: str) -> bool:
    """True if the system would open ``scheme:`` links with this app (a hand-off loop).

    Asked of xdg-mime on Linux, of the shell's associations on Windows and of Launch
    Services on macOS; when the system cannot tell, False (and the log says why).
    """
    program = launcher(None)[0]
    try:
        if _linux():
            from desktop_client.platform import linux  # noqa: PLC0415

            return linux.handler_is_us(scheme)
        if sys.platform == "win32":
            from desktop_client.platform import windows  # noqa: PLC0415

            registry, associations = windows_system()
            return windows.handler_is_us(registry, associations, scheme, program)
        if sys.platform == "darwin":
            from desktop_client.platform import macos  # noqa: PLC0415

            return macos.handler_is_us(macos_services(), scheme, program)
    except OSError as error:
        log.warning("cannot tell which app opens %s: links: %s", scheme, error)
    return False
