"""The running app's end of the single-instance socket (QLocalServer).

Each connection may send one line of at most ``ipc.MAX_MESSAGE`` bytes within
``ipc.TIMEOUT_S``; anything else is dropped. The line is validated again here; a valid request
is emitted as :attr:`IpcServer.received`, and the client gets a one-line answer.
"""

from __future__ import annotations

import logging
import os
import stat
import sys
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtNetwork import QAbstractSocket, QLocalServer, QLocalSocket, QTcpSocket

from desktop_client import ipc
from desktop_client.core.refusals import RefusalLog
from desktop_client.qt.short_connections import ShortConnections

if TYPE_CHECKING:
    from desktop_client.platform.named_pipe import Claim, Pipes

log = logging.getLogger("desktop_client.ipc")
MAX_CONNECTIONS = 32
WATCHDOG_MS = 2000


class IpcServer(ShortConnections):
    """Listens on the per-user socket; emits validated messages."""

    received = Signal(object)  # ipc.Message

    def __init__(self, name: str, parent: QObject | None = None, *,
                 pipes: Pipes | None = None) -> None:
        """``pipes``: the Win32 pipe calls (on Windows the real ones unless given)."""
        super().__init__(RefusalLog(log, "IPC requests"), max_open=MAX_CONNECTIONS,
                         deadline_ms=int(ipc.TIMEOUT_S * 1000), parent=parent)
        self.name = name
        if pipes is None and sys.platform == "win32":  # pragma: no cover - Windows only
            from desktop_client.platform.win32_pipes import Win32Pipes  # noqa: PLC0415

            pipes = Win32Pipes()
        self._pipes = pipes
        self._claim: Claim | None = None
        self._local = QLocalServer(self)
        self._local.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._local.setMaxPendingConnections(8)
        self._serve(self._local)
        # Qt closes the server (and deletes the socket file) when accept() fails, e.g. out of
        # file descriptors, without a word: look now and then, and listen again.
        self._watchdog = QTimer(self)
        self._watchdog.setInterval(WATCHDOG_MS)
        self._watchdog.timeout.connect(self._check_listening)
        self._closing = False
        self._inode: tuple[int, int] | None = None

    def listen(self) -> bool:
        """Start listening. False if another instance answers on the name.

        Qt binds a socket with access options under a temporary name and renames it over the
        target, replacing whatever is there: so we ask first whether anybody answers, and
        remove a socket file only when nobody does.
        """
        if self._pipes is None:  # on Windows the claim answers it without connecting
            probe = QLocalSocket()
            probe.connectToServer(self.name)
            alive = probe.waitForConnected(500)
            probe.abort()
            if alive:
                return False
        if sys.platform != "win32" and os.path.exists(self.name):
            log.info("removing stale socket %s (nobody answers)", self.name)
            QLocalServer.removeServer(self.name)
        if not self._listen():
            if self._local.serverError() == QAbstractSocket.SocketError.AddressInUseError:
                return False  # another instance won the race
            raise OSError(f"cannot listen on {self.name}: {self._local.errorString()}")
        self._tighten()
        self._watchdog.start()
        return True

    def _listen(self) -> bool:
        """QLocalServer.listen; on Windows after claiming the pipe's first instance.

        Qt's listeners are plain instances of whatever pipe has the name (a second tray's, or
        another user's who created it first). The claim gives the pipe our owner and a DACL
        for this user only and holds it while the app runs (see named_pipe.Claim).
        """
        if self._pipes is not None and self._claim is None:
            from desktop_client.platform import named_pipe  # noqa: PLC0415

            try:
                self._claim = named_pipe.claim(self._pipes, self.name)
            except named_pipe.PipeFailureError as error:
                raise OSError(str(error)) from None
        return self._local.listen(self.name)

    def _check_listening(self) -> None:
        if self._closing:
            return
        if self._local.isListening():
            if self._socket_file_is_ours():
                return
            # Deleted or replaced (by hand, or a clean-up of /tmp): Qt still listens on a
            # socket nobody can reach, and every click would find no app.
            log.error("the request socket %s is gone or replaced; listening again", self.name)
            self._local.close()
        else:
            log.error("the request socket was closed (%s); listening again",
                      self._local.errorString() or "no reason given")
        if sys.platform != "win32" and os.path.lexists(self.name):
            QLocalServer.removeServer(self.name)  # we hold the instance lock: it is ours
        try:
            listening = self._listen()
        except OSError as error:
            log.error("cannot listen on %s yet: %s", self.name, error)
            return
        if listening:
            self._tighten()
        else:
            log.error("cannot listen on %s yet: %s", self.name, self._local.errorString())

    def _socket_file_is_ours(self) -> bool:
        if sys.platform == "win32":
            return True  # a named pipe has no file to lose
        try:
            info = os.lstat(self.name)
        except OSError:
            return False
        return stat.S_ISSOCK(info.st_mode) and (info.st_dev, info.st_ino) == self._inode

    def _tighten(self) -> None:
        if sys.platform != "win32" and os.path.exists(self.name):
            os.chmod(self.name, 0o600)
            info = os.lstat(self.name)
            self._inode = (info.st_dev, info.st_ino)

    def close(self) -> None:
        """Stop listening and drop open connections."""
        self._closing = True
        self._watchdog.stop()
        self._drop_all()
        self._local.close()
        if self._claim is not None:
            self._claim.release()
            self._claim = None

    def _timed_out(self, sock: QTcpSocket | QLocalSocket, complete: bool) -> None:
        if not complete:
            self._refused("IPC client sent no complete message within %g s; dropped",
                          ipc.TIMEOUT_S)

    def _received(self, sock: QTcpSocket | QLocalSocket, buffer: bytearray) -> None:
        newline = buffer.find(b"\n")
        if newline < 0:
            if len(buffer) > ipc.MAX_MESSAGE:
                self._refused("IPC message over %d bytes; dropped", ipc.MAX_MESSAGE)
                self._buffers.pop(sock, None)
                self._answer(sock, ipc.reply(False, "message too long"))
            return
        line = bytes(buffer[:newline])
        self._buffers.pop(sock, None)
        try:
            message = ipc.decode(line)
        except ipc.IpcError as error:
            self._refused("IPC message refused: %s", error)
            self._answer(sock, ipc.reply(False, str(error)))
            return
        if ipc.expired(message, time.time()):
            # The app was stuck (or the machine asleep) and the sender has given up and told
            # its user: acting on it now would dial a click that was reported as failed.
            self._refused("IPC %s request arrived after its sender stopped waiting; dropped",
                          message.kind)
            self._answer(sock, ipc.reply(False, "the request expired"))
            return
        self._answer(sock, ipc.reply(True))
        self.received.emit(message)
