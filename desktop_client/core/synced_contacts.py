"""Contacts synced from directory servers, kept per source in the directory's SQLite file.

A sync stages what the server sends in a scratch SQLite file beside the directory (no lock on
the directory while the server talks), then applies it in one short transaction: a server
that fails half way leaves the contacts of the last complete sync untouched (nothing is lost,
and a partial answer never replaces a complete one). Imported contacts are never touched,
and an import never overwrites a synced address (:meth:`Directory.put` refuses). Unchanged
entries are recognised by a fingerprint and not written again; updated addresses keep their
ids (remembered choices and journal links stay).
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import sqlite3
import tempfile
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from multiprocessing.pool import AsyncResult, Pool
from pathlib import Path

from desktop_client.core.contacts import PHONE_KINDS, AddressRecord, StoredRow
from desktop_client.core.directory import Directory, address_values, channel_rows
from desktop_client.core.normalize_run import _init_worker, _normalize_batch
from desktop_client.core.numbers import Location

log = logging.getLogger("desktop_client.directory")

#: Changed entries staged together; from the first full batch on, a worker process
#: normalizes their numbers while this one reads the server (two cores: twice the work).
BATCH = 2000
#: A batch the worker has not normalized by then is lost (the worker died): the sync fails.
WORKER_TIMEOUT_S = 300.0

_Pending = list[AddressRecord]
_STAGE_SCHEMA = (
    "CREATE TABLE stage.address (key TEXT PRIMARY KEY, kind TEXT, first_name TEXT, "
    "last_name TEXT, company TEXT, link_url TEXT, country TEXT, fingerprint TEXT)",
    "CREATE TABLE stage.channel (key TEXT, kind TEXT, raw TEXT, e164 TEXT, extension TEXT, "
    "internal TEXT, country_code TEXT, region_code TEXT, detail TEXT, canonical TEXT, "
    "error TEXT)",
    "CREATE INDEX stage.channel_key ON channel (key)",
    "CREATE TABLE stage.removed (key TEXT PRIMARY KEY)",
)


class SyncError(RuntimeError):
    """The sync could not be completed here (not the server's fault)."""


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
    #: Entries whose id an imported contact holds already: left out.
    refused: int = 0


@dataclass
class SourceSync:
    """One sync of one source, staged: use :meth:`open`."""

    directory: Directory
    source: str
    location: Location
    stage: sqlite3.Connection
    #: Normalize large syncs in a worker process.
    parallel: bool = True
    #: The server's sync token to keep when the sync completes.
    token: str = ""
    counts: SyncCounts = field(default_factory=SyncCounts)
    #: What the sync report should say besides the counts (e.g. numbers the server and we
    #: normalize differently).
    notes: list[str] = field(default_factory=list)
    _known: dict[str, str] = field(default_factory=dict)
    _seen: set[str] = field(default_factory=set)
    _pending: _Pending = field(default_factory=list)
    _fingerprints: dict[str, str] = field(default_factory=dict)
    _queue: deque[tuple[_Pending, AsyncResult[list[StoredRow]]]] = field(
        default_factory=deque)
    _pool: Pool | None = None
    _stage_path: str = ""

    def key(self, source_id: str) -> str:
        """The address key of an entry: the source's name and the server's id for it."""
        return f"{self.source}:{source_id}"

    def fingerprint(self, source_id: str) -> str | None:
        """The stored fingerprint of an entry, or None when it is not stored."""
        return self._known.get(self.key(source_id))

    def stored(self) -> dict[str, str]:
        """Every stored entry's server id and fingerprint."""
        prefix = len(self.source) + 1
        return {key[prefix:]: value for key, value in self._known.items()}

    def put(self, record: AddressRecord, fingerprint: str) -> None:
        """Stage one entry (``record.external_id`` is the server's id), unless unchanged."""
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
            self._flush()  # a staged write of the same entry goes first
            self.stage.execute("DELETE FROM stage.address WHERE key = ?", (key,))
            self.stage.execute("DELETE FROM stage.channel WHERE key = ?", (key,))
            self.stage.execute("INSERT OR IGNORE INTO stage.removed VALUES (?)", (key,))
            self.counts.removed += 1

    def remove_unseen(self) -> None:
        """After a complete listing: entries the server no longer has go."""
        gone = [key for key in self._known if key not in self._seen]
        self.stage.executemany("INSERT OR IGNORE INTO stage.removed VALUES (?)",
                               [(key,) for key in gone])
        for key in gone:
            del self._known[key]
        self.counts.removed += len(gone)

    @property
    def entries(self) -> int:
        """Entries stored for this source when the sync completes."""
        return len(self._known)

    # -- staging, with the numbers normalized in a worker for large syncs -------------------

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
            self._write_oldest()

    def _write_oldest(self) -> None:
        done, result = self._queue.popleft()
        try:
            rows = result.get(WORKER_TIMEOUT_S)
        except multiprocessing.TimeoutError:
            raise SyncError("the worker process normalizing the numbers stopped") from None
        self._write(done, rows)

    def _flush(self) -> None:
        while self._queue:
            self._write_oldest()
        if self._pending:
            batch, self._pending = self._pending, []
            self._write(batch, None)

    def _write(self, batch: _Pending, rows: list[StoredRow] | None) -> None:
        made = iter(rows) if rows is not None else None
        addresses: list[tuple[str | None, ...]] = []
        channels: list[tuple[str | None, ...]] = []
        for record in batch:
            values = address_values(record)
            own = None if made is None else [
                next(made) for kind, _raw in record.channels if kind in PHONE_KINDS]
            addresses.append((record.external_id, *values,
                              self._fingerprints.pop(record.external_id, "")))
            channels.extend((record.external_id, kind, raw, *row) for kind, raw, row in
                            channel_rows(record, self.location, values[5], own))
        keys = [(address[0],) for address in addresses]
        self.stage.executemany("DELETE FROM stage.channel WHERE key = ?", keys)
        self.stage.executemany(
            "INSERT OR REPLACE INTO stage.address VALUES (?, ?, ?, ?, ?, ?, ?, ?)", addresses)
        self.stage.executemany(
            "INSERT INTO stage.channel VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", channels)

    def _apply(self) -> None:
        """Everything staged, in one transaction of the directory."""
        conn, source = self.directory.conn, self.source
        conn.execute("ATTACH DATABASE ? AS stage", (self._stage_path,))
        try:
            with self.directory.transaction():
                (self.counts.refused,) = conn.execute(
                    "SELECT count(*) FROM stage.address s JOIN address a "
                    "ON a.external_id = s.key AND a.source != ?", (source,)).fetchone()
                if self.counts.refused:
                    log.warning("sync of %s: %d entries have the id of an imported contact; "
                                "left out", source, self.counts.refused)
                conn.execute(
                    "UPDATE address SET kind = s.kind, first_name = s.first_name, "
                    "last_name = s.last_name, company = s.company, link_url = s.link_url, "
                    "country = s.country, fingerprint = s.fingerprint FROM stage.address s "
                    "WHERE address.source = ? AND address.external_id = s.key", (source,))
                conn.execute(
                    "INSERT INTO address (external_id, kind, first_name, last_name, company, "
                    "link_url, country, fingerprint, source) SELECT s.*, ? FROM stage.address "
                    "s WHERE NOT EXISTS (SELECT 1 FROM address a WHERE a.external_id = s.key)",
                    (source,))
                conn.execute(
                    "DELETE FROM channel WHERE address_id IN (SELECT a.id FROM address a "
                    "JOIN stage.address s ON a.external_id = s.key AND a.source = ?)",
                    (source,))
                conn.execute(
                    "INSERT INTO channel (address_id, kind, raw, e164, extension, internal, "
                    "country_code, region_code, detail, canonical, error) SELECT a.id, c.kind, "
                    "c.raw, c.e164, c.extension, c.internal, c.country_code, c.region_code, "
                    "c.detail, c.canonical, c.error FROM stage.channel c JOIN address a "
                    "ON a.external_id = c.key AND a.source = ? ORDER BY c.rowid", (source,))
                conn.execute(
                    "DELETE FROM address WHERE source = ? AND external_id IN "
                    "(SELECT key FROM stage.removed)", (source,))
                record_success(self.directory, source, self.token, self.entries)
        finally:
            conn.execute("DETACH DATABASE stage")

    def _close(self) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None
        self.stage.close()

    @classmethod
    @contextlib.contextmanager
    def open(cls, directory: Directory, source: str, location: Location, *,
             parallel: bool = True) -> Iterator[SourceSync]:
        """Stage one sync; applied when the block ends, thrown away if it raises."""
        known = dict(directory.conn.execute(
            "SELECT external_id, fingerprint FROM address WHERE source = ?", (source,)))
        folder = directory.path.parent
        handle, path = tempfile.mkstemp(prefix=f".sync-{source}-", suffix=".sqlite3",
                                        dir=folder)
        os.close(handle)
        stage = sqlite3.connect(":memory:")
        try:
            stage.execute("ATTACH DATABASE ? AS stage", (path,))
            stage.execute("PRAGMA stage.journal_mode = OFF")
            stage.execute("PRAGMA stage.synchronous = OFF")
            for statement in _STAGE_SCHEMA:
                stage.execute(statement)
            sync = cls(directory, source, location, stage, parallel, _known=known)
            sync._stage_path = path
            try:
                yield sync
                sync._flush()
                stage.commit()
                stage.execute("DETACH DATABASE stage")
                sync._apply()
            finally:
                sync._close()
        finally:
            stage.close()
            Path(path).unlink(missing_ok=True)


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
