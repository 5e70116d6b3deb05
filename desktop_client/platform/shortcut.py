"""A keyboard shortcut for ``desktop-client dial --selection``, set up in the desktop itself.

GNOME keeps custom shortcuts in GSettings: ``org.gnome.settings-daemon.plugins.media-keys``'
``custom-keybindings`` lists paths, and each path has a ``name``, ``command`` and ``binding``
(schema ``...media-keys.custom-keybinding``, as GNOME Settings → Keyboard → Custom Shortcuts
writes them). We add our own path next to the user's, with the ``gsettings`` tool, and change
nothing else. On Windows the app registers its own hotkey ([dial] hotkey). KDE Plasma and Xfce
get the command to bind in their keyboard settings (the README shows where).
"""

from __future__ import annotations

import ast
import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence

SCHEMA = "org.gnome.settings-daemon.plugins.media-keys"
PATH = "/org/gnome/settings-daemon/plugins/media-keys/custom-keybindings/desktop-client/"
BINDING = "<Primary><Alt>d"  # Ctrl+Alt+D, as on Windows; GNOME binds nothing to it
LABEL = "Ctrl+Alt+D"
NAME = "Dial the selected number"

Run = Callable[[Sequence[str]], str]


class ShortcutError(RuntimeError):
    """The shortcut could not be set up (the message says why)."""


def kind(env: Mapping[str, str] | None = None, platform: str = sys.platform) -> str:
    """Where the shortcut can be set up by us: "windows", "gnome", or "" (by hand)."""
    if platform == "win32":
        return "windows"
    env = os.environ if env is None else env
    desktops = env.get("XDG_CURRENT_DESKTOP", "").lower().split(":")
    if platform.startswith("linux") and "gnome" in desktops and shutil.which("gsettings"):
        return "gnome"
    return ""


def _gsettings(args: Sequence[str]) -> str:
    program = shutil.which("gsettings")
    if program is None:
        raise ShortcutError("gsettings is not installed")
    try:
        done = subprocess.run([program, *args], capture_output=True, text=True,
                              timeout=10, check=False)
    except (OSError, subprocess.SubprocessError) as error:
        raise ShortcutError(f"gsettings did not run: {error}") from None
    if done.returncode != 0:
        raise ShortcutError(f"gsettings {args[0]}: {done.stderr.strip() or 'failed'}")
    return done.stdout.strip()


def _paths(text: str) -> list[str]:
    """``@as []`` or ``['/org/…/custom0/', …]`` as a list."""
    text = text.removeprefix("@as ").strip()
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        raise ShortcutError(f"unexpected custom-keybindings value {text[:80]!r}") from None
    if not isinstance(value, list) or not all(isinstance(p, str) for p in value):
        raise ShortcutError(f"unexpected custom-keybindings value {text[:80]!r}")
    return value


def _variant(text: str) -> str:
    """A GVariant string literal."""
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def bind_gnome(command: Sequence[str], run: Run = _gsettings) -> str:
    """Add (or update) our custom shortcut; what it is, for the user."""
    paths = _paths(run(["get", SCHEMA, "custom-keybindings"]))
    relocatable = f"{SCHEMA}.custom-keybinding:{PATH}"
    for key, value in (("name", NAME), ("command", shlex.join(command)),
                       ("binding", BINDING)):
        run(["set", relocatable, key, _variant(value)])
    if PATH not in paths:
        listed = "[" + ", ".join(_variant(p) for p in [*paths, PATH]) + "]"
        run(["set", SCHEMA, "custom-keybindings", listed])
    return f"{LABEL} dials the selected number (GNOME Settings → Keyboard → Custom Shortcuts)"


def gnome_binding(run: Run = _gsettings) -> tuple[str, str] | None:
    """(binding, command) of our GNOME shortcut, or None when it is not set up."""
    if PATH not in _paths(run(["get", SCHEMA, "custom-keybindings"])):
        return None
    relocatable = f"{SCHEMA}.custom-keybinding:{PATH}"
    values = [ast.literal_eval(run(["get", relocatable, key])) for key in ("binding",
                                                                           "command")]
    return str(values[0]), str(values[1])
