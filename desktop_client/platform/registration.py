"""register / unregister / doctor for the system this runs on."""

from __future__ import annotations

import sys
from pathlib import Path

from desktop_client.platform import SCHEMES, HandlerReport, launcher


def register(profile_dir: Path | None, *, with_sip: bool = False) -> str:
    """Make this app the handler of tel: and callto: (and sip: if asked); say what was done."""
    schemes = (*SCHEMES, "sip") if with_sip else SCHEMES
    command = launcher(profile_dir)
    if sys.platform.startswith("linux") or sys.platform.startswith("freebsd"):
        from desktop_client.platform import linux  # noqa: PLC0415

        path = linux.register(command, schemes)
        return f"registered {path} for {', '.join(s + ':' for s in schemes)}"
    if sys.platform == "win32":  # pragma: no cover - Windows only
        from desktop_client.platform import windows  # noqa: PLC0415

        windows.register(windows.WinRegistry(), command, schemes)
        return ("registered; choose 'Telephony Client' for TEL and CALLTO in the Default "
                "apps settings that just opened")
    if sys.platform == "darwin":  # pragma: no cover - macOS only
        return ("on macOS the app bundle declares tel: and callto: (packaging/macos); choose it "
                "as the default in FaceTime > Settings > Default for calls")
    raise RuntimeError(f"registration is not supported on {sys.platform}")


def unregister() -> str:
    """Undo :func:`register`."""
    if sys.platform.startswith("linux") or sys.platform.startswith("freebsd"):
        from desktop_client.platform import linux  # noqa: PLC0415

        removed = linux.unregister()
        return "removed " + ", ".join(removed) if removed else "nothing was registered"
    if sys.platform == "win32":  # pragma: no cover - Windows only
        from desktop_client.platform import windows  # noqa: PLC0415

        windows.unregister(windows.WinRegistry())
        return "unregistered"
    raise RuntimeError(f"unregistering is not supported on {sys.platform}")


def doctor() -> list[HandlerReport]:
    """Which application handles tel:, callto: and sip:, and whether it is us."""
    if sys.platform.startswith("linux") or sys.platform.startswith("freebsd"):
        from desktop_client.platform import linux  # noqa: PLC0415

        return linux.doctor()
    if sys.platform == "win32":  # pragma: no cover - Windows only
        from desktop_client.platform import windows  # noqa: PLC0415

        return windows.doctor(windows.WinRegistry())
    return []


def set_autostart(profile_dir: Path | None, enabled: bool) -> None:
    """Start the tray app at login (or not) on this system."""
    command = launcher(profile_dir)
    if sys.platform.startswith("linux"):
        from desktop_client.platform import linux  # noqa: PLC0415

        linux.set_autostart(command, enabled)
    elif sys.platform == "win32":  # pragma: no cover - Windows only
        from desktop_client.platform import windows  # noqa: PLC0415

        windows.set_autostart(windows.WinRegistry(), command, enabled)


def handler_is_us(scheme: str) -> bool:
    """True if the system would open ``scheme:`` links with this app (a hand-off loop).

    Known on Linux (xdg-mime); elsewhere the OS's choice cannot be read, and False is assumed.
    """
    if sys.platform.startswith("linux") or sys.platform.startswith("freebsd"):
        from desktop_client.platform import linux  # noqa: PLC0415

        return linux.handler_is_us(scheme)
    return False
