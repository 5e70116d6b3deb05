"""The real Win32 calls behind :mod:`desktop_client.platform.hotkey` (ctypes; Windows only).

Kept apart so the hotkey's logic reads without the ctypes declarations, and so nothing here is
imported until the app runs on Windows.
"""

from __future__ import annotations

import ctypes
import ctypes.wintypes
import os
import time
from collections.abc import Sequence
from typing import Any

from desktop_client.platform.hotkey import CF_UNICODETEXT, EXCLUDE_FROM_MONITORING

# Windows' widths, spelt out: ctypes.wintypes' DWORD and LONG are 8 bytes on Linux.
_WORD = ctypes.c_uint16
_DWORD = ctypes.c_uint32
_LONG = ctypes.c_int32
_ULONG_PTR = ctypes.c_size_t


class KEYBDINPUT(ctypes.Structure):
    """SendInput's keyboard event."""

    _fields_ = [("wVk", _WORD), ("wScan", _WORD), ("dwFlags", _DWORD), ("time", _DWORD),
                ("dwExtraInfo", _ULONG_PTR)]


class MOUSEINPUT(ctypes.Structure):
    """Only here so INPUT has its real size (the union's largest member)."""

    _fields_ = [("dx", _LONG), ("dy", _LONG), ("mouseData", _DWORD), ("dwFlags", _DWORD),
                ("time", _DWORD), ("dwExtraInfo", _ULONG_PTR)]


class _InputUnion(ctypes.Union):
    _fields_ = [("mi", MOUSEINPUT), ("ki", KEYBDINPUT)]


class INPUT(ctypes.Structure):
    """SendInput's event: type INPUT_KEYBOARD and a KEYBDINPUT."""

    _fields_ = [("type", _DWORD), ("u", _InputUnion)]


INPUT_KEYBOARD = 1
KEYEVENTF_KEYUP = 0x0002
GMEM_MOVEABLE = 0x0002
HWND_MESSAGE = -3


def keyboard_inputs(events: Sequence[tuple[int, bool]]) -> ctypes.Array[INPUT]:
    """The INPUT array SendInput gets for (virtual key, key up) events."""
    inputs = (INPUT * len(events))()
    for item, (vk, up) in zip(inputs, events, strict=True):
        item.type = INPUT_KEYBOARD
        item.u.ki = KEYBDINPUT(wVk=vk, wScan=0, dwFlags=KEYEVENTF_KEYUP if up else 0, time=0,
                               dwExtraInfo=0)
    return inputs


def utf16z(text: str) -> bytes:
    """CF_UNICODETEXT's bytes: UTF-16 with the closing NUL (lone surrogates kept)."""
    return (text + "\0").encode("utf-16-le", "surrogatepass")


def _declare(user32: Any, kernel32: Any) -> None:
    """Argument and result types: without them ctypes cuts 64-bit handles to int."""
    w = ctypes.wintypes
    signatures: list[tuple[Any, str, list[Any], Any]] = [
        (user32, "RegisterHotKey", [w.HWND, ctypes.c_int, w.UINT, w.UINT], w.BOOL),
        (user32, "UnregisterHotKey", [w.HWND, ctypes.c_int], w.BOOL),
        (user32, "GetAsyncKeyState", [ctypes.c_int], w.SHORT),
        (user32, "SendInput", [w.UINT, ctypes.POINTER(INPUT), ctypes.c_int], w.UINT),
        (user32, "GetClipboardSequenceNumber", [], w.DWORD),
        (user32, "OpenClipboard", [w.HWND], w.BOOL),
        (user32, "CloseClipboard", [], w.BOOL),
        (user32, "EmptyClipboard", [], w.BOOL),
        (user32, "GetClipboardData", [w.UINT], w.HANDLE),
        (user32, "SetClipboardData", [w.UINT, w.HANDLE], w.HANDLE),
        (user32, "RegisterClipboardFormatW", [w.LPCWSTR], w.UINT),
        (user32, "CreateWindowExW", [w.DWORD, w.LPCWSTR, w.LPCWSTR, w.DWORD, ctypes.c_int,
                                     ctypes.c_int, ctypes.c_int, ctypes.c_int, w.HWND, w.HMENU,
                                     w.HINSTANCE, w.LPVOID], w.HWND),
        (user32, "DestroyWindow", [w.HWND], w.BOOL),
        (kernel32, "GlobalAlloc", [w.UINT, ctypes.c_size_t], w.HGLOBAL),
        (kernel32, "GlobalLock", [w.HGLOBAL], w.LPVOID),
        (kernel32, "GlobalUnlock", [w.HGLOBAL], w.BOOL),
        (kernel32, "GlobalFree", [w.HGLOBAL], w.HGLOBAL),
        (kernel32, "GlobalSize", [w.HGLOBAL], ctypes.c_size_t),
    ]
    for dll, name, argtypes, restype in signatures:
        function = getattr(dll, name)
        function.argtypes = argtypes
        function.restype = restype


class Win32:  # pragma: no cover - needs Windows
    """user32 and kernel32 through ctypes (our own WinDLL objects: declaring types on the
    shared ``ctypes.windll`` ones could clash with other libraries)."""

    def __init__(self) -> None:
        if os.name != "nt":
            raise OSError("the Win32 API exists only on Windows")
        # typeshed declares WinDLL and get_last_error on Windows only.
        self._ctypes: Any = ctypes
        self._user32: Any = self._ctypes.WinDLL("user32", use_last_error=True)
        self._kernel32: Any = self._ctypes.WinDLL("kernel32", use_last_error=True)
        _declare(self._user32, self._kernel32)
        self._owner: int | None = None

    def register_hotkey(self, hotkey_id: int, modifiers: int, vk: int) -> int:
        """RegisterHotKey(NULL, …)."""
        if self._user32.RegisterHotKey(None, hotkey_id, modifiers, vk):
            return 0
        return int(self._ctypes.get_last_error()) or -1

    def unregister_hotkey(self, hotkey_id: int) -> bool:
        """UnregisterHotKey(NULL, id)."""
        return bool(self._user32.UnregisterHotKey(None, hotkey_id))

    def key_down(self, vk: int) -> bool:
        """The high bit of GetAsyncKeyState."""
        return bool(self._user32.GetAsyncKeyState(vk) & 0x8000)

    def send_keys(self, events: Sequence[tuple[int, bool]]) -> int:
        """One SendInput call."""
        inputs = keyboard_inputs(events)
        return int(self._user32.SendInput(len(inputs), inputs, ctypes.sizeof(INPUT)))

    def clipboard_sequence(self) -> int:
        """GetClipboardSequenceNumber."""
        return int(self._user32.GetClipboardSequenceNumber())

    def open_clipboard(self) -> bool:
        """OpenClipboard with a message-only window of ours as the owner-to-be."""
        if self._owner is None:
            self._owner = self._user32.CreateWindowExW(0, "STATIC", None, 0, 0, 0, 0, 0,
                                                       HWND_MESSAGE, None, None, None) or None
        if self._user32.OpenClipboard(self._owner):
            return True
        self._destroy_owner()
        return False

    def close_clipboard(self) -> None:
        """CloseClipboard; the window goes too (no owner left waiting for messages)."""
        self._user32.CloseClipboard()
        self._destroy_owner()

    def _destroy_owner(self) -> None:
        if self._owner is not None:
            self._user32.DestroyWindow(self._owner)
            self._owner = None

    def get_text(self) -> str | None:
        """CF_UNICODETEXT, up to its first NUL."""
        handle = self._user32.GetClipboardData(CF_UNICODETEXT)
        if not handle:
            return None
        pointer = self._kernel32.GlobalLock(handle)
        if not pointer:
            return None
        try:
            chars = int(self._kernel32.GlobalSize(handle)) // ctypes.sizeof(ctypes.c_wchar)
            text = ctypes.wstring_at(pointer, chars)
        finally:
            self._kernel32.GlobalUnlock(handle)
        return text.split("\0", 1)[0]

    def set_text(self, text: str | None) -> bool:
        """EmptyClipboard, then the text and the marker for clipboard managers."""
        if not self._user32.EmptyClipboard():
            return False
        if text is None:
            return True
        if not self._set_data(CF_UNICODETEXT, utf16z(text)):
            return False
        marker = self._user32.RegisterClipboardFormatW(EXCLUDE_FROM_MONITORING)
        if marker:
            self._set_data(marker, (1).to_bytes(4, "little"))
        return True

    def _set_data(self, clipboard_format: int, payload: bytes) -> bool:
        handle = self._kernel32.GlobalAlloc(GMEM_MOVEABLE, len(payload))
        if not handle:
            return False
        pointer = self._kernel32.GlobalLock(handle)
        if not pointer:
            self._kernel32.GlobalFree(handle)
            return False
        ctypes.memmove(pointer, payload, len(payload))
        self._kernel32.GlobalUnlock(handle)
        if not self._user32.SetClipboardData(clipboard_format, handle):
            self._kernel32.GlobalFree(handle)
            return False
        return True  # the clipboard owns the memory now

    def now(self) -> float:
        """time.monotonic."""
        return time.monotonic()

    def sleep(self, seconds: float) -> None:
        """time.sleep."""
        time.sleep(seconds)
