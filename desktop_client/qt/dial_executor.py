"""Carries out a DialRequest inside the Qt event loop, the way its phone system sends it
(desktop_client.phones): a program started and watched, a command on the system's
connection answered by id, an HTTP request in a worker, a link handed to the desktop.

The outcome arrives as :attr:`DialExecutor.finished`. A request past its deadline is dropped,
never sent late; one already sent is never sent again.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices

from desktop_client import phones, settings
from desktop_client.core.config import Config
from desktop_client.core.dial import DialError, DialRequest
from desktop_client.phones.base import PhoneSystem, ReadSecret

log = logging.getLogger("desktop_client.dial")


class DialExecutor(QObject):
    """Sends requests; reports (request id, ok, message)."""

    finished = Signal(str, bool, str)

    def __init__(self, connection: Any = None, system: PhoneSystem | None = None,
                 handler_is_us: Callable[[str], bool] | None = None,
                 secret: ReadSecret | None = None, parent: QObject | None = None, *,
                 config: Config | None = None) -> None:
        """``connection``: the phone system's link the app keeps (``system``'s), if any;
        ``config``: the settings the systems read while they send (default: the defaults)."""
        super().__init__(parent)
        self._config = config or settings.defaults()
        self.connection = connection
        self._connection_system = system
        self._handler_is_us = handler_is_us or (lambda _scheme: False)
        self._secret: ReadSecret = secret or (lambda _key: None)
        self._sent: set[str] = set()
        if connection is not None:
            connection.response.connect(self._on_response)

    def execute(self, request: DialRequest) -> None:
        """Send once; the result comes through :attr:`finished`."""
        if request.id in self._sent:
            self.finished.emit(request.id, False, "this request was already sent")
            return
        if request.expired():
            self.finished.emit(request.id, False, "the request expired before it was sent")
            return
        self._sent.add(request.id)
        try:
            system = phones.system(request.backend)
        except phones.UnknownSystemError:
            self.finished.emit(request.id, False, f"unknown backend {request.backend!r}")
            return
        try:
            mine = self.connection if system is self._connection_system else None
            system.send(request, _Sending(self.finished, mine, self._config,
                                          self._handler_is_us, self._secret))
        except DialError as error:
            self.finished.emit(request.id, False, str(error))

    def _on_response(self, request_id: str, ok: bool, message: str) -> None:
        if request_id in self._sent and self._connection_system is not None:
            self.finished.emit(request_id, ok, self._connection_system.reply_text(ok, message))


class _Sending:
    """What a phone system gets to send one request (desktop_client.phones.base.Sending)."""

    def __init__(self, finished: Any, connection: Any, config: Config,
                 handler_is_us: Callable[[str], bool], secret: ReadSecret) -> None:
        # A signal: emitted from a worker, it reaches the flow's slot queued, on its thread.
        self._finished = finished
        self.connection = connection  # only the system's own, else None
        self.config = config
        self.handler_is_us = handler_is_us
        self.secret = secret

    def finish(self, request: DialRequest, ok: bool, message: str) -> None:
        self._finished.emit(request.id, ok, message)

    def in_worker(self, request: DialRequest, work: Callable[[], str]) -> None:
        finished = self._finished

        def run() -> None:
            try:
                message = work()
            except DialError as error:
                finished.emit(request.id, False, str(error))
                return
            finished.emit(request.id, True, message)

        threading.Thread(target=run, name=f"dial-{request.backend}", daemon=True).start()

    @staticmethod
    def open_url(uri: str) -> bool:
        return bool(QDesktopServices.openUrl(QUrl(uri)))
