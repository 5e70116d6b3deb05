"""Sync directory servers into the local directory, and ask them live for an unknown caller.

Qt-free and thread-agnostic: the tray app runs :meth:`DirectoryService.sync` and
:meth:`DirectoryService.lookup_live` in worker threads, the command line calls them directly.
Each call opens its own SQLite connection (a Directory is one thread's).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from desktop_client.core import synced_contacts
from desktop_client.core.contacts import AddressRecord, Match
from desktop_client.core.directory import Directory
from desktop_client.core.numbers import Location, NormalizedNumber
from desktop_client.core.synced_contacts import SourceSync, SyncCounts
from desktop_client.directories import http_crm
from desktop_client.directories.base import DirectorySource, SourceError

log = logging.getLogger("desktop_client.directory")

#: A number asked live is not asked again for this long (hit or miss).
CACHE_S = 300.0
#: A server that could not be reached is left alone this long.
DOWN_S = 60.0
#: The fingerprint of an entry a live lookup stored: this prefix and the day.
LIVE_PREFIX = http_crm.LIVE_PREFIX

OpenDirectory = Callable[[], Directory]
#: Called with the source's name and the entries read so far.
SyncProgress = Callable[[str, int], None]


@dataclass(frozen=True, slots=True)
class SyncResult:
    """The outcome of one source's sync."""

    source: str
    ok: bool
    counts: SyncCounts = field(default_factory=SyncCounts)
    entries: int = 0
    seconds: float = 0.0
    error: str = ""
    kind: str = ""  # SourceError.kind when not ok
    notes: tuple[str, ...] = ()


@dataclass
class DirectoryService:
    """The configured directory servers, in lookup order."""

    open_directory: OpenDirectory
    location: Location
    sources: Sequence[DirectorySource]
    #: Sources that could not be set up (a missing setting, an unreadable keyring).
    broken: Sequence[SourceError] = ()
    deadline_s: float = 1.5
    sync_timeout_s: float = 60.0
    clock: Callable[[], float] = time.monotonic
    _asked: dict[tuple[str, str], float] = field(default_factory=dict)
    _down_until: dict[str, float] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    # -- sync ------------------------------------------------------------------------------

    def sync(self, only: Sequence[str] = (),
             progress: SyncProgress | None = None) -> list[SyncResult]:
        """Sync the sources (all, or those named); a failed one keeps its last contacts."""
        results = [SyncResult(e.source, False, error=str(e), kind=e.kind) for e in self.broken
                   if not only or e.source in only]
        for error in self.broken:
            if not only or error.source in only:
                self._note_failure(error.source, str(error))
        for source in self.sources:
            if only and source.name not in only:
                continue
            results.append(self._sync_one(source, progress))
        return results

    def _sync_one(self, source: DirectorySource, progress: SyncProgress | None) -> SyncResult:
        started = self.clock()
        report = (lambda count: progress(source.name, count)) if progress else (lambda _c: None)
        try:
            with self.open_directory() as directory:
                token = synced_contacts.state(directory, source.name).token
                with SourceSync.open(directory, source.name, self.location) as target:
                    target.token = source.sync(target, token, report)
                counts, entries, notes = target.counts, target.entries, tuple(target.notes)
        except SourceError as error:
            log.warning("sync of %s failed: %s; its contacts of the last sync stay",
                        source.name, error)
            self._note_failure(source.name, str(error))
            return SyncResult(source.name, False, seconds=self.clock() - started,
                              error=str(error), kind=error.kind)
        except Exception as error:  # a bug or a disk problem: logged with its traceback
            log.exception("sync of %s failed", source.name)
            self._note_failure(source.name, f"{source.name}: {error}")
            return SyncResult(source.name, False, seconds=self.clock() - started,
                              error=f"{source.name}: {error}", kind="internal")
        log.info("synced %s: %d entries (%d new, %d changed, %d removed) in %.1f s",
                 source.name, entries, counts.added, counts.changed, counts.removed,
                 self.clock() - started)
        return SyncResult(source.name, True, counts, entries, self.clock() - started,
                          notes=notes)

    def _note_failure(self, name: str, error: str) -> None:
        try:
            with self.open_directory() as directory:
                synced_contacts.record_failure(directory, name, error)
        except Exception:  # the failure itself is already logged
            log.warning("cannot note the failed sync of %s", name)

    # -- live lookup -----------------------------------------------------------------------

    def lookup_live(self, number: NormalizedNumber, block_digits: int = 2) -> list[Match]:
        """Ask the sources in order until one knows the number; store what they answer.

        Returns the local directory's matches afterwards ([] when no source knew it). A
        source asked for this number within :data:`CACHE_S`, or unreachable within
        :data:`DOWN_S`, is skipped; the whole lookup keeps to ``deadline_s``.
        """
        ends = self.clock() + self.deadline_s
        for source in self.sources:
            remaining = ends - self.clock()
            if remaining <= 0.05:
                log.info("live lookup: deadline reached before %s", source.name)
                break
            if not self._may_ask(source.name, number.key):
                continue
            try:
                with self.open_directory() as directory:
                    token = synced_contacts.state(directory, source.name).token
                records = source.lookup(number, remaining, token)
            except SourceError as error:
                log.warning("live lookup in %s failed: %s", source.name, error)
                if error.kind in ("unreachable", "tls"):
                    with self._lock:
                        self._down_until[source.name] = self.clock() + DOWN_S
                continue
            if not records:
                continue
            matches = self._store(source.name, records, number, block_digits)
            if matches:
                return matches
        return []

    def _may_ask(self, name: str, key: str) -> bool:
        now = self.clock()
        with self._lock:
            if self._down_until.get(name, 0.0) > now:
                return False
            asked = self._asked.get((name, key))
            if asked is not None and now - asked < CACHE_S:
                return False
            if len(self._asked) > 10_000:
                self._asked.clear()
            self._asked[(name, key)] = now
            return True

    def _store(self, name: str, records: list[AddressRecord], number: NormalizedNumber,
               block_digits: int) -> list[Match]:
        today = datetime.now(UTC).date().isoformat()
        with self.open_directory() as directory:
            with directory.transaction():
                for record in records:
                    keyed = AddressRecord(record.kind, record.first_name, record.last_name,
                                          record.company, f"{name}:{record.external_id}",
                                          record.link_url, record.channels, record.country)
                    try:
                        # Not a server fingerprint: the next sync writes the entry again;
                        # the date lets a source without listing (a CRM) forget it later.
                        directory.put(keyed, self.location, source=name,
                                      fingerprint=LIVE_PREFIX + today)
                    except ValueError as error:
                        log.warning("live answer of %s not stored: %s", name, error)
            matches = directory.lookup_normalized(number, block_digits=block_digits)
        return [m for m in matches if m.quality == "exact"]
