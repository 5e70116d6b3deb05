"""What the desk phones and the FRITZ!Box share: a device that dials on one HTTP request."""

from __future__ import annotations

import socket
import urllib.parse
from collections.abc import Callable
from typing import TYPE_CHECKING

from desktop_client.core.dial import DialError
from desktop_client.phones.base import PhoneSystem, ReadSecret, Sending

if TYPE_CHECKING:
    from desktop_client.core import config as config_mod
    from desktop_client.core.dial import DialBackend, DialRequest


class HttpDeviceSystem(PhoneSystem):
    """Dialling is one (authenticated) HTTP request to the device, sent in a worker."""

    #: The device in the user's words ("the phone").
    device = ""

    @property
    def password_key(self) -> str:
        """The keyring entry of the device's password."""
        raise NotImplementedError

    def transport(self) -> Callable[[DialRequest, str | None], int]:
        """The function that sends the request with the password and returns the status
        (imported on use: HTTP with TLS is a big import for a tray that only sits there)."""
        raise NotImplementedError

    def address(self, config: config_mod.Config) -> str:
        """The device's base URL from the settings."""
        raise NotImplementedError

    def probe(self, config: config_mod.Config, backend: DialBackend,
              secret: ReadSecret) -> str:
        """Whether the device answers HTTP at all (no call is placed)."""
        parts = urllib.parse.urlsplit(self.address(config))
        port = parts.port or (443 if parts.scheme == "https" else 80)
        try:
            with socket.create_connection((parts.hostname or "", port), timeout=3):
                return f"OK: {self.device} answers on {parts.hostname}:{port}"
        except OSError as error:
            return f"Problem: cannot reach {parts.hostname}:{port}: {error}"

    def _password(self, request: DialRequest, secret: ReadSecret) -> str | None:
        from desktop_client.phones.http.request import HttpCall  # noqa: PLC0415

        if not request.payload_as(HttpCall).username:
            return None
        try:
            return secret(self.password_key)
        except RuntimeError as error:  # SecretError: the keyring cannot be read
            raise DialError(str(error)) from None

    def dial_once(self, request: DialRequest, config: config_mod.Config,
                  secret: ReadSecret) -> None:
        self.transport()(request, self._password(request, secret))

    def send(self, request: DialRequest, sending: Sending) -> None:
        send, device = self.transport(), self.device

        def work() -> str:
            status = send(request, self._password(request, sending.secret))
            return f"{device} answered HTTP {status}"

        sending.in_worker(request, work)
