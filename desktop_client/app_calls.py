"""The incoming-calls half of the composition root: sources, pop-ups, journal window.

Sources: baresip's events on the shared ctrl_tcp link, the command-line hook (IPC), and the
desk-phone action-URL listener. Every event goes through one CallFlow.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, QUrl
from PySide6.QtGui import QDesktopServices

from desktop_client import ipc
from desktop_client.core import config as config_mod
from desktop_client.core.calls import (
    CallControl,
    CallerCard,
    CallEvent,
    CallState,
    clean_text,
)
from desktop_client.core.profile import Profile
from desktop_client.qt.runtime import delete_on_close
from desktop_client.ui.tray import TrayUi

if TYPE_CHECKING:
    from desktop_client.app_directory import DirectoryServers
    from desktop_client.core.directory import Directory
    from desktop_client.core.journal import Journal, JournalEntry
    from desktop_client.qt.action_url_server import ActionUrlServer
    from desktop_client.qt.ami_link import AmiLink
    from desktop_client.qt.baresip_control import BaresipControl
    from desktop_client.qt.baresip_link import BaresipLink
    from desktop_client.qt.esl_link import EslLink
    from desktop_client.qt.linphone_link import LinphoneLink
    from desktop_client.qt.native_notifier import NativeNotifier
    from desktop_client.ui.call_flow import CallFlow
    from desktop_client.ui.call_notices import CallNotices
    from desktop_client.ui.journal_window import JournalFilter, JournalWindow

log = logging.getLogger("desktop_client.cti")
PURGE_DELAY_MS = 60_000
ACTION_TOKEN_KEY = "cti.action_url.token"  # noqa: S105 - the keyring entry's name


class IncomingCalls(QObject):
    """Wires the call sources to the call flow; owns the pop-ups and the journal window."""

    def __init__(self, profile: Profile, config: config_mod.Config, tray: TrayUi, *,
                 journal: Callable[[], Journal], directory: Callable[[], Directory],
                 dial: Callable[[str], None], secrets: Any = None,
                 ask_transfer: Callable[[CallerCard, Callable[[str, str], None]], None]
                 | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ask_transfer = ask_transfer
        #: The phone links that can answer, decline, hang up or transfer their calls.
        self.controls: dict[str, CallControl] = {}
        self._baresip_control: BaresipControl | None = None
        self.profile = profile
        self.config = config
        self.tray = tray
        self._journal = journal
        self._directory = directory
        self._dial = dial
        self._secrets = secrets
        self.flow: CallFlow | None = None
        self.notifier: NativeNotifier | None = None
        self.action_server: ActionUrlServer | None = None
        self.journal_window: JournalWindow | None = None
        self.add_dialog: QObject | None = None
        self.sources: list[Any] = []  # line-based sources (the FRITZ!Box call monitor)
        self.directories: DirectoryServers | None = None
        self._purge_timer = QTimer(self)
        self._purge_timer.setSingleShot(True)
        self._purge_timer.timeout.connect(self.purge_journal)

    # -- sources ---------------------------------------------------------------------------

    def start(self, link: BaresipLink | None, ami_link: AmiLink | None = None,
              esl_link: EslLink | None = None,
              linphone_link: LinphoneLink | None = None) -> None:
        """Connect the sources named in [cti] sources (baresip, AMI and ESL ride on their
        links)."""
        sources = self.config.strings("cti.sources")
        if linphone_link is not None and ("linphone" in sources or
                                          self.config.text("dial.backend") == "linphone"):
            from desktop_client.cti.linphone import EventMapper as LinphoneEvents  # noqa: PLC0415

            linphone_events = LinphoneEvents()

            def on_fields(fields: dict[str, str]) -> None:
                event = linphone_events.map(fields)
                if event is not None:
                    self.on_event(event)

            linphone_link.linphone_event.connect(on_fields)
            from desktop_client.qt.linphone_control import LinphoneControl  # noqa: PLC0415

            self.controls["linphone"] = LinphoneControl(
                linphone_link, self.config.text("backends.linphone.proxy"))
        if esl_link is not None and ("freeswitch" in sources or
                                     self.config.text("dial.backend") == "freeswitch"):
            from desktop_client.cti.esl import EventMapper  # noqa: PLC0415

            mapper = EventMapper(self.config.text("backends.freeswitch.extension"))

            def on_body(body: str) -> None:
                event = mapper.map(body)
                if event is not None:
                    self.on_event(event)

            esl_link.esl_event.connect(on_body)
            from desktop_client.qt.pbx_control import EslControl  # noqa: PLC0415

            self.controls["freeswitch"] = EslControl(
                esl_link, mapper, self.config.text("backends.freeswitch.context"), self)
        if ami_link is not None and ("ami" in sources or
                                     self.config.text("dial.backend") == "ami"):
            self._start_ami_events(ami_link)
        if link is not None and ("baresip" in sources or
                                 self.config.text("dial.backend") == "baresip"):
            from desktop_client.qt.baresip_control import BaresipControl  # noqa: PLC0415

            link.call_event.connect(self._baresip_event)
            self._baresip_control = BaresipControl(link, self)
            self.controls["baresip"] = self._baresip_control
        if "action_url" in sources:
            self._start_action_url()
            self._start_deskphone_control()
        if "fritzbox" in sources:
            self._start_fritzbox()
        from desktop_client.app_directory import DirectoryServers  # noqa: PLC0415

        self.directories = DirectoryServers(self.profile, self.config, self.tray,
                                            journal=self._journal, secrets=self._secrets,
                                            parent=self)
        self.directories.start()
        # The badge needs the journal; the clean-up can wait until the app has settled.
        self.tray.set_missed(self._journal().unseen_missed())
        self._purge_timer.start(PURGE_DELAY_MS)

    def purge_journal(self) -> None:
        """Forget calls older than [journal] retention_days."""
        retention = self.config.number("journal.retention_days")
        if retention > 0:
            cutoff = datetime.now(UTC) - timedelta(days=retention)
            removed = self._journal().purge(cutoff.replace(microsecond=0).isoformat())
            if removed:
                log.info("journal: forgot %d calls older than %d days", removed, retention)

    def stop(self) -> None:
        """Close the listener and the cards; nothing of ours runs after this."""
        self._purge_timer.stop()
        if self.directories is not None:
            self.directories.stop()
        for source in self.sources:
            source.stop()
        if self.action_server is not None:
            self.action_server.close()
        if self.flow is not None:
            self.flow.stack.close_all()
            recorded = self.flow.service.record_open_calls()
            if recorded:
                log.info("%d call(s) still open at the end were journaled as they were",
                         recorded)
        if self.notifier is not None:
            self.tray.message_sink = None
            self.notifier.stop()

    def _start_ami_events(self, ami_link: AmiLink) -> None:
        from desktop_client.cti.ami import Device, EventMapper  # noqa: PLC0415

        try:
            mapper = EventMapper(Device(self.config.text("backends.ami.channel"),
                                        self.config.text("backends.ami.context")))
        except ValueError as error:
            self.tray.notify(self.tr("Incoming calls"), str(error), True)
            return

        def on_event(message: dict[str, str]) -> None:
            event = mapper.map(message)
            if event is not None:
                self.on_event(event)

        ami_link.ami_event.connect(on_event)
        from desktop_client.qt.pbx_control import AmiControl  # noqa: PLC0415

        self.controls["ami"] = AmiControl(ami_link, mapper,
                                          self.config.text("backends.ami.context"), self)

    def _start_fritzbox(self) -> None:
        from desktop_client.cti.fritz_monitor import MonitorParser  # noqa: PLC0415
        from desktop_client.dialing.address import parse_address  # noqa: PLC0415
        from desktop_client.qt.line_source import LineSource  # noqa: PLC0415

        try:
            host, port = parse_address(self.config.text("cti.fritzbox.address"),
                                       "[cti.fritzbox] address")
        except ValueError as error:
            self.tray.notify(self.tr("Incoming calls"), str(error), True)
            return
        parser = MonitorParser()
        source = LineSource(host, port, "FRITZ!Box call monitor", self)
        source.line.connect(lambda line: self._fritz_line(parser, line))
        source.start()
        self.sources.append(source)

    def _fritz_line(self, parser: Any, line: str) -> None:
        event = parser.parse(line)
        if event is not None:
            self.on_event(event)

    def _start_action_url(self) -> None:
        from desktop_client.qt.action_url_server import ActionUrlServer  # noqa: PLC0415

        try:
            token = self.action_token()
        except RuntimeError as error:
            self.tray.notify(self.tr("Incoming calls"), str(error), True)
            return
        server = ActionUrlServer(token, self)
        host = self.config.text("cti.action_url.listen")
        try:
            server.listen(host, self.config.number("cti.action_url.port"))
        except OSError as error:
            self.tray.notify(self.tr("Incoming calls"), str(error), True)
            return
        server.call_event.connect(self.on_event)
        self.action_server = server
        log.info("action URLs accepted on %s:%d", host, server.port)

    def _start_deskphone_control(self) -> None:
        """The configured Snom or Yealink phone answers, declines and hangs up its calls."""
        from desktop_client.dialing.backends import deskphone  # noqa: PLC0415

        vendor = self.config.text("backends.deskphone.vendor")
        if self.config.text("dial.backend") != "deskphone" or vendor not in deskphone.CONTROL:
            return
        from desktop_client.core.secrets import SecretStore  # noqa: PLC0415
        from desktop_client.qt.deskphone_control import DeskPhoneControl  # noqa: PLC0415

        store = self._secrets or SecretStore()
        self.controls["action_url"] = DeskPhoneControl(
            vendor, self.config.text("backends.deskphone.address"),
            self.config.text("backends.deskphone.username"),
            verify_tls=self.config.flag("backends.deskphone.verify_tls"),
            password=lambda: store.get(deskphone.PASSWORD_KEY), parent=self)

    def action_token(self) -> str:
        """The secret path token for action URLs, from the keyring (made on first use)."""
        import secrets  # noqa: PLC0415

        from desktop_client.core.secrets import SecretStore  # noqa: PLC0415

        store = self._secrets or SecretStore()
        token = store.get(ACTION_TOKEN_KEY)
        if not token:
            token = secrets.token_urlsafe(18)
            store.set(ACTION_TOKEN_KEY, token)
        return str(token)

    def _baresip_event(self, data: dict[str, Any]) -> None:
        from desktop_client.cti.baresip_events import to_call_event  # noqa: PLC0415

        event = to_call_event(data)
        if event is not None:
            self.on_event(event)
        elif data.get("type") == "TRANSFER_FAILED" and data.get("id"):
            # The far end refused the REFER (or its NOTIFY said so): the call stays here.
            from desktop_client.core.calls import CallAction  # noqa: PLC0415

            call_id = f"baresip:{str(data['id'])[:200]}"
            self.ensure_flow().control_failed(call_id, CallAction.TRANSFER,
                                              clean_text(str(data.get("param", "")), 120))
            if self._baresip_control is not None:
                # baresip 1.0 may have dropped the call without a word: then it ended.
                self._baresip_control.check(call_id, lambda: self.on_event(CallEvent(
                    call_id, CallState.ENDED, "", source="baresip")))

    def hook_event(self, message: ipc.Message) -> None:
        """``desktop-client incoming NUMBER …`` as a CallEvent."""
        state = CallState(message.state) if message.state else CallState.RINGING
        call_id = message.call_id or f"{message.text}"
        self.on_event(CallEvent(f"hook:{call_id}", state, message.text, message.name,
                                source="hook"))

    def on_event(self, event: CallEvent) -> None:
        """Every source ends here."""
        self.ensure_flow().on_event(event)

    # -- the flow, built on the first call ---------------------------------------------------

    def ensure_flow(self) -> CallFlow:
        """Build the call service and the pop-up stack (phonenumbers and SQLite load now)."""
        if self.flow is not None:
            return self.flow
        from desktop_client.cti.places import Places  # noqa: PLC0415
        from desktop_client.cti.service import CallService  # noqa: PLC0415
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
                             controls=self.controls, ask_transfer=self._ask_transfer,
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
        from desktop_client.ui.add_contact import AddContactDialog  # noqa: PLC0415

        def save(kind: str, first: str, last: str, company: str, raw: str) -> str:
            record = AddressRecord(kind, first, last, company, channels=(("phone", raw),))
            try:
                directory = self._directory()
                with directory.transaction():
                    directory.put(record, self.config.location())
            except (ValueError, OSError) as error:
                return str(error)
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
        from desktop_client.ui.call_flow import crm_url  # noqa: PLC0415

        template = self.config.text("popup.open_url")
        if entry.address_id is None:
            return False
        directory = self._directory()
        address = directory.address(entry.address_id)
        if address is None or not address.channels:
            return False
        if not template:  # the address's own link (Open in Vertec, a CRM's contact page)
            return address.link_url.startswith(("https://", "http://")) and bool(
                QDesktopServices.openUrl(QUrl(address.link_url)))
        from desktop_client.core.contacts import Match  # noqa: PLC0415

        match = Match(address, address.channels[0], "exact")
        return bool(QDesktopServices.openUrl(QUrl(crm_url(template, match, entry.e164))))
