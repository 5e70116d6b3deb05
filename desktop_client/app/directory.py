"""The directory servers in the composition root: their sync and live lookups
(qt/directory_worker) and the calls logged in Vertec (qt/crm_logger), with what they do or
wait for in the tray's tooltip."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from desktop_client.core import config as config_mod
from desktop_client.core.profile import Profile
from desktop_client.ui.tray import TrayUi

if TYPE_CHECKING:
    from desktop_client.core.journal import Journal
    from desktop_client.core.secrets import SecretStore
    from desktop_client.qt.crm_logger import CrmLogger
    from desktop_client.qt.directory_worker import DirectoryWorker

CRM = "vertec"


class DirectoryServers(QObject):
    """[directory] sources: synced every sync_minutes, asked live for unknown callers; with
    [directory.vertec] log_calls, finished calls logged as Vertec activities."""

    def __init__(self, profile: Profile, config: config_mod.Config, tray: TrayUi, *,
                 journal: Callable[[], Journal], secrets: SecretStore,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.profile = profile
        self.config = config
        self.tray = tray
        self._journal = journal
        self._secrets = secrets
        self.worker: DirectoryWorker | None = None
        self.crm_logger: CrmLogger | None = None

    def start(self) -> None:
        """Start what the settings ask for."""
        sources = self.config.strings("directory.sources")
        logging_on = CRM in sources and self.config.flag("directory.vertec.log_calls")
        if not logging_on:  # switched on again later, it starts from then
            from desktop_client.core import crm_log  # noqa: PLC0415

            crm_log.stop(self._journal(), CRM)
        if not sources:
            return
        from desktop_client.directories.build import build_service  # noqa: PLC0415
        from desktop_client.qt.directory_worker import DirectoryWorker  # noqa: PLC0415

        secrets = self._secrets
        worker = DirectoryWorker(
            lambda: build_service(self.profile, self.config, secrets.get),
            self.config.location(), sync_minutes=self.config.number("directory.sync_minutes"),
            block_digits=self.config.number("directory.company_block_digits"), parent=self)
        worker.progress.connect(lambda source, count: self.tray.set_activity(
            self.tr("syncing %1: %2 entries").replace("%1", source).replace("%2", str(count))))
        worker.synced.connect(self._synced)
        worker.start()
        self.worker = worker
        if logging_on:
            self._start_crm_log(secrets)

    def stop(self) -> None:
        """No more syncs, lookups or CRM runs are started."""
        if self.worker is not None:
            self.worker.stop()
        if self.crm_logger is not None:
            self.crm_logger.stop()

    def call_journaled(self) -> None:
        """A call was recorded: log it in the CRM (when that is on)."""
        if self.crm_logger is not None:
            self.crm_logger.trigger()

    def _start_crm_log(self, secrets: SecretStore) -> None:
        from desktop_client.core import crm_log  # noqa: PLC0415
        from desktop_client.core.directory import Directory  # noqa: PLC0415
        from desktop_client.core.journal import Journal  # noqa: PLC0415
        from desktop_client.directories.build import build_source  # noqa: PLC0415
        from desktop_client.directories.call_logging import LogResult, log_calls  # noqa: PLC0415
        from desktop_client.qt.crm_logger import CrmLogger  # noqa: PLC0415
        from desktop_client.ui.texts import activity_texts  # noqa: PLC0415

        profile, config = self.profile, self.config
        crm_log.start(self._journal(), CRM)  # calls from now on, whatever runs first

        def vertec() -> Any:
            return build_source(CRM, config, secrets.get)

        def run() -> LogResult:
            with Journal(profile.journal_file) as journal, \
                    Directory(profile.database_file) as directory:
                return log_calls(journal, directory, config.location(), CRM, vertec,
                                 describe=activity_texts)

        logger = CrmLogger(run, parent=self)
        logger.finished.connect(self._crm_logged)
        logger.start()
        self.crm_logger = logger

    def _crm_logged(self, result: Any) -> None:
        parts = []
        if result.waiting > 0:
            parts.append(self.tr("%n call(s) not yet in Vertec", "", result.waiting))
        if result.refused > 0:
            parts.append(self.tr("%n call(s) refused by Vertec (see the log)", "",
                                 result.refused))
        if result.error and (result.waiting or result.waiting < 0):
            parts.append(result.error)
        self.tray.set_activity("; ".join(parts), key="crm")

    def _synced(self, results: list[Any]) -> None:
        failed = [r.source for r in results if not r.ok]
        self.tray.set_activity(self.tr("directory sync failed: %1").replace(
            "%1", ", ".join(failed)) if failed else "")
