""""Normalize phone numbers": re-normalize every phone, mobile and fax entry of the directory.

A number that cannot be normalized keeps its raw value, its normalized form becomes blank, and
one WARNING per entry goes to the standard log file, naming the address entry (name and id),
the raw number and the reason. Entries go in chunks of consecutive ids; in a large directory
worker processes read, normalize and write the chunks, and this process logs the warnings.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import sqlite3
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from desktop_client.core import store
from desktop_client.core.contacts import channel_row
from desktop_client.core.directory import Directory, StoredRow
from desktop_client.core.numbers import Location

log = logging.getLogger("desktop_client.directory")

#: Below this many entries a worker process costs more than it saves.
PARALLEL_FROM = 40_000

Progress = Callable[[int, int], None]


@dataclass
class RunSummary:
    """What a run found: entries checked, normalized, changed and failed."""

    checked: int = 0
    normalized: int = 0
    changed: int = 0
    failed: int = 0
    dry_run: bool = False


_worker_location: Location | None = None


def _init_worker(location: Location) -> None:
    global _worker_location  # noqa: PLW0603 - a pool worker's only state
    _worker_location = location


def _normalize_batch(items: list[tuple[str, str]]) -> list[StoredRow]:
    # Plain tuples: pickling them back costs a fraction of pickling dataclasses.
    assert _worker_location is not None
    return [channel_row(raw, _worker_location, country) for raw, country in items]


def normalize_directory(
    directory: Directory,
    location: Location,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
    workers: int | None = None,
) -> RunSummary:
    """Re-normalize all phone, mobile and fax entries with ``location``.

    ``dry_run`` reports (and logs the warnings) without writing. ``progress`` is called with
    (done, total) after each chunk. ``workers``: processes to normalize in (default: one per
    core for a large directory, none for a small one).

    The entries go in chunks of consecutive ids; each chunk's changes are written in one
    transaction, so an interrupted run keeps what it finished and leaves no entry half
    written. Worker processes read, normalize and write their chunks through their own
    connections (WAL: they take turns at the short writes) and send back the counts and the
    failures; this process only hands out the chunks, reports progress and logs the
    warnings. A worker that dies stops the run with :class:`RunError`.
    """
    (total, first, last) = directory.conn.execute(
        "SELECT count(*), min(id), max(id) FROM channel "
        "WHERE kind IN ('phone', 'mobile', 'fax')").fetchone()
    if workers is None:
        workers = min(2, (os.cpu_count() or 1)) if total >= PARALLEL_FROM else 0
    summary = RunSummary(dry_run=dry_run)
    chunks = [(low, min(low + CHUNK_IDS, last)) for low in
              range((first or 1) - 1, last or 0, CHUNK_IDS)]
    if workers <= 0:
        for low, high in chunks:
            _apply(directory, _normalize_chunk(directory.conn, location, low, high), summary)
            if progress is not None:
                progress(summary.checked, total)
    else:
        (busy_ms,) = directory.conn.execute("PRAGMA busy_timeout").fetchone()
        # spawn, not fork: the tray app calls this from a process that runs Qt threads.
        with ProcessPoolExecutor(
                workers, mp_context=multiprocessing.get_context("spawn"),
                initializer=_init_chunk_worker,
                initargs=(location, str(directory.path), int(busy_ms), dry_run)) as pool:
            _run_in_workers(pool, workers, directory, chunks, summary=summary, total=total,
                            progress=progress)
    log.info(
        "normalize%s: %d checked, %d normalized, %d changed, %d failed",
        " (dry run)" if dry_run else "", summary.checked, summary.normalized, summary.changed,
        summary.failed,
    )
    return summary


class RunError(RuntimeError):
    """The run stopped before the end (a worker process died); finished chunks are kept."""


#: Consecutive channel ids per chunk (a worker's task, and one transaction).
CHUNK_IDS = 5_000
#: Chunks handed out per worker ahead of the one it works on.
_AHEAD = 2
# "AND raw = ?": an entry an import changed between the read and the write keeps what the
# import wrote (the import normalized it already).
_UPDATE_SQL = ("UPDATE channel SET e164 = ?, extension = ?, internal = ?, country_code = ?, "
               "region_code = ?, detail = ?, canonical = ?, error = ? WHERE id = ? AND raw = ?")
_CHUNK_SQL = (
    "SELECT c.id, c.raw, a.country, c.e164, c.extension, c.internal, c.country_code, "
    "c.region_code, c.detail, c.canonical, c.error FROM channel c "
    "JOIN address a ON a.id = c.address_id WHERE c.id > ? AND c.id <= ? "
    "AND c.kind IN ('phone', 'mobile', 'fax') ORDER BY c.id")

#: Failures of a chunk: channel id, raw value, reason.
_Failures = list[tuple[int, str, str]]
#: What a chunk gives when read: entries checked, changed rows as UPDATE parameters (the
#: normalized columns, the id, the raw value), failures.
_Chunk = tuple[int, list[tuple[object, ...]], _Failures]
#: What a worker sends back for a chunk it wrote: entries checked, rows changed, failures.
_Done = tuple[int, int, _Failures]

_worker_conn: sqlite3.Connection | None = None
_worker_writes = True
_CHECKPOINT_PAGES = 10_000


def _init_chunk_worker(location: Location, path: str, busy_ms: int, dry_run: bool) -> None:
    global _worker_location, _worker_conn, _worker_writes  # noqa: PLW0603 - a worker's state
    _worker_location = location
    _worker_conn = store.connect(Path(path))
    _worker_conn.execute(f"PRAGMA busy_timeout = {busy_ms}")
    # Checkpoint every ~40 MB of WAL instead of every 4 MB: a chunk writes a few hundred
    # pages, and each checkpoint copies them into the file and syncs it.
    _worker_conn.execute(f"PRAGMA wal_autocheckpoint = {_CHECKPOINT_PAGES}")
    _worker_writes = not dry_run


def _normalize_worker_chunk(low: int, high: int) -> _Done:
    """A worker's task: read, normalize and write one chunk (one transaction)."""
    assert _worker_location is not None and _worker_conn is not None
    checked, updates, failures = _normalize_chunk(_worker_conn, _worker_location, low, high)
    changed = _write(_worker_conn, updates) if _worker_writes else len(updates)
    return checked, changed, failures


def _normalize_chunk(conn: sqlite3.Connection, location: Location, low: int,
                     high: int) -> _Chunk:
    """Normalize the phone entries with ids in (low, high]; compare with what is stored."""
    checked = 0
    updates: list[tuple[object, ...]] = []
    failures: _Failures = []
    for stored in conn.execute(_CHUNK_SQL, (low, high)):
        checked += 1
        raw = stored[1]
        row = channel_row(raw, location, stored[2])
        if row[0] is None and row[2] is None:
            failures.append((stored[0], raw, row[7]))
        if row != stored[3:]:  # the stored normalized columns, in the same order
            updates.append((*row, stored[0], raw))
    return checked, updates, failures


def _write(conn: sqlite3.Connection, updates: list[tuple[object, ...]]) -> int:
    """One chunk's changed rows in one transaction; the number of rows written."""
    if not updates:
        return 0
    with store.transaction(conn):
        return conn.executemany(_UPDATE_SQL, updates).rowcount


def _run_in_workers(pool: ProcessPoolExecutor, workers: int, directory: Directory,
                    chunks: list[tuple[int, int]], *, summary: RunSummary, total: int,
                    progress: Progress | None) -> None:
    """Keep the workers busy; account for the chunks in order (progress, warnings)."""
    pending: deque[Future[_Done]] = deque()
    todo = iter(chunks)
    try:
        while True:
            while len(pending) < workers * _AHEAD:
                chunk = next(todo, None)
                if chunk is None:
                    break
                pending.append(pool.submit(_normalize_worker_chunk, *chunk))
            if not pending:
                return
            _account(directory, pending.popleft().result(), summary)
            if progress is not None:
                progress(summary.checked, total)
    except BrokenProcessPool:
        raise RunError(f"a worker process stopped; {summary.checked} of {total} entries are "
                       "done and kept, run it again for the rest") from None
    finally:
        for future in pending:
            future.cancel()  # an interrupted run: what has not started, does not


def _apply(directory: Directory, chunk: _Chunk, summary: RunSummary) -> None:
    checked, updates, failures = chunk
    changed = len(updates) if summary.dry_run else _write(directory.conn, updates)
    _account(directory, (checked, changed, failures), summary)


def _account(directory: Directory, done: _Done, summary: RunSummary) -> None:
    """Count a finished chunk and log one warning per entry that has no normalized form."""
    checked, changed, failures = done
    summary.checked += checked
    summary.failed += len(failures)
    summary.normalized += checked - len(failures)
    summary.changed += changed
    if failures:
        names = directory.names(channel_id for channel_id, _raw, _reason in failures)
        for channel_id, raw, reason in failures:
            name, address_id, external_id = names.get(channel_id, ("?", 0, ""))
            shown_id = f"id {address_id}" + (
                f", external id {external_id}" if external_id and not
                external_id.startswith("auto:") else "")
            log.warning("address %r (%s): number %r cannot be normalized: %s",
                        name, shown_id, raw, reason)
