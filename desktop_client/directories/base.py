"""What every directory server offers the sync and the live lookup."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from desktop_client.core.contacts import AddressRecord
from desktop_client.core.numbers import NormalizedNumber
from desktop_client.core.synced_contacts import SourceSync

#: Called with the number of entries read so far.
Progress = Callable[[int], None]


class SourceError(RuntimeError):
    """A directory server could not be used; the message names it and says why.

    ``kind`` is one of "auth" (wrong user or password), "unreachable", "tls", "answer"
    (the server said something we cannot use), "setup" (a setting is missing).
    """

    def __init__(self, source: str, kind: str, message: str) -> None:
        super().__init__(f"{source}: {message}")
        self.source = source
        self.kind = kind


@dataclass(frozen=True, slots=True)
class ProbeResult:
    """What the Settings page's Test button shows."""

    entries: int
    example: str


class DirectorySource(Protocol):
    """A directory server."""

    name: str

    def sync(self, target: SourceSync, token: str, progress: Progress) -> str:
        """Copy the server's entries into ``target``; return the server's new sync token.

        ``token`` is the one returned last time ("" for a complete listing). Raises
        :class:`SourceError`; the caller rolls the transaction back then.
        """
        ...

    def lookup(self, number: NormalizedNumber, timeout_s: float,
               token: str) -> list[AddressRecord]:
        """Entries that have ``number``, asked live (``external_id`` is the server's id)."""
        ...

    def test(self, timeout_s: float) -> ProbeResult:
        """Connect, count the entries, name one."""
        ...


def fingerprint(record: AddressRecord) -> str:
    """A digest of what we keep of an entry: unchanged entries are not written again."""
    import hashlib  # noqa: PLC0415 - only a sync needs it (OpenSSL stays out of the tray app)

    fields = (record.kind, record.first_name, record.last_name, record.company,
              record.link_url, *(f"{kind}={value}" for kind, value in record.channels))
    return hashlib.blake2b("\x1f".join(fields).encode(), digest_size=12).hexdigest()
