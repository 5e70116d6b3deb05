"""Answer, decline, hang up and transfer linphone-daemon's calls over its control socket.

The daemon says ``Status: Ok`` when it has sent what was asked (for a transfer: the REFER;
whether the far end then took the call is not reported, the call simply stays up when it did
not), ``Status: Error`` / ``Reason: No call with such id.`` when the call is gone.
"""

from __future__ import annotations

from collections.abc import Callable

from desktop_client.core.calls import CallAction
from desktop_client.phones.linphone import wire as linphone
from desktop_client.phones.linphone.link import LinphoneLink


class LinphoneControl:
    """The :class:`~desktop_client.core.calls.CallControl` of linphone-daemon's calls."""

    source = "linphone"
    actions = frozenset(CallAction)

    def __init__(self, link: LinphoneLink, proxy: str) -> None:
        self._link = link
        self._proxy = proxy

    def perform(self, call_id: str, action: CallAction, target: str,
                done: Callable[[str], None]) -> None:
        """Send the action's command; ``done`` gets "" or the daemon's reason."""
        try:
            wire = linphone.control(action, call_id, target, self._proxy)
        except linphone.LinphoneError as error:
            done(str(error))
            return

        def answered(ok: bool, fields: dict[str, str]) -> None:
            reason = fields.get("Reason", "error").rstrip(".")
            done("" if ok else ("the call has ended" if reason == "No call with such id"
                                else reason))

        self._link.command(wire, answered)
