"""The call service: event -> normalized number -> directory -> caller card -> journal.

Qt-free: the UI asks it what to show (:meth:`CallService.handle` returns what changed) and
the journal gets every call that ends, missed or answered, whatever the UI does.
"""

from __future__ import annotations

import dataclasses
import logging
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TypeVar

from desktop_client.core.calls import CallAction, CallerCard, CallEvent, LastCall, clean_text
from desktop_client.core.contacts import Match
from desktop_client.core.journal import Journal, JournalEntry
from desktop_client.core.numbers import Location, NormalizedNumber, NumberError, normalize
from desktop_client.core.profile import mask_number
from desktop_client.incoming.tracker import CallTracker, TrackedCall

_T = TypeVar("_T")

log = logging.getLogger("desktop_client.incoming")

WITHHELD = frozenset({"", "anonymous", "unknown", "private", "restricted", "unavailable",
                      "withheld", "anonym", "unbekannt"})
MAX_NUMBER_CHARS = 64


@dataclass(frozen=True, slots=True)
class CallUpdate:
    """What the UI should do: show a card, or close one (and whether it was missed)."""

    action: str  # "show" | "answered" | "close"
    call_id: str
    card: CallerCard | None = None
    missed: bool = False


#: Finds directory matches for a normalized number (exact first, then probable).
Lookup = Callable[[NormalizedNumber], list[Match]]
#: The address remembered for a number when several match, if any.
Remembered = Callable[[str], int | None]


class CallService:
    """Follows calls and builds their cards."""

    def __init__(self, location: Location, journal: Journal, lookup: Lookup,
                 remembered: Remembered | None = None,
                 place: Callable[[NormalizedNumber], str] | None = None) -> None:
        self.location = location
        self.place = place
        self.journal = journal
        self.lookup = lookup
        self.remembered = remembered
        self.tracker = CallTracker(on_evict=self._evicted)
        self._cards: OrderedDict[str, CallerCard] = OrderedDict()
        #: What the user did from the card, per call, and where a call was transferred to.
        self._control: dict[str, list[CallAction]] = {}
        self._transferred: dict[str, str] = {}
        #: Journaled calls that were controlled: a refusal that comes after the call's end
        #: still corrects the journal (call id -> row id, actions, transfer target).
        self._recorded: OrderedDict[str, tuple[int, list[CallAction], str]] = OrderedDict()

    def record_open_calls(self) -> int:
        """The app quits: the calls still ringing or answered go into the journal now, as
        far as they got (nothing is lost); how many."""
        import time  # noqa: PLC0415

        ended = self.tracker.end_all(time.time())
        for transition in ended:
            self._record(transition.call, transition.outcome == "missed",
                         transition.duration_s)
        return len(ended)

    def open_calls(self, source: str) -> int:
        """How many calls from ``source`` ring or are answered now."""
        return self.tracker.open_calls(source)

    def controlled(self, call_id: str, action: CallAction, target: str = "") -> None:
        """The user asked the phone system for ``action`` from the card: the journal will say
        so (a declined call is "rejected", not missed). Noted when asked, not when answered:
        phone systems report the call's end before their answer to the request."""
        if call_id not in self._cards:
            return  # a call no longer followed
        self._control.setdefault(call_id, []).append(action)
        if action == CallAction.TRANSFER:
            self._transferred[call_id] = target

    def retract(self, call_id: str, action: CallAction) -> None:
        """The phone system refused ``action``: the journal will not claim it."""
        recorded = self._recorded.get(call_id)
        done = recorded[1] if recorded is not None else self._control.get(call_id, [])
        if action in done:
            done.reverse()
            done.remove(action)  # the last one asked
            done.reverse()
        if action == CallAction.TRANSFER and action not in done:
            self._transferred.pop(call_id, None)
        if recorded is not None:  # the call is in the journal already
            row, _done, target = recorded
            target = target if CallAction.TRANSFER in done else ""
            self._recorded[call_id] = (row, done, target)
            _guarded(lambda: self.journal.set_control(row, ",".join(done), target), None,
                     "correcting the journal")

    def handle(self, event: CallEvent) -> CallUpdate | None:
        """Apply one event; what the UI should do, if anything."""
        if not event.incoming:
            return None
        transition = self.tracker.feed(event)
        if transition is None:
            return None
        call_id = event.call_id
        if transition.kind == "ringing":
            card = self.card_for(event)
            self._cards[call_id] = card
            while len(self._cards) > 200:
                self._cards.popitem(last=False)
            log.info("incoming call from %s (%s)", mask_number(card.number) or "withheld",
                     "known" if card.known else "unknown")
            return CallUpdate("show", call_id, card)
        if transition.kind == "answered":
            return CallUpdate("answered", call_id, self._cards.get(call_id))
        missed = transition.outcome == "missed" and \
            CallAction.DECLINE not in self._control.get(call_id, ())
        card = self._record(transition.call, missed, transition.duration_s)
        return CallUpdate("close", call_id, card, missed=missed)

    def unknown_calls_from(self, e164: str) -> list[str]:
        """The calls still followed whose card does not know the caller at ``e164``."""
        return [call_id for call_id, card in self._cards.items()
                if card.e164 == e164 and not card.known]

    def enrich(self, call_id: str, matches: list[Match]) -> CallerCard | None:
        """Matches found later (a directory server asked live) for a call still followed;
        the new card, or None when the call is gone or its card knows the caller already."""
        card = self._cards.get(call_id)
        if card is None or card.known or not matches:
            return None
        card = dataclasses.replace(card, matches=tuple(matches), place="")
        self._cards[call_id] = card
        return card

    def _record(self, call: TrackedCall, missed: bool, duration_s: int) -> CallerCard:
        first = call.first
        card = self._cards.pop(first.call_id) if first.call_id in self._cards else \
            self.card_for(first)
        started = datetime.fromtimestamp(first.at, UTC).replace(microsecond=0)
        control = self._control.pop(first.call_id, [])
        transferred = self._transferred.pop(first.call_id, "")
        state = "missed" if missed else "answered"
        if CallAction.DECLINE in control and call.answered_at is None:
            state = "rejected"  # declined here, and nobody took it meanwhile
        try:
            row = self._journal_add(card, first, state, started, duration_s,
                                    control=",".join(control), transferred=transferred)
            if control:
                self._recorded[first.call_id] = (row, control, transferred)
                while len(self._recorded) > 64:
                    self._recorded.popitem(last=False)
        except Exception:
            log.exception("the call from %s could not be journaled",
                          mask_number(card.number) or "withheld")
        return card

    def _journal_add(self, card: CallerCard, first: CallEvent, state: str,
                     started: datetime, duration_s: int, *, control: str = "",
                     transferred: str = "") -> int:
        name = card.matches[0].address.display_name if card.known else card.remote_name
        return self.journal.add(direction="incoming", state=state, control=control,
                         transferred_to=transferred,
                         number=card.number or "anonymous", e164=card.e164,
                         contact_name=name,
                         address_id=card.matches[0].address.id if card.known else None,
                         source=first.source, call_id=first.call_id[:200],
                         started_at=started.isoformat(), duration_s=duration_s)

    def _evicted(self, call: TrackedCall) -> None:
        # More calls at once than we follow: the oldest is journaled now, as not answered
        # here (an answered one keeps its state), so that no call is lost.
        log.warning("more than %d open calls; recording the oldest now", len(self.tracker))
        self._record(call, call.answered_at is None, 0)

    def card_for(self, event: CallEvent) -> CallerCard:
        """The card for a caller: who it is, or where the number belongs.

        Never raises: a directory, journal or place lookup that fails leaves its part of the
        card empty (and a log line), so the call still pops up and is journaled.
        """
        try:
            return self._card_for(event)
        except Exception:
            log.exception("building the caller card failed; showing the bare number")
            raw = clean_text(event.remote_number, MAX_NUMBER_CHARS)
            return CallerCard(event.call_id, raw, raw, None, "UNKNOWN",
                              remote_name=clean_text(event.remote_name), source=event.source)

    def _card_for(self, event: CallEvent) -> CallerCard:
        raw = clean_text(event.remote_number, MAX_NUMBER_CHARS)
        name = clean_text(event.remote_name)
        if raw.lower() in WITHHELD:
            return CallerCard(event.call_id, "", "", None, "WITHHELD", remote_name=name,
                              source=event.source)
        try:
            number = normalize(raw, self.location, incoming=True)
        except NumberError as error:
            log.info("incoming number has no normalized form: %s", error.reason)
            return CallerCard(event.call_id, raw, raw, None, "UNKNOWN", remote_name=name,
                              source=event.source)
        no_matches: list[Match] = []
        matches = tuple(_guarded(lambda: self.lookup(number), no_matches, "directory lookup"))
        chosen = None
        if len(matches) > 1 and self.remembered is not None:
            remembered = self.remembered(number.key)
            chosen = next((i for i, m in enumerate(matches) if m.address.id == remembered),
                          None)
        place = ""
        if not matches and number.region:
            place = _guarded(lambda: self.place(number) if self.place else "",
                             "", "place lookup")
        no_calls: list[JournalEntry] = []
        last = tuple(LastCall(e.started_at[:16].replace("T", " "), e.direction, e.state)
                     for e in _guarded(lambda: self.journal.calls_for(
                         number.e164 or number.key, 3), no_calls, "the caller's last calls"))
        return CallerCard(event.call_id, raw, number.international, number.e164, number.type,
                          matches, name, place, last, chosen, number.region, event.source)


def _guarded(work: Callable[[], _T], fallback: _T, what: str) -> _T:
    try:
        return work()
    except Exception:
        log.exception("%s failed for an incoming call; the card goes without it", what)
        return fallback
