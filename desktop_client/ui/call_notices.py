"""Calls as native notifications: what each says (in the user's language) and offers.

The ringing notice offers what the card offers where the phone link can do it (Answer,
Decline, Open in CRM), is replaced in place once the call is answered (Hang up, Transfer…),
and is closed when the call ends; a missed call gets its own notice, whose click calls back.
The caller's name, company and number are in the body (escaped by the payload builder), the
summary is always our own words.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from desktop_client.core.calls import ACTIONS_BY_STATE, CallAction, CallerCard, CallState
from desktop_client.core.notices import DEFAULT_ACTION, CallNotice
from desktop_client.ui.texts import channel_label, place_label, type_label

if TYPE_CHECKING:
    from desktop_client.qt.native_notifier import NativeNotifier

MAX_CALLS = 64
ICON = "call-start"  # the freedesktop icon theme's name for a phone call


class CallNotices(QObject):
    """Turns the call flow's steps into notices; :attr:`action` says what was clicked."""

    action = Signal(str, str, object)  # call id, action key, the CallerCard

    def __init__(self, notifier: NativeNotifier, can_open_crm: bool,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._notifier = notifier
        self._can_open_crm = can_open_crm
        self._calls: OrderedDict[str, tuple[CallerCard, frozenset[CallAction]]] = OrderedDict()
        self._ringing: set[str] = set()  # calls whose notice is the ringing one
        self._missed: list[str] = []  # calls whose missed-call notice is (maybe) still up
        notifier.action.connect(self._clicked)

    def ringing(self, card: CallerCard, actions: frozenset[CallAction]) -> None:
        """A call rings: its notice, with Answer / Decline where the link can."""
        self._remember(card, actions)
        self._ringing.add(card.call_id)
        self._notifier.show(self._notice(card, "ringing", self.tr("Incoming call"),
                                         actions & ACTIONS_BY_STATE[CallState.RINGING]))

    def updated(self, card: CallerCard) -> None:
        """A directory server named the caller: the ringing notice says who it is."""
        known = self._calls.get(card.call_id)
        if known is not None and card.call_id in self._ringing:  # not once it is answered
            self.ringing(card, known[1])
        elif known is not None:
            self._calls[card.call_id] = (card, known[1])

    def answered(self, call_id: str) -> None:
        """Replaced in place where the link can still hang up or transfer, else closed."""
        known = self._calls.get(call_id)
        self._ringing.discard(call_id)
        allowed = known[1] & ACTIONS_BY_STATE[CallState.ANSWERED] if known else frozenset()
        if known is None or not allowed:
            self._notifier.close_call(call_id)
            return
        self._notifier.show(self._notice(known[0], "answered", self.tr("Call in progress"),
                                         allowed))

    def ended(self, call_id: str) -> None:
        """The call is over: its notice goes."""
        self._ringing.discard(call_id)
        self._notifier.close_call(call_id)

    def missed(self, card: CallerCard) -> None:
        """A missed call: a notice of its own; clicking it calls back."""
        self._remember(card, frozenset())
        self._missed = [*self._missed[-(MAX_CALLS - 1):], card.call_id]
        notice = self._notice(card, "missed", self.tr("Missed call"), frozenset())
        if card.e164 or card.number:
            call_back = self.tr("Call back")
            notice = CallNotice(notice.call_id, notice.kind, notice.summary, notice.body,
                                ((DEFAULT_ACTION, call_back), ("call-back", call_back),
                                 *notice.actions), notice.icon)
        self._notifier.show(notice)

    def missed_seen(self) -> None:
        """The user marked the missed calls seen: their notices go."""
        for call_id in self._missed:
            self._notifier.close_call(call_id)
        self._missed = []

    def _remember(self, card: CallerCard, actions: frozenset[CallAction]) -> None:
        self._calls[card.call_id] = (card, actions)
        self._calls.move_to_end(card.call_id)
        while len(self._calls) > MAX_CALLS:
            self._calls.popitem(last=False)

    def _notice(self, card: CallerCard, kind: str, summary: str,
                allowed: frozenset[CallAction]) -> CallNotice:
        labels = {CallAction.ANSWER: self.tr("Answer"), CallAction.DECLINE: self.tr("Decline"),
                  CallAction.HANGUP: self.tr("Hang up"),
                  CallAction.TRANSFER: self.tr("Transfer…")}
        actions = [(action.value, labels[action]) for action in CallAction if action in allowed]
        # As on the card: with several possible contacts and none chosen, no guess.
        single = card.known and (len(card.matches) == 1 or card.chosen is not None)
        match = card.matches[card.chosen or 0] if single else None
        if match is not None and (self._can_open_crm or match.address.link_url):
            actions.append(("open-crm", self.tr("Open in CRM")))
        return CallNotice(card.call_id, kind, summary, self._body(card), tuple(actions), ICON)

    def _body(self, card: CallerCard) -> str:
        """Who, then what is known about them, then the number (all from outside)."""
        if card.anonymous:  # a name alone could pass for a number: say it is withheld
            return "\n".join(line for line in (
                card.remote_name, self.tr("The caller withheld the number")) if line)
        if card.known:
            match = card.matches[card.chosen or 0]
            address = match.address
            if len(card.matches) > 1 and card.chosen is None:
                who = self.tr("%n possible contacts", "", len(card.matches))
                details = ", ".join(m.address.display_name for m in card.matches[:3])
            else:
                who = address.display_name
                parts = [address.company] if address.kind == "person" and address.company \
                    else []
                parts.append(channel_label(match.channel.kind))
                details = " · ".join(parts)
        else:
            who = card.remote_name or self.tr("Unknown caller")
            place = place_label(card.place, card.region)
            details = " · ".join(p for p in (place, type_label(card.type)) if p)
        return "\n".join(line for line in (who, details, card.display_number) if line)

    def _clicked(self, call_id: str, key: str) -> None:
        known = self._calls.get(call_id)
        if known is not None:
            self.action.emit(call_id, key, known[0])
