"""Outgoing calls: the dial policy that decides, the dial service that builds, sends and
journals. The phone systems' request builders are in ``phones/<name>/dial.py``."""
