"""Decline, hang up and transfer calls through the PBX: Asterisk (AMI) and FreeSWITCH (ESL).

A PBX cannot take the user's handset off the hook, so Answer stays with the phone. Declining
hangs up the leg that rings the user's device (the dial plan then goes on, e.g. to voicemail);
hanging up ends that leg once answered; a blind transfer moves the *caller's* leg to the new
number in the user's dial-plan context, and the user's leg is hung up by the PBX. The
channels come from the event mappers that follow the calls.
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Callable

from PySide6.QtCore import QObject

from desktop_client.core.calls import CallAction
from desktop_client.protocols import ami, esl
from desktop_client.qt.ami_link import AmiLink
from desktop_client.qt.esl_link import EslLink

PBX_ACTIONS = frozenset({CallAction.DECLINE, CallAction.HANGUP, CallAction.TRANSFER})
GONE = "the call has ended"


class _Waiting(QObject):
    """Requests sent on a link, answered by its ``response`` signal."""

    def __init__(self, link: AmiLink | EslLink, parent: QObject | None) -> None:
        super().__init__(parent)
        self._waiting: dict[str, Callable[[str], None]] = {}
        link.response.connect(self._on_response)

    def _expect(self, request_id: str, done: Callable[[str], None]) -> None:
        self._waiting[request_id] = done

    def _on_response(self, request_id: str, ok: bool, message: str) -> None:
        done = self._waiting.pop(request_id, None)
        if done is not None:
            done("" if ok else self._refusal(message))

    def _refusal(self, message: str) -> str:
        return message or "refused"


class AmiControl(_Waiting):
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


class EslControl(_Waiting):
    """The :class:`~desktop_client.core.calls.CallControl` of calls FreeSWITCH reports."""

    source = "freeswitch"
    actions = PBX_ACTIONS

    def __init__(self, link: EslLink, mapper: esl.EventMapper, context: str,
                 parent: QObject | None = None) -> None:
        super().__init__(link, parent)
        self._link = link
        self._mapper = mapper
        self._context = context

    def perform(self, call_id: str, action: CallAction, target: str,
                done: Callable[[str], None]) -> None:
        """uuid_kill of the legs ringing the user, or uuid_transfer of the caller's leg."""
        legs = self._mapper.legs(call_id)
        if legs is None:
            done(GONE)
            return
        caller, user_legs = legs
        requests: list[tuple[str, tuple[str, ...]]]
        try:
            if action == CallAction.TRANSFER:
                requests = [("uuid_transfer", (caller, target, "XML", self._context))]
            else:
                cause = "CALL_REJECTED" if action == CallAction.DECLINE else "NORMAL_CLEARING"
                requests = [("uuid_kill", (leg, cause)) for leg in user_legs]
            jobs = [(str(uuid.uuid4()), command, args) for command, args in requests]
            wires = [esl.api_job(job, command, *args) for job, command, args in jobs]
        except esl.EslError as error:
            done(str(error))
            return
        answers: list[str] = []

        def one(refusal: str) -> None:  # every leg's answer, then the first refusal
            answers.append(refusal)
            if len(answers) == len(wires):
                done(next((a for a in answers if a), ""))

        for (job, _command, _args), wire in zip(jobs, wires, strict=True):
            self._expect(job, one)
            self._link.control(job, wire)

    def _refusal(self, message: str) -> str:
        return GONE if message.startswith("No such channel") else message or "refused"
