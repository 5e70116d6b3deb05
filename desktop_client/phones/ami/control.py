"""Decline, hang up and transfer calls through Asterisk's manager interface (AMI)."""

from __future__ import annotations

import itertools
from collections.abc import Callable

from PySide6.QtCore import QObject

from desktop_client.core.calls import CallAction
from desktop_client.phones.ami import wire as ami
from desktop_client.phones.ami.link import AmiLink
from desktop_client.qt.pbx_requests import GONE, PBX_ACTIONS, PbxRequests


class AmiControl(PbxRequests):
    """The :class:`~desktop_client.core.calls.CallControl` of calls AMI reports."""

    source = "ami"
    actions = PBX_ACTIONS

    def __init__(self, link: AmiLink, mapper: ami.EventMapper, context: str,
                 parent: QObject | None = None) -> None:
        super().__init__(link, parent)
        self._link = link
        self._mapper = mapper
        self._context = context
        self._ids = itertools.count(1)

    def perform(self, call_id: str, action: CallAction, target: str,
                done: Callable[[str], None]) -> None:
        """Hangup of the device's channel, or Redirect of the caller's."""
        channels = self._mapper.channels(call_id)
        if channels is None:
            done(GONE)
            return
        if action == CallAction.TRANSFER and channels.caller.startswith("Local/"):
            # A ring group, queue or follow-me rang us through a Local channel: redirecting
            # it would leave the real caller where they are.
            done("the call came through a ring group or queue; transfer it on the phone")
            return
        action_id = f"control-{next(self._ids)}"
        try:
            if action == CallAction.TRANSFER:
                wire = ami.redirect(action_id, channels.caller, target, self._context)
            else:
                wire = ami.hangup(action_id, channels.device,
                                  ami.CAUSE_REJECTED if action == CallAction.DECLINE
                                  else ami.CAUSE_NORMAL)
        except ami.AmiError as error:
            done(str(error))
            return
        self._expect(action_id, done)
        self._link.action(action_id, wire)

    def _refusal(self, message: str) -> str:
        return GONE if message == "No such channel" else message or "refused"
