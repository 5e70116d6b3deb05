"""Follows each call by its id: ringing, answered, ended -> missed or answered with duration.

Sources repeat themselves (a phone reports "ringing" twice, a hook fires again): events are
deduplicated by call id and state while the call lasts; once it has ended, the same id ringing
again is a new call (ids are reused). The table is bounded; the oldest calls are forgotten first.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from desktop_client.core.calls import CallEvent, CallState

MAX_CALLS = 200
REPEAT_WINDOW_S = 3.0


@dataclass
class TrackedCall:
    """What is known about one call."""

    first: CallEvent
    state: CallState
    answered_at: float | None = None
    ended_at: float | None = None


@dataclass(frozen=True, slots=True)
class Transition:
    """What an event changed: a new ringing call, an answer, or the end (with its outcome)."""

    kind: str  # "ringing" | "answered" | "ended"
    call: TrackedCall
    outcome: str = ""  # for "ended": "answered" or "missed"
    duration_s: int = 0


class CallTracker:
    """Turns a stream of events into transitions, each call once."""

    def __init__(self, max_calls: int = MAX_CALLS,
                 on_evict: Callable[[TrackedCall], None] | None = None) -> None:
        self._calls: OrderedDict[str, TrackedCall] = OrderedDict()
        self._max = max_calls
        #: Called for a call pushed out while it still rang: nothing may be lost.
        self._on_evict = on_evict

    def __len__(self) -> int:
        return len(self._calls)

    def __iter__(self) -> Iterator[TrackedCall]:
        """The calls tracked now, oldest first."""
        return iter(list(self._calls.values()))

    def end_all(self, at: float) -> list[Transition]:
        """The app quits: every call still open ends now (a ringing one as missed)."""
        ended = []
        for call in self._calls.values():
            if call.state == CallState.ENDED:
                continue
            call.state, call.ended_at = CallState.ENDED, at
            if call.answered_at is None:
                ended.append(Transition("ended", call, "missed"))
            else:
                ended.append(Transition("ended", call, "answered",
                                        max(0, round(at - call.answered_at))))
        return ended

    def open_calls(self, source: str) -> int:
        """Calls from ``source`` that have not ended."""
        return sum(1 for call in self._calls.values()
                   if call.state != CallState.ENDED and call.first.source == source)

    def feed(self, event: CallEvent) -> Transition | None:
        """Apply one event; None when it changes nothing (a repeat, or out of order)."""
        call = self._calls.get(event.call_id)
        if call is not None and call.state == CallState.ENDED and \
                event.state == CallState.RINGING and \
                event.at - (call.ended_at or event.at) > REPEAT_WINDOW_S:
            # Phones and daemons reuse ids (linphone-daemon counts from 1 after each start,
            # PBX channel slots come round again): a ringing id that ended a while ago is a
            # new call. Within the window it is a late repeat (a phone retrying its request).
            del self._calls[event.call_id]
            call = None
        if call is None:
            if event.state == CallState.ENDED:
                return None  # the end of a call we never saw ring
            call = TrackedCall(event, CallState.RINGING)
            self._remember(event.call_id, call)
            if event.state == CallState.RINGING:
                return Transition("ringing", call)
        if call.state == CallState.ENDED:
            return None
        if event.state == CallState.ANSWERED and call.state == CallState.RINGING:
            call.state, call.answered_at = CallState.ANSWERED, event.at
            return Transition("answered", call)
        if event.state == CallState.ENDED:
            call.state, call.ended_at = CallState.ENDED, event.at
            if call.answered_at is None:
                return Transition("ended", call, "missed")
            return Transition("ended", call, "answered",
                              max(0, round(event.at - call.answered_at)))
        return None

    def _remember(self, call_id: str, call: TrackedCall) -> None:
        self._calls[call_id] = call
        while len(self._calls) > self._max:
            _old_id, old = self._calls.popitem(last=False)
            if old.state != CallState.ENDED and self._on_evict is not None:
                self._on_evict(old)
