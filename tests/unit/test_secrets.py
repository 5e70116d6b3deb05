"""Secrets go to a real keyring backend or nowhere; unsafe backends are named."""

from __future__ import annotations

import keyring.backend
import keyring.backends.fail
import keyring.backends.null
import pytest

from desktop_client.core.secrets import SERVICE, SecretError, SecretStore, describe
from tests.fakes import MemoryKeyring


class PlaintextKeyring(MemoryKeyring):
    """Named like keyrings.alt's plaintext file backend."""


def test_round_trip_in_a_usable_keyring() -> None:
    backend = MemoryKeyring()
    store = SecretStore(backend)
    assert store.status().usable
    store.set("backends.asterisk.password", "s3cret")
    assert backend.items == {(SERVICE, "backends.asterisk.password"): "s3cret"}
    assert store.get("backends.asterisk.password") == "s3cret"
    store.delete("backends.asterisk.password")
    store.delete("backends.asterisk.password")  # twice is fine
    assert store.get("backends.asterisk.password") is None


@pytest.mark.parametrize(("backend", "problem"), [
    (keyring.backends.fail.Keyring(), "no keyring service"),  # type: ignore[no-untyped-call]
    (keyring.backends.null.Keyring(), "thrown away"),  # type: ignore[no-untyped-call]
    (PlaintextKeyring(), "plain text"),
])
def test_unsafe_backends_are_refused_without_fallback(backend: keyring.backend.KeyringBackend,
                                                      problem: str) -> None:
    store = SecretStore(backend)
    status = store.status()
    assert not status.usable and problem in status.problem
    with pytest.raises(SecretError, match=problem):
        store.set("token", "x")
    with pytest.raises(SecretError):
        store.get("token")
    assert describe(backend) == status
