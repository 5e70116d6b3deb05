"""Widgets. They get services through their constructors and never touch SQL or keyring."""
