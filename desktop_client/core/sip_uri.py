"""SIP addresses as softphones report them."""

from __future__ import annotations


def peer_user(uri: str) -> str:
    """The user part of ``sip:+41441234567@127.0.0.1:5091;transport=udp``."""
    rest = uri.split(":", 1)[1] if uri.lower().startswith(("sip:", "sips:", "tel:")) else uri
    return rest.split("@", 1)[0].split(";", 1)[0]
