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
    """One pipe object: its owner, the users its DACL lets in, how it answers.

    ``first`` is the first instance (the app's claim): a client that opens the pipe while it
    waits unconnected lands on it. ``server`` is how the app's other (Qt's) instances answer;
    None while there are none. The pipe exists while a server-side handle is open: the
    first instance's, or Qt's instances' (``listening``).
    """

    owner: str
    allowed: set[str]
    server: Server | None = None
    busy_opens: int = 0  # the next N opens find every instance taken
    first_free: bool = True
    listening: bool = False
    handles: set[int] = field(default_factory=set)


@dataclass
class FakeMachine:
    """The machine's pipe namespace, shared by every user's processes."""

    pipes: dict[str, FakePipe] = field(default_factory=dict)
    #: Called right after a first instance is created (a client racing the app's start).
    on_create: Callable[[str], None] | None = None


class FakePipes:
    """One user's process on the machine."""

    def __init__(self, machine: FakeMachine, sid: str = "S-1-5-21-1-2-3-1001",
                 session: int = 2) -> None:
        self.machine, self.sid, self.session = machine, sid, session
        self._handles = itertools.count(100)
        self.connections: dict[int, tuple[FakePipe, bool]] = {}  # handle -> (pipe, on first)
        self.created: list[str] = []
        self.closed: list[int] = []
        self.waits: list[int] = []
        self.io_timeouts: list[float] = []
        self.written: list[bytes] = []
        self._answers: dict[int, bytearray] = {}

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
        if pipe.first_free:
            pipe.first_free = False
            self.connections[handle] = (pipe, True)
        elif pipe.server is None:
            raise PipeError(ERROR_PIPE_BUSY, "All pipe instances are busy.")
        else:
            self.connections[handle] = (pipe, False)
        return handle

    def wait(self, path: str, timeout_ms: int) -> bool:
        self.waits.append(timeout_ms)
        return path in self.machine.pipes

    def owner_sid(self, handle: int) -> str:
        return self.connections[handle][0].owner

    def write(self, handle: int, data: bytes, timeout_s: float) -> None:
        self.io_timeouts.append(timeout_s)
        pipe, on_first = self.connections[handle]
        self.written.append(data)
        if on_first or pipe.server == "hang":  # taken into the buffer, never read
            return
        assert callable(pipe.server)
        self._answers[handle] = bytearray(pipe.server(data))

    def read(self, handle: int, size: int, timeout_s: float) -> bytes:
        self.io_timeouts.append(timeout_s)
        pipe, on_first = self.connections[handle]
        if on_first or pipe.server == "hang":  # nobody will answer: waits out the deadline
            time.sleep(min(timeout_s, 0.05))
            raise PipeTimeoutError
        pending = self._answers.setdefault(handle, bytearray())
        chunk = bytes(pending[:size])
        del pending[:size]
        return chunk

    def close(self, handle: int) -> None:
        self.closed.append(handle)
        self.connections.pop(handle, None)
        for path, pipe in list(self.machine.pipes.items()):
            if handle in pipe.handles:
                pipe.handles.discard(handle)
                if not pipe.handles and not pipe.listening:
                    del self.machine.pipes[path]

    def create_first_instance(self, path: str, sddl: str) -> int:
        if path in self.machine.pipes:
            raise PipeError(ERROR_ACCESS_DENIED, "Access is denied.")
        owner = re.match(r"O:([^D]+)D:", sddl)
        allowed = set(re.findall(r"\(A;;GA;;;([^)]+)\)", sddl))
        assert owner, sddl
        handle = next(self._handles)
        self.machine.pipes[path] = FakePipe(owner=owner[1], allowed=allowed, handles={handle})
        self.created.append(path)
        if self.machine.on_create is not None:
            self.machine.on_create(path)
        return handle

    def squat(self, path: str, *, allow_everyone: bool) -> FakePipe:
        """Another program of this user creates a pipe of that name with its own DACL."""
        pipe = FakePipe(owner=self.sid, allowed={self.sid}, first_free=False, listening=True)
        if allow_everyone:
            pipe.allowed = _Everyone()
        self.machine.pipes[path] = pipe
        return pipe


class _Everyone(set[str]):
    """A DACL that lets everybody in (a NULL DACL)."""

    def __contains__(self, item: object) -> bool:
        return True
