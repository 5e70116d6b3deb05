"""Fakes shared by the tests."""

from __future__ import annotations

import pytest


def keyring_holds(monkeypatch: pytest.MonkeyPatch, secrets: dict[str, str]) -> None:
    """The app reads these secrets (and no others) as if from the OS keyring."""
    monkeypatch.setattr("desktop_client.core.secrets.SecretStore.get",
                        lambda _store, key: secrets.get(key))
