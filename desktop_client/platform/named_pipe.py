"""Windows named pipes for the single-instance IPC (see :mod:`desktop_client.ipc`).

Two halves, both written against the small :class:`Pipes` interface so that their logic is
tested on any system with a fake of the Win32 calls (``tests/unit/test_named_pipe.py``);
:class:`Win32Pipes` is the ctypes implementation.

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

import ctypes
import os
import time
from typing import Any, Protocol

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


# -- the Win32 calls ----------------------------------------------------------------------------

_GENERIC_READ = 0x80000000
_GENERIC_WRITE = 0x40000000
_OPEN_EXISTING = 3
_FILE_FLAG_OVERLAPPED = 0x40000000
# The server may identify us but never act as us (against a squatter that got our handle).
_SECURITY_SQOS_PRESENT = 0x00100000
_SECURITY_IDENTIFICATION = 0x00010000
_PIPE_ACCESS_DUPLEX = 0x00000003
_FILE_FLAG_FIRST_PIPE_INSTANCE = 0x00080000
_PIPE_REJECT_REMOTE_CLIENTS = 0x00000008
_PIPE_UNLIMITED_INSTANCES = 255  # what Qt's listeners ask for: all instances must agree
_SE_FILE_OBJECT = 1
_OWNER_SECURITY_INFORMATION = 0x1
_TOKEN_QUERY = 0x0008
_TOKEN_USER = 1
_WAIT_OBJECT_0 = 0
_SDDL_REVISION_1 = 1


class _Overlapped(ctypes.Structure):
    _fields_ = [("Internal", ctypes.c_size_t), ("InternalHigh", ctypes.c_size_t),
                ("Offset", ctypes.c_uint32), ("OffsetHigh", ctypes.c_uint32),
                ("hEvent", ctypes.c_void_p)]


class _SecurityAttributes(ctypes.Structure):
    _fields_ = [("nLength", ctypes.c_uint32), ("lpSecurityDescriptor", ctypes.c_void_p),
                ("bInheritHandle", ctypes.c_int32)]


class Win32Pipes:  # pragma: no cover - needs Windows
    """:class:`Pipes` through kernel32 and advapi32 (our own WinDLL objects)."""

    def __init__(self) -> None:
        if os.name != "nt":
            raise OSError("named pipes are used only on Windows")
        # typeshed declares WinDLL and get_last_error on Windows only.
        self._ctypes: Any = ctypes
        self._k: Any = self._ctypes.WinDLL("kernel32", use_last_error=True)
        self._a: Any = self._ctypes.WinDLL("advapi32", use_last_error=True)
        handle, dword, ptr = ctypes.c_void_p, ctypes.c_uint32, ctypes.c_void_p
        k, a = self._k, self._a
        k.CreateFileW.argtypes = [ctypes.c_wchar_p, dword, dword, ptr, dword, dword, handle]
        k.CreateFileW.restype = handle
        k.CreateNamedPipeW.argtypes = [ctypes.c_wchar_p, dword, dword, dword, dword, dword,
                                       dword, ptr]
        k.CreateNamedPipeW.restype = handle
        k.WaitNamedPipeW.argtypes = [ctypes.c_wchar_p, dword]
        k.CreateEventW.argtypes = [ptr, ctypes.c_int32, ctypes.c_int32, ctypes.c_wchar_p]
        k.CreateEventW.restype = handle
        k.WriteFile.argtypes = [handle, ptr, dword, ptr, ptr]
        k.ReadFile.argtypes = [handle, ptr, dword, ptr, ptr]
        k.WaitForSingleObject.argtypes = [handle, dword]
        k.WaitForSingleObject.restype = dword
        k.CancelIoEx.argtypes = [handle, ptr]
        k.GetOverlappedResult.argtypes = [handle, ptr, ctypes.POINTER(dword), ctypes.c_int32]
        k.CloseHandle.argtypes = [handle]
        k.LocalFree.argtypes = [ptr]
        k.LocalFree.restype = ptr
        k.GetCurrentProcess.restype = handle
        k.GetCurrentProcessId.restype = dword
        k.ProcessIdToSessionId.argtypes = [dword, ctypes.POINTER(dword)]
        a.OpenProcessToken.argtypes = [handle, dword, ctypes.POINTER(handle)]
        a.GetTokenInformation.argtypes = [handle, ctypes.c_int, ptr, dword,
                                          ctypes.POINTER(dword)]
        a.ConvertSidToStringSidW.argtypes = [ptr, ctypes.POINTER(ctypes.c_wchar_p)]
        a.GetSecurityInfo.argtypes = [handle, ctypes.c_int, dword, ctypes.POINTER(ptr),
                                      ptr, ptr, ptr, ctypes.POINTER(ptr)]
        a.GetSecurityInfo.restype = dword
        a.ConvertStringSecurityDescriptorToSecurityDescriptorW.argtypes = [
            ctypes.c_wchar_p, dword, ctypes.POINTER(ptr), ptr]
        self._invalid = ctypes.c_void_p(-1).value

    def _fail(self, what: str, code: int | None = None) -> PipeError:
        code = self._ctypes.get_last_error() if code is None else code
        return PipeError(code, f"{what}: {self._ctypes.FormatError(code).strip()}")

    def _sid_text(self, sid: int) -> str:
        text = ctypes.c_wchar_p()
        if not self._a.ConvertSidToStringSidW(sid, ctypes.byref(text)):
            raise self._fail("ConvertSidToStringSid")
        try:
            return str(text.value)
        finally:
            self._k.LocalFree(ctypes.cast(text, ctypes.c_void_p))

    def user_sid(self) -> str:
        """OpenProcessToken + GetTokenInformation(TokenUser)."""
        token = ctypes.c_void_p()
        if not self._a.OpenProcessToken(self._k.GetCurrentProcess(), _TOKEN_QUERY,
                                        ctypes.byref(token)):
            raise self._fail("OpenProcessToken")
        try:
            size = ctypes.c_uint32()
            self._a.GetTokenInformation(token, _TOKEN_USER, None, 0, ctypes.byref(size))
            buffer = ctypes.create_string_buffer(size.value)
            if not self._a.GetTokenInformation(token, _TOKEN_USER, buffer, size,
                                               ctypes.byref(size)):
                raise self._fail("GetTokenInformation")
            # TOKEN_USER starts with SID_AND_ATTRIBUTES, which starts with the SID pointer.
            sid = ctypes.c_void_p.from_buffer(buffer).value
            return self._sid_text(sid or 0)
        finally:
            self._k.CloseHandle(token)

    def session_id(self) -> int:
        """ProcessIdToSessionId(GetCurrentProcessId())."""
        session = ctypes.c_uint32()
        if not self._k.ProcessIdToSessionId(self._k.GetCurrentProcessId(),
                                            ctypes.byref(session)):
            raise self._fail("ProcessIdToSessionId")
        return int(session.value)

    def open(self, path: str) -> int:
        """CreateFileW, overlapped, identification-level impersonation only."""
        handle = self._k.CreateFileW(path, _GENERIC_READ | _GENERIC_WRITE, 0, None,
                                     _OPEN_EXISTING, _FILE_FLAG_OVERLAPPED
                                     | _SECURITY_SQOS_PRESENT | _SECURITY_IDENTIFICATION, None)
        if handle in (None, self._invalid):
            raise self._fail("CreateFile")
        return int(handle)

    def wait(self, path: str, timeout_ms: int) -> bool:
        """WaitNamedPipeW."""
        return bool(self._k.WaitNamedPipeW(path, timeout_ms))

    def owner_sid(self, handle: int) -> str:
        """GetSecurityInfo(OWNER_SECURITY_INFORMATION)."""
        owner, descriptor = ctypes.c_void_p(), ctypes.c_void_p()
        error = self._a.GetSecurityInfo(handle, _SE_FILE_OBJECT, _OWNER_SECURITY_INFORMATION,
                                        ctypes.byref(owner), None, None, None,
                                        ctypes.byref(descriptor))
        if error:
            raise self._fail("GetSecurityInfo", int(error))
        try:
            return self._sid_text(owner.value or 0)
        finally:
            self._k.LocalFree(descriptor)

    def _io(self, call: Any, handle: int, buffer: Any, size: int, timeout_s: float) -> int:
        event = self._k.CreateEventW(None, True, False, None)
        if not event:
            raise self._fail("CreateEvent")
        overlapped = _Overlapped(hEvent=event)
        done = ctypes.c_uint32()
        try:
            if not call(handle, buffer, size, None, ctypes.byref(overlapped)):
                code = self._ctypes.get_last_error()
                if code in END_OF_PIPE:
                    return 0
                if code != ERROR_IO_PENDING:
                    raise self._fail("pipe I/O", code)
            wait_ms = max(1, int(timeout_s * 1000))
            if self._k.WaitForSingleObject(event, wait_ms) != _WAIT_OBJECT_0:
                self._k.CancelIoEx(handle, ctypes.byref(overlapped))
                # Wait for the cancelled I/O: the buffer must outlive it.
                self._k.GetOverlappedResult(handle, ctypes.byref(overlapped),
                                            ctypes.byref(done), True)
                raise PipeTimeoutError
            if not self._k.GetOverlappedResult(handle, ctypes.byref(overlapped),
                                               ctypes.byref(done), False):
                code = self._ctypes.get_last_error()
                if code in END_OF_PIPE:
                    return 0
                raise self._fail("pipe I/O", code)
            return int(done.value)
        finally:
            self._k.CloseHandle(event)

    def write(self, handle: int, data: bytes, timeout_s: float) -> None:
        """Overlapped WriteFile, cancelled at the deadline."""
        deadline = time.monotonic() + timeout_s
        while data:
            buffer = ctypes.create_string_buffer(data, len(data))
            written = self._io(self._k.WriteFile, handle, buffer, len(data),
                               max(0.001, deadline - time.monotonic()))
            if not written:
                raise PipeError(ERROR_BROKEN_PIPE, "the running instance closed the pipe")
            data = data[written:]

    def read(self, handle: int, size: int, timeout_s: float) -> bytes:
        """Overlapped ReadFile, cancelled at the deadline."""
        buffer = ctypes.create_string_buffer(size)
        got = self._io(self._k.ReadFile, handle, buffer, size, timeout_s)
        return buffer.raw[:got]

    def close(self, handle: int) -> None:
        """CloseHandle."""
        self._k.CloseHandle(handle)

    def create_first_instance(self, path: str, sddl: str) -> int:
        """CreateNamedPipeW(FIRST_PIPE_INSTANCE, REJECT_REMOTE_CLIENTS, ``sddl``)."""
        descriptor = ctypes.c_void_p()
        if not self._a.ConvertStringSecurityDescriptorToSecurityDescriptorW(
                sddl, _SDDL_REVISION_1, ctypes.byref(descriptor), None):
            raise self._fail("ConvertStringSecurityDescriptorToSecurityDescriptor")
        try:
            attributes = _SecurityAttributes(ctypes.sizeof(_SecurityAttributes),
                                             descriptor.value, 0)
            handle = self._k.CreateNamedPipeW(
                path, _PIPE_ACCESS_DUPLEX | _FILE_FLAG_FIRST_PIPE_INSTANCE,
                _PIPE_REJECT_REMOTE_CLIENTS, _PIPE_UNLIMITED_INSTANCES, 0, 0, 3000,
                ctypes.byref(attributes))
            if handle in (None, self._invalid):
                raise self._fail("CreateNamedPipe")
            return int(handle)
        finally:
            self._k.LocalFree(descriptor)
