"""The call journal: every outgoing and incoming call, in its own SQLite file.

Written with ``synchronous=FULL``: a call that was placed is in the journal even if the PC
loses power a moment later. The incoming-calls work adds states and the missed-call marks.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

from desktop_client.core import store

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

    def as_json(self) -> dict[str, Any]:
        """The ``journal --json`` object."""
        return asdict(self)


def now_utc() -> str:
    """The current time as an ISO 8601 string in UTC, to the second."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


class Journal(store.Database):
    """The call journal file. One Journal per thread."""

    MIGRATIONS = MIGRATIONS
    SYNCHRONOUS = "FULL"  # a call placed is recorded even if the power goes a moment later

    def add(self, *, direction: str, state: str, number: str, e164: str | None = None,
            extension: str = "", contact_name: str = "", address_id: int | None = None,
            source: str = "", call_id: str = "", started_at: str | None = None,
            duration_s: int = 0) -> int:
        """Record a call; returns its id."""
        if direction not in DIRECTIONS or state not in STATES:
            raise ValueError(f"bad journal entry: {direction}/{state}")
        with self.transaction():
            cursor = self.conn.execute(
                "INSERT INTO call (direction, state, number, e164, extension, contact_name, "
                "address_id, source, call_id, started_at, duration_s, seen) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (direction, state, number[:200], e164, extension, contact_name[:200],
                 address_id, source, call_id[:200], started_at or now_utc(), duration_s,
                 0 if state == "missed" else 1))
        return int(cursor.lastrowid or 0)

    def recent(self, limit: int = 10) -> list[JournalEntry]:
        """The newest calls first."""
        rows = self.conn.execute(
            "SELECT id, direction, state, number, e164, extension, contact_name, address_id, "
            "source, call_id, started_at, duration_s FROM call "
            "ORDER BY started_at DESC, id DESC LIMIT ?", (limit,)).fetchall()
        return [JournalEntry(*row) for row in rows]
