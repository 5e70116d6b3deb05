"""The path of every call the user places: decision, toast or confirmation, backend, journal.

One dialog at a time: while a countdown or a confirmation waits for the user, a further
request from outside is refused (a web page cannot stack dialogs).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Qt, Signal

from desktop_client.core.dial import DialError, DialRequest
from desktop_client.core.profile import mask_number
from desktop_client.outgoing.policy import Action, Source
from desktop_client.outgoing.service import DialService, PreparedCall
from desktop_client.qt.dial_executor import DialExecutor
from desktop_client.ui.confirm import ConfirmDialog
from desktop_client.ui.texts import message_text, target_label
from desktop_client.ui.toast import CountdownToast

log = logging.getLogger("desktop_client.dial")


class DialFlow(QObject):
    """Runs requests through the policy and the UI to the backend."""

    notify = Signal(str, str, bool)  # title, message, is_error
    completed = Signal(str, bool, str)  # request id, ok, message
    rejected = Signal(str)  # reason

    def __init__(self, service: DialService, executor: DialExecutor,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self._executor = executor
        self._pending: dict[str, tuple[PreparedCall, DialRequest]] = {}
        self.toast: CountdownToast | None = None
        self.confirm: ConfirmDialog | None = None
        executor.finished.connect(self._finished)

    def close(self) -> None:
        """The app quits: outcomes that arrive later (a softphone program still in its grace
        period, a PBX that answers late) have no journal left to go to."""
        self._executor.finished.disconnect(self._finished)
        for call, request in self._pending.values():
            target = call.decision.target
            log.warning("the app closed before the outcome of the call to %s was known",
                        mask_number(target.key if target else request.number))
        self._pending.clear()

    @property
    def busy(self) -> bool:
        """A countdown or a confirmation is waiting for the user."""
        return self.toast is not None or self.confirm is not None

    def request(self, text: str, source: Source) -> None:
        """Handle one dial request (a tel: link, the dialog, the clipboard, a redial)."""
        if self.busy and source == Source.OUTSIDE:
            self._reject(self.tr("Another call request is waiting for you; this one was "
                                 "dropped."))
            return
        call = self.service.prepare(text, source)
        decision = call.decision
        if decision.action == Action.REJECT:
            self._reject(self.tr("Not dialled: %1").replace("%1", message_text(decision.message)))
            return
        if self.busy:  # the user's own request replaces a waiting one
            self._close_waiting()
        if decision.action == Action.CONFIRM:
            self._ask(call)
        elif decision.countdown_s > 0:
            self._count_down(call)
        else:
            self._go(call)

    def _reject(self, message: str) -> None:
        log.warning("%s", message)
        self.rejected.emit(message)
        self.notify.emit(self.tr("Call refused"), message, True)

    def _ask(self, call: PreparedCall) -> None:
        decision = call.decision
        dialog = ConfirmDialog(decision, call.contact)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.confirm = dialog
        dialog.accepted.connect(lambda: self._go(call))
        dialog.rejected.connect(lambda: self.notify.emit(self.tr("Call cancelled"),
                                                         target_label(decision.target)
                                                         if decision.target else "", False))
        dialog.finished.connect(self._confirm_closed)
        dialog.open()
        dialog.raise_()
        dialog.activateWindow()

    def _confirm_closed(self) -> None:
        self.confirm = None

    def _count_down(self, call: PreparedCall) -> None:
        decision, contact = call.decision, call.contact
        target = decision.target
        assert target is not None
        title = self.tr("Calling %1").replace("%1", contact or target_label(target))
        toast = CountdownToast(title, target_label(target) if contact else "",
                               decision.countdown_s)
        self.toast = toast
        toast.expired.connect(lambda: self._toast_done(call, dial=True))
        toast.cancelled.connect(lambda: self._toast_done(call, dial=False))
        toast.start()

    def _toast_done(self, call: PreparedCall, *, dial: bool) -> None:
        self.toast = None
        if dial:
            self._go(call)
        else:
            log.info("call cancelled by the user during the countdown")
            target = call.decision.target
            self.notify.emit(self.tr("Call cancelled"), target_label(target) if target else "",
                             False)

    def _close_waiting(self) -> None:
        if self.toast is not None:
            self.toast.cancelled.disconnect()
            self.toast.expired.disconnect()
            self.toast.close()
            self.toast = None
        if self.confirm is not None:
            self.confirm.accepted.disconnect()
            self.confirm.reject()
            self.confirm = None

    def _go(self, call: PreparedCall) -> None:
        try:
            request = self.service.build(call.decision)
        except DialError as error:
            self.service.finish(call, None, ok=False, detail=str(error))
            self.notify.emit(self.tr("Call failed"), str(error), True)
            self.completed.emit("", False, str(error))
            return
        self._pending[request.id] = (call, request)
        self._executor.execute(request)

    def _finished(self, request_id: str, ok: bool, message: str) -> None:
        entry = self._pending.pop(request_id, None)
        if entry is None:
            return
        call, request = entry
        self.service.finish(call, request, ok=ok, detail=message)
        target = call.decision.target
        shown = target_label(target) if target else request.number
        if ok:
            self.notify.emit(self.tr("Calling"), shown, False)
        else:
            self.notify.emit(self.tr("Call failed"), message, True)
        self.completed.emit(request_id, ok, message)
