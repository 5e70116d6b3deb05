"""A fake of the Win32 named-pipe calls (:class:`desktop_client.platform.named_pipe.Pipes`).

Written from Microsoft's documentation of CreateNamedPipe, CreateFile, WaitNamedPipe and
GetSecurityInfo, not from our client: pipe names are one namespace for the machine; the
first instance sets the pipe's owner and DACL for all later ones; FILE_FLAG_FIRST_PIPE_INSTANCE
fails with ERROR_ACCESS_DENIED when the name exists; opening a pipe whose DACL does not let
the caller in fails with ERROR_ACCESS_DENIED, one with no free instance with ERROR_PIPE_BUSY,
one that does not exist with ERROR_FILE_NOT_FOUND. A server is a function from the request
bytes to the answer bytes, or "hang" (a frozen app: the connection is accepted and nothing
is ever read or answered).
"""

from __future__ import annotations

import itertools
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from desktop_client.platform.named_pipe import (
    ERROR_ACCESS_DENIED,
    ERROR_FILE_NOT_FOUND,
    ERROR_PIPE_BUSY,
    PipeError,
    PipeTimeoutError,
)

Server = Callable[[bytes], bytes] | str


@dataclass
class FakePipe:
    """One pipe object: its owner, the users its DACL lets in, how it answers."""

    owner: str
    allowed: set[str]
    server: Server = "hang"
    busy_opens: int = 0  # the next N opens find every instance taken
    first_instance_open: bool = True


@dataclass
class FakeMachine:
    """The machine's pipe namespace, shared by every user's processes."""

    pipes: dict[str, FakePipe] = field(default_factory=dict)


class FakePipes:
    """One user's process on the machine."""

    def __init__(self, machine: FakeMachine, sid: str = "S-1-5-21-1-2-3-1001",
                 session: int = 2) -> None:
        self.machine, self.sid, self.session = machine, sid, session
        self._handles = itertools.count(100)
        self.connections: dict[int, tuple[FakePipe, bytearray]] = {}
        self.created: dict[int, str] = {}
        self.closed: list[int] = []
        self.waits: list[int] = []
        self.io_timeouts: list[float] = []
        self.written: list[bytes] = []

    def user_sid(self) -> str:
        return self.sid

    def session_id(self) -> int:
        return self.session

    def open(self, path: str) -> int:
        pipe = self.machine.pipes.get(path)
        if pipe is None:
            raise PipeError(ERROR_FILE_NOT_FOUND, "The system cannot find the file specified.")
        if self.sid not in pipe.allowed:
            raise PipeError(ERROR_ACCESS_DENIED, "Access is denied.")
        if pipe.busy_opens:
            pipe.busy_opens -= 1
            raise PipeError(ERROR_PIPE_BUSY, "All pipe instances are busy.")
        handle = next(self._handles)
        self.connections[handle] = (pipe, bytearray())
        return handle

    def wait(self, path: str, timeout_ms: int) -> bool:
        self.waits.append(timeout_ms)
        return path in self.machine.pipes

    def owner_sid(self, handle: int) -> str:
        return self.connections[handle][0].owner

    def write(self, handle: int, data: bytes, timeout_s: float) -> None:
        self.io_timeouts.append(timeout_s)
        pipe, _ = self.connections[handle]
        if pipe.server == "hang":  # a frozen app's buffer takes a short line all the same
            self.written.append(data)
            return
        self.written.append(data)
        self.connections[handle] = (pipe, bytearray(self._answer(pipe, data)))

    def read(self, handle: int, size: int, timeout_s: float) -> bytes:
        self.io_timeouts.append(timeout_s)
        pipe, pending = self.connections[handle]
        if pipe.server == "hang":
            time.sleep(min(timeout_s, 0.05))  # would wait out the deadline, then cancel
            raise PipeTimeoutError
        chunk = bytes(pending[:size])
        del pending[:size]
        return chunk

    @staticmethod
    def _answer(pipe: FakePipe, data: bytes) -> bytes:
        assert callable(pipe.server)
        return pipe.server(data)

    def close(self, handle: int) -> None:
        self.closed.append(handle)
        self.connections.pop(handle, None)
        path = self.created.pop(handle, None)
        if path is not None:  # the pipe lives on in the server's other instances
            self.machine.pipes[path].first_instance_open = False

    def create_first_instance(self, path: str, sddl: str) -> int:
        if path in self.machine.pipes:
            raise PipeError(ERROR_ACCESS_DENIED, "Access is denied.")
        owner = re.match(r"O:([^D]+)D:", sddl)
        allowed = set(re.findall(r"\(A;;GA;;;([^)]+)\)", sddl))
        assert owner, sddl
        handle = next(self._handles)
        self.machine.pipes[path] = FakePipe(owner=owner[1], allowed=allowed)
        self.created[handle] = path
        return handle

    def squat(self, path: str, *, allow_everyone: bool) -> FakePipe:
        """Another program of this user creates a pipe of that name with its own DACL."""
        pipe = FakePipe(owner=self.sid, allowed={self.sid})
        if allow_everyone:
            pipe.allowed = _Everyone()
        self.machine.pipes[path] = pipe
        return pipe


class _Everyone(set[str]):
    """A DACL that lets everybody in (a NULL DACL)."""

    def __contains__(self, item: object) -> bool:
        return True
