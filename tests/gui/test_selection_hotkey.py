"""The Windows shortcut's Qt side, with a fake of the Win32 hotkey: a WM_HOTKEY MSG through
the native event filter reads the selection off the UI thread and hands it back."""

from __future__ import annotations

import ctypes
import ctypes.wintypes
import threading

from pytestqt.qtbot import QtBot

from desktop_client.platform.hotkey import WM_HOTKEY, HotkeyTakenError
from desktop_client.qt.selection_hotkey import SelectionHotkey


class FakeHotkey:
    def __init__(self, taken: bool = False) -> None:
        self.registered: str | None = None
        self.taken = taken

    def register(self, sequence: str) -> None:
        if self.taken:
            raise HotkeyTakenError(f"{sequence} is already taken by another program; "
                                   "choose another combination")
        self.registered = sequence

    def unregister(self) -> None:
        self.registered = None

    def handles(self, message: int, wparam: int) -> bool:
        return self.registered is not None and message == WM_HOTKEY and wparam == 7


def _msg(message: int, wparam: int) -> ctypes.wintypes.MSG:
    msg = ctypes.wintypes.MSG()
    msg.message, msg.wParam = message, wparam
    return msg


def test_the_pressed_shortcut_reads_the_selection_in_a_worker(qtbot: QtBot) -> None:
    threads: list[str] = []

    def read() -> str:
        threads.append(threading.current_thread().name)
        return "Rufen Sie an: 044 668 18 00"

    hotkey = FakeHotkey()
    selection = SelectionHotkey(hotkey, read)
    assert selection.start("Ctrl+Alt+D") == ""
    assert hotkey.registered == "Ctrl+Alt+D"
    other = _msg(0x0100, 7)  # WM_KEYDOWN: not ours
    assert selection._filter.nativeEventFilter(b"windows_generic_MSG",
                                               ctypes.addressof(other)) == (False, 0)
    ours = _msg(WM_HOTKEY, 7)
    with qtbot.waitSignal(selection.text_selected, timeout=5000) as got:
        handled = selection._filter.nativeEventFilter(b"windows_dispatcher_MSG",
                                                      ctypes.addressof(ours))
    assert handled == (True, 0)
    assert got.args == ["Rufen Sie an: 044 668 18 00"]
    assert threads == ["selection"]  # not on the UI thread
    selection.stop()
    assert hotkey.registered is None
    assert selection._filter.nativeEventFilter(b"windows_dispatcher_MSG",
                                               ctypes.addressof(ours)) == (False, 0)


def test_a_taken_combination_is_said(qtbot: QtBot) -> None:
    selection = SelectionHotkey(FakeHotkey(taken=True), lambda: "")
    assert selection.start("Ctrl+Alt+D") == ("Ctrl+Alt+D is already taken by another "
                                             "program; choose another combination")
