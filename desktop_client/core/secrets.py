"""Credentials in the operating system's keyring, and nowhere else.

The ``keyring`` package silently picks whatever backend it finds: on a headless Linux box
that can be the *fail* backend (every call raises), the *null* backend (stores nothing), or a
plaintext file from ``keyrings.alt``. We detect those, say so in the settings, and refuse to
store a secret there. There is no fallback to config.toml. Backends that would prompt for a
password on stdin are treated as unusable: the tray app has no terminal.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import keyring.backend

log = logging.getLogger("desktop_client.secrets")

SERVICE = "desktop-client"


@dataclass(frozen=True, slots=True)
class KeyringStatus:
    """Whether secrets can be stored, which backend does it, and what to do if not."""

    usable: bool
    backend: str
    problem: str = ""


class SecretError(RuntimeError):
    """A secret could not be stored or read; the message says why and what to do."""


def describe(backend: keyring.backend.KeyringBackend) -> KeyringStatus:
    """Judge a keyring backend."""
    cls = type(backend)
    name = f"{cls.__module__}.{cls.__qualname__}"
    lowered = name.lower()
    if lowered.startswith("keyring.backends.fail"):
        return KeyringStatus(False, name, "no keyring service was found (install and unlock "
                             "GNOME Keyring, KWallet or KeePassXC's Secret Service)")
    if lowered.startswith("keyring.backends.null"):
        return KeyringStatus(False, name, "the keyring is switched off (null backend): "
                             "secrets would be thrown away")
    if "plaintext" in lowered or "keyrings.alt.file" in lowered:
        return KeyringStatus(False, name, "the keyring backend stores secrets in a plain text "
                             "file; choose a secure keyring")
    if "encrypted" in lowered and "keyrings.alt" in lowered:
        return KeyringStatus(False, name, "the keyring backend asks for a password on the "
                             "terminal, which a tray app does not have")
    if "chainer" in lowered and not getattr(backend, "backends", ()):
        return KeyringStatus(False, name, "no keyring service was found")
    return KeyringStatus(True, name)


def read_secret(key: str) -> str | None:
    """One secret from the OS keyring (SecretError when it cannot be read): how the app's
    connections, controls and Test buttons read them (tests replace this function)."""
    return SecretStore().get(key)


class SecretStore:
    """Read and write secrets under the service ``desktop-client``."""

    def __init__(self, backend: keyring.backend.KeyringBackend | None = None) -> None:
        self._backend = backend

    @property
    def backend(self) -> keyring.backend.KeyringBackend:
        """The backend in use (the keyring package's choice unless one was given).

        keyring is imported here, not at start-up: it costs ~50 ms and ~11 MB, and only the
        settings and the integrations with passwords need it.
        """
        if self._backend is not None:
            return self._backend
        import keyring  # noqa: PLC0415

        return keyring.get_keyring()

    def status(self) -> KeyringStatus:
        """Whether secrets can be stored here."""
        return describe(self.backend)

    def get(self, key: str) -> str | None:
        """The secret stored for ``key`` (for example ``backends.asterisk.password``)."""
        status = self.status()
        if not status.usable:
            raise SecretError(status.problem)
        import keyring.errors  # noqa: PLC0415

        try:
            return self.backend.get_password(SERVICE, key)
        except keyring.errors.KeyringError as error:
            raise SecretError(f"the keyring refused to read {key}: {error}") from None

    def set(self, key: str, value: str) -> None:
        """Store a secret; refuses an unsafe backend instead of falling back."""
        status = self.status()
        if not status.usable:
            raise SecretError(status.problem)
        import keyring.errors  # noqa: PLC0415

        try:
            self.backend.set_password(SERVICE, key, value)
        except keyring.errors.KeyringError as error:
            raise SecretError(f"the keyring refused to store {key}: {error}") from None
        log.info("stored secret %s in %s", key, status.backend)

    def delete(self, key: str) -> None:
        """Forget a secret; a missing one is fine."""
        import keyring.errors  # noqa: PLC0415

        try:
            self.backend.delete_password(SERVICE, key)
        except keyring.errors.PasswordDeleteError:
            pass
        except keyring.errors.KeyringError as error:
            raise SecretError(f"the keyring refused to delete {key}: {error}") from None
