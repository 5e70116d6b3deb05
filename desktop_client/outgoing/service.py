"""The dial service: decision, request and journal for every call the user places."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from desktop_client.core.dial import DialBackend, DialError, DialRequest
from desktop_client.core.journal import Journal
from desktop_client.core.numbers import Location, NormalizedNumber, NumberKind
from desktop_client.core.profile import mask_number
from desktop_client.outgoing.policy import (
    Action,
    Decision,
    DialSettings,
    RateLimiter,
    Source,
    decide,
)

log = logging.getLogger("desktop_client.dial")

#: Finds the contact name for a number ("" when unknown).
NameLookup = Callable[[NormalizedNumber], str]


@dataclass(frozen=True)
class PreparedCall:
    """A request judged, with the contact it is for (looked up once per call)."""

    decision: Decision
    contact: str = ""  # "" when the directory does not know the number


@dataclass
class DialService:
    """Turns a request into a decision, a backend request and a journal entry."""

    location: Location
    settings: DialSettings
    backend: DialBackend
    journal: Journal | None = None
    names: NameLookup | None = None
    limiter: RateLimiter = field(default_factory=RateLimiter)

    def decide(self, text: str, source: Source, *, dry_run: bool = False) -> Decision:
        """Judge one request (and log the outcome, the number masked)."""
        decision = decide(text, source, self.location, self.settings, self.limiter)
        shown = mask_number(decision.target.key) if decision.target else "?"
        log.info("%s from %s: %s (%s) -> %s",
                 "dry run of a dial request" if dry_run else "dial request", source.value,
                 shown, decision.reason, decision.action.value)
        log.debug("dial request text %r", text)
        return decision

    def prepare(self, text: str, source: Source) -> PreparedCall:
        """The use case's first half: the decision, and whom a call would reach."""
        decision = self.decide(text, source)
        if decision.action == Action.REJECT:
            return PreparedCall(decision)
        return PreparedCall(decision, self.contact_name(decision))

    def finish(self, call: PreparedCall, request: DialRequest | None, *, ok: bool,
               detail: str = "") -> None:
        """The second half, once the backend answered: the journal entry."""
        self.record(call.decision, request, ok=ok, detail=detail, contact=call.contact)

    def contact_name(self, decision: Decision) -> str:
        """Who the number belongs to, if the directory knows."""
        target = decision.target
        if self.names is None or target is None or target.number is None:
            return ""
        try:
            return self.names(target.number)
        except Exception:  # the directory must never stop a call
            log.exception("directory lookup failed")
            return ""

    def build(self, decision: Decision) -> DialRequest:
        """The backend request for a decision to dial or a confirmed one."""
        if decision.action == Action.REJECT or decision.target is None:
            raise DialError(decision.reason)
        return self.backend.build(decision.target)

    def record(self, decision: Decision, request: DialRequest | None, *, ok: bool,
               detail: str = "", contact: str | None = None) -> None:
        """Write the outgoing call (placed or failed) to the journal (``contact``: the name
        already looked up for it)."""
        target = decision.target
        if self.journal is None or target is None:
            return
        e164 = target.key if target.kind == NumberKind.PUBLIC else None
        try:
            self.journal.add(direction="outgoing", state="dialled" if ok else "failed",
                             number=request.number if request else target.key, e164=e164,
                             extension=target.extension,
                             contact_name=self.contact_name(decision)
                             if contact is None else contact,
                             source=decision.source.value,
                             call_id=request.id if request else "")
        except Exception:  # the journal must never stop a call or its outcome
            log.exception("the call to %s could not be journaled", mask_number(target.key))
        if not ok:
            log.warning("call to %s failed: %s", mask_number(target.key), detail)
