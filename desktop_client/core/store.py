"""SQLite discipline shared by the directory and the journal.

WAL, foreign keys, a busy timeout, the schema version in ``PRAGMA user_version``, migrations
applied in order, each in its own transaction, and a copy of the file before any migration.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import ClassVar, Self

log = logging.getLogger("desktop_client.store")

Migration = Sequence[str]


class StoreError(RuntimeError):
    """A database that cannot be opened or upgraded; the message says what to do."""


def connect(path: Path, *, synchronous: str = "NORMAL") -> sqlite3.Connection:
    """Open a SQLite file with the project's settings (autocommit; use :func:`transaction`)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA busy_timeout = 5000")
        _wal(conn)
        conn.execute(f"PRAGMA synchronous = {synchronous}")
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.DatabaseError as error:
        raise StoreError(f"cannot open {path}: {error}") from None
    return conn


def _wal(conn: sqlite3.Connection, wait_s: float = 5.0) -> None:
    """Switch to WAL. While another connection creates the same new file, SQLite answers
    "database is locked" at once, without its busy handler: try again for a while."""
    deadline = time.monotonic() + wait_s
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One transaction: committed when the block ends, rolled back if it raises.

    Another writer holding the file longer than the busy timeout (a second import, a
    normalize run) is a StoreError that says so, not SQLite's bare "database is locked".
    """
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as error:
        if "locked" not in str(error) and "busy" not in str(error):
            raise
        raise StoreError("the database is busy: another import or normalize run is writing "
                         "to it; try again when it has finished") from None
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def migrate(conn: sqlite3.Connection, path: Path, migrations: Sequence[Migration]) -> int:
    """Bring the file to ``len(migrations)``; copy it aside first if it holds data.

    Returns the version the file had. A file newer than this program is refused rather than
    touched.
    """
    target = len(migrations)
    (version,) = conn.execute("PRAGMA user_version").fetchone()
    if version > target:
        raise StoreError(
            f"{path} was written by a newer version (schema {version}, this one knows "
            f"{target}); update the program or use another --profile"
        )
    if version == target:
        return int(version)
    if version > 0:
        backup = path.with_name(f"{path.name}.v{version}.bak")
        with contextlib.closing(sqlite3.connect(backup)) as copy:
            conn.backup(copy)
        log.info("copied %s to %s before upgrading schema %d -> %d", path, backup, version, target)
    for number in range(version, target):
        with transaction(conn):
            (current,) = conn.execute("PRAGMA user_version").fetchone()
            if current > number:
                continue  # another connection (a worker thread) took this step meanwhile
            for statement in migrations[number]:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number + 1}")
    return int(version)


class Database:
    """One SQLite file with its schema brought up to date; a context manager that closes it."""

    MIGRATIONS: ClassVar[Sequence[Migration]] = ()
    SYNCHRONOUS: ClassVar[str] = "NORMAL"

    def __init__(self, path: Path) -> None:
        self.path = path
        self.conn = connect(path, synchronous=self.SYNCHRONOUS)
        try:
            migrate(self.conn, path, self.MIGRATIONS)
        except BaseException:
            self.conn.close()
            raise

    def close(self) -> None:
        """Close the file."""
        self.conn.close()

    def wait_for_writers(self, seconds: float) -> None:
        """How long a write waits for another writer (a command-line import may wait long;
        the tray app keeps the short default)."""
        self.conn.execute(f"PRAGMA busy_timeout = {int(seconds * 1000)}")

    def transaction(self) -> contextlib.AbstractContextManager[sqlite3.Connection]:
        """One transaction: committed at the end of the block, rolled back if it raises."""
        return transaction(self.conn)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
