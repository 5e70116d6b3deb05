"""Contacts synced from directory servers, kept per source in the directory's SQLite file.

A sync replaces one source's addresses in one transaction: a server that fails half way
leaves the contacts of the last complete sync untouched (nothing is lost, and a partial
answer never replaces a complete one). Imported contacts are never touched, and an import
never overwrites a synced address (:meth:`Directory.put` refuses). Unchanged entries are
recognised by a fingerprint and not written again.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import sqlite3
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from multiprocessing.pool import AsyncResult, Pool

from desktop_client.core.contacts import PHONE_KINDS, AddressRecord, StoredRow
from desktop_client.core.directory import Directory
from desktop_client.core.normalize_run import _init_worker, _normalize_batch
from desktop_client.core.numbers import Location

log = logging.getLogger("desktop_client.directory")

#: The sources a directory can be synced from (config ``[directory] sources``).
SOURCE_NAMES = ("ldap", "carddav", "vertec", "http")
#: Changed entries written together; from the first full batch on, a worker process
#: normalizes their numbers while this one reads the server (two cores: twice the work).
BATCH = 2000

_Pending = list[AddressRecord]


@dataclass(frozen=True, slots=True)
class SourceState:
    """What the last sync of a source left: when, how many, the server's token, the error."""

    source: str
    synced_at: str = ""
    token: str = ""
    entries: int = 0
    error: str = ""
    error_at: str = ""


@dataclass(slots=True)
class SyncCounts:
    """What one sync changed."""

    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0

    @property
    def seen(self) -> int:
        """Entries the server listed (added, changed or unchanged)."""
        return self.added + self.changed + self.unchanged


@dataclass
class SourceSync:
    """One sync of one source: call inside :meth:`open` (one transaction)."""

    directory: Directory
    source: str
    location: Location
    #: Normalize large syncs in a worker process (off for a few live answers).
    parallel: bool = True
    counts: SyncCounts = field(default_factory=SyncCounts)
    _known: dict[str, str] = field(default_factory=dict)
    _seen: set[str] = field(default_factory=set)
    _pending: _Pending = field(default_factory=list)
    _fingerprints: dict[str, str] = field(default_factory=dict)
    _queue: deque[tuple[_Pending, AsyncResult[list[StoredRow]]]] = field(
        default_factory=deque)
    _pool: Pool | None = None

    def key(self, source_id: str) -> str:
        """The address key of an entry: the source's name and the server's id for it."""
        return f"{self.source}:{source_id}"

    def fingerprint(self, source_id: str) -> str | None:
        """The stored fingerprint of an entry, or None when it is not stored."""
        return self._known.get(self.key(source_id))

    def put(self, record: AddressRecord, fingerprint: str) -> None:
        """Store one entry (``record.external_id`` is the server's id), unless unchanged."""
        key = self.key(record.external_id)
        self._seen.add(key)
        known = self._known.get(key)
        if known == fingerprint and fingerprint:
            self.counts.unchanged += 1
            return
        self._pending.append(AddressRecord(
            record.kind, record.first_name, record.last_name, record.company, key,
            record.link_url, record.channels, record.country))
        self._fingerprints[key] = fingerprint
        self._known[key] = fingerprint
        if known is None:
            self.counts.added += 1
        else:
            self.counts.changed += 1
        if len(self._pending) >= BATCH:
            self._submit()

    def keep(self, source_id: str) -> None:
        """An entry the server listed unchanged (same fingerprint): keep it."""
        self._seen.add(self.key(source_id))
        self.counts.unchanged += 1

    def remove(self, source_id: str) -> None:
        """An entry the server deleted."""
        key = self.key(source_id)
        if self._known.pop(key, None) is not None:
            self._flush()  # a pending write of the same entry goes first
            self.directory.conn.execute(
                "DELETE FROM address WHERE source = ? AND external_id = ?", (self.source, key))
            self.counts.removed += 1

    def remove_unseen(self) -> None:
        """After a complete listing: entries the server no longer has go."""
        gone = [key for key in self._known if key not in self._seen]
        self.directory.conn.executemany(
            "DELETE FROM address WHERE source = ? AND external_id = ?",
            [(self.source, key) for key in gone])
        for key in gone:
            del self._known[key]
        self.counts.removed += len(gone)

    @property
    def entries(self) -> int:
        """Entries stored for this source now."""
        return len(self._known)

    # -- writing, with the numbers normalized in a worker for large syncs -------------------

    def _submit(self) -> None:
        batch, self._pending = self._pending, []
        if not self.parallel:
            self._write(batch, None)
            return
        if self._pool is None:
            # spawn, not fork: the tray app syncs from a thread of a process running Qt.
            workers = max(1, min(2, os.cpu_count() or 1) - 1)
            self._pool = multiprocessing.get_context("spawn").Pool(
                workers, _init_worker, (self.location,))
        items = [(raw, record.country) for record in batch for kind, raw in record.channels
                 if kind in PHONE_KINDS]
        self._queue.append((batch, self._pool.apply_async(_normalize_batch, (items,))))
        while len(self._queue) > 1:
            done, result = self._queue.popleft()
            self._write(done, result.get())

    def _flush(self) -> None:
        while self._queue:
            done, result = self._queue.popleft()
            self._write(done, result.get())
        if self._pending:
            batch, self._pending = self._pending, []
            self._write(batch, None)

    def _write(self, batch: _Pending, rows: list[StoredRow] | None) -> None:
        normalized = iter(rows) if rows is not None else None
        blank: StoredRow = (None, "", None, "", "", "", "", "")
        for record in batch:
            fingerprint = self._fingerprints.pop(record.external_id, "")
            own = None if normalized is None else [
                next(normalized) if kind in PHONE_KINDS else blank
                for kind, _raw in record.channels]
            self.directory.put(record, self.location, source=self.source,
                               fingerprint=fingerprint, rows=own)

    def _close(self) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None

    @classmethod
    @contextlib.contextmanager
    def open(cls, directory: Directory, source: str, location: Location, *,
             parallel: bool = True) -> Iterator[SourceSync]:
        """A transaction for one sync; an exception rolls everything back."""
        sync = cls(directory, source, location, parallel)
        try:
            with directory.transaction() as conn:
                sync._known = dict(conn.execute(
                    "SELECT external_id, fingerprint FROM address WHERE source = ?", (source,)))
                yield sync
                sync._flush()
        finally:
            sync._close()


def states(directory: Directory) -> dict[str, SourceState]:
    """Every source's state, by name."""
    rows = directory.conn.execute(
        "SELECT source, synced_at, token, entries, error, error_at FROM source_state")
    return {row[0]: SourceState(*row) for row in rows}


def state(directory: Directory, source: str) -> SourceState:
    """One source's state (empty when it never synced)."""
    return states(directory).get(source, SourceState(source))


def record_success(directory: Directory, source: str, token: str, entries: int) -> None:
    """Note a complete sync (call inside the sync's transaction)."""
    directory.conn.execute(
        "INSERT INTO source_state (source, synced_at, token, entries, error, error_at) "
        "VALUES (?, ?, ?, ?, '', '') ON CONFLICT (source) DO UPDATE SET "
        "synced_at = excluded.synced_at, token = excluded.token, entries = excluded.entries, "
        "error = '', error_at = ''", (source, _now(), token, entries))


def record_failure(directory: Directory, source: str, error: str) -> None:
    """Note a failed sync; the last complete one stays."""
    try:
        with directory.transaction() as conn:
            conn.execute(
                "INSERT INTO source_state (source, error, error_at) VALUES (?, ?, ?) "
                "ON CONFLICT (source) DO UPDATE SET error = excluded.error, "
                "error_at = excluded.error_at", (source, error[:500], _now()))
    except sqlite3.Error as db_error:  # the sync's own failure is logged by the caller
        log.warning("cannot note the failed sync of %s: %s", source, db_error)


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()
