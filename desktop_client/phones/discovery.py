"""What phone this PC has: the first-run assistant's look around (Qt-free).

baresip's ctrl_tcp answering (where the settings say, and on its usual 127.0.0.1:4444), a
linphone-daemon control socket, and the softphone programs of the presets on PATH or in their
usual install folders. Each finding is a set of settings that would use it.
"""

from __future__ import annotations

import os
import shutil
import socket
import sys
from dataclasses import dataclass, field
from pathlib import Path

from desktop_client.core import config as config_mod
from desktop_client.phones.baresip import settings as baresip_settings
from desktop_client.phones.linphone import settings as linphone_settings

BARESIP_DEFAULT = "127.0.0.1:4444"
PRESET_NAMES = {"microsip": "MicroSIP", "zoiper": "Zoiper", "linphone": "Linphone",
                "twinkle": "Twinkle", "jitsi": "Jitsi"}
#: Where Windows installers put the programs of the presets (under Program Files).
_WINDOWS_FOLDERS = {"microsip": ("MicroSIP",), "zoiper": ("Zoiper5", "Zoiper"),
                    "linphone": ("Linphone\\bin",)}


@dataclass(frozen=True)
class Finding:
    """One phone the assistant can offer."""

    backend: str
    label: str  # what it is and where, for the user
    changes: dict[str, config_mod.Value] = field(default_factory=dict)  # section__key=value


def discover(config: config_mod.Config) -> list[Finding]:
    """Everything usable found on this PC, the best first."""
    return survey(config)[0]


def survey(config: config_mod.Config) -> tuple[list[Finding], list[str]]:
    """What was found, and what was looked for and not found (one line each, to show)."""
    from desktop_client.phones.baresip.system import check  # noqa: PLC0415
    from desktop_client.phones.command.dial import PRESETS  # noqa: PLC0415

    found: list[Finding] = []
    missing: list[str] = []
    for address in dict.fromkeys([config.text(baresip_settings.ADDRESS), BARESIP_DEFAULT]):
        answer = check(address)
        if answer.startswith("OK"):
            found.append(Finding("baresip", f"baresip (ctrl_tcp on {address})", {
                "dial__backend": "baresip", "backends__baresip__address": address}))
        else:
            missing.append(f"baresip: {answer.removeprefix('Problem: ')}")
    linphone = config.text(linphone_settings.SOCKET)
    if sys.platform != "win32":
        if _socket_answers(linphone):
            found.append(Finding("linphone", f"linphone-daemon ({linphone})", {
                "dial__backend": "linphone"}))
        else:
            missing.append(f"linphone-daemon: no control socket at {linphone}")
    absent = []
    for preset, argv in PRESETS.items():
        program = _program(preset, argv[0])
        if program:
            found.append(Finding("command", f"{PRESET_NAMES[preset]} ({program})", {
                "dial__backend": "command", "backends__command__preset": preset}))
        else:
            absent.append(argv[0])
    if absent:
        missing.append(f"softphone programs not found: {', '.join(absent)}")
    return found, missing


def _socket_answers(path: str) -> bool:
    if not path or not os.path.exists(path):
        return False
    try:
        with socket.socket(socket.AF_UNIX) as probe:
            probe.settimeout(0.5)
            probe.connect(path)
    except OSError:
        return False
    return True


def _program(preset: str, name: str) -> str | None:
    found = shutil.which(name)
    if found or sys.platform != "win32":
        return found
    for base in (os.environ.get("PROGRAMFILES(X86)", ""), os.environ.get("PROGRAMFILES", ""),
                 os.path.join(os.environ.get("LOCALAPPDATA", ""), "Programs")):
        for folder in _WINDOWS_FOLDERS.get(preset, ()):
            candidate = Path(base) / folder / name
            if base and candidate.is_file():
                return str(candidate)
    return None
