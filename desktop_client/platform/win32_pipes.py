"""The real Win32 calls behind :mod:`desktop_client.platform.named_pipe` (ctypes; Windows
only), kept apart like win32_api.py: the pipe logic reads without the declarations, and
nothing here is imported until the app runs on Windows."""

from __future__ import annotations

import ctypes
import os
import time
from typing import Any

from desktop_client.platform.named_pipe import (
    END_OF_PIPE,
    ERROR_BROKEN_PIPE,
    ERROR_IO_PENDING,
    PipeError,
    PipeTimeoutError,
)

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
