"""Carries out a DialRequest with its backend's transport, inside the Qt event loop.

command: start the program; baresip: a command on the shared ctrl_tcp link, answered by
token; handoff: the OS opens the URI (never ourselves). The outcome arrives as
:attr:`DialExecutor.finished`. A request past its deadline is dropped, never sent late.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices

from desktop_client.dialing.backends import command
from desktop_client.dialing.backends.base import DialError, DialRequest
from desktop_client.qt.ami_link import AmiLink
from desktop_client.qt.baresip_link import BaresipLink
from desktop_client.qt.esl_link import EslLink
from desktop_client.qt.linphone_link import LinphoneLink

log = logging.getLogger("desktop_client.dial")


class DialExecutor(QObject):
    """Sends requests; reports (request id, ok, message)."""

    finished = Signal(str, bool, str)

    def __init__(self, link: BaresipLink | None = None,
                 handler_is_us: Callable[[str], bool] | None = None,
                 parent: QObject | None = None, *, ami_link: AmiLink | None = None,
                 esl_link: EslLink | None = None,
                 linphone_link: LinphoneLink | None = None) -> None:
        super().__init__(parent)
        self._link = link
        self._handler_is_us = handler_is_us or (lambda _scheme: False)
        #: Reads the desk phone's password (from the keyring; injected by the composition root).
        self.password_for: Callable[[str], str | None] = lambda _backend: None
        #: How long a started softphone program may still fail the call ([backends.command]).
        self.command_grace_s = command.GRACE_S
        self._sent: set[str] = set()
        if link is not None:
            link.response.connect(self._on_response)
        self._ami_link = ami_link
        if ami_link is not None:
            ami_link.response.connect(self._on_ami_response)
        self._esl_link = esl_link
        if esl_link is not None:
            esl_link.response.connect(self._on_ami_response)
        self._linphone_link = linphone_link
        if linphone_link is not None:
            linphone_link.response.connect(self._on_ami_response)

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
            if request.backend == "command":
                self._command(request)
            elif request.backend == "baresip":
                if self._link is None:
                    raise DialError("the baresip link is not set up")
                self._link.send(request.payload["message"])
            elif request.backend == "handoff":
                self._handoff(request)
            elif request.backend in ("deskphone", "fritzbox"):
                self._http_device(request)
            elif request.backend == "linphone":
                if self._linphone_link is None:
                    raise DialError("the linphone connection is not set up")
                self._linphone_link.dial(request.id, str(request.payload["command"]).encode())
            elif request.backend == "freeswitch":
                if self._esl_link is None:
                    raise DialError("the FreeSWITCH connection is not set up")
                self._esl_link.originate(request.id, str(request.payload["command"]).encode())
            elif request.backend == "ami":
                if self._ami_link is None:
                    raise DialError("the PBX connection is not set up")
                self._ami_link.originate(request.id, str(request.payload["action"]).encode())
            else:
                raise DialError(f"unknown backend {request.backend!r}")
        except DialError as error:
            self.finished.emit(request.id, False, str(error))

    def _command(self, request: DialRequest) -> None:
        """Start the program, then watch it for the grace period in a worker thread."""
        import threading  # noqa: PLC0415

        process = command.start(request)
        name, grace_s = str(request.payload["argv"][0]), self.command_grace_s

        def work() -> None:
            try:
                message = command.watch(process, name, grace_s)
            except DialError as error:
                self.finished.emit(request.id, False, str(error))
                return
            self.finished.emit(request.id, True, message)

        threading.Thread(target=work, name="command-dial", daemon=True).start()

    def _handoff(self, request: DialRequest) -> None:
        scheme = str(request.payload["scheme"])
        if self._handler_is_us(scheme):
            raise DialError(f"the system would open {scheme}: links with this app again; "
                            "choose a softphone as the handler or another backend")
        if not QDesktopServices.openUrl(QUrl(str(request.payload["uri"]))):
            raise DialError(f"no application is registered for {scheme}: links")
        self.finished.emit(request.id, True, f"handed over as {scheme}:")

    def _http_device(self, request: DialRequest) -> None:
        """HTTP to the device in a worker thread; the result comes back as a queued signal."""
        import threading  # noqa: PLC0415

        from desktop_client.core.secrets import SecretError  # noqa: PLC0415
        from desktop_client.dialing.backends import deskphone, fritzbox  # noqa: PLC0415

        password_for = self.password_for
        send = deskphone.send if request.backend == "deskphone" else fritzbox.send
        who = "the phone" if request.backend == "deskphone" else "the FRITZ!Box"

        def work() -> None:
            try:
                password = password_for(request.backend) if request.payload.get("username") \
                    else None
                status = send(request, password)
            except (DialError, SecretError) as error:
                self.finished.emit(request.id, False, str(error))
                return
            self.finished.emit(request.id, True, f"{who} answered HTTP {status}")

        threading.Thread(target=work, name="deskphone-dial", daemon=True).start()

    def _on_ami_response(self, action_id: str, ok: bool, message: str) -> None:
        if action_id in self._sent:
            self.finished.emit(action_id, ok, message)

    def _on_response(self, token: str, ok: bool, data: str) -> None:
        if token in self._sent:
            self.finished.emit(token, ok, "baresip is dialling" if ok else data)
