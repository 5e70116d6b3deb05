""""Normalize phone numbers": re-normalize every phone, mobile and fax entry of the directory.

A number that cannot be normalized keeps its raw value, its normalized form becomes blank, and
one WARNING per entry goes to the standard log file, naming the address entry (name and id),
the raw number and the reason. Entries go in chunks of consecutive ids; in a large directory
worker processes read and normalize the chunks while this process writes the changes.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import sqlite3
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.pool import AsyncResult, Pool

from desktop_client.core.directory import Directory, StoredRow, normalize_channel
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
    return [normalize_channel(raw, _worker_location, country).as_row()
            for raw, country in items]


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
    written. Worker processes read their chunks through their own connection and send back
    only the changed rows, ready to write, and the failures.
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
        # spawn, not fork: the tray app calls this from a process that runs Qt threads.
        context = multiprocessing.get_context("spawn")
        with context.Pool(workers, _init_chunk_worker, (location, str(directory.path))) as pool:
            _run_pipelined(pool, workers, directory, chunks, summary=summary, total=total,
                           progress=progress)
    log.info(
        "normalize%s: %d checked, %d normalized, %d changed, %d failed",
        " (dry run)" if dry_run else "", summary.checked, summary.normalized, summary.changed,
        summary.failed,
    )
    return summary


#: Consecutive channel ids per chunk (a worker's task, and one transaction).
CHUNK_IDS = 5_000
_UPDATE_SQL = ("UPDATE channel SET e164 = ?, extension = ?, internal = ?, country_code = ?, "
               "region_code = ?, detail = ?, canonical = ?, error = ? WHERE id = ?")
_CHUNK_SQL = (
    "SELECT c.id, c.raw, a.country, c.e164, c.extension, c.internal, c.country_code, "
    "c.region_code, c.detail, c.canonical, c.error FROM channel c "
    "JOIN address a ON a.id = c.address_id WHERE c.id > ? AND c.id <= ? "
    "AND c.kind IN ('phone', 'mobile', 'fax') ORDER BY c.id")

#: What a chunk gives: entries checked, changed rows as UPDATE parameters (the normalized
#: columns, then the id), failures (channel id, raw value, reason).
_Chunk = tuple[int, list[tuple[object, ...]], list[tuple[int, str, str]]]

_worker_conn: sqlite3.Connection | None = None


def _init_chunk_worker(location: Location, path: str) -> None:
    global _worker_location, _worker_conn  # noqa: PLW0603 - a pool worker's only state
    _worker_location = location
    _worker_conn = sqlite3.connect(path, check_same_thread=False)
    _worker_conn.execute("PRAGMA query_only = ON")


def _normalize_worker_chunk(low: int, high: int) -> _Chunk:
    assert _worker_location is not None and _worker_conn is not None
    return _normalize_chunk(_worker_conn, _worker_location, low, high)


def _normalize_chunk(conn: sqlite3.Connection, location: Location, low: int,
                     high: int) -> _Chunk:
    """Normalize the phone entries with ids in (low, high]; compare with what is stored."""
    checked = 0
    updates: list[tuple[object, ...]] = []
    failures: list[tuple[int, str, str]] = []
    for channel_id, raw, country, *old in conn.execute(_CHUNK_SQL, (low, high)):
        checked += 1
        row = normalize_channel(raw, location, country).as_row()
        if row[0] is None and row[2] is None:
            failures.append((channel_id, raw, row[7]))
        if list(row) != old:
            updates.append((*row, channel_id))
    return checked, updates, failures


def _run_pipelined(pool: Pool, workers: int, directory: Directory,
                   chunks: list[tuple[int, int]], *, summary: RunSummary, total: int,
                   progress: Progress | None) -> None:
    """Keep the workers busy while this process writes; chunks applied in order."""
    pending: deque[AsyncResult[_Chunk]] = deque()
    for low, high in chunks:
        pending.append(pool.apply_async(_normalize_worker_chunk, (low, high)))
        if len(pending) > workers:
            _apply(directory, pending.popleft().get(), summary)
            if progress is not None:
                progress(summary.checked, total)
    while pending:
        _apply(directory, pending.popleft().get(), summary)
        if progress is not None:
            progress(summary.checked, total)


def _apply(directory: Directory, chunk: _Chunk, summary: RunSummary) -> None:
    checked, updates, failures = chunk
    summary.checked += checked
    summary.failed += len(failures)
    summary.normalized += checked - len(failures)
    summary.changed += len(updates)
    if failures:
        names = directory.names(channel_id for channel_id, _raw, _reason in failures)
        for channel_id, raw, reason in failures:
            name, address_id, external_id = names.get(channel_id, ("?", 0, ""))
            shown_id = f"id {address_id}" + (
                f", external id {external_id}" if external_id and not
                external_id.startswith("auto:") else "")
            log.warning("address %r (%s): number %r cannot be normalized: %s",
                        name, shown_id, raw, reason)
    if updates and not summary.dry_run:
        with directory.transaction():
            directory.conn.executemany(_UPDATE_SQL, updates)
