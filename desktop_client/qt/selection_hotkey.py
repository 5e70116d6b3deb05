"""Windows: the global shortcut that dials the selected text, hooked into Qt's event loop.

``RegisterHotKey`` without a window posts WM_HOTKEY to the thread that registered it, the
one running Qt's event loop; a native event filter sees that MSG. The selection is then read
in a worker thread (it waits for the user to let go of the keys and for the program to copy,
up to a second or two) and handed back to the UI thread by a signal.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QAbstractNativeEventFilter, QCoreApplication, QObject, Signal

from desktop_client.platform.hotkey import HotkeyError, msg_fields

#: The event types a Windows MSG comes as: posted thread messages (a hotkey without a
#: window) through the dispatcher, window messages as generic ones.
WINDOWS_MSG = (b"windows_dispatcher_MSG", b"windows_generic_MSG")


class Hotkey(Protocol):
    """What :class:`~desktop_client.platform.hotkey.WindowsHotkey` offers."""

    def register(self, sequence: str) -> None: ...
    def unregister(self) -> None: ...
    def handles(self, message: int, wparam: int) -> bool: ...


class _Filter(QAbstractNativeEventFilter):
    def __init__(self, hotkey: Hotkey, pressed: Callable[[], None]) -> None:
        super().__init__()
        self._hotkey = hotkey
        self._pressed = pressed

    def nativeEventFilter(self, event_type: Any, message: Any) -> Any:  # noqa: N802 - Qt's
        if bytes(event_type) in WINDOWS_MSG and self._hotkey.handles(*msg_fields(int(message))):
            self._pressed()
            return True, 0
        return False, 0


class SelectionHotkey(QObject):
    """Emits :attr:`text_selected` with the selected text ("" when nothing was copied) each
    time the shortcut is pressed."""

    text_selected = Signal(str)

    def __init__(self, hotkey: Hotkey, read: Callable[[], str],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hotkey = hotkey
        self._read = read
        self._filter = _Filter(hotkey, self._pressed)
        self._reading = threading.Lock()
        self._installed = False

    def start(self, sequence: str) -> str:
        """Register ``sequence``; "" when it works, else why not (for the user)."""
        try:
            self._hotkey.register(sequence)
        except (ValueError, HotkeyError) as error:
            return str(error)
        app = QCoreApplication.instance()
        if not self._installed and app is not None:
            app.installNativeEventFilter(self._filter)
            self._installed = True
        return ""

    def stop(self) -> None:
        """Give the shortcut back."""
        app = QCoreApplication.instance()
        if self._installed and app is not None:
            app.removeNativeEventFilter(self._filter)
            self._installed = False
        self._hotkey.unregister()

    def _pressed(self) -> None:
        if not self._reading.acquire(blocking=False):
            return  # pressed again while the last press is still being read

        def work() -> None:
            try:
                text = self._read()
            finally:
                self._reading.release()
            self.text_selected.emit(text)

        threading.Thread(target=work, name="selection", daemon=True).start()
