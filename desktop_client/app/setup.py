"""The first-start part of the composition root: the assistant, or the registration offer.

On a fresh install (no phone set up, the assistant not yet done) the app looks for phones in
a worker thread and then opens the assistant; the choice is saved like Settings saves, and
the tel:/callto: registration and autostart are done as the user ticked them. An app that
has a phone but was never asked about tel: links asks that once.
"""

from __future__ import annotations

import logging
import shlex
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from desktop_client import phones, settings
from desktop_client.core import config as config_mod

if TYPE_CHECKING:
    from desktop_client.app import TrayApp

log = logging.getLogger("desktop_client.app")


class FirstRun(QObject):
    """What a first start needs, against the app's settings and tray."""

    found = Signal(object, object)  # list[Finding], list[str] (not found), from the worker

    def __init__(self, app: TrayApp, config: Callable[[], config_mod.Config],
                 save: Callable[[config_mod.Config], None], profile: Path | None) -> None:
        super().__init__(app)
        self._app = app
        self._config = config
        self._save = save
        self._profile = profile
        self.assistant: QObject | None = None
        self.found.connect(self._show)

    def begin(self) -> None:
        """After start-up: the assistant on a fresh install, else the one-time offer."""
        config = self._config()
        if not config.flag("app.setup_done") and not phones.is_set_up(config):
            QTimer.singleShot(300, self.start)
        elif not config.flag("app.register_asked"):
            QTimer.singleShot(500, self.offer_registration)

    def start(self) -> None:
        """Look around off the UI thread; the assistant opens when that is done."""
        from desktop_client.phones.discovery import survey  # noqa: PLC0415

        if self._app.closed:
            return
        config = self._config()
        threading.Thread(target=lambda: self.found.emit(*survey(config)), daemon=True,
                         name="discover-phones").start()

    def offer_registration(self) -> None:
        """Ask once whether tel: and callto: links should open here."""
        from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415

        if self._app.closed:
            return
        answer = QMessageBox.question(
            None, self.tr("Telephony Client"),
            self.tr("Open tel: and callto: links (for example from your CRM) with the "
                    "Telephony Client?"))
        self._save_quietly(self._config().with_values(app__register_asked=True))
        if answer == QMessageBox.StandardButton.Yes:
            self._notify(self._register())

    def _save_quietly(self, config: config_mod.Config) -> None:
        settings.save(config, self._app.profile.config_file, base=self._app.config)
        self._app.config = config

    def _register(self) -> str:
        from desktop_client.platform.registration import register  # noqa: PLC0415

        try:
            return register(self._profile)
        except RuntimeError as error:
            return str(error)

    def _selection_command(self) -> list[str]:
        from desktop_client.platform import launcher  # noqa: PLC0415

        return [*launcher(self._profile), "dial", "--selection"]

    def _bind_selection_key(self) -> str:
        from desktop_client.platform import shortcut  # noqa: PLC0415

        try:
            done = shortcut.bind_gnome(self._selection_command())
        except shortcut.ShortcutError as error:
            log.warning("the dial shortcut could not be set up: %s", error)
            return self.tr("The shortcut could not be set up: %1").replace("%1", str(error))
        log.info("dial shortcut: %s", done)
        return self.tr("%1 now dials the number in the selected text.").replace(
            "%1", shortcut.LABEL)

    def _notify(self, message: str) -> None:
        if self._app.tray is not None:
            self._app.tray.notify(self.tr("Telephony Client"), message, False)

    def _show(self, findings: list[object], missing: list[str]) -> None:
        from desktop_client.phones.discovery import Finding  # noqa: PLC0415
        from desktop_client.ui.settings_texts import translated  # noqa: PLC0415
        from desktop_client.ui.setup_assistant import SetupAssistant  # noqa: PLC0415
        from desktop_client.wiring import probe_backend  # noqa: PLC0415

        log.info("setup assistant: %d phone(s) found", len(findings))

        def test(finding: Finding) -> str:
            return probe_backend(self._config().with_values(**finding.changes))

        status = self._app.secrets.status()
        keyring = "" if status.usable else self.tr(
            "Passwords cannot be stored yet: %1").replace("%1", translated(status.problem))
        from desktop_client.platform import shortcut  # noqa: PLC0415

        where = shortcut.kind()
        assistant = SetupAssistant([f for f in findings if isinstance(f, Finding)], test,
                                   keyring, missing=missing,
                                   shortcut=shortcut.LABEL if where else "",
                                   shortcut_command=shlex.join(self._selection_command()))
        assistant.chosen.connect(self._apply)
        self.assistant = assistant
        assistant.open()
        assistant.raise_()
        assistant.activateWindow()

    def _apply(self, choice: object) -> None:
        from desktop_client.ui.setup_assistant import SetupChoice  # noqa: PLC0415

        assert isinstance(choice, SetupChoice)
        changes = dict(choice.finding.changes) if choice.finding is not None else {}
        if sys.platform == "win32":  # the app's own hotkey, or none
            current = self._config().text("dial.hotkey")
            changes["dial__hotkey"] = (current or "Ctrl+Alt+D") if choice.selection_key else ""
        config = self._config().with_values(**changes, app__autostart=choice.autostart,
                                            app__register_asked=True, app__setup_done=True)
        self._save(config)
        if choice.selection_key and sys.platform != "win32":
            self._notify(self._bind_selection_key())
        log.info("setup assistant: %s", choice.finding.label if choice.finding else
                 "another phone system (Settings)")
        if choice.register:
            self._notify(self._register())
        if choice.finding is None:
            self._app.open_settings()
