"""Incoming calls in the UI: cards while it rings, a notice and a badge when it was missed."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication

from desktop_client.core.calls import CallAction, CallControl, CallerCard, CallEvent
from desktop_client.core.contacts import Match, crm_link
from desktop_client.incoming.service import CallService, CallUpdate
from desktop_client.ui.popup import CallerCardWidget, PopupStack

if TYPE_CHECKING:
    from desktop_client.ui.call_notices import CallNotices

log = logging.getLogger("desktop_client.incoming")


class CallFlow(QObject):
    """Routes call events from every source through the service to the pop-ups."""

    missed_count = Signal(int)
    journaled = Signal()  # a call was written to the journal
    notify = Signal(str, str, bool)  # title, message, is_error
    shown = Signal(object)  # the CallerCardWidget, for tests and the benchmark

    def __init__(self, service: CallService, stack: PopupStack, *,
                 dnd: Callable[[], bool], open_url: str, dial: Callable[[str], None],
                 add_contact: Callable[[str], None], remember: Callable[[str, int], None],
                 ask_live: Callable[[str, str], None] | None = None,
                 controls: Mapping[str, CallControl] | None = None,
                 ask_transfer: Callable[[CallerCard, Callable[[str, str], None]], None]
                 | None = None,
                 notices: CallNotices | None = None, cards: bool = True,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        #: Native notifications (None: none) and whether cards show too ([popup] style).
        self.notices = notices
        self.show_cards = cards or notices is None
        if notices is not None:
            notices.action.connect(self._notice_action)
        #: The phone links that can act on their calls, by CallEvent.source.
        self._controls = dict(controls or {})
        self._ask_transfer = ask_transfer
        #: Calls with a request at the phone system not yet answered (one at a time each).
        self._busy: set[str] = set()
        #: Asks the directory servers about an unknown caller (call id, E.164), off the UI
        #: thread; the answer comes back through :meth:`enrich`.
        self._ask_live = ask_live
        self.service = service
        self.stack = stack
        self._dnd = dnd
        self._open_url = open_url
        self._dial = dial
        self._add_contact = add_contact
        self._remember = remember
        #: Calls ended in this event-loop pass, said to be recorded once the journal commits.
        self._ended: list[CallUpdate] = []
        #: Calls that started ringing in this event-loop pass, by call id.
        self._ringing: dict[str, CallerCard] = {}

    def on_event(self, event: CallEvent) -> None:
        """One event from any source."""
        update = self.service.handle(event)
        if update is None:
            return
        if update.action == "show" and update.card is not None:
            if self._dnd():
                return  # silent; the journal still records the call
            # Shown at the end of this event-loop pass: a call that rings and ends within
            # one pass (a burst from the phone system) never has a card built for nobody.
            self._ringing[update.call_id] = update.card
            if len(self._ringing) == 1:
                QTimer.singleShot(0, self._show_ringing)
            return
        if update.call_id in self._ringing:
            if update.action == "answered":
                self._show_ringing()
            else:
                del self._ringing[update.call_id]  # over before it could be seen
                self._ended.append(update)
                if len(self._ended) == 1:
                    self.service.journal.after_commit(self._recorded)
                return
        if update.action == "answered":
            self.stack.answered(update.call_id)
            if self.notices is not None:
                self.notices.answered(update.call_id)
            return
        self.stack.close_call(update.call_id)
        if self.notices is not None:
            self.notices.ended(update.call_id)
        # Said to be recorded (journal window, badge, missed-call notice) once it is on disk:
        # the journal commits a pass's calls together at the pass's end, and they are said
        # together too (one refresh of the journal window for a burst, not one per call).
        self._ended.append(update)
        if len(self._ended) == 1:
            self.service.journal.after_commit(self._recorded)

    def _show_ringing(self) -> None:
        """The cards (and notices) of the calls still ringing at the end of the pass."""
        ringing, self._ringing = self._ringing, {}
        for card in ringing.values():
            actions = self._actions(card)
            if self.show_cards:
                widget = self.stack.show_card(card, actions)
                self._connect(widget)
                self.shown.emit(widget)
            if self.notices is not None:
                self.notices.ringing(card, actions)
            if not card.known and card.e164 and self._ask_live is not None:
                self._ask_live(card.call_id, card.e164)

    def _recorded(self) -> None:
        ended, self._ended = self._ended, []
        if any(update.card is not None for update in ended):  # in the journal now
            self.journaled.emit()
        for update in ended:
            self._missed(update)
        if any(update.missed for update in ended):
            self.missed_count.emit(self.service.journal.unseen_missed())

    def _missed(self, update: CallUpdate) -> None:
        if update.missed:
            card = update.card
            who = ""
            if card is not None:
                who = (card.matches[0].address.display_name if card.known
                       else card.display_number or self.tr("a withheld number"))
            if self._dnd():
                pass
            elif self.notices is not None and card is not None:
                self.notices.missed(card)
            else:
                self.notify.emit(self.tr("Missed call"), who, False)

    def caller_added(self, e164: str, matches: list[Match]) -> None:
        """The user added the caller at ``e164`` to the directory (Add contact… on its
        card): the cards of that number's calls still followed name the new contact, and so
        do their journal entries when the calls end."""
        for call_id in self.service.unknown_calls_from(e164):
            self.enrich(call_id, matches)

    def enrich(self, call_id: str, matches: list[Match]) -> None:
        """A directory server knew the caller: the card (if still up) and the journal say
        who it is."""
        card = self.service.enrich(call_id, matches)
        if card is None:
            return
        if self.notices is not None:
            self.notices.updated(card)
        widget = self.stack.update_card(card)
        if widget is not None:
            self._connect(widget)
            if call_id in self._busy:
                widget.show_busy()  # the new card waits for the answer like the old one
            self.shown.emit(widget)

    def _connect(self, widget: CallerCardWidget) -> None:
        card = widget.card
        widget.open_crm.connect(lambda match: self._open_crm(match, card.e164))
        widget.copy_number.connect(lambda number: QGuiApplication.clipboard().setText(number))
        widget.call_back.connect(self._dial)
        widget.add_contact.connect(self._add_contact)
        widget.picked.connect(self._remember)
        widget.control.connect(self._control)

    def _actions(self, card: CallerCard) -> frozenset[CallAction]:
        control = self._controls.get(card.source)
        if control is None:
            return frozenset()
        if self._ask_transfer is None:
            return control.actions - {CallAction.TRANSFER}
        return control.actions

    def _control(self, call_id: str, action_name: str) -> None:
        """A call-control button on a card: ask the phone system, show what it said."""
        widget = self.stack.cards.get(call_id)
        control = self._controls.get(widget.card.source) if widget is not None else None
        if widget is None or control is None:
            return
        action = CallAction(action_name)
        if self._two_on_one_phone(control):
            widget.show_result(self.tr("Two calls are on the phone: use its own keys."),
                               error=True)
            return
        if action != CallAction.TRANSFER:
            self._perform(control, call_id, action, "")
            return
        assert self._ask_transfer is not None  # no Transfer button without it

        def chosen(target: str, error: str) -> None:
            card = self.stack.cards.get(call_id)
            if error and card is not None:
                card.show_result(error, error=True)
            elif target:  # (cancelled: the card is as it was)
                self._perform(control, call_id, action, target)

        self._ask_transfer(widget.card, chosen)

    def _two_on_one_phone(self, control: CallControl) -> bool:
        """A desk phone's keys act on its current call: with two calls, the wrong one may
        end, so none is pressed."""
        return bool(getattr(control, "acts_on_current_call", False)) and \
            self.service.open_calls(control.source) > 1

    def _perform(self, control: CallControl, call_id: str, action: CallAction,
                 target: str) -> None:
        def done(refusal: str) -> None:
            self._busy.discard(call_id)
            widget = self.stack.cards.get(call_id)
            if refusal:
                log.warning("%s of call %s refused: %s", action.value, call_id, refusal)
                self.service.retract(call_id, action)
                text = self.tr("The phone system refused: %1").replace("%1", refusal)
                if widget is not None:
                    widget.show_result(text, error=True)
                else:  # asked from a notification
                    self.notify.emit(self._done_text(action, target), text, True)
                return
            log.info("%s of call %s done by %s", action.value, call_id, control.source)
            if widget is not None:
                widget.show_result(self._done_text(action, target), error=False)

        self._busy.add(call_id)
        widget = self.stack.cards.get(call_id)
        if widget is not None:
            widget.show_busy()
        self.service.controlled(call_id, action, target)
        control.perform(call_id, action, target, done)

    def control_failed(self, call_id: str, action: CallAction, reason: str) -> None:
        """The phone system reported later that an accepted request failed (a transfer the
        far end refused): the card and the journal say so."""
        log.warning("%s of call %s failed: %s", action.value, call_id, reason)
        self.service.retract(call_id, action)
        widget = self.stack.cards.get(call_id)
        if widget is not None:
            widget.show_result(self.tr("The phone system refused: %1").replace("%1", reason),
                               error=True)

    def notices_failed(self, reason: str) -> None:
        """The notification service went away or refused: cards from now on."""
        if self.notices is not None:
            log.warning("desktop notifications failed (%s); showing cards", reason)
            self.notices = None
            self.show_cards = True
            self.notify.emit(self.tr("Incoming calls"), self.tr(
                "The desktop's notifications failed; calls show as cards now."), True)

    def _notice_action(self, call_id: str, key: str, card: CallerCard) -> None:
        """A click on a notification or one of its buttons."""
        if key in ("default", "call-back"):
            if card.e164 or card.number:
                self._dial(card.e164 or card.number)
        elif key == "open-crm" and card.known:
            self._open_crm(card.matches[card.chosen or 0], card.e164)
        elif key in {action.value for action in CallAction}:
            control = self._controls.get(card.source)
            action = CallAction(key)
            if control is None or action not in control.actions or call_id in self._busy:
                return  # (a second click while the first is with the phone system)
            if self._two_on_one_phone(control):
                self.notify.emit(self._done_text(action, ""), self.tr(
                    "Two calls are on the phone: use its own keys."), True)
                return
            if action == CallAction.TRANSFER and self._ask_transfer is not None:
                def chosen(target: str, error: str) -> None:
                    if target:
                        self._perform(control, call_id, action, target)
                    elif error:
                        self.notify.emit(self.tr("Transfer"), error, True)

                self._ask_transfer(card, chosen)
            elif action != CallAction.TRANSFER:
                self._perform(control, call_id, action, "")

    def _done_text(self, action: CallAction, target: str) -> str:
        if action == CallAction.ANSWER:
            return self.tr("Answered")
        if action == CallAction.DECLINE:
            return self.tr("Declined")
        if action == CallAction.HANGUP:
            return self.tr("Hung up")
        return self.tr("Transferred to %1").replace("%1", target)

    def _open_crm(self, match: Match, e164: str | None) -> None:
        url = crm_link(self._open_url, match.address, e164)
        if url is not None:
            QDesktopServices.openUrl(QUrl(url))
