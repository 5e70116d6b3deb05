"""Calls as the CTI layer reports them, and the card a caller gets."""

from __future__ import annotations

import time
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from collections.abc import Callable

    from desktop_client.core.contacts import Match

MAX_NAME_CHARS = 120


class CallState(StrEnum):
    """Where a call is."""

    RINGING = "ringing"
    ANSWERED = "answered"
    ENDED = "ended"


class CallAction(StrEnum):
    """What a user can do with a call from its card, where the phone link can do it."""

    ANSWER = "answer"
    DECLINE = "decline"
    HANGUP = "hangup"
    TRANSFER = "transfer"  # blind: the call goes to another number, we are out


#: The actions a call allows in each state (a link may offer fewer).
ACTIONS_BY_STATE: dict[CallState, frozenset[CallAction]] = {
    CallState.RINGING: frozenset({CallAction.ANSWER, CallAction.DECLINE}),
    CallState.ANSWERED: frozenset({CallAction.HANGUP, CallAction.TRANSFER}),
    CallState.ENDED: frozenset(),
}


class CallControl(Protocol):
    """A phone link that can act on the calls it reports (``source`` as in CallEvent)."""

    source: str
    #: What this link can do at all.
    actions: frozenset[CallAction]

    def perform(self, call_id: str, action: CallAction, target: str,
                done: Callable[[str], None]) -> None:
        """Ask the phone system; ``done("")`` when it accepted, ``done(reason)`` when it
        refused (in its own words) or could not be asked. ``target``: the number to transfer
        to, written as the phone system dials it."""


@dataclass(frozen=True, slots=True)
class CallEvent:
    """One report from a phone, a PBX or a hook: hostile input until normalized."""

    call_id: str
    state: CallState
    remote_number: str
    remote_name: str = ""
    source: str = ""
    local_line: str = ""
    incoming: bool = True
    at: float = field(default_factory=time.time)


def clean_text(text: str, limit: int = MAX_NAME_CHARS) -> str:
    """A caller name fit to show: no control, format or bidi characters, at most ``limit``."""
    if text.isascii() and text.isprintable():  # the common case, checked in C
        cleaned = " ".join(text.split())
        return cleaned[:limit] + ("…" if len(cleaned) > limit else "")
    kept = []
    for char in text[: limit * 4]:
        category = unicodedata.category(char)
        if category in ("Cc", "Cf", "Co", "Cs", "Zl", "Zp"):
            kept.append(" " if char in "\t\r\n" else "")
        else:
            kept.append(char)
    cleaned = " ".join("".join(kept).split())
    return cleaned[:limit] + ("…" if len(cleaned) > limit else "")


@dataclass(frozen=True, slots=True)
class LastCall:
    """One of the caller's last calls on a card (the UI puts it in words)."""

    started_at: str  # "YYYY-MM-DD HH:MM", UTC
    direction: str  # "incoming" | "outgoing"
    state: str  # "missed" | "answered" | "dialled" | …


@dataclass(frozen=True)
class CallerCard:
    """What the pop-up shows for a ringing call."""

    call_id: str
    number: str  # as received, cleaned
    display_number: str  # international form, or the raw number when it has none
    e164: str | None
    type: str
    matches: tuple[Match, ...] = ()
    remote_name: str = ""
    #: Where the number belongs, finer than its country ("Zürich"), or "" when not known.
    place: str = ""
    last_calls: tuple[LastCall, ...] = ()
    chosen: int | None = None  # the address remembered for this number, when several match
    region: str = ""  # the number's country (ISO code), for the UI to name
    source: str = ""  # the phone link that reported the call (CallEvent.source)

    @property
    def known(self) -> bool:
        """True when the directory found someone."""
        return bool(self.matches)

    @property
    def anonymous(self) -> bool:
        """A withheld number."""
        return not self.number
