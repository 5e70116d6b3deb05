"""Requests a PBX control sends on the PBX's link, each answered by the link's response.

A PBX cannot take the user's handset off the hook, so Answer stays with the phone. Declining
hangs up the leg that rings the user's device (the dial plan then goes on, e.g. to voicemail);
hanging up ends that leg once answered; a blind transfer moves the *caller's* leg to the new
number in the user's dial-plan context, and the user's leg is hung up by the PBX. The
channels come from the event mappers that follow the calls.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, SignalInstance

from desktop_client.core.calls import CallAction

PBX_ACTIONS = frozenset({CallAction.DECLINE, CallAction.HANGUP, CallAction.TRANSFER})
GONE = "the call has ended"


class AnsweringLink(Protocol):
    """A PBX connection whose ``response(request_id, ok, message)`` answers each request."""

    @property
    def response(self) -> SignalInstance: ...


class PbxRequests(QObject):

    """Requests sent on a link, answered by its ``response`` signal."""

    def __init__(self, link: AnsweringLink, parent: QObject | None) -> None:
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
