"""Telephony desktop client: tel: handler, click-to-dial, caller pop-up and call journal."""

__version__ = "0.1.0"  # also in pyproject.toml; tests/unit/test_packaging.py keeps them equal
