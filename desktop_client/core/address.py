"""``host:port`` settings (a module of its own: the tray shell needs it before the rest)."""

from __future__ import annotations


def parse_address(address: str, setting: str = "[backends.baresip] address") -> tuple[str, int]:
    """``host:port`` -> (host, port); a clear ValueError naming the setting otherwise."""
    host, sep, port = address.rpartition(":")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(f"{setting} {address!r} must be host:port")
    return host.strip("[]"), int(port)
