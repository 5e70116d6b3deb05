"""Answer, decline and hang up on a Snom or Yealink desk phone by its documented key URLs.

The phone's key events act on its *current* call, which for a desk user with one line is the
one ringing on the card. The request runs in a worker thread (a phone can take seconds) and
its outcome comes back to the UI thread by a queued signal. A phone answers 200 whether or not
a call was there; its Action URLs then report what happened, and the card follows them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from desktop_client.core.calls import CallAction
from desktop_client.core.dial import DialError
from desktop_client.phones.deskphone import dial as deskphone
from desktop_client.phones.http.request import http_request


class DeskPhoneControl(QObject):
    """The :class:`~desktop_client.core.calls.CallControl` of calls reported by Action URLs."""

    source = "action_url"
    #: Its keys act on the phone's current call: with two calls on cards, none is offered.
    acts_on_current_call = True
    _finished = Signal(object, str)  # done callback, refusal ("" when the phone took it)

    def __init__(self, vendor: str, address: str, username: str, *, verify_tls: bool,
                 password: Callable[[], str | None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._vendor = vendor
        self._address = address
        self._username = username
        self._verify_tls = verify_tls
        self._password = password
        self.actions = frozenset(deskphone.CONTROL[vendor][1])
        self._finished.connect(lambda done, refusal: done(refusal))

    def perform(self, call_id: str, action: CallAction, target: str,
                done: Callable[[str], None]) -> None:
        """Press the action's key on the phone."""
        try:
            url = deskphone.control_url(self._vendor, self._address, action)
        except ValueError as error:
            done(str(error))
            return

        def work() -> None:
            from desktop_client.core.secrets import SecretError  # noqa: PLC0415

            try:
                password = self._password() if self._username else None
                http_request(url, "GET", username=self._username, password=password,
                             verify_tls=self._verify_tls, timeout=deskphone.TIMEOUT_S,
                             who="the phone")
            except (DialError, SecretError) as error:
                self._finished.emit(done, str(error))
                return
            self._finished.emit(done, "")

        threading.Thread(target=work, name="deskphone-control", daemon=True).start()
