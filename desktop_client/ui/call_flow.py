"""Incoming calls in the UI: cards while it rings, a notice and a badge when it was missed."""

from __future__ import annotations

import logging
from collections.abc import Callable
from urllib.parse import quote

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication

from desktop_client.core.calls import CallEvent
from desktop_client.core.contacts import Match
from desktop_client.cti.service import CallService
from desktop_client.ui.popup import CallerCardWidget, PopupStack

log = logging.getLogger("desktop_client.cti")


def crm_url(template: str, match: Match, e164: str | None) -> str:
    """``[popup] open_url`` with {e164}, {contact_id} and {external_id} URL-encoded."""
    address = match.address
    external = address.external_id
    if address.source:  # the server's own id, without our "ldap:" in front
        external = external.removeprefix(f"{address.source}:")
    values = {"e164": e164 or "", "contact_id": str(address.id),
              "external_id": "" if external.startswith("auto:") else external}
    url = template
    for key, value in values.items():
        url = url.replace("{" + key + "}", quote(value, safe=""))
    return url


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
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
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

    def on_event(self, event: CallEvent) -> None:
        """One event from any source."""
        update = self.service.handle(event)
        if update is None:
            return
        if update.action == "show" and update.card is not None:
            if self._dnd():
                return  # silent; the journal still records the call
            widget = self.stack.show_card(update.card)
            self._connect(widget)
            self.shown.emit(widget)
            if not update.card.known and update.card.e164 and self._ask_live is not None:
                self._ask_live(update.card.call_id, update.card.e164)
            return
        self.stack.close_call(update.call_id)
        if update.card is not None:  # the call ended and is in the journal now
            self.journaled.emit()
        if update.missed:
            card = update.card
            who = ""
            if card is not None:
                who = (card.matches[0].address.display_name if card.known
                       else card.display_number or self.tr("a withheld number"))
            if not self._dnd():
                self.notify.emit(self.tr("Missed call"), who, False)
            self.missed_count.emit(self.service.journal.unseen_missed())

    def enrich(self, call_id: str, matches: list[Match]) -> None:
        """A directory server knew the caller: the card (if still up) and the journal say
        who it is."""
        card = self.service.enrich(call_id, matches)
        if card is None:
            return
        widget = self.stack.update_card(card)
        if widget is not None:
            self._connect(widget)
            self.shown.emit(widget)

    def _connect(self, widget: CallerCardWidget) -> None:
        card = widget.card
        widget.open_crm.connect(lambda match: self._open_crm(match, card.e164))
        widget.copy_number.connect(lambda number: QGuiApplication.clipboard().setText(number))
        widget.call_back.connect(self._dial)
        widget.add_contact.connect(self._add_contact)
        widget.picked.connect(self._remember)

    def _open_crm(self, match: Match, e164: str | None) -> None:
        if self._open_url:
            QDesktopServices.openUrl(QUrl(crm_url(self._open_url, match, e164)))
        elif match.address.link_url.startswith(("https://", "http://")):
            QDesktopServices.openUrl(QUrl(match.address.link_url))
