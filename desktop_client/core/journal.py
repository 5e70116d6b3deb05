"""The call journal: every outgoing and incoming call, in its own SQLite file.

Written with ``synchronous=FULL``: a call that was placed is in the journal even if the PC
loses power a moment later. The incoming-calls work adds states and the missed-call marks.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from desktop_client.core import store
from desktop_client.core.calls import clean_text

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

    def add(self, *, direction: str, state: str, number: str, e164: str | None = None,
            extension: str = "", contact_name: str = "", address_id: int | None = None,
            source: str = "", call_id: str = "", started_at: str | None = None,
            duration_s: int = 0, control: str = "", transferred_to: str = "") -> int:
        """Record a call; returns its id."""
        if direction not in DIRECTIONS or state not in STATES:
            raise ValueError(f"bad journal entry: {direction}/{state}")
        with self.transaction():
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
        with self.transaction():
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
        with self.transaction():
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

    def purge(self, before: str) -> int:
        """Forget calls started before ``before`` (ISO time); returns how many."""
        with self.transaction():
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
