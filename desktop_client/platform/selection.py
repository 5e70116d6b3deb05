"""The text selected in any program: the primary selection where the desktop has one, else the
clipboard.

X11 and Wayland keep what is selected (highlighted) apart from what was copied: the *primary*
selection is what a middle click pastes. A shortcut bound to ``desktop-client dial --selection``
runs while another program owns it, so it is read with the desktop's own small tools, as
scripts bound to keys do: ``wl-paste`` (wl-clipboard) on Wayland, ``xclip`` or ``xsel`` on X11,
``pbpaste`` on macOS (which has only the clipboard). Reading through Qt would need a window with
keyboard focus on Wayland, and costs a Qt start for one line of text. On Windows the app's own
hotkey copies the selection (``platform.hotkey``); this module then reads the clipboard.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

#: More than anyone selects to dial; a whole document selected by mistake is cut here.
MAX_BYTES = 64 * 1024
TIMEOUT_S = 2.0


class SelectionError(RuntimeError):
    """No way to read the selection here (the message says what to install)."""


@dataclass(frozen=True, slots=True)
class Selection:
    """What was read, and from where ("primary" or "clipboard")."""

    text: str
    origin: str


def _readers(env: Mapping[str, str], platform: str) -> list[tuple[str, list[str]]]:
    """(origin, command) in the order to try them."""
    if platform == "darwin":
        return [("clipboard", ["pbpaste"])]
    readers: list[tuple[str, list[str]]] = []
    if env.get("WAYLAND_DISPLAY"):
        readers += [("primary", ["wl-paste", "--primary", "--no-newline", "--type", "text"]),
                    ("clipboard", ["wl-paste", "--no-newline", "--type", "text"])]
    if env.get("DISPLAY"):
        readers += [("primary", ["xclip", "-out", "-selection", "primary"]),
                    ("primary", ["xsel", "--primary", "--output"]),
                    ("clipboard", ["xclip", "-out", "-selection", "clipboard"]),
                    ("clipboard", ["xsel", "--clipboard", "--output"])]
    return readers


def _run(command: Sequence[str], timeout: float) -> str | None:
    """The tool's output, or None when it failed, hung or printed nothing."""
    try:
        done = subprocess.run(list(command), capture_output=True, timeout=timeout,
                              check=False, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    text = done.stdout[:MAX_BYTES].decode("utf-8", "replace")
    return text if text.strip() else None


def read_selection(env: Mapping[str, str] | None = None, platform: str = sys.platform, *,
                   which: Callable[[str], str | None] = shutil.which,
                   run: Callable[[Sequence[str], float], str | None] = _run,
                   timeout: float = TIMEOUT_S) -> Selection:
    """The selected text, else the clipboard's; ``Selection("", …)`` when both are empty.

    Raises :class:`SelectionError` when no tool to read them is installed.
    """
    env = os.environ if env is None else env
    if platform == "win32":
        raise SelectionError("on Windows, press the app's own shortcut (Settings → Dialing): "
                             "it copies the selection itself")
    readers = _readers(env, platform)
    if not readers:
        raise SelectionError("no graphical session (neither WAYLAND_DISPLAY nor DISPLAY is set)")
    available = [(origin, command) for origin, command in readers if which(command[0])]
    if not available:
        tools = ("wl-clipboard (wl-paste)" if env.get("WAYLAND_DISPLAY")
                 else "xclip or xsel")
        raise SelectionError(f"cannot read the selected text: install {tools}")
    for origin, command in available:
        text = run(command, timeout)
        if text is not None:
            return Selection(text, origin)
    return Selection("", "")
