"""Fakes shared by the tests."""

from __future__ import annotations

import keyring.backend
import keyring.errors
import pytest


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
