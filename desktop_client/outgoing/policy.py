"""Decide what happens to a dial request: dial, ask first, or refuse.

Every request (a tel: link, the dial dialog, the clipboard, a redial from the journal) comes
here after the number core. The rules follow ../shared/security.md: a normal number from
outside is dialled after a countdown the user can cancel; risky numbers always need a click;
malformed or hostile input, floods and repeats are refused with a reason.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from desktop_client.core.dial import DialTarget
from desktop_client.core.messages import N_, Message
from desktop_client.core.numbers import (
    Location,
    NumberError,
    NumberKind,
    Risk,
    normalize,
)
from desktop_client.outgoing.source import Source

__all__ = ["Action", "Decision", "DialSettings", "RateLimiter", "Source", "decide"]


class Action(StrEnum):
    """What to do with a request."""

    DIAL = "dial"
    CONFIRM = "confirm"
    REJECT = "reject"


@dataclass(frozen=True, slots=True)
class Decision:
    """The outcome for one request."""

    action: Action
    message: Message
    text: str
    source: Source
    target: DialTarget | None = None
    countdown_s: int = 0
    error: NumberError | None = None

    @property
    def reason(self) -> str:
        """Why, in English (logs, the command line)."""
        return str(self.message)


@dataclass(frozen=True, slots=True)
class DialSettings:
    """The [dial] settings the policy needs."""

    confirm: str = "risky"  # "risky" | "external" | "always"
    countdown_s: int = 2
    repeat_window_s: float = 3.0
    per_minute: int = 10


@dataclass
class RateLimiter:
    """The same number again within a few seconds is dropped; at most N dials a minute."""

    clock: Callable[[], float] = time.monotonic
    _recent: deque[tuple[float, str]] = field(default_factory=deque)

    def check(self, key: str, settings: DialSettings) -> Message | None:
        """A reason to refuse, or None (and the request is counted)."""
        now = self.clock()
        while self._recent and now - self._recent[0][0] > 60:
            self._recent.popleft()
        for at, seen in reversed(self._recent):
            if seen == key and now - at < settings.repeat_window_s:
                return Message.of(
                    N_("the same number was requested again within {seconds} s; dropped"),
                    seconds=f"{settings.repeat_window_s:g}")
        if len(self._recent) >= settings.per_minute:
            return Message.of(N_("more than {count} dial requests in a minute; dropped"),
                              count=str(settings.per_minute))
        self._recent.append((now, key))
        return None


def decide(text: str, source: Source, location: Location, settings: DialSettings,
           limiter: RateLimiter) -> Decision:
    """Parse, normalize and judge one request."""
    try:
        number = normalize(text, location)
    except NumberError as error:
        return _without_normalized_form(text, source, error, settings, limiter)
    target = DialTarget.of(number)
    limit = limiter.check(target.key, settings)
    if limit is not None:
        return Decision(Action.REJECT, limit, text, source, target)
    if number.risk:
        risks = ",".join(sorted(number.risk))
        return Decision(Action.CONFIRM, Message.of(N_("needs a click: {risks}"), risks=risks),
                        text, source, target)
    if number.kind == NumberKind.SHORT:
        return Decision(Action.CONFIRM, Message.of(N_("needs a click: a short number")),
                        text, source, target)
    if settings.confirm == "always" or (settings.confirm == "external"
                                        and source == Source.OUTSIDE):
        return Decision(Action.CONFIRM, Message.of(
            N_("you asked to confirm every call") if settings.confirm == "always" else
            N_("you asked to confirm calls requested by other programs")),
            text, source, target)
    countdown = settings.countdown_s if source == Source.OUTSIDE else 0
    return Decision(Action.DIAL, Message.of(N_("a normal number")), text, source, target,
                    countdown)


def _without_normalized_form(text: str, source: Source, error: NumberError,
                             settings: DialSettings, limiter: RateLimiter) -> Decision:
    if error.possible_e164 is not None:
        # A well-formed number phonenumbers does not know (a new range): only with a click.
        target = DialTarget(error.possible_e164, "", NumberKind.PUBLIC, error.possible_e164,
                            "UNKNOWN", error.risk | {Risk.NOT_VALID})
        limit = limiter.check(target.key, settings)
        if limit is not None:
            return Decision(Action.REJECT, limit, text, source, target, error=error)
        return Decision(Action.CONFIRM, Message.of(N_("this number: {reason}"),
                                                   reason=error.message),
                        text, source, target, error=error)
    return Decision(Action.REJECT, error.message, text, source, error=error)
