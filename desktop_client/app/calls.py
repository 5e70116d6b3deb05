"""The incoming-calls half of the composition root: sources, pop-ups, journal window.

Sources: each phone system's own (desktop_client.phones: events on the app's one phone
connection, the FRITZ!Box call monitor, desk phones' action URLs) and the command-line hook
(IPC). Every event goes through one CallFlow.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, QUrl
from PySide6.QtGui import QDesktopServices

from desktop_client import ipc
from desktop_client.core import config as config_mod
from desktop_client.core.calls import (
    CallAction,
    CallControl,
    CallerCard,
    CallEvent,
    CallState,
)
from desktop_client.core.profile import Profile
from desktop_client.qt.runtime import delete_on_close
from desktop_client.ui.tray import TrayUi

if TYPE_CHECKING:
    from desktop_client.app.directory import DirectoryServers
    from desktop_client.core.directory import Directory
    from desktop_client.core.journal import Journal, JournalEntry
    from desktop_client.core.secrets import SecretStore
    from desktop_client.phones.base import Connection, PhoneSystem, Stoppable
    from desktop_client.qt.native_notifier import NativeNotifier
    from desktop_client.ui.call_flow import CallFlow
    from desktop_client.ui.call_notices import CallNotices
    from desktop_client.ui.journal_window import JournalFilter, JournalWindow

log = logging.getLogger("desktop_client.incoming")
PURGE_DELAY_MS = 60_000


class IncomingCalls(QObject):
    """Wires the call sources to the call flow; owns the pop-ups and the journal window."""

    def __init__(self, profile: Profile, config: config_mod.Config, tray: TrayUi, *,
                 journal: Callable[[], Journal], directory: Callable[[], Directory],
                 dial: Callable[[str], None], secrets: SecretStore,
                 ask_transfer: Callable[[CallerCard, Callable[[str, str], None]], None]
                 | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ask_transfer = ask_transfer
        #: The phone links that can answer, decline, hang up or transfer their calls.
        self.controls: dict[str, CallControl] = {}
        self.profile = profile
        self.config = config
        self.tray = tray
        self._journal = journal
        self._directory = directory
        self._dial = dial
        self._secrets = secrets
        self.flow: CallFlow | None = None
        self.notifier: NativeNotifier | None = None
        #: What the systems ask the user to set on their phones: (title, text) each.
        self.setups: list[tuple[str, str]] = []
        self.journal_window: JournalWindow | None = None
        self.add_dialog: QObject | None = None
        self.sources: list[Stoppable] = []  # the FRITZ!Box call monitor, action URLs …
        self.directories: DirectoryServers | None = None
        self.purge_timer = QTimer(self)
        self.purge_timer.setSingleShot(True)
        self.purge_timer.timeout.connect(self.purge_journal)

    # -- sources ---------------------------------------------------------------------------

    def start(self, connection: Connection | None = None,
              system: PhoneSystem | None = None) -> None:
        """Connect the sources named in [cti] sources: the phone systems' own (those with a
        connection ride on it: ``connection`` is ``system``'s)."""
        from desktop_client import phones  # noqa: PLC0415

        for wanted in phones.wanted(self.config):
            if wanted.keeps_connection and system is not None and wanted is not system:
                # One connection at a time: the dialling system's, else the first source's.
                self.warn(self.tr("Calls from %1 are not shown: the app keeps one phone "
                                  "connection, and it is %2's.")
                          .replace("%1", wanted.label).replace("%2", system.label))
            wanted.listen(connection if wanted is system else None, self.config, self, self)
        from desktop_client.app.directory import DirectoryServers  # noqa: PLC0415

        self.directories = DirectoryServers(self.profile, self.config, self.tray,
                                            journal=self._journal, secrets=self._secrets,
                                            parent=self)
        self.directories.start()
        # The badge needs the journal; the clean-up can wait until the app has settled.
        self.tray.set_missed(self._journal().unseen_missed())
        self.purge_timer.start(PURGE_DELAY_MS)

    def purge_journal(self) -> None:
        """Forget calls older than [journal] retention_days."""
        self._journal().keep_days(self.config.number("journal.retention_days"))

    def stop(self) -> None:
        """Close the listener and the cards; nothing of ours runs after this."""
        self.purge_timer.stop()
        if self.directories is not None:
            self.directories.stop()
        for source in self.sources:
            source.stop()
        if self.flow is not None:
            self.flow.stack.close_all()
            recorded = self.flow.service.record_open_calls()
            if recorded:
                log.info("%d call(s) still open at the end were journaled as they were",
                         recorded)
        if self.notifier is not None:
            self.tray.message_sink = None
            self.notifier.stop()

    def hook_event(self, message: ipc.Message) -> None:
        """``desktop-client incoming NUMBER …`` as a CallEvent."""
        state = CallState(message.state) if message.state else CallState.RINGING
        call_id = message.call_id or f"{message.text}"
        self.on_event(CallEvent(f"hook:{call_id}", state, message.text, message.name,
                                source="hook"))

    def on_event(self, event: CallEvent) -> None:
        """Every source ends here."""
        self.ensure_flow().on_event(event)

    # -- what the phone systems get (desktop_client.phones.base.IncomingCalls) ---------------

    def add_control(self, key: str, control: CallControl) -> None:
        """Calls of ``key``'s source can be answered, declined … from the card."""
        self.controls[key] = control

    def control_failed(self, call_id: str, action: CallAction, text: str) -> None:
        """The phone system refused an action on a call after accepting the request."""
        self.ensure_flow().control_failed(call_id, action, text)

    def warn(self, text: str) -> None:
        """A problem with a source, as a tray notification."""
        self.tray.notify(self.tr("Incoming calls"), text, True)

    def keep(self, source: Stoppable) -> None:
        """Stopped with the others."""
        self.sources.append(source)

    def store_secret(self, key: str, value: str) -> None:
        """Into the app's secret store."""
        self._secrets.set(key, value)

    def show_setup(self, title: str, text: str) -> None:
        """For the Incoming calls page of the settings."""
        self.setups.append((title, text))

    def secret(self, key: str) -> str | None:
        """From the app's secret store."""
        return self._secrets.get(key)

    # -- the flow, built on the first call ---------------------------------------------------

    def ensure_flow(self) -> CallFlow:
        """Build the call service and the pop-up stack (phonenumbers and SQLite load now)."""
        if self.flow is not None:
            return self.flow
        from desktop_client.incoming.places import Places  # noqa: PLC0415
        from desktop_client.incoming.service import CallService  # noqa: PLC0415
        from desktop_client.ui.call_flow import CallFlow  # noqa: PLC0415
        from desktop_client.ui.popup import PopupStack  # noqa: PLC0415

        directory = self._directory()
        block = self.config.number("directory.company_block_digits")
        service = CallService(self.config.location(), self._journal(),
                              lambda number: directory.lookup_normalized(
                                  number, block_digits=block),
                              directory.remembered, Places(self._language()).describe)
        open_url = self.config.text("popup.open_url")
        stack = PopupStack(can_open_crm=bool(open_url), parent=self,
                           anchor=self.tray.icon_geometry)
        worker = self.directories.worker if self.directories is not None else None
        notices, cards = self._notices(bool(open_url))
        self.flow = CallFlow(service, stack, dnd=lambda: self.tray.dnd, open_url=open_url,
                             dial=self._dial, add_contact=self.open_add_contact,
                             remember=directory.remember,
                             ask_live=worker.ask if worker is not None else None,
                             controls=self.controls, ask_transfer=self.ask_transfer,
                             notices=notices, cards=cards, parent=self)
        if worker is not None:
            worker.answered.connect(self.flow.enrich)
        self.flow.notify.connect(self.tray.notify)
        self.flow.missed_count.connect(self.tray.set_missed)
        self.flow.journaled.connect(self.journal_changed)
        return self.flow

    def _notices(self, can_open_crm: bool) -> tuple[CallNotices | None, bool]:
        """[popup] style: the desktop's notifications (where its service answers), cards,
        or both; automatic is notifications without a tray, cards with one."""
        style = self.config.text("popup.style")
        if style == "auto":
            style = "native" if self.tray.tray is None else "cards"
        if style == "cards" or not sys.platform.startswith("linux"):
            return None, True  # toasts and macOS notifications: payloads ready, not sent yet
        from desktop_client.platform.freedesktop_notify import (  # noqa: PLC0415
            FreedesktopNotifications,
        )
        from desktop_client.qt.native_notifier import NativeNotifier  # noqa: PLC0415
        from desktop_client.ui.call_notices import CallNotices  # noqa: PLC0415

        notifier = NativeNotifier(FreedesktopNotifications, self)
        problem = notifier.start()
        if problem:
            log.warning("no desktop notifications (%s): calls show as cards", problem)
            return None, True
        self.notifier = notifier
        notifier.failed.connect(lambda reason: self.flow.notices_failed(reason)
                                if self.flow is not None else None)
        if self.tray.tray is None:  # no tray balloons: the app's notes go there too
            self.tray.message_sink = notifier.message
        return CallNotices(notifier, can_open_crm, self), style == "both"

    def _language(self) -> str:
        language = self.config.text("ui.language")
        if language == "auto":
            from PySide6.QtCore import QLocale  # noqa: PLC0415

            language = QLocale.system().name().split("_")[0] or "en"
        return language

    def open_add_contact(self, number: str) -> None:
        """Add contact… for an unknown caller."""
        from desktop_client.core.contacts import AddressRecord  # noqa: PLC0415
        from desktop_client.core.numbers import NumberError, normalize  # noqa: PLC0415
        from desktop_client.ui.add_contact import AddContactDialog  # noqa: PLC0415

        def save(kind: str, first: str, last: str, company: str, raw: str) -> str:
            location = self.config.location()
            try:
                number = normalize(raw, location)
            except NumberError:
                number = None  # kept as written, as an import keeps it
            channel = "mobile" if number is not None and number.type == "MOBILE" else "phone"
            record = AddressRecord(kind, first, last, company, channels=((channel, raw),))
            try:
                directory = self._directory()
                directory.add_contact(record, location)
                matches = directory.lookup_normalized(number) if number is not None else []
            except (ValueError, OSError) as error:
                return str(error)
            if number is not None and number.e164 and matches and self.flow is not None:
                self.flow.caller_added(number.e164, matches)
            return ""

        dialog = AddContactDialog(number, save)
        self.add_dialog = dialog
        dialog.open()

    # -- journal window ----------------------------------------------------------------------

    def open_journal(self) -> None:
        """Call journal…"""
        from desktop_client.core.journal import write_csv  # noqa: PLC0415
        from desktop_client.ui.journal_window import JournalServices, JournalWindow  # noqa: PLC0415

        if self.journal_window is not None and self.journal_window.isVisible():
            self.journal_window.raise_()
            return

        def query(flt: JournalFilter) -> list[JournalEntry]:
            return self._journal().query(direction=flt.direction, state=flt.state,
                                         since=flt.since, text=flt.text)

        def mark_seen() -> None:
            self._journal().mark_seen()
            self.tray.set_missed(0)
            if self.flow is not None and self.flow.notices is not None:
                self.flow.notices.missed_seen()  # their notices have done their job

        services = JournalServices(query=query, redial=self._dial,
                                   open_address=self._open_address, mark_seen=mark_seen,
                                   export=lambda entries, path: write_csv(entries, Path(path)))
        window = JournalWindow(services)
        self.journal_window = window

        def forget() -> None:
            if self.journal_window is window:
                self.journal_window = None

        delete_on_close(window, forget)
        window.show()

    def journal_changed(self) -> None:
        """A call was recorded (in or out): an open journal window shows it at once."""
        if self.journal_window is not None and self.journal_window.isVisible():
            self.journal_window.refresh()
        self.tray.calls_changed()
        if self.directories is not None:
            self.directories.call_journaled()

    def _open_address(self, entry: JournalEntry) -> bool:
        from desktop_client.core.contacts import crm_link  # noqa: PLC0415

        if entry.address_id is None:
            return False
        address = self._directory().address(entry.address_id)
        url = crm_link(self.config.text("popup.open_url"), address, entry.e164) \
            if address is not None and address.channels else None
        return url is not None and bool(QDesktopServices.openUrl(QUrl(url)))
