"""Finished calls logged in the CRM as activities (Vertec), from the journal's outbox.

Qt-free: the tray app runs :func:`log_calls` in a worker thread after each journaled call
and every few minutes; it opens its own SQLite connections.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from desktop_client.core import crm_log
from desktop_client.core.directory import Directory
from desktop_client.core.journal import Journal, JournalEntry
from desktop_client.core.numbers import Location, NumberError, normalize
from desktop_client.directories.base import SourceError

log = logging.getLogger("desktop_client.directory")

#: The title and text of a call's activity, in the user's language.
Describe = Callable[[JournalEntry], tuple[str, str]]


class ActivitySink(Protocol):
    """A CRM that takes activities."""

    name: str

    def find_activity(self, marker: str, timeout_s: float) -> str | None:
        """The id of an activity whose text holds ``marker``, if the CRM has one."""
        ...

    def create_activity(self, address: str, title: str, text: str, entry: JournalEntry,
                        timeout_s: float) -> str:
        """Create one activity for ``address``; its id. Raises SourceError."""
        ...


@dataclass(frozen=True, slots=True)
class LogResult:
    """One run: activities created, calls still waiting, the error that stopped it."""

    sent: int
    waiting: int
    error: str = ""


def resolver(directory: Directory, location: Location, source: str) -> crm_log.Resolve:
    """The CRM id of a call's address: the one address of ``source`` with the call's number,
    or the one the user picked for it on a card; none for unknown and ambiguous numbers."""
    def resolve(entry: JournalEntry) -> tuple[str, str]:
        try:
            number = normalize(entry.e164 or entry.number, location, incoming=True)
        except NumberError as error:
            return "", f"the number has no normalized form ({error.reason})"
        matches = {m.address.id: m for m in directory.lookup_normalized(number, block_digits=0)
                   if m.address.source == source and m.quality == "exact"}
        if not matches:
            return "", f"the number belongs to no {source} address"
        if len(matches) > 1:
            picked = directory.remembered(number.key)
            if picked not in matches:
                return "", (f"{len(matches)} {source} addresses have this number and none "
                            "was picked on the card")
            matches = {picked: matches[picked]}
        address = next(iter(matches.values())).address
        return address.external_id.removeprefix(f"{source}:"), ""

    return resolve


def log_calls(journal: Journal, directory: Directory, location: Location, sink: ActivitySink,
              describe: Describe, *, timeout_s: float = 15.0) -> LogResult:
    """Queue the calls journaled since the last run, then send what waits, oldest first.

    A call whose earlier attempt has an unknown outcome (sent, then the connection dropped)
    is looked for in the CRM by its marker first: it is never logged twice. The first
    failure stops the run (the CRM is away); the call stays queued.
    """
    crm_log.collect(journal, sink.name, resolver(directory, location, sink.name))
    sent = 0
    for item in crm_log.pending(journal, sink.name):
        entry = item.entry
        marker = crm_log.marker(entry)
        try:
            if item.attempts:
                found = sink.find_activity(marker, timeout_s)
                if found is not None:
                    crm_log.sent(journal, entry.id, found)
                    log.info("call #%d was logged in %s before (activity %s)", entry.id,
                             sink.name, found)
                    continue
            title, text = describe(entry)
            crm_log.attempt(journal, entry.id)
            remote = sink.create_activity(item.address, title, f"{text}\n{marker}", entry,
                                          timeout_s)
        except SourceError as error:
            crm_log.failed(journal, entry.id, str(error))
            log.warning("call #%d not logged in %s yet: %s", entry.id, sink.name, error)
            return LogResult(sent, crm_log.count_pending(journal, sink.name), str(error))
        crm_log.sent(journal, entry.id, remote)
        sent += 1
        log.info("call #%d logged in %s (activity %s)", entry.id, sink.name, remote)
    return LogResult(sent, crm_log.count_pending(journal, sink.name))
