"""Calls logged in the CRM (a Vertec activity per call), through an outbox in the journal.

Every finished call is in the journal first (synchronous=FULL). The outbox remembers, per
call, whether it goes to the CRM, to which address, and whether it went: a CRM that is away
gets the call later (nothing is lost; the journal's purge keeps calls that still wait), and a
call is sent at most once. A sender *claims* a call in the database before it sends it, so two
runs (two threads, a Settings save, a second process) never send the same call; a claim whose
sender died is taken over after :data:`CLAIM_TIMEOUT_S`, and that sender looks for the call in
the CRM (by its marker) before it sends it again.

Only calls from the moment logging was switched on are logged (never the history), only
public numbers, and only those whose number belongs to exactly one address of the CRM (or to
the one the user picked on the card): an unknown or ambiguous number is skipped with a reason,
and looked at again for a day (the first sync may come after the call). A call the CRM keeps
refusing is parked as failed after :data:`MAX_ATTEMPTS` and shown; it no longer blocks others.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from desktop_client.core.journal import _COLUMNS, Journal, JournalEntry, now_utc

#: Journal states that are calls worth an activity (placed, answered, missed).
LOGGED_STATES = ("dialled", "answered", "missed")
#: Gives the CRM's id and name of the address a call belongs to, or ("", "", why not).
Resolve = Callable[[JournalEntry], tuple[str, str, str]]
MAX_ATTEMPTS = 5
CLAIM_TIMEOUT_S = 600
#: Skipped calls are resolved again for this long (a sync or a pick may come later).
RETRY_SKIPPED = timedelta(days=1)
_NOT_A_CALL = "is not logged"


@dataclass(frozen=True, slots=True)
class Pending:
    """A claimed call: the journal entry, the CRM address and its name, earlier attempts."""

    entry: JournalEntry
    address: str
    name: str
    attempts: int


def start(journal: Journal, target: str) -> None:
    """Logging is on: calls from now on are logged (kept when it was on already)."""
    with journal.transaction() as conn:
        (last,) = conn.execute("SELECT coalesce(max(id), 0) FROM call").fetchone()
        # The time, and the last call of that very second (ids restart when the purge has
        # emptied the journal; times do not).
        conn.execute("INSERT OR IGNORE INTO crm_log_since (target, started_at, call) "
                     "VALUES (?, ?, ?)", (target, now_utc(), int(last)))


def stop(journal: Journal, target: str) -> None:
    """Logging is off: switched on again later, it starts from then (no calls of the off
    period are sent). Calls queued while it was on stay queued."""
    with journal.transaction() as conn:
        conn.execute("DELETE FROM crm_log_since WHERE target = ?", (target,))


def collect(journal: Journal, target: str, resolve: Resolve) -> None:
    """Put the calls journaled since logging was switched on into the outbox."""
    row = journal.conn.execute("SELECT started_at, call FROM crm_log_since WHERE target = ?",
                               (target,)).fetchone()
    if row is None:
        start(journal, target)
        return
    columns = ", ".join(f"c.{c.strip()}" for c in _COLUMNS.split(","))
    recent = (datetime.now(UTC) - RETRY_SKIPPED).replace(microsecond=0).isoformat()
    entries = [JournalEntry(*r) for r in journal.conn.execute(
        f"SELECT {columns} FROM call c LEFT JOIN crm_log l ON l.call = c.id "  # noqa: S608
        "WHERE (c.started_at > ?1 OR (c.started_at = ?1 AND c.id > ?4)) AND (l.call IS NULL "
        "OR (l.state = 'skipped' AND c.started_at >= ?2 AND l.error NOT LIKE '%' || ?3)) "
        "ORDER BY c.id", (row[0], recent, _NOT_A_CALL, row[1]))]
    decided = []
    for entry in entries:
        declined = entry.state == "rejected" and entry.direction == "incoming"
        if entry.state not in LOGGED_STATES and not declined:
            decided.append((entry.id, "", "", "skipped", f"a {entry.state} call {_NOT_A_CALL}"))
            continue
        address, name, reason = resolve(entry)
        decided.append((entry.id, address, name, "pending" if address else "skipped", reason))
    if not decided:
        return
    with journal.transaction() as conn:
        conn.executemany(
            "INSERT INTO crm_log (call, target, address, name, state, error, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (call) DO UPDATE SET "
            "address = excluded.address, name = excluded.name, state = excluded.state, "
            "error = excluded.error, updated_at = excluded.updated_at "
            "WHERE crm_log.state = 'skipped'",
            [(call, target, address, name, state, reason, now_utc())
             for call, address, name, state, reason in decided])


def claim(journal: Journal, target: str, skip: set[int] | None = None) -> Pending | None:
    """The oldest call to send (not one of ``skip``), now claimed by this sender (attempts
    counted); None when nothing waits."""
    passed = ",".join(str(int(call)) for call in skip or ()) or "0"
    stale = (datetime.now(UTC) - timedelta(seconds=CLAIM_TIMEOUT_S)).replace(
        microsecond=0).isoformat()
    columns = ", ".join(f"c.{c.strip()}" for c in _COLUMNS.split(","))
    with journal.transaction() as conn:
        row = conn.execute(
            f"SELECT {columns}, l.address, l.name, l.attempts FROM crm_log l "  # noqa: S608
            "JOIN call c ON c.id = l.call WHERE l.target = ? AND (l.state = 'pending' OR "
            "(l.state = 'sending' AND l.updated_at < ?)) AND l.call NOT IN "
            f"({passed}) ORDER BY l.call LIMIT 1",
            (target, stale)).fetchone()
        if row is None:
            return None
        conn.execute("UPDATE crm_log SET state = 'sending', attempts = attempts + 1, "
                     "updated_at = ? WHERE call = ?", (now_utc(), row[0]))
    width = len(_COLUMNS.split(","))
    return Pending(JournalEntry(*row[:width]), row[width], row[width + 1],
                   row[width + 2] + 1)  # with this one


def sent(journal: Journal, call: int, remote_id: str) -> None:
    """The CRM has the call (its id for it)."""
    _set(journal, call, "sent", "", remote_id)


def retry(journal: Journal, call: int, error: str, attempts: int) -> None:
    """Not sent this time: back in the queue, or parked after MAX_ATTEMPTS."""
    _set(journal, call, "failed" if attempts >= MAX_ATTEMPTS else "pending", error, "")


def release(journal: Journal, call: int, error: str) -> None:
    """The CRM is away: back in the queue without counting against the call."""
    with journal.transaction() as conn:
        conn.execute("UPDATE crm_log SET state = 'pending', attempts = max(attempts - 1, 0), "
                     "error = ?, updated_at = ? WHERE call = ?", (error[:500], now_utc(), call))


def _set(journal: Journal, call: int, state: str, error: str, remote_id: str) -> None:
    with journal.transaction() as conn:
        conn.execute("UPDATE crm_log SET state = ?, error = ?, remote_id = ?, updated_at = ? "
                     "WHERE call = ?", (state, error[:500], remote_id, now_utc(), call))


def counts(journal: Journal, target: str) -> tuple[int, int]:
    """Calls waiting for the CRM, and calls it refused (parked)."""
    rows = dict(journal.conn.execute(
        "SELECT state, count(*) FROM crm_log WHERE target = ? GROUP BY state", (target,)))
    return int(rows.get("pending", 0) + rows.get("sending", 0)), int(rows.get("failed", 0))


def marker(entry: JournalEntry) -> str:
    """Identifies the call in the CRM's copy (its text), for the look-up before sending:
    letters, digits and dashes only. With the phone system's call id (one call ringing on
    several desks has one) the day and the number; without, the time and the journal's id."""
    digits = "".join(c for c in (entry.e164 or entry.number) if c.isdigit())
    call = "".join(c for c in entry.call_id if c.isalnum())[-24:]
    if call:
        day = "".join(c for c in entry.started_at[:10] if c.isdigit())
        return f"call-ref-{day}-{digits}-{call}"
    when = "".join(c for c in entry.started_at[:19] if c.isdigit())
    return f"call-ref-{when}-{digits}-j{entry.id}"
