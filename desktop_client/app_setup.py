"""The first-run part of the composition root: look around, ask, set up (Qt).

On a fresh install (no phone set up, the assistant not yet done) the app looks for phones in
a worker thread and then opens the assistant; the choice is saved like Settings saves, and
the tel:/callto: registration and autostart are done as the user ticked them.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from desktop_client.core import config as config_mod

log = logging.getLogger("desktop_client.app")


class FirstRun(QObject):
    """Runs the assistant against the app's settings through the callables it is given."""

    found = Signal(object)  # list[Finding], from the worker thread

    def __init__(self, config: Callable[[], config_mod.Config],
                 save: Callable[[config_mod.Config], None], *,
                 register: Callable[[], str], open_settings: Callable[[], None],
                 notify: Callable[[str], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._config = config
        self._save = save
        self._register = register
        self._open_settings = open_settings
        self._notify = notify
        self.assistant: QObject | None = None
        self.found.connect(self._show)

    @staticmethod
    def wanted(config: config_mod.Config) -> bool:
        """A fresh install: no phone set up and the assistant never finished."""
        return not config.flag("app.setup_done") and not config.phone_is_set_up()

    def start(self) -> None:
        """Look around off the UI thread; the assistant opens when that is done."""
        from desktop_client.dialing.discovery import discover  # noqa: PLC0415

        config = self._config()
        threading.Thread(target=lambda: self.found.emit(discover(config)), daemon=True,
                         name="discover-phones").start()

    def _show(self, findings: list[object]) -> None:
        from desktop_client.core.secrets import SecretStore  # noqa: PLC0415
        from desktop_client.dialing.discovery import Finding  # noqa: PLC0415
        from desktop_client.dialing.probe import probe_backend  # noqa: PLC0415
        from desktop_client.ui.setup_assistant import SetupAssistant  # noqa: PLC0415

        log.info("setup assistant: %d phone(s) found", len(findings))

        def test(finding: Finding) -> str:
            return probe_backend(self._config().with_values(**finding.changes))

        from desktop_client.ui.settings_texts import translated  # noqa: PLC0415

        status = SecretStore().status()
        keyring = "" if status.usable else self.tr(
            "Passwords cannot be stored yet: %1").replace("%1", translated(status.problem))
        assistant = SetupAssistant([f for f in findings if isinstance(f, Finding)], test,
                                   keyring)
        assistant.chosen.connect(self._apply)
        self.assistant = assistant
        assistant.open()
        assistant.raise_()
        assistant.activateWindow()

    def _apply(self, choice: object) -> None:
        from desktop_client.ui.setup_assistant import SetupChoice  # noqa: PLC0415

        assert isinstance(choice, SetupChoice)
        changes = dict(choice.finding.changes) if choice.finding is not None else {}
        config = self._config().with_values(**changes, app__autostart=choice.autostart,
                                            app__register_asked=True, app__setup_done=True)
        self._save(config)
        log.info("setup assistant: %s", choice.finding.label if choice.finding else
                 "another phone system (Settings)")
        if choice.register:
            self._notify(self._register())
        if choice.finding is None:
            self._open_settings()
