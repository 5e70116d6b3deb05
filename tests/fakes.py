"""Fakes shared by the tests."""

from __future__ import annotations

from typing import TYPE_CHECKING

import keyring.backend
import keyring.errors
import pytest

if TYPE_CHECKING:
    from desktop_client.phones import PhoneSettings


def keyring_holds(monkeypatch: pytest.MonkeyPatch, secrets: dict[str, str]) -> None:
    """The app reads these secrets (and no others) as if from the OS keyring."""
    monkeypatch.setattr("desktop_client.core.secrets.SecretStore.get",
                        lambda _store, key: secrets.get(key))


class MemoryKeyring(keyring.backend.KeyringBackend):
    """An in-memory keyring for tests (a real backend class, with its contract)."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if (service, username) not in self.items:
            raise keyring.errors.PasswordDeleteError("not found")
        del self.items[(service, username)]


def register_phone_system(monkeypatch: pytest.MonkeyPatch, name: str) -> PhoneSettings:
    """Add a phone system the way a developer does: a folder ``phones/<name>/`` with its
    ``settings`` module (a device, a timeout, a token; its calls as a source) and its
    ``system`` module, and its name in the registry (the folder is made in memory)."""
    import sys
    import types

    from desktop_client import phones
    from desktop_client.core.config import Schema, Secret, Setting
    from desktop_client.phones import PhoneSettings
    from desktop_client.phones.base import PhoneSystem

    section, title = f"backends.{name}", name.title()
    part = PhoneSettings(
        f"{title} (REST)",
        Schema((Setting(section, "device", "e0", "Device"),
                Setting(section, "timeout_s", 5, "Timeout", maximum=60)),
               (Secret(section, "token", "Personal access token"),),
               {section: title}),
        source=name, source_label=f"{title} webhooks")
    system = type(f"{title}System", (PhoneSystem,), {"name": name, "label": title,
                                                    "source": name})()
    folder = types.ModuleType(f"desktop_client.phones.{name}")
    folder.__path__ = []
    modules = {"settings": {"SETTINGS": part}, "system": {"SYSTEM": system}}
    monkeypatch.setitem(sys.modules, folder.__name__, folder)
    for module_name, content in modules.items():
        module = types.ModuleType(f"{folder.__name__}.{module_name}")
        module.__dict__.update(content)
        monkeypatch.setitem(sys.modules, module.__name__, module)
    monkeypatch.setattr(phones, "SYSTEMS", (*phones.SYSTEMS, name))
    return part
