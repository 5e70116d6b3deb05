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
from desktop_client.core.numbers import Location, NumberError, NumberKind, normalize
from desktop_client.directories.base import SourceError

log = logging.getLogger("desktop_client.directory")

#: The title and text of a call's activity, in the user's language (the entry, the name of
#: the CRM's address).
Describe = Callable[[JournalEntry, str], tuple[str, str]]
#: Kinds of SourceError that mean "the CRM is away": the run stops, nothing counts against
#: the call. Others (a refusal of this one call) count, and the next call is tried.
AWAY = ("unreachable", "tls", "auth", "setup")


class ActivitySink(Protocol):
    """A CRM that takes activities."""

    name: str

    def find_activity(self, address: str, marker: str, timeout_s: float) -> str | None:
        """The id of an activity of ``address`` whose text holds ``marker``, if any."""
        ...

    def create_activity(self, address: str, title: str, text: str, entry: JournalEntry,
                        timeout_s: float) -> str:
        """Create one activity for ``address``; its id. Raises SourceError."""
        ...


@dataclass(frozen=True, slots=True)
class LogResult:
    """One run: activities created, calls still waiting, calls refused, why it stopped."""

    sent: int
    waiting: int
    refused: int = 0
    error: str = ""


def resolver(directory: Directory, location: Location, source: str) -> crm_log.Resolve:
    """The CRM id and name of a call's address: the one address of ``source`` with the
    call's public number, or the one the user picked for it on a card; none for internal,
    unknown and ambiguous numbers."""
    def resolve(entry: JournalEntry) -> tuple[str, str, str]:
        try:
            number = normalize(entry.e164 or entry.number, location, incoming=True)
        except NumberError as error:
            return "", "", f"the number has no normalized form ({error.reason})"
        if number.kind != NumberKind.PUBLIC:
            return "", "", "internal and short numbers are not logged"
        matches = {m.address.id: m for m in directory.lookup_normalized(number, block_digits=0)
                   if m.address.source == source and m.quality == "exact"}
        if not matches:
            return "", "", f"the number belongs to no {source} address"
        if len(matches) > 1:
            picked = directory.remembered(number.key)
            if picked not in matches:
                return "", "", (f"{len(matches)} {source} addresses have this number and none "
                                "was picked on the card")
            matches = {picked: matches[picked]}
        address = next(iter(matches.values())).address
        return address.external_id.removeprefix(f"{source}:"), address.display_name, ""

    return resolve


def log_calls(journal: Journal, directory: Directory, location: Location, target: str,
              sink: Callable[[], ActivitySink], *, describe: Describe,
              timeout_s: float = 15.0) -> LogResult:
    """Queue the calls journaled since the last run, then send what waits, oldest first.

    Each call is claimed in the journal before it is sent (no two runs send it), and looked
    for in the CRM by its marker first (a send whose answer was lost is not repeated). A CRM
    that is away stops the run; a call it refuses is tried again later and parked after a
    few refusals, without holding up the others.
    """
    crm_log.collect(journal, target, resolver(directory, location, target))
    try:
        crm = sink()
    except SourceError as error:
        waiting, refused = crm_log.counts(journal, target)
        return LogResult(0, waiting, refused, str(error))
    sent, tried = 0, set[int]()
    while (item := crm_log.claim(journal, target, tried)) is not None:
        entry = item.entry
        tried.add(entry.id)
        marker = crm_log.marker(entry)
        try:
            remote = crm.find_activity(item.address, marker, timeout_s)
            if remote is None:
                title, text = describe(entry, item.name)
                remote = crm.create_activity(item.address, title, f"{text}\n{marker}", entry,
                                             timeout_s)
        except SourceError as error:
            if error.kind in AWAY:
                crm_log.release(journal, entry.id, str(error))
                log.warning("calls not logged in %s yet: %s", target, error)
                waiting, refused = crm_log.counts(journal, target)
                return LogResult(sent, waiting, refused, str(error))
            crm_log.retry(journal, entry.id, str(error), item.attempts)
            log.warning("%s refused call #%d (attempt %d): %s", target, entry.id,
                        item.attempts, error)
            continue
        crm_log.sent(journal, entry.id, remote)
        sent += 1
        log.info("call #%d logged in %s (activity %s)", entry.id, target, remote)
    waiting, refused = crm_log.counts(journal, target)
    return LogResult(sent, waiting, refused)
