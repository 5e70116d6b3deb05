"""Answer, decline, hang up and transfer baresip's calls over the shared ctrl_tcp link.

baresip (1.0 and later) acts on its *current* call: ``accept``, ``hangup`` (on a ringing call:
486 Rejected) and ``transfer <uri>`` (a REFER) take no call id. ``callfind <id>`` makes a call
current first; its answer says "call not found" when the call is gone (or "command not
found" when no call is left at all), and then nothing else is sent. Requests run one at a
time (the next callfind waits for the last command's answer), so two cards cannot interleave;
a call that starts ringing between a callfind and its command becomes current in between
(baresip appends new calls), a window of one round trip on the loopback.
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Callable

from PySide6.QtCore import QObject

from desktop_client.core.calls import CallAction
from desktop_client.phones.baresip.dial import command_message, wire
from desktop_client.phones.baresip.link import BaresipLink

COMMANDS = {CallAction.ANSWER: "accept", CallAction.DECLINE: "hangup",
            CallAction.HANGUP: "hangup", CallAction.TRANSFER: "transfer"}
PREFIX = "baresip:"
GONE = "the call has ended"


class BaresipControl(QObject):
    """The :class:`~desktop_client.core.calls.CallControl` of baresip's calls."""

    source = "baresip"
    actions = frozenset(CallAction)

    def __init__(self, link: BaresipLink, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._link = link
        self._tokens = itertools.count(1)
        self._waiting: dict[str, Callable[[bool, str], None]] = {}
        self._queue: deque[tuple[str, CallAction | None, str, Callable[[str], None]]] = deque()
        self._busy = False
        link.response.connect(self._on_response)

    def perform(self, call_id: str, action: CallAction, target: str,
                done: Callable[[str], None]) -> None:
        """``callfind`` the call, then the action's command (after earlier requests)."""
        self._queue.append((call_id, action, target, done))
        self._next()

    def check(self, call_id: str, gone: Callable[[], None]) -> None:
        """Ask whether baresip still has the call; ``gone()`` when it has not. baresip 1.0
        drops a call whose transfer failed without a CALL_CLOSED (src/ua.c derefs it)."""
        self._queue.append((call_id, None, "",
                            lambda refusal: gone() if refusal == GONE else None))
        self._next()

    def _next(self) -> None:
        if self._busy or not self._queue:
            return
        self._busy = True
        call_id, action, target, then = self._queue.popleft()

        def done(refusal: str) -> None:
            self._busy = False
            then(refusal)
            self._next()

        native = call_id.removeprefix(PREFIX)

        def found(ok: bool, data: str) -> None:
            # Without any call baresip does not know the command at all (its call commands
            # are registered while a call lasts): "command not found (callfind)".
            if data.startswith(("call not found", "command not found")):
                done(GONE)
            elif not ok:
                done(data or "baresip refused")
            elif action is None:  # only asked whether it is still there
                done("")
            else:
                self._send(COMMANDS[action], target if action == CallAction.TRANSFER else "",
                           lambda ok, data: done("" if ok else data or "baresip refused"))

        self._send("callfind", native, found)

    def _send(self, command: str, params: str, then: Callable[[bool, str], None]) -> None:
        token = f"control-{next(self._tokens)}"
        self._waiting[token] = then
        self._link.send_request(token, wire(command_message(command, params, token)))

    def _on_response(self, token: str, ok: bool, data: str) -> None:
        then = self._waiting.pop(token, None)
        if then is not None:
            then(ok, data.strip())
