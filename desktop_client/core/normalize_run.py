""""Normalize phone numbers": re-normalize every phone, mobile and fax entry of the directory.

A number that cannot be normalized keeps its raw value, its normalized form becomes blank, and
one WARNING per entry goes to the standard log file, naming the address entry (name and id),
the raw number and the reason. Large directories are streamed in batches; the second core
normalizes while the first reads and writes the database.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from multiprocessing.pool import AsyncResult, Pool

from desktop_client.core.directory import (
    ChannelRow,
    Directory,
    StoredRow,
    normalize_channel,
)
from desktop_client.core.numbers import Location

log = logging.getLogger("desktop_client.directory")

BATCH = 5000
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
    (done, total) after each batch. ``workers``: processes to normalize in (default: one per
    spare core for a large directory, none for a small one).
    """
    (total,) = directory.conn.execute(
        "SELECT count(*) FROM channel WHERE kind IN ('phone', 'mobile', 'fax')").fetchone()
    if workers is None:
        workers = min(2, (os.cpu_count() or 1)) if total >= PARALLEL_FROM else 0
    summary = RunSummary(dry_run=dry_run)
    batches = directory.iter_phone_channels(BATCH)
    if workers <= 0:
        for batch in batches:
            results = [normalize_channel(raw, location, country).as_row()
                       for _id, raw, country, _old in batch]
            _store(directory, batch, results, summary)
            if progress is not None:
                progress(summary.checked, total)
    else:
        # spawn, not fork: the tray app calls this from a process that runs Qt threads.
        context = multiprocessing.get_context("spawn")
        with context.Pool(workers, _init_worker, (location,)) as pool:
            _run_pipelined(pool, workers, directory, batches, summary=summary, total=total,
                           progress=progress)
    log.info(
        "normalize%s: %d checked, %d normalized, %d changed, %d failed",
        " (dry run)" if dry_run else "", summary.checked, summary.normalized, summary.changed,
        summary.failed,
    )
    return summary


_Batch = list[ChannelRow]


def _run_pipelined(pool: Pool, workers: int, directory: Directory, batches: Iterator[_Batch],
                   *, summary: RunSummary, total: int, progress: Progress | None) -> None:
    """Keep the workers busy while this thread reads and writes; results in order."""
    pending: deque[tuple[_Batch, AsyncResult[list[StoredRow]]]] = deque()
    for batch in batches:
        pending.append((batch, pool.apply_async(
            _normalize_batch, ([(raw, country) for _i, raw, country, _o in batch],))))
        if len(pending) > workers:
            done, result = pending.popleft()
            _store(directory, done, result.get(), summary)
            if progress is not None:
                progress(summary.checked, total)
    while pending:
        done, result = pending.popleft()
        _store(directory, done, result.get(), summary)
        if progress is not None:
            progress(summary.checked, total)


def _store(directory: Directory, batch: _Batch, results: list[StoredRow],
           summary: RunSummary) -> None:
    updates: list[tuple[int, StoredRow]] = []
    failures: list[tuple[int, str, str]] = []
    for (channel_id, raw, _country, old), row in zip(batch, results, strict=True):
        summary.checked += 1
        e164, _extension, internal, *_parts, error = row
        if e164 is None and internal is None:
            summary.failed += 1
            failures.append((channel_id, raw, error))
        else:
            summary.normalized += 1
        if row != old:
            summary.changed += 1
            updates.append((channel_id, row))
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
            directory.update_normalized(updates)
