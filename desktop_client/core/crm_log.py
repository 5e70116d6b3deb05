"""Calls logged in the CRM (a Vertec activity per call), through an outbox in the journal.

Every finished call is in the journal first (synchronous=FULL). The outbox remembers, per
call, whether it goes to the CRM, to which address, and whether it went: a CRM that is away
gets the call later (nothing is lost), and a call is sent at most once. A call whose outcome
is unknown (the connection dropped after sending) is looked up in the CRM by its marker
before it is sent again.

Only calls from the moment logging was switched on are logged (never the whole history), and
only calls whose number belongs to exactly one address of the CRM (or to the one the user
picked on the card): an unknown or ambiguous number is skipped, with a reason.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from desktop_client.core.journal import _COLUMNS, Journal, JournalEntry, now_utc

#: Journal states that are calls worth an activity (placed, answered, missed).
LOGGED_STATES = ("dialled", "answered", "missed")
#: Gives the CRM's id of the address a call belongs to, or "" with the reason it has none.
Resolve = Callable[[JournalEntry], tuple[str, str]]


@dataclass(frozen=True, slots=True)
class Pending:
    """A call to be logged: the journal entry, the CRM address, earlier attempts."""

    entry: JournalEntry
    address: str
    attempts: int
    error: str


def start(journal: Journal, target: str) -> None:
    """Log calls from now on (the calls journaled so far are history, never sent)."""
    with journal.transaction() as conn:
        (last,) = conn.execute("SELECT coalesce(max(id), 0) FROM call").fetchone()
        conn.execute("INSERT OR IGNORE INTO crm_log_since (target, call) VALUES (?, ?)",
                     (target, int(last)))


def collect(journal: Journal, target: str, resolve: Resolve) -> int:
    """Put the calls journaled since the last run into the outbox; returns how many wait."""
    row = journal.conn.execute("SELECT call FROM crm_log_since WHERE target = ?",
                               (target,)).fetchone()
    if row is None:
        start(journal, target)
        return count_pending(journal, target)
    since = int(row[0])
    entries = [JournalEntry(*r) for r in journal.conn.execute(
        f"SELECT {_COLUMNS} FROM call WHERE id > ? ORDER BY id",  # noqa: S608 - constant
        (since,))]
    decided = []
    for entry in entries:
        if entry.state not in LOGGED_STATES:
            decided.append((entry.id, "", "skipped", f"a {entry.state} call is not logged"))
            continue
        address, reason = resolve(entry)
        decided.append((entry.id, address, "pending" if address else "skipped", reason))
    with journal.transaction() as conn:
        conn.executemany(
            "INSERT OR IGNORE INTO crm_log (call, target, address, state, error, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [(call, target, address, state, reason, now_utc())
             for call, address, state, reason in decided])
        if entries:
            conn.execute("UPDATE crm_log_since SET call = ? WHERE target = ?",
                         (entries[-1].id, target))
    return count_pending(journal, target)


def pending(journal: Journal, target: str, limit: int = 50) -> list[Pending]:
    """Calls still to be sent, oldest first."""
    columns = ", ".join(f"c.{c.strip()}" for c in _COLUMNS.split(","))
    rows = journal.conn.execute(
        f"SELECT {columns}, l.address, l.attempts, l.error FROM crm_log l "  # noqa: S608
        "JOIN call c ON c.id = l.call WHERE l.target = ? AND l.state = 'pending' "
        "ORDER BY l.call LIMIT ?", (target, limit)).fetchall()
    return [Pending(JournalEntry(*row[:12]), row[12], row[13], row[14]) for row in rows]


def count_pending(journal: Journal, target: str) -> int:
    """Calls waiting for the CRM."""
    (count,) = journal.conn.execute(
        "SELECT count(*) FROM crm_log WHERE target = ? AND state = 'pending'",
        (target,)).fetchone()
    return int(count)


def attempt(journal: Journal, call: int) -> None:
    """About to send: counted first, so a crash mid-send means "look before sending again"."""
    with journal.transaction() as conn:
        conn.execute("UPDATE crm_log SET attempts = attempts + 1, updated_at = ? "
                     "WHERE call = ?", (now_utc(), call))


def sent(journal: Journal, call: int, remote_id: str) -> None:
    """The CRM has the call (its id for it)."""
    with journal.transaction() as conn:
        conn.execute("UPDATE crm_log SET state = 'sent', remote_id = ?, error = '', "
                     "updated_at = ? WHERE call = ?", (remote_id, now_utc(), call))


def failed(journal: Journal, call: int, error: str) -> None:
    """Not sent this time; it stays pending."""
    with journal.transaction() as conn:
        conn.execute("UPDATE crm_log SET error = ?, updated_at = ? WHERE call = ?",
                     (error[:500], now_utc(), call))


def marker(entry: JournalEntry) -> str:
    """A string that identifies the call in the CRM's copy (its text), for the look-up
    before a repeated send: letters, digits and dashes only (safe in any LIKE)."""
    when = "".join(c for c in entry.started_at[:19] if c.isdigit())
    digits = "".join(c for c in (entry.e164 or entry.number) if c.isdigit())
    return f"call-ref-{when}-{entry.id}-{digits}"
