"""Where a dial request came from (a module of its own: the tray shell needs it early)."""

from __future__ import annotations

from enum import StrEnum


class Source(StrEnum):
    """Where a request came from."""

    USER = "user"  # the user's own click: dial dialog, tray menu, clipboard, journal
    OUTSIDE = "outside"  # a tel: link through the OS, the IPC socket, the command line
