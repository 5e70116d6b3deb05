"""Linux (freedesktop): a .desktop file, xdg-mime for the default handler, XDG autostart."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

from desktop_client.platform import APP_ID, SCHEMES, HandlerReport

DESKTOP_FILE = f"{APP_ID}.desktop"


class RegistrationError(RuntimeError):
    """Registration failed; the message says what to do."""


def _data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def _config_home() -> Path:
    return Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")


def desktop_path() -> Path:
    """Where our .desktop file goes."""
    return _data_home() / "applications" / DESKTOP_FILE


def exec_quote(arg: str) -> str:
    """Quote one Exec argument as the Desktop Entry Specification says."""
    if arg and not any(c in arg for c in ' \t\n"\'\\><~|&;$*?#()`='):
        return arg.replace("%", "%%")
    escaped = "".join("\\" + c if c in '"`$\\' else c for c in arg)
    return '"' + escaped.replace("%", "%%") + '"'


def desktop_entry(command: Sequence[str], schemes: Sequence[str], *, handler: bool) -> str:
    """The .desktop file text. ``handler``: with the untrusted-URI marker and MimeType."""
    exec_line = " ".join(exec_quote(a) for a in command)
    lines = [
        "[Desktop Entry]",
        "Type=Application",
        "Name=Telephony Client",
        "Name[de]=Telefonie-Client",
        "Comment=Dial tel: links with your softphone or phone system",
        "Comment[de]=tel:-Links mit dem Softphone oder der Telefonanlage wählen",
        "Icon=phone",
        "Terminal=false",
        "Categories=Office;Telephony;",
        "StartupNotify=false",
    ]
    if handler:
        # Exactly one untrusted argument, behind the marker (../shared/security.md, rule 2).
        lines.append(f"Exec={exec_line} --uri %u")
        lines.append("MimeType=" + "".join(f"x-scheme-handler/{s};" for s in schemes))
    else:
        lines.append(f"Exec={exec_line} run")
    return "\n".join(lines) + "\n"


def _xdg_mime(*args: str) -> str:
    tool = shutil.which("xdg-mime")
    if tool is None:
        raise RegistrationError("xdg-mime was not found; install xdg-utils")
    result = subprocess.run([tool, *args], capture_output=True, text=True, timeout=20,
                            check=False)
    if result.returncode != 0:
        raise RegistrationError(f"xdg-mime {' '.join(args)} failed: {result.stderr.strip()}")
    return result.stdout.strip()


def register(command: Sequence[str], schemes: Sequence[str] = SCHEMES) -> Path:
    """Install the .desktop file and make it the default for ``schemes``."""
    path = desktop_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(desktop_entry(command, schemes, handler=True), encoding="utf-8")
    tmp.replace(path)
    for scheme in schemes:
        _xdg_mime("default", DESKTOP_FILE, f"x-scheme-handler/{scheme}")
    database = shutil.which("update-desktop-database")
    if database:
        subprocess.run([database, str(path.parent)], capture_output=True, timeout=20,
                       check=False)
    return path


def unregister() -> list[str]:
    """Remove the .desktop file and our default-handler entries; returns what was removed."""
    removed: list[str] = []
    path = desktop_path()
    if path.exists():
        path.unlink()
        removed.append(str(path))
        # register refreshed the folder's mimeinfo.cache; left as it is, xdg-mime would go
        # on naming the removed file as the tel: handler.
        database = shutil.which("update-desktop-database")
        if database:
            subprocess.run([database, str(path.parent)], capture_output=True, timeout=20,
                           check=False)
    mimeapps = _config_home() / "mimeapps.list"
    if mimeapps.exists():
        lines = mimeapps.read_text(encoding="utf-8").splitlines()
        kept = []
        for line in lines:
            key, sep, value = line.partition("=")
            if sep and key.startswith("x-scheme-handler/") and DESKTOP_FILE in value.split(";"):
                rest = [v for v in value.split(";") if v and v != DESKTOP_FILE]
                if rest:
                    kept.append(f"{key}={';'.join(rest)};")
                removed.append(f"{mimeapps}: {key}")
                continue
            kept.append(line)
        mimeapps.write_text("\n".join(kept) + "\n", encoding="utf-8")
    return removed


def doctor(schemes: Sequence[str] = (*SCHEMES, "sip")) -> list[HandlerReport]:
    """Which application the system opens for each scheme, and whether it is us."""
    reports = []
    for scheme in schemes:
        try:
            handler = _xdg_mime("query", "default", f"x-scheme-handler/{scheme}")
            detail = ""
        except RegistrationError as error:
            handler, detail = "", str(error)
        is_us = handler == DESKTOP_FILE and desktop_path().exists()
        if handler == DESKTOP_FILE and not is_us:
            detail = f"{desktop_path()} is missing; run 'desktop-client register'"
        reports.append(HandlerReport(scheme, handler or "(none)", is_us, detail))
    return reports


def handler_is_us(scheme: str) -> bool:
    """True if the system would open ``scheme:`` URIs with this app (a handoff loop)."""
    try:
        return _xdg_mime("query", "default", f"x-scheme-handler/{scheme}") == DESKTOP_FILE
    except RegistrationError:
        return False


def autostart_path() -> Path:
    """XDG autostart entry."""
    return _config_home() / "autostart" / DESKTOP_FILE


def set_autostart(command: Sequence[str], enabled: bool) -> None:
    """Start the tray app at login (or not)."""
    path = autostart_path()
    if not enabled:
        path.unlink(missing_ok=True)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(desktop_entry(command, (), handler=False), encoding="utf-8")
