"""The call journal: every outgoing and incoming call, in its own SQLite file.

Written with ``synchronous=FULL``: a call that was placed is in the journal even if the PC
loses power a moment later. The incoming-calls work adds states and the missed-call marks.

The tray app batches: with :meth:`Journal.defer_commits` every write of one event-loop pass
goes into one transaction, committed (one fsync) at the end of that pass; what reports a
call as recorded waits for that commit (:meth:`Journal.after_commit`). 500 calls arriving at
once cost one fsync, not 500, and a call reported as recorded is on disk.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from desktop_client.core import store
from desktop_client.core.calls import clean_text

log = logging.getLogger("desktop_client.journal")

#: Runs a callable once the current event-loop pass is over (the UI's zero timer).
Scheduler = Callable[[Callable[[], None]], None]

_CSV_FORMULA = ("=", "+", "-", "@", "\t", "\r")

DIRECTIONS = ("outgoing", "incoming")
STATES = ("dialled", "answered", "missed", "rejected", "failed")

MIGRATIONS: tuple[store.Migration, ...] = (
    (
        """CREATE TABLE call (
            id INTEGER PRIMARY KEY,
            direction TEXT NOT NULL CHECK (direction IN ('outgoing', 'incoming')),
            state TEXT NOT NULL
                CHECK (state IN ('dialled', 'answered', 'missed', 'rejected', 'failed')),
            number TEXT NOT NULL,
            e164 TEXT,
            extension TEXT NOT NULL DEFAULT '',
            contact_name TEXT NOT NULL DEFAULT '',
            address_id INTEGER,
            source TEXT NOT NULL DEFAULT '',
            call_id TEXT NOT NULL DEFAULT '',
            started_at TEXT NOT NULL,
            duration_s INTEGER NOT NULL DEFAULT 0,
            seen INTEGER NOT NULL DEFAULT 1
        )""",
        "CREATE INDEX call_started ON call (started_at)",
        "CREATE INDEX call_e164 ON call (e164) WHERE e164 IS NOT NULL",
    ),
    # 2: calls to be logged in a CRM (Vertec activities): nothing is lost when the CRM is
    # away, and nothing is logged twice.
    (
        """CREATE TABLE crm_log (
            call INTEGER PRIMARY KEY REFERENCES call (id) ON DELETE CASCADE,
            target TEXT NOT NULL,
            address TEXT NOT NULL DEFAULT '',
            name TEXT NOT NULL DEFAULT '',
            state TEXT NOT NULL
                CHECK (state IN ('pending', 'sending', 'sent', 'skipped', 'failed')),
            attempts INTEGER NOT NULL DEFAULT 0,
            error TEXT NOT NULL DEFAULT '',
            remote_id TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL
        )""",
        "CREATE INDEX crm_log_open ON crm_log (state) WHERE state IN ('pending', 'sending')",
        """CREATE TABLE crm_log_since (
            target TEXT PRIMARY KEY,
            started_at TEXT NOT NULL,
            call INTEGER NOT NULL
        )""",
    ),
    # 3: what the user did with a call from its card (answer, decline, hangup, transfer, in
    # that order) and the number a call was transferred to.
    (
        "ALTER TABLE call ADD COLUMN control TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE call ADD COLUMN transferred_to TEXT NOT NULL DEFAULT ''",
    ),
)


@dataclass(frozen=True, slots=True)
class JournalEntry:
    """One call in the journal."""

    id: int
    direction: str
    state: str
    number: str
    e164: str | None
    extension: str
    contact_name: str
    address_id: int | None
    source: str
    call_id: str
    started_at: str
    duration_s: int
    control: str = ""  # "answer,transfer": what was done from the card, in order
    transferred_to: str = ""

    def as_json(self) -> dict[str, Any]:
        """The ``journal --json`` object."""
        return asdict(self)


_COLUMNS = ("id, direction, state, number, e164, extension, contact_name, address_id, source, "
            "call_id, started_at, duration_s, control, transferred_to")


def now_utc() -> str:
    """The current time as an ISO 8601 string in UTC, to the second."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


class Journal(store.Database):
    """The call journal file. One Journal per thread."""

    MIGRATIONS = MIGRATIONS
    SYNCHRONOUS = "FULL"  # a call placed is recorded even if the power goes a moment later

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self._schedule: Scheduler | None = None
        self._open = False  # a deferred transaction holds writes not yet committed
        self._written = 0
        self._after: list[Callable[[], None]] = []

    # -- batched writes ----------------------------------------------------------------------

    def defer_commits(self, schedule: Scheduler) -> None:
        """From now on, writes join one transaction that ``schedule`` commits later (at the
        end of the event-loop pass); without this every write commits on its own."""
        self._schedule = schedule

    def after_commit(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` once what was written so far is committed (at once if it is)."""
        if self._open:
            self._after.append(callback)
        else:
            callback()

    def commit(self) -> None:
        """Commit the deferred writes (one fsync), then run what waited for them."""
        if self._open:
            self._open = False
            try:
                self.conn.execute("COMMIT")
            except sqlite3.Error:  # a full disk: said in the log, and the next pass tries anew
                log.exception("journal: %d call(s) could not be recorded", self._written)
                with contextlib.suppress(sqlite3.Error):
                    self.conn.execute("ROLLBACK")
                self._written = 0
                self._after.clear()
                return
            if self._written:
                log.info("journal: %d call(s) recorded", self._written)
            self._written = 0
        waiting, self._after = self._after, []
        for callback in waiting:
            callback()

    @contextlib.contextmanager
    def _write(self, calls: int = 0) -> Iterator[None]:
        """One write: its own transaction, or a savepoint in the deferred one (a write that
        fails takes back only itself)."""
        if self._schedule is None:
            with self.transaction():
                yield
            return
        if not self._open:
            self.conn.execute("BEGIN IMMEDIATE")
            self._open = True
            self._schedule(self.commit)
        self.conn.execute("SAVEPOINT journal_write")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK TO journal_write")
            self.conn.execute("RELEASE journal_write")
            raise
        self.conn.execute("RELEASE journal_write")
        self._written += calls

    def transaction(self) -> contextlib.AbstractContextManager[sqlite3.Connection]:
        """One transaction of its own (deferred writes are committed first)."""
        if self._open:
            self.commit()
        return super().transaction()

    def close(self) -> None:
        """Commit what is deferred, then close the file."""
        if self._open:
            self.commit()
        super().close()

    def add(self, *, direction: str, state: str, number: str, e164: str | None = None,
            extension: str = "", contact_name: str = "", address_id: int | None = None,
            source: str = "", call_id: str = "", started_at: str | None = None,
            duration_s: int = 0, control: str = "", transferred_to: str = "") -> int:
        """Record a call; returns its id."""
        if direction not in DIRECTIONS or state not in STATES:
            raise ValueError(f"bad journal entry: {direction}/{state}")
        with self._write(calls=1):
            cursor = self.conn.execute(
                "INSERT INTO call (direction, state, number, e164, extension, contact_name, "
                "address_id, source, call_id, started_at, duration_s, seen, control, "
                "transferred_to) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (direction, state, clean_text(number, 200), e164, extension,
                 clean_text(contact_name, 200),
                 address_id, source, call_id[:200], started_at or now_utc(), duration_s,
                 0 if state == "missed" else 1, control[:100], clean_text(transferred_to, 64)))
        return int(cursor.lastrowid or 0)

    def set_control(self, call: int, control: str, transferred_to: str) -> None:
        """Correct what a call says was done from the card (a refusal came late)."""
        with self._write():
            self.conn.execute("UPDATE call SET control = ?, transferred_to = ? WHERE id = ?",
                              (control[:100], clean_text(transferred_to, 64), call))

    def recent(self, limit: int = 10) -> list[JournalEntry]:
        """The newest calls first."""
        rows = self.conn.execute(
            f"SELECT {_COLUMNS} FROM call "  # noqa: S608 - constant column list
            "ORDER BY started_at DESC, id DESC LIMIT ?", (limit,)).fetchall()
        return [JournalEntry(*row) for row in rows]

    def calls_for(self, number: str, limit: int = 3) -> list[JournalEntry]:
        """The newest calls with a number (E.164, or the number as recorded)."""
        rows = self.conn.execute(
            f"SELECT {_COLUMNS} FROM call "  # noqa: S608 - constant column list
            "WHERE e164 = ?1 OR (e164 IS NULL AND number = ?1) "
            "ORDER BY started_at DESC, id DESC LIMIT ?2", (number, limit)).fetchall()
        return [JournalEntry(*row) for row in rows]

    def unseen_missed(self) -> int:
        """Missed calls the user has not looked at yet."""
        (count,) = self.conn.execute(
            "SELECT count(*) FROM call WHERE state = 'missed' AND seen = 0").fetchone()
        return int(count)

    def mark_seen(self) -> None:
        """The user has seen the missed calls."""
        with self._write():
            self.conn.execute("UPDATE call SET seen = 1 WHERE seen = 0")

    def query(self, *, direction: str = "", state: str = "", since: str = "", text: str = "",
              limit: int = 500) -> list[JournalEntry]:
        """Calls filtered by direction, state, start time (ISO) and name or number text."""
        where, args = ["1 = 1"], []
        if direction:
            where.append("direction = ?")
            args.append(direction)
        if state:
            where.append("state = ?")
            args.append(state)
        if since:
            where.append("started_at >= ?")
            args.append(since)
        if text:
            escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            where.append("(contact_name LIKE ? ESCAPE '\\' OR number LIKE ? ESCAPE '\\' "
                         "OR e164 LIKE ? ESCAPE '\\')")
            args.extend([f"%{escaped}%"] * 3)
        rows = self.conn.execute(
            f"SELECT {_COLUMNS} FROM call WHERE {' AND '.join(where)} "  # noqa: S608
            "ORDER BY started_at DESC, id DESC LIMIT ?", (*args, limit)).fetchall()
        return [JournalEntry(*row) for row in rows]

    def keep_days(self, days: int, now: datetime | None = None) -> int:
        """Forget calls older than ``days`` days ([journal] retention_days; 0 keeps all)."""
        if days <= 0:
            return 0
        cutoff = (now or datetime.now(UTC)) - timedelta(days=days)
        removed = self.purge(cutoff.replace(microsecond=0).isoformat())
        if removed:
            log.info("journal: forgot %d calls older than %d days", removed, days)
        return removed

    def purge(self, before: str) -> int:
        """Forget calls started before ``before`` (ISO time); returns how many."""
        with self._write():
            # A call that still waits for the CRM stays until it is there.
            cursor = self.conn.execute(
                "DELETE FROM call WHERE started_at < ? AND id NOT IN (SELECT call FROM "
                "crm_log WHERE state IN ('pending', 'sending'))", (before,))
        return int(cursor.rowcount)


def csv_cell(value: object) -> str:
    """A cell a spreadsheet will not run as a formula (=, +, -, @ get a leading ')."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_CSV_FORMULA) else text


def write_csv(entries: list[JournalEntry], path: Path) -> None:
    """Export calls as CSV (UTF-8 with BOM, for Excel)."""
    import csv  # noqa: PLC0415

    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["started_at", "direction", "state", "contact_name", "number", "e164",
                         "duration_s", "control", "transferred_to"])
        for entry in entries:
            writer.writerow([csv_cell(v) for v in (
                entry.started_at, entry.direction, entry.state, entry.contact_name,
                entry.number, entry.e164, entry.duration_s, entry.control,
                entry.transferred_to)])
