"""The composition root of the tray app: builds the concrete Qt classes and wires them.

Qt never sees the real argv (../shared/security.md, rule 1). Widgets get their services
(search, preview, recent calls, the batch run) as callables built here.
"""

from __future__ import annotations

import logging
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QObject,
    QTimer,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication

from desktop_client import ipc, settings
from desktop_client.app.selection import SelectionDialing
from desktop_client.core import config as config_mod
from desktop_client.core.instance_lock import InstanceLock
from desktop_client.core.profile import Profile
from desktop_client.core.secrets import SecretStore
from desktop_client.outgoing.source import Source
from desktop_client.qt.runtime import (
    delete_on_close,
    lean_pyside_imports,
    load_translation,
    qt_message,
)
from desktop_client.ui.tray import RecentCall, TrayUi

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QWidget

    from desktop_client.app.calls import IncomingCalls
    from desktop_client.app.links import PhoneLinks
    from desktop_client.app.setup import FirstRun
    from desktop_client.core.directory import Directory
    from desktop_client.core.journal import Journal
    from desktop_client.outgoing.service import DialService
    from desktop_client.phones.base import Connection
    from desktop_client.qt.ipc_server import IpcServer
    from desktop_client.ui.dial_dialog import ContactHit, DialDialog, Preview
    from desktop_client.ui.dial_flow import DialFlow

# Start-up shows the tray icon first and imports the rest (phonenumbers, SQLite, QtNetwork,
# the dial path) in the next event-loop pass: those imports sit inside the methods below.

log = logging.getLogger("desktop_client.app")


class TrayApp(QObject):
    """The running app: one per user and profile."""

    #: How long an instance that finds another one running stays to pass on links macOS
    #: delivers after the start (its FileOpen events come with the first event-loop passes).
    FILE_OPEN_GRACE_MS = 1500 if sys.platform == "darwin" else 0
    #: Only macOS hands links over as FileOpen events (Qt's Cocoa plugin). Catching them takes
    #: an application-wide event filter: every event of every object passes through Python,
    #: which costs time on each and ~4 MB of wrappers in the idle tray; elsewhere none.
    FILE_OPEN_EVENTS = sys.platform == "darwin"
    MAX_OPENED = 8  # links kept while the start is undecided

    def __init__(self, profile: Profile, config: config_mod.Config, problems: list[str]) -> None:
        qInstallMessageHandler(qt_message)
        lean_pyside_imports()  # (launch did it already, before this module's imports)
        self.qapp = QApplication.instance() or QApplication(wiring_argv0())
        assert isinstance(self.qapp, QApplication)
        super().__init__()
        self.qapp.setApplicationName("desktop-client")
        self.qapp.setQuitOnLastWindowClosed(False)
        self.profile = profile
        self.config = config
        self.problems = list(problems)
        self.translator = load_translation(self.qapp, config.text("ui.language"))
        # Ties the windows (Wayland's app id) to the launcher's icon and name.
        self.qapp.setDesktopFileName("desktop-client")
        self.ipc_server: IpcServer | None = None
        self.directory: Directory | None = None
        self.journal: Journal | None = None
        self.links: PhoneLinks | None = None
        self.flow: DialFlow | None = None
        self.tray: TrayUi | None = None
        self.dial_dialog: DialDialog | None = None
        self.selection = SelectionDialing(self)
        self.settings_dialog: QWidget | None = None
        self.normalize_progress: QObject | None = None
        self.normalize_question: QWidget | None = None
        self.first_run: FirstRun | None = None
        self.calls: IncomingCalls | None = None
        #: The one secret store every part of the app reads the keyring through (keyring
        #: itself loads on the first read).
        self.secrets = SecretStore()
        self._closed = False
        self._instance_lock = InstanceLock(profile.config_dir)
        # Links macOS hands over (FileOpen) before this instance knows whether it is the one
        # that serves the profile; and, once another one is, every link goes to that one.
        self._opened: list[str] = []
        self._accepting = False
        self._handing_over = False

    # -- start and stop --------------------------------------------------------------------

    def start(self) -> bool:
        """Show the tray at once; the rest follows in the next event-loop pass."""
        self.tray = TrayUi(self._clipboard_number, self._recent)
        self._connect_tray(self.tray)
        if self.FILE_OPEN_EVENTS:
            self.watch_file_open()
        self.qapp.aboutToQuit.connect(self.close)
        self.tray.show()
        log.info("ready: %s shown", "tray icon" if self.tray.tray is not None else
                 "window (no system tray)")
        QTimer.singleShot(0, self._finish_start)
        return True

    @property
    def closed(self) -> bool:
        """The app has shut down (or never got going)."""
        return self._closed

    def finish_start_now(self) -> bool:
        """For callers that need everything up before going on (tests, run_app's check)."""
        if self.ipc_server is None:
            return self._finish_start()
        return True

    def _finish_start(self) -> bool:
        if self._closed or self.ipc_server is not None:
            return not self._closed
        from desktop_client.qt.ipc_server import IpcServer  # noqa: PLC0415

        self.profile.create()
        self.ipc_server = IpcServer(ipc.server_name(self.profile.config_dir), self)
        if not self._instance_lock.acquire():
            self._hand_over_and_quit()
            return False
        try:
            listening = self.ipc_server.listen()
            reason = f"another program answers on {self.ipc_server.name}"
        except OSError as error:
            listening, reason = False, str(error)
        if not listening:
            # A tray without its socket would get a twin on every click: say why and stop.
            # Not even links we were opened with go to whoever holds the name.
            log.error("cannot accept requests: %s; quitting%s", reason,
                      f" (dropped {len(self._opened)} link(s))" if self._opened else "")
            print(f"desktop-client: cannot accept requests ({reason}); quitting",
                  file=sys.stderr)
            self.close()
            self.qapp.exit(1)
            return False
        self.ipc_server.received.connect(self._ipc_message)
        self._start_link()
        self._start_calls()
        self.selection.start_hotkey(self.config.text("dial.hotkey"))
        log.info("accepting requests on %s", self.ipc_server.name)
        self._accepting = True
        assert self.tray is not None
        for problem in self.problems:
            self.tray.notify(self.tr("Settings"), problem, True)
        self._first_run().begin()
        opened, self._opened = self._opened, []
        for text in opened:
            self.dial(text, Source.OUTSIDE)
        return True

    def _hand_over_and_quit(self) -> None:
        """Another instance serves this profile: it gets the links we were opened with."""
        log.info("another instance runs for this profile (PID %s); handing over to it",
                 self._instance_lock.holder())
        self._handing_over = True
        opened, self._opened = self._opened, []
        for text in opened:
            self._hand_over(ipc.Message("dial", text=text))
        if not opened:
            self._hand_over(ipc.Message("show"))
        if self.FILE_OPEN_GRACE_MS:  # macOS may still deliver the link we were started for
            QTimer.singleShot(self.FILE_OPEN_GRACE_MS, self.quit)
        else:
            self.quit()

    def _hand_over(self, message: ipc.Message) -> None:
        assert self.ipc_server is not None
        try:
            ipc.send(self.ipc_server.name, message)
        except ipc.IpcError as error:  # its socket is gone; it runs on all the same
            log.warning("the running instance could not be handed a %s request: %s",
                        message.kind, error)

    def _first_run(self) -> FirstRun:
        from desktop_client.app.setup import FirstRun  # noqa: PLC0415

        if self.first_run is None:
            self.first_run = FirstRun(self, lambda: self.config, self.save_settings,
                                      self._profile_arg())
        return self.first_run

    def open_setup(self) -> None:
        """The first-run assistant (also from Settings)."""
        if not self._closed:
            self._first_run().start()

    def offer_registration(self) -> None:
        self._first_run().offer_registration()

    def exec(self) -> int:
        """Run the event loop."""
        return int(self.qapp.exec())

    def close(self) -> None:
        """Close sockets and files; safe to call twice."""
        if self._closed:
            return
        self._closed = True
        if self.ipc_server is not None:
            self.ipc_server.close()
        if self.flow is not None:
            self.flow.close()
        if self.calls is not None:
            self.calls.stop()
        self.selection.stop()
        if self.links is not None:
            self.links.stop()
        if self.tray is not None:
            self.tray.hide()
        if self.directory is not None:
            self.directory.close()
        if self.journal is not None:
            self.journal.close()
        self._instance_lock.release()
        log.info("closed")

    def quit(self) -> None:
        """Quit cleanly."""
        self.close()
        self.qapp.quit()

    def install_signal_handlers(self) -> None:
        """Quit cleanly on SIGTERM and SIGINT (only for the real app, not in tests)."""
        if sys.platform == "win32":
            return
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: QTimer.singleShot(0, self.quit))
        # Python runs signal handlers only between bytecodes: wake it now and then.
        self._signal_timer = QTimer(self)
        self._signal_timer.timeout.connect(lambda: None)
        self._signal_timer.start(250)

    # -- dialing ---------------------------------------------------------------------------

    def _start_link(self) -> None:
        """The phone system's connection (if configured) comes up at start; its state shows."""
        from desktop_client.app.links import PhoneLinks  # noqa: PLC0415

        assert self.tray is not None
        if self.links is not None:
            self.links.stop()
        self.flow = None  # rebuilt on the next request, with the current settings
        self.links = PhoneLinks(self.config, self.tray, self.secret, self)
        self.links.start()

    def secret(self, key: str) -> str | None:
        """One secret from the OS keyring: what every part of the app reads them with."""
        return self.secrets.get(key)

    @property
    def connection(self) -> Connection | None:
        """The one connection the app keeps to the phone system (None: it keeps none)."""
        return self.links.connection if self.links else None

    def _start_calls(self) -> None:
        from desktop_client.app.calls import IncomingCalls  # noqa: PLC0415

        assert self.tray is not None
        if self.calls is not None:
            self.calls.stop()
        from desktop_client.ui.transfer import TransferAsk  # noqa: PLC0415

        def dial_service() -> DialService | None:
            flow = self.ensure_flow()
            return flow.service if flow is not None else None

        self.calls = IncomingCalls(self.profile, self.config, self.tray,
                                   journal=self.ensure_journal,
                                   directory=self.ensure_directory,
                                   dial=lambda number: self.dial(number, Source.USER),
                                   secrets=self.secrets,
                                   ask_transfer=TransferAsk(dial_service, self.preview,
                                                            self.search, self),
                                   parent=self)
        self.calls.start(self.links.connection if self.links else None,
                         self.links.system if self.links else None)

    def ensure_flow(self) -> DialFlow | None:
        """The dial path, built on first use (phonenumbers and the directory load then)."""
        if self.flow is not None:
            return self.flow
        from desktop_client import wiring  # noqa: PLC0415
        from desktop_client.qt.dial_executor import DialExecutor  # noqa: PLC0415
        from desktop_client.ui.dial_flow import DialFlow  # noqa: PLC0415

        assert self.tray is not None
        try:
            service = wiring.build_dial_service(self.config, self.ensure_journal(),
                                                self.ensure_directory())
        except config_mod.ConfigError as error:
            self.tray.set_backend(False, str(error))
            self.tray.notify(self.tr("Settings"), str(error), True)
            return None
        from desktop_client.platform.registration import handler_is_us  # noqa: PLC0415

        executor = DialExecutor(self.links.connection if self.links else None,
                                self.links.system if self.links else None, handler_is_us,
                                self.secret, self, config=self.config)
        self.flow = DialFlow(service, executor, self)
        self.flow.notify.connect(self.tray.notify)
        self.flow.completed.connect(lambda *_outcome: self.calls.journal_changed()
                                    if self.calls is not None else None)
        return self.flow

    def ensure_journal(self) -> Journal:
        """The call journal, opened on first use (the idle tray needs no SQLite)."""
        if self.journal is None:
            from desktop_client.core.journal import Journal  # noqa: PLC0415

            self.journal = Journal(self.profile.journal_file)
            # One transaction (one fsync) per event-loop pass: a burst of calls is one write.
            self.journal.defer_commits(lambda commit: QTimer.singleShot(0, commit))
        return self.journal

    def ensure_directory(self) -> Directory:
        """The contact directory, opened on first use."""
        if self.directory is None:
            from desktop_client.core.directory import Directory  # noqa: PLC0415

            self.directory = Directory(self.profile.database_file)
        return self.directory

    def dial(self, text: str, source: Source) -> None:
        """A request from anywhere (IPC, menu, dialog, FileOpen)."""
        flow = self.ensure_flow()
        if flow is None:
            if self.tray is not None:
                self.tray.notify(self.tr("Not dialled"),
                                 self.tr("No phone is set up; open Settings."), True)
            return
        flow.request(text, source)

    def _ipc_message(self, message: ipc.Message) -> None:
        if message.kind == "dial":
            self.dial(message.text, Source.OUTSIDE)
        elif message.kind == "show" and self.tray is not None:
            self.tray.bring_forward()
        elif message.kind == "incoming" and self.calls is not None:
            self.calls.hook_event(message)
        elif message.kind == "settings":
            self.open_settings()
        elif message.kind == "pick":
            self.selection.pick(message.text.splitlines(), message.note)

    def watch_file_open(self) -> None:
        """Take the links macOS hands over as FileOpen events (start() does it there)."""
        self.qapp.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """macOS hands URLs over as FileOpen events: the same path as argv and IPC."""
        from PySide6.QtCore import QEvent  # noqa: PLC0415 - its big enum: only on macOS

        if event.type() == QEvent.Type.FileOpen:
            from PySide6.QtGui import QFileOpenEvent  # noqa: PLC0415

            if not isinstance(event, QFileOpenEvent):
                return super().eventFilter(watched, event)
            url = event.url().toString()
            if url:
                self._open_link(url[: ipc.MAX_TEXT + 1])
                return True
        return super().eventFilter(watched, event)

    def _open_link(self, text: str) -> None:
        if self._handing_over:
            self._hand_over(ipc.Message("dial", text=text))
        elif not self._accepting:
            if len(self._opened) < self.MAX_OPENED:
                self._opened.append(text)
        else:
            self.dial(text, Source.OUTSIDE)

    # -- what the widgets get (see app/services.py) -----------------------------------------

    def preview(self, text: str) -> Preview:
        """The dial dialog's live preview."""
        from desktop_client.app import services as app_services  # noqa: PLC0415

        return app_services.preview(text, self.config, self.ensure_directory)

    def search(self, text: str) -> list[ContactHit]:
        """The dial dialog's name search."""
        from desktop_client.app import services as app_services  # noqa: PLC0415

        return app_services.search(text, self.ensure_directory())

    def _clipboard_number(self, text: str) -> tuple[str, str] | None:
        from desktop_client.app import services as app_services  # noqa: PLC0415

        return app_services.clipboard_number(text, self.config)

    def _recent(self) -> list[RecentCall]:
        from desktop_client.ui.tray import recent_calls  # noqa: PLC0415

        return recent_calls(self.ensure_journal().recent(10))

    # -- tray actions ----------------------------------------------------------------------

    def _connect_tray(self, tray: TrayUi) -> None:
        tray.dial_dialog_requested.connect(self.open_dial_dialog)
        tray.dial_text_requested.connect(lambda text: self.dial(text, Source.USER))
        tray.normalize_requested.connect(self.open_normalize)
        tray.journal_requested.connect(lambda: self.calls.open_journal() if self.calls else None)
        tray.settings_requested.connect(self.open_settings)
        tray.quit_requested.connect(self.quit)

    def open_dial_dialog(self) -> None:
        """Dial…"""
        from desktop_client.ui.dial_dialog import DialDialog  # noqa: PLC0415

        if self.dial_dialog is not None and self.dial_dialog.isVisible():
            self.dial_dialog.raise_()
            self.dial_dialog.activateWindow()
            return
        dialog = DialDialog(self.preview, self.search)
        dialog.dial_requested.connect(lambda text: self.dial(text, Source.USER))
        self.dial_dialog = dialog
        delete_on_close(dialog, lambda: self._forget("dial_dialog", dialog))
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def _forget(self, name: str, window: QObject) -> None:
        if getattr(self, name) is window:
            setattr(self, name, None)

    def open_settings(self) -> None:
        """Settings… (the open window comes forward instead of a second one)."""
        if self.settings_dialog is not None and self.settings_dialog.isVisible():
            self.settings_dialog.raise_()
            self.settings_dialog.activateWindow()
            return
        from desktop_client.app import services as app_services  # noqa: PLC0415
        from desktop_client.core.secrets import KeyringStatus  # noqa: PLC0415
        from desktop_client.qt.keyring_process import (  # noqa: PLC0415
            CHECKING,
            KeyringStatusProcess,
        )
        from desktop_client.ui.settings_dialog import SettingsDialog  # noqa: PLC0415

        dialog = SettingsDialog(self.config, CHECKING, self.save_settings,
                                test_backend=self._test_backend,
                                setups=self.calls.setups if self.calls else (),
                                save_secret=self._save_secret, open_assistant=self.open_setup,
                                test_directory=lambda config, typed:
                                app_services.test_directory_servers(config, typed, self.secrets))
        self.settings_dialog = dialog
        delete_on_close(dialog, lambda: self._forget("settings_dialog", dialog))
        # keyring (and with it cryptography, ~20 MB) stays out of the tray app: its own
        # command line answers, and the dialog's password fields open up when it has.
        def answered(status: KeyringStatus) -> None:
            if self.settings_dialog is dialog:  # (closed meanwhile: nobody to tell)
                dialog.set_keyring_status(status)

        KeyringStatusProcess(self.self_command(), answered, self)
        dialog.open()
        dialog.raise_()
        dialog.activateWindow()
        log.info("settings window opened")

    def _save_secret(self, key: str, value: str) -> str:
        from desktop_client.qt.keyring_process import store_secret  # noqa: PLC0415

        return store_secret(self.self_command(), key, value)

    def self_command(self) -> list[str]:
        """This program's own command line, for the same profile."""
        from desktop_client.platform import launcher  # noqa: PLC0415

        return launcher(self._profile_arg())

    def save_settings(self, config: config_mod.Config) -> None:
        settings.save(config, self.profile.config_file, base=self.config)
        self.config = config
        self._start_link()
        self._start_calls()
        self.selection.start_hotkey(self.config.text("dial.hotkey"))
        self._apply_autostart()
        log.info("settings saved")

    def _apply_autostart(self) -> None:
        from desktop_client.platform.registration import set_autostart  # noqa: PLC0415

        set_autostart(self._profile_arg(), self.config.flag("app.autostart"))

    def _profile_arg(self) -> Path | None:
        default = Profile.resolve(None)
        return None if self.profile == default else self.profile.config_dir

    @staticmethod
    def _test_backend(config: config_mod.Config) -> str:
        from desktop_client.wiring import probe_backend  # noqa: PLC0415

        return probe_backend(config)

    def open_normalize(self) -> None:
        """Normalize phone numbers…"""
        from desktop_client.app import services as app_services  # noqa: PLC0415
        from desktop_client.ui.normalize_dialog import NormalizeProgress, ask_first  # noqa: PLC0415

        location = self.config.location()
        addresses, entries = self.ensure_directory().phone_counts()
        question = ask_first(entries, addresses, location.country)
        self.normalize_question = question

        def start(button: object) -> None:
            if question.standardButton(button) != question.StandardButton.Yes:  # type: ignore[arg-type]
                return
            progress = NormalizeProgress(app_services.normalize_run(self.profile, location))
            self.normalize_progress = progress
            progress.start()

        question.buttonClicked.connect(start)
        question.open()


def wiring_argv0() -> list[str]:
    """The argv Qt sees: only the program name (../shared/security.md, rule 1)."""
    return [sys.argv[0] if sys.argv else "desktop-client"]


def run_app(profile: Profile, config: config_mod.Config, problems: list[str]) -> int:
    """Start the tray app and run its event loop."""
    app = TrayApp(profile, config, problems)
    app.start()
    app.install_signal_handlers()
    status = app.exec()
    app.close()
    log.info("exit with status %d", status)
    return status
