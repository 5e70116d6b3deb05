"""Windows named pipes for the single-instance IPC (see :mod:`desktop_client.ipc`).

Two halves, both written against the small :class:`Pipes` interface so that their logic is
tested on any system with a fake of the Win32 calls (``tests/unit/test_named_pipe.py``);
:class:`desktop_client.platform.win32_pipes.Win32Pipes` is the ctypes implementation.

The client (:func:`exchange`, what the forwarder runs for every click) has a deadline on every
step: a frozen app's pipe still accepts connections (Qt keeps listeners waiting), so open,
write and read each wait at most until the one deadline. A busy pipe is waited for with
``WaitNamedPipe``, not taken for "no app runs". The pipe's owner must be this user: on a
terminal server another user can create a pipe of the same name first (pipe names are one
namespace for the whole machine), and must not receive our dial requests.

The server (:func:`claim`) creates the pipe's first instance before Qt's listeners, with
``FILE_FLAG_FIRST_PIPE_INSTANCE``, ``PIPE_REJECT_REMOTE_CLIENTS`` and a security descriptor
that names this user as owner, lets only them in and shuts out network logons, and connects
to it itself (:class:`Claim`). The pipe object keeps that descriptor for every later instance
(Qt's, which take the clients), so a second tray or another user can neither create an
instance of it nor connect. Names carry the user's SID and the
Windows session id, not the SESSIONNAME variable.
"""

from __future__ import annotations

import time
from typing import Protocol

PIPE_PREFIX = "\\\\.\\pipe\\"
ERROR_FILE_NOT_FOUND = 2
ERROR_ACCESS_DENIED = 5
ERROR_BROKEN_PIPE = 109
ERROR_NO_DATA = 232  # writing to a pipe the server is closing
ERROR_PIPE_NOT_CONNECTED = 233  # reading after the server's DisconnectNamedPipe
#: How a pipe ends, seen from the client: the server closed or disconnected its end.
END_OF_PIPE = (ERROR_BROKEN_PIPE, ERROR_NO_DATA, ERROR_PIPE_NOT_CONNECTED)
ERROR_SEM_TIMEOUT = 121
ERROR_PIPE_BUSY = 231
ERROR_IO_PENDING = 997


class PipeError(OSError):
    """A Win32 call failed; ``code`` is its GetLastError()."""

    def __init__(self, code: int, message: str) -> None:
        super().__init__(code, message)
        self.code = code


class PipeTimeoutError(PipeError):
    """A step did not finish before the deadline (the I/O was cancelled)."""

    def __init__(self, message: str = "timed out") -> None:
        super().__init__(ERROR_SEM_TIMEOUT, message)


class NoServerError(Exception):
    """No pipe of that name exists: no app runs."""


class PipeFailureError(Exception):
    """The exchange failed; the message says why, in words for the user."""


class Pipes(Protocol):
    """The Win32 calls the pipe client and server need."""

    def user_sid(self) -> str:
        """This process's user, as a string SID (``S-1-5-21-…``)."""
        ...

    def session_id(self) -> int:
        """This process's Windows session (ProcessIdToSessionId)."""
        ...

    def open(self, path: str) -> int:
        """CreateFileW on the pipe for overlapped reading and writing; raises PipeError."""
        ...

    def wait(self, path: str, timeout_ms: int) -> bool:
        """WaitNamedPipeW: True when an instance may be free now."""
        ...

    def owner_sid(self, handle: int) -> str:
        """The pipe object's owner (GetSecurityInfo), as a string SID."""
        ...

    def write(self, handle: int, data: bytes, timeout_s: float) -> None:
        """Write all of ``data``; raises PipeTimeoutError after ``timeout_s`` (I/O cancelled)."""
        ...

    def read(self, handle: int, size: int, timeout_s: float) -> bytes:
        """Up to ``size`` bytes; b"" when the server closed its end; PipeTimeoutError as above."""
        ...

    def close(self, handle: int) -> None:
        """CloseHandle."""
        ...

    def create_first_instance(self, path: str, sddl: str) -> int:
        """CreateNamedPipeW with FILE_FLAG_FIRST_PIPE_INSTANCE, PIPE_REJECT_REMOTE_CLIENTS
        and the security descriptor ``sddl``; raises PipeError (ERROR_ACCESS_DENIED when an
        instance of that name exists already)."""
        ...


def pipe_name(pipes: Pipes, digest: str) -> str:
    """The pipe's name (without ``\\\\.\\pipe\\``) for this user, session and profile."""
    return f"desktop-client-{pipes.user_sid()}-s{pipes.session_id()}-{digest}"


def security_descriptor(user_sid: str) -> str:
    """Owner: this user; access: this user only; network logons denied before anything."""
    return f"O:{user_sid}D:P(D;;GA;;;NU)(A;;GA;;;{user_sid})"


class Claim:
    """The pipe's first instance and our own client connection on it, held for the app's life.

    Connected to ourselves, the first instance can take no one else's connection (a client
    that landed on it would wait for an answer that never comes), and the pipe object with
    our security descriptor lives as long as the app, whatever Qt does with its listeners.
    """

    def __init__(self, pipes: Pipes, first: int, own: int) -> None:
        self._pipes, self._handles = pipes, [own, first]

    def release(self) -> None:
        """Close both handles (the app is quitting)."""
        handles, self._handles = self._handles, []
        for handle in handles:
            self._pipes.close(handle)


def claim(pipes: Pipes, name: str, attempts: int = 3) -> Claim:
    """Create the first instance of our pipe (see the module's text) and connect to it.

    Call it before Qt listens. Raises PipeFailureError when the name is taken.
    """
    path = PIPE_PREFIX + name
    for _ in range(attempts):
        try:
            first = pipes.create_first_instance(path, security_descriptor(pipes.user_sid()))
        except PipeError as error:
            if error.code == ERROR_ACCESS_DENIED:
                raise PipeFailureError(f"the request pipe {name} exists already (another "
                                       "instance, or another user's program holds its name)"
                                       ) from None
            raise PipeFailureError(f"cannot create the request pipe {name}: {error}") from None
        try:
            return Claim(pipes, first, pipes.open(path))
        except PipeError:
            # A client connected between the two calls (a click while the app starts): it
            # gets a broken pipe and tries again; so do we, on a fresh first instance.
            pipes.close(first)
    raise PipeFailureError(f"cannot hold the request pipe {name}: clients kept taking it")


def exchange(pipes: Pipes, name: str, data: bytes, timeout: float, limit: int) -> bytes:
    """Send one request line and read the one-line answer, all within ``timeout`` seconds.

    Raises NoServerError when no app runs and PipeFailureError for everything else.
    """
    path = PIPE_PREFIX + name
    deadline = time.monotonic() + timeout
    handle = _open(pipes, path, deadline, timeout)
    try:
        owner = pipes.owner_sid(handle)
        if owner != pipes.user_sid():
            raise PipeFailureError(f"the request pipe belongs to another user ({owner}); nothing "
                              "was sent")
        pipes.write(handle, data, _remaining(deadline))
        answer = b""
        while not answer.endswith(b"\n") and len(answer) <= limit:
            chunk = pipes.read(handle, limit, _remaining(deadline))
            if not chunk:
                break
            answer += chunk
    except PipeTimeoutError:
        raise PipeFailureError(f"the running instance did not answer within {timeout:g} s"
                          ) from None
    except PipeError as error:
        raise PipeFailureError(f"the running instance did not answer: {error.strerror}") from None
    finally:
        pipes.close(handle)
    return answer


def _open(pipes: Pipes, path: str, deadline: float, timeout: float) -> int:
    while True:
        try:
            return pipes.open(path)
        except PipeError as error:
            if error.code == ERROR_FILE_NOT_FOUND:
                raise NoServerError from None
            if error.code == ERROR_ACCESS_DENIED:
                raise PipeFailureError("the request pipe refuses this user (another user's "
                                  "program may hold its name); nothing was sent") from None
            if error.code != ERROR_PIPE_BUSY:
                raise PipeFailureError(f"cannot open the request pipe: {error.strerror}") from None
        left = deadline - time.monotonic()
        if left <= 0:
            raise PipeFailureError(f"the running instance is busy: no free connection within "
                              f"{timeout:g} s")
        # False when the wait timed out or the pipe went away: the next open() tells which.
        pipes.wait(path, max(1, int(left * 1000)))


def _remaining(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise PipeTimeoutError
    return left
