"""Call notices in the desktop's notification centre, from the UI thread without blocking it.

Requests (show a notice, close one) go to one worker thread in order, which owns the map
from our call ids to the server's notification ids, so a notice for an answered call
replaces the ringing one in place. The server's ActionInvoked signal comes back as
:attr:`NativeNotifier.action` (call id, action key) on the UI thread.
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Protocol

from PySide6.QtCore import QObject, Signal

from desktop_client.core.notices import CallNotice, freedesktop_args

log = logging.getLogger("desktop_client.notify")
MAX_TRACKED = 64


class NotificationService(Protocol):
    """What :class:`~desktop_client.platform.freedesktop_notify.FreedesktopNotifications`
    offers (Windows toasts and macOS notifications would offer the same)."""

    capabilities: set[str]

    def open(self) -> None: ...
    def notify(self, args: tuple[object, ...]) -> int: ...
    def close_notification(self, nid: int, timeout: float = ...) -> None: ...
    def close(self) -> None: ...


Factory = Callable[[Callable[[int, str], None], Callable[[int, int], None],
                    Callable[[], None]], NotificationService]


class NativeNotifier(QObject):
    """Shows, replaces and closes one notification per call."""

    action = Signal(str, str)  # call id, action key
    failed = Signal(str)  # the service refused or went away (the message says why)

    def __init__(self, factory: Factory, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._service = factory(self._on_action, self._on_closed, self._on_restart)
        self._lock = threading.Lock()
        self._ids: OrderedDict[str, int] = OrderedDict()  # call id -> notification id
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="notify")
        self._notes = itertools.count(1)
        self.ready = False

    def start(self) -> str:
        """Connect to the service; "" when it is there, else why not."""
        from desktop_client.platform.freedesktop_notify import NotifyError  # noqa: PLC0415

        try:
            self._service.open()
        except NotifyError as error:
            return str(error)
        self.ready = True
        return ""

    def show(self, notice: CallNotice) -> None:
        """Show ``notice``, in place of the call's earlier one."""
        if self.ready:
            self._worker.submit(self._show, notice)

    def close_call(self, call_id: str) -> None:
        """The call's notice no longer matters."""
        if self.ready:
            self._worker.submit(self._close, call_id)

    def message(self, title: str, text: str, is_error: bool = False) -> None:
        """A note that is not about one call (the app's own words in ``title``)."""
        if self.ready:
            self._worker.submit(self._show, CallNotice(
                f"note:{next(self._notes)}", "error" if is_error else "note", title, text))

    def stop(self) -> None:
        """Close the notices of calls still shown (their buttons would be dead), then
        disconnect; a server that does not answer delays the quit by a second at most."""
        self.ready = False
        self._worker.shutdown(wait=True, cancel_futures=True)
        with self._lock:
            shown = [nid for call, nid in self._ids.items() if not call.startswith("note:")]
            self._ids.clear()
        for nid in shown[:8]:
            self._service.close_notification(nid, timeout=0.2)
        self._service.close()

    def _show(self, notice: CallNotice) -> None:
        from desktop_client.platform.freedesktop_notify import NotifyError  # noqa: PLC0415

        with self._lock:
            replaces = self._ids.get(notice.call_id, 0)
        try:
            nid = self._service.notify(freedesktop_args(notice, replaces,
                                                        self._service.capabilities))
        except NotifyError as error:
            log.warning("the %s notice was not shown: %s", notice.kind, error)
            self.ready = False
            self.failed.emit(str(error))
            return
        with self._lock:
            for call, known in list(self._ids.items()):  # a server that reuses ids
                if known == nid and call != notice.call_id:
                    del self._ids[call]
            self._ids[notice.call_id] = nid
            self._ids.move_to_end(notice.call_id)
            while len(self._ids) > MAX_TRACKED:
                self._ids.popitem(last=False)

    def _close(self, call_id: str) -> None:
        with self._lock:
            nid = self._ids.pop(call_id, None)
        if nid is not None:
            self._service.close_notification(nid)

    def _call_for(self, nid: int) -> str | None:
        with self._lock:
            return next((call for call, known in self._ids.items() if known == nid), None)

    def _on_action(self, nid: int, key: str) -> None:  # the listener thread
        call_id = self._call_for(nid)
        if call_id is not None:
            self.action.emit(call_id, key)

    def _on_restart(self) -> None:  # the listener thread: a new server, new ids
        with self._lock:
            self._ids.clear()

    def _on_closed(self, nid: int, _reason: int) -> None:  # the listener thread
        with self._lock:
            for call_id, known in list(self._ids.items()):
                if known == nid:
                    del self._ids[call_id]
