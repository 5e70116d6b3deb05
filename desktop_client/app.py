"""The composition root of the tray app: builds the concrete Qt classes and wires them.

Qt never sees the real argv (../shared/security.md, rule 1). Widgets get their services
(search, preview, recent calls, the batch run) as callables built here.
"""

from __future__ import annotations

import logging
import signal
import sys
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QLibraryInfo,
    QLocale,
    QObject,
    QTimer,
    QtMsgType,
    QTranslator,
    qInstallMessageHandler,
)
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_client import ipc, wiring
from desktop_client.core import config as config_mod
from desktop_client.core.directory import Directory
from desktop_client.core.journal import Journal
from desktop_client.core.normalize_run import normalize_directory
from desktop_client.core.numbers import NumberKind
from desktop_client.core.profile import Profile
from desktop_client.core.secrets import SecretStore
from desktop_client.dialing.policy import Source
from desktop_client.qt.baresip_link import BaresipLink
from desktop_client.qt.dial_executor import DialExecutor
from desktop_client.qt.ipc_server import IpcServer
from desktop_client.ui.dial_dialog import ContactHit, DialDialog, Preview
from desktop_client.ui.dial_flow import DialFlow
from desktop_client.ui.normalize_dialog import NormalizeProgress
from desktop_client.ui.settings_dialog import SettingsDialog
from desktop_client.ui.texts import type_label
from desktop_client.ui.tray import RecentCall, TrayUi

log = logging.getLogger("desktop_client.app")
TRANSLATIONS = Path(__file__).parent / "translations"


def _qt_message(mode: QtMsgType, _context: object, message: str) -> None:
    level = {QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
             QtMsgType.QtWarningMsg: logging.WARNING}.get(mode, logging.ERROR)
    logging.getLogger("desktop_client.qt").log(level, "%s", message)


def load_translation(app: QCoreApplication, language: str) -> QTranslator | None:
    """Install our translation (and Qt's own) for ``language`` ("auto": the system's)."""
    if language == "auto":
        language = QLocale.system().name().split("_")[0]
    if language == "en":
        return None
    translator = QTranslator(app)
    if not translator.load(str(TRANSLATIONS / f"desktop_client_{language}.qm")):
        return None
    app.installTranslator(translator)
    qt_own = QTranslator(app)
    qt_path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_own.load(f"qtbase_{language}", qt_path):
        app.installTranslator(qt_own)
    return translator


class TrayApp(QObject):
    """The running app: one per user and profile."""

    def __init__(self, profile: Profile, config: config_mod.Config, problems: list[str]) -> None:
        qInstallMessageHandler(_qt_message)
        self.qapp = QApplication.instance() or QApplication(wiring_argv0())
        assert isinstance(self.qapp, QApplication)
        super().__init__()
        self.qapp.setApplicationName("desktop-client")
        self.qapp.setQuitOnLastWindowClosed(False)
        self.profile = profile
        self.config = config
        self.problems = list(problems)
        self.translator = load_translation(self.qapp, config.text("ui.language"))
        self.ipc_server = IpcServer(ipc.server_name(profile.config_dir), self)
        self.directory: Directory | None = None
        self.journal: Journal | None = None
        self.link: BaresipLink | None = None
        self.flow: DialFlow | None = None
        self.tray: TrayUi | None = None
        self.dial_dialog: DialDialog | None = None
        self.settings_dialog: SettingsDialog | None = None
        self.normalize_progress: NormalizeProgress | None = None
        self._closed = False

    # -- start and stop --------------------------------------------------------------------

    def start(self) -> bool:
        """Build everything and show the tray. False if another instance runs already."""
        if not self.ipc_server.listen():
            log.info("another instance runs for this profile; asked it to come forward")
            ipc.send(self.ipc_server.name, ipc.Message("show"))
            return False
        self.profile.create()
        self.directory = Directory(self.profile.database_file)
        self.journal = Journal(self.profile.data_dir / "journal.sqlite3")
        self.tray = TrayUi(self._clipboard_number, self._recent)
        self._connect_tray(self.tray)
        self._build_dialing()
        self.ipc_server.received.connect(self._ipc_message)
        self.qapp.installEventFilter(self)
        self.qapp.aboutToQuit.connect(self.close)
        self.tray.show()
        log.info("ready: %s shown", "tray icon" if self.tray.tray is not None else
                 "window (no system tray)")
        for problem in self.problems:
            self.tray.notify(self.tr("Settings"), problem, True)
        if not self.config.flag("app.register_asked"):
            QTimer.singleShot(500, self._offer_registration)
        return True

    def exec(self) -> int:
        """Run the event loop."""
        return int(self.qapp.exec())

    def close(self) -> None:
        """Close sockets and files; safe to call twice."""
        if self._closed:
            return
        self._closed = True
        self.ipc_server.close()
        if self.link is not None:
            self.link.stop()
        if self.tray is not None:
            self.tray.hide()
        if self.directory is not None:
            self.directory.close()
        if self.journal is not None:
            self.journal.close()
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

    def _build_dialing(self) -> None:
        assert self.tray is not None
        if self.link is not None:
            self.link.stop()
            self.link = None
        try:
            service = wiring.build_dial_service(self.config, self.journal, self.directory)
        except config_mod.ConfigError as error:
            self.tray.set_backend(False, str(error))
            self.tray.notify(self.tr("Settings"), str(error), True)
            self.flow = None
            return
        if self.config.text("dial.backend") == "baresip":
            self.link = BaresipLink(self.config.text("backends.baresip.address"), self)
            self.link.state_changed.connect(self._link_state)
            self.link.start()
            self.tray.set_backend(False, self.link.state)
        else:
            self.tray.set_backend(True)
        executor = DialExecutor(self.link, self._handler_is_us, self)
        self.flow = DialFlow(service, executor, self)
        self.flow.notify.connect(self.tray.notify)

    def _link_state(self, state: str) -> None:
        if self.tray is not None:
            self.tray.set_backend(state == "connected", f"baresip: {state}")

    @staticmethod
    def _handler_is_us(scheme: str) -> bool:
        if sys.platform.startswith("linux"):
            from desktop_client.platform import linux  # noqa: PLC0415

            return linux.handler_is_us(scheme)
        return False

    def dial(self, text: str, source: Source) -> None:
        """A request from anywhere (IPC, menu, dialog, FileOpen)."""
        if self.flow is None:
            if self.tray is not None:
                self.tray.notify(self.tr("Call refused"),
                                 self.tr("No phone is set up; open Settings."), True)
            return
        self.flow.request(text, source)

    def _ipc_message(self, message: ipc.Message) -> None:
        if message.kind == "dial":
            self.dial(message.text, Source.OUTSIDE)
        elif message.kind == "show" and self.tray is not None:
            self.tray.bring_forward()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """macOS hands URLs over as FileOpen events: the same path as argv and IPC."""
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            url = event.url().toString()
            if url:
                self.dial(url[: ipc.MAX_TEXT + 1], Source.OUTSIDE)
                return True
        return super().eventFilter(watched, event)

    # -- what the widgets get --------------------------------------------------------------

    def preview(self, text: str) -> Preview:
        """The dial dialog's live preview."""
        ok, line, number = wiring.describe_number(text, self.config.location())
        if not ok or number is None:
            return Preview(False, line)
        parts = [line, type_label(number.type)]
        if self.flow is not None and number.kind != NumberKind.SHORT and self.directory:
            name = wiring.contact_names(self.directory, self.config)(number)
            if name:
                parts.append(name)
        return Preview(True, " · ".join(parts))

    def search(self, text: str) -> list[ContactHit]:
        """The dial dialog's name search."""
        if self.directory is None:
            return []
        hits = []
        for address, channel in self.directory.search(text, 20):
            company = f", {address.company}" if address.kind == "person" and \
                address.company else ""
            number = channel.normalized.canonical or channel.raw
            hits.append(ContactHit(f"{address.display_name}{company} ({channel.kind})", number))
        return hits

    def _clipboard_number(self, text: str) -> str | None:
        if len(text) > 64 or not DialDialog.looks_like_number(text):
            return None
        ok, line, _number = wiring.describe_number(text, self.config.location())
        return line if ok else None

    def _recent(self) -> list[RecentCall]:
        if self.journal is None:
            return []
        calls = []
        for entry in self.journal.recent(10):
            arrow = "→" if entry.direction == "outgoing" else "←"
            who = entry.contact_name or entry.e164 or entry.number
            calls.append(RecentCall(f"{arrow} {who} ({entry.e164 or entry.number})",
                                    entry.e164 or entry.number))
        return calls

    # -- tray actions ----------------------------------------------------------------------

    def _connect_tray(self, tray: TrayUi) -> None:
        tray.dial_dialog_requested.connect(self.open_dial_dialog)
        tray.dial_text_requested.connect(lambda text: self.dial(text, Source.USER))
        tray.normalize_requested.connect(self.open_normalize)
        tray.settings_requested.connect(self.open_settings)
        tray.quit_requested.connect(self.quit)

    def open_dial_dialog(self) -> None:
        """Dial…"""
        if self.dial_dialog is not None and self.dial_dialog.isVisible():
            self.dial_dialog.raise_()
            self.dial_dialog.activateWindow()
            return
        dialog = DialDialog(self.preview, self.search)
        dialog.dial_requested.connect(lambda text: self.dial(text, Source.USER))
        self.dial_dialog = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def open_settings(self) -> None:
        """Settings…"""
        dialog = SettingsDialog(self.config, SecretStore().status(), self._save_settings,
                                self._test_backend)
        self.settings_dialog = dialog
        dialog.open()

    def _save_settings(self, config: config_mod.Config) -> None:
        config_mod.save(config, self.profile.config_file)
        self.config = config
        self._build_dialing()
        self._apply_autostart()
        log.info("settings saved")

    def _apply_autostart(self) -> None:
        if sys.platform.startswith("linux"):
            from desktop_client.platform import launcher, linux  # noqa: PLC0415

            linux.set_autostart(launcher(self._profile_arg()), self.config.flag("app.autostart"))

    def _profile_arg(self) -> Path | None:
        default = Profile.resolve(None)
        return None if self.profile == default else self.profile.config_dir

    @staticmethod
    def _test_backend(config: config_mod.Config) -> str:
        from desktop_client.dialing.probe import probe_backend  # noqa: PLC0415

        return probe_backend(config)

    def open_normalize(self) -> None:
        """Normalize phone numbers…"""
        profile, location = self.profile, self.config.location()

        def run(progress: object) -> tuple[int, int, int, int, str]:
            with Directory(profile.database_file) as directory:
                summary = normalize_directory(directory, location,
                                              progress=progress)  # type: ignore[arg-type]
            return (summary.checked, summary.normalized, summary.changed, summary.failed,
                    str(profile.log_file))

        self.normalize_progress = NormalizeProgress(run)
        self.normalize_progress.start()

    def _offer_registration(self) -> None:
        answer = QMessageBox.question(
            None, self.tr("Telephony Client"),
            self.tr("Open tel: and callto: links (for example from your CRM) with the "
                    "Telephony Client?"))
        self.config = self.config.with_values(app__register_asked=True)
        config_mod.save(self.config, self.profile.config_file)
        if answer == QMessageBox.StandardButton.Yes:
            from desktop_client.platform.registration import register  # noqa: PLC0415

            try:
                message = register(self._profile_arg())
            except RuntimeError as error:
                message = str(error)
            if self.tray is not None:
                self.tray.notify(self.tr("Telephony Client"), message, False)


def wiring_argv0() -> list[str]:
    """The argv Qt sees: only the program name (../shared/security.md, rule 1)."""
    return [sys.argv[0] if sys.argv else "desktop-client"]


def run_app(profile: Profile, config: config_mod.Config, problems: list[str]) -> int:
    """Start the tray app and run its event loop."""
    app = TrayApp(profile, config, problems)
    if not app.start():
        return 0
    app.install_signal_handlers()
    status = app.exec()
    app.close()
    log.info("exit with status %d", status)
    return status
