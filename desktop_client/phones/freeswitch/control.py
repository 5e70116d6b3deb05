"""Decline, hang up and transfer calls through FreeSWITCH's event socket (ESL)."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import QObject

from desktop_client.core.calls import CallAction
from desktop_client.phones.freeswitch import wire as esl
from desktop_client.phones.freeswitch.link import EslLink
from desktop_client.qt.pbx_requests import GONE, PBX_ACTIONS, PbxRequests


class EslControl(PbxRequests):
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
