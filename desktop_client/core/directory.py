"""The contact directory: addresses with their communication channels, in one SQLite file.

The model follows Vertec's: an address (a person or a company) has channels (phone, mobile,
fax, email, other); a phone channel keeps its raw value as entered and its normalized form
(E.164 and extension, split into country code, region code and detail). Callers are found by
the normalized form through an index.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, NamedTuple

from desktop_client.core import store
from desktop_client.core.calls import clean_text
from desktop_client.core.contacts import (
    ADDRESS_KINDS,
    CHANNEL_KINDS,
    PHONE_KINDS,
    Address,
    AddressRecord,
    ChannelEntry,
    ChannelRow,
    Match,
    NormalizedFields,
    StoredRow,
    channel_row,
    display_name,
    normalize_channel,
)
from desktop_client.core.numbers import Location, NormalizedNumber, NumberKind, normalize

__all__ = ["Address", "AddressRecord", "ChannelEntry", "ChannelRow", "Directory", "Match",
           "NormalizedFields", "StoredRow", "normalize_channel"]

log = logging.getLogger("desktop_client.directory")

MIGRATIONS: tuple[store.Migration, ...] = (
    # 1: addresses and channels with the E.164 form only.
    (
        """CREATE TABLE address (
            id INTEGER PRIMARY KEY,
            external_id TEXT UNIQUE,
            kind TEXT NOT NULL CHECK (kind IN ('person', 'company')),
            first_name TEXT NOT NULL DEFAULT '',
            last_name TEXT NOT NULL DEFAULT '',
            company TEXT NOT NULL DEFAULT '',
            link_url TEXT NOT NULL DEFAULT ''
        )""",
        """CREATE TABLE channel (
            id INTEGER PRIMARY KEY,
            address_id INTEGER NOT NULL REFERENCES address (id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('phone', 'mobile', 'fax', 'email', 'other')),
            raw TEXT NOT NULL,
            e164 TEXT
        )""",
        "CREATE INDEX channel_address ON channel (address_id)",
    ),
    # 2: the full normalized form (Vertec's split), internal extensions, the failure reason,
    # and the index callers are found by.
    (
        "ALTER TABLE channel ADD COLUMN extension TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE channel ADD COLUMN internal TEXT",
        "ALTER TABLE channel ADD COLUMN country_code TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE channel ADD COLUMN region_code TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE channel ADD COLUMN detail TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE channel ADD COLUMN canonical TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE channel ADD COLUMN error TEXT NOT NULL DEFAULT ''",
        "CREATE INDEX channel_e164 ON channel (e164) WHERE e164 IS NOT NULL",
        "CREATE INDEX channel_internal ON channel (internal) WHERE internal IS NOT NULL",
    ),
    # 3: find contacts by the start of a name as the user types.
    (
        "CREATE INDEX address_last_name ON address (last_name COLLATE NOCASE)",
        "CREATE INDEX address_first_name ON address (first_name COLLATE NOCASE)",
        "CREATE INDEX address_company ON address (company COLLATE NOCASE)",
    ),
    # 4: which of several matching addresses the user picked for a number.
    (
        """CREATE TABLE choice (
            number TEXT PRIMARY KEY,
            address_id INTEGER NOT NULL REFERENCES address (id) ON DELETE CASCADE
        )""",
    ),
    # 5: the address's own country, for its numbers in national form.
    (
        "ALTER TABLE address ADD COLUMN country TEXT NOT NULL DEFAULT ''",
    ),
    # 6: addresses synced from directory servers, kept per source, and each source's state.
    (
        "ALTER TABLE address ADD COLUMN source TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE address ADD COLUMN fingerprint TEXT NOT NULL DEFAULT ''",
        "CREATE INDEX address_source ON address (source, external_id) WHERE source != ''",
        """CREATE TABLE source_state (
            source TEXT PRIMARY KEY,
            synced_at TEXT NOT NULL DEFAULT '',
            token TEXT NOT NULL DEFAULT '',
            entries INTEGER NOT NULL DEFAULT 0,
            error TEXT NOT NULL DEFAULT '',
            error_at TEXT NOT NULL DEFAULT ''
        )""",
    ),
    # 7: a partial index cannot serve "source = ?" with a bound value; deleting an address
    # looks up its remembered choices.
    (
        "DROP INDEX address_source",
        "CREATE INDEX address_source ON address (source, external_id)",
        "CREATE INDEX choice_address ON choice (address_id)",
    ),
)


_ADDRESS_COLUMNS = ("a.id, a.kind, a.first_name, a.last_name, a.company, a.external_id, "
                    "a.link_url, a.source")
_ADDRESS_WIDTH = 8
_CHANNEL_COLUMNS = ("c.id, c.kind, c.raw, c.e164, c.extension, c.internal, c.country_code, "
                    "c.region_code, c.detail, c.canonical, c.error")
_MATCH_SQL = (f"SELECT {_ADDRESS_COLUMNS}, {_CHANNEL_COLUMNS} FROM channel c "  # noqa: S608
              "JOIN address a ON a.id = c.address_id ")
LOOKUP_E164_SQL = _MATCH_SQL + "WHERE c.e164 = ? ORDER BY c.id LIMIT 50"
LOOKUP_INTERNAL_SQL = _MATCH_SQL + "WHERE c.internal = ? ORDER BY c.id LIMIT 50"
LOOKUP_BLOCK_SQL = _MATCH_SQL + (
    "WHERE c.e164 > ? AND c.e164 < ? AND length(c.e164) = ? AND c.kind = 'phone' "
    "AND (a.kind = 'company' OR a.company != '') ORDER BY a.kind = 'person', c.e164 LIMIT 20"
)


NAME_CHARS = 200


class Stored(NamedTuple):
    """What :meth:`Directory.put` did with an address."""

    address_id: int
    created: bool
    #: Its phone, mobile and fax entries without a normalized form: the raw value and why
    #: (callers from them are not recognised).
    unreadable: tuple[tuple[str, str], ...]


class Directory(store.Database):
    """The contact store. Not thread-safe: one Directory per thread."""

    MIGRATIONS = MIGRATIONS

    # -- writing (inside transaction(): one per import) ------------------------------------

    def add_contact(self, record: AddressRecord, location: Location) -> int:
        """One contact the user entered (Add contact… on an unknown caller's card), in its
        own transaction; returns its id. ValueError says what is wrong with it."""
        with self.transaction():
            return self.put(record, location)[0]

    def put(self, record: AddressRecord, location: Location, *, source: str = "",
            fingerprint: str = "") -> Stored:
        """Insert or update an address by its key; its channels are replaced and normalized.

        ``source``: "" for the local directory, else the directory server the record was
        synced from; neither ever overwrites the other's addresses (ValueError).
        ``fingerprint``: what its source's next sync compares (see synced_contacts).
        Call inside :meth:`transaction`.
        """
        key = record.key()
        row = self.conn.execute("SELECT id, source FROM address WHERE external_id = ?",
                                (key,)).fetchone()
        if row is not None and row[1] != source:
            owner = f"the {row[1]} directory" if row[1] else "an imported contact"
            raise ValueError(f"the id {key!r} belongs to {owner}")
        values = address_values(record)
        if row is None:
            cursor = self.conn.execute(
                "INSERT INTO address (kind, first_name, last_name, company, link_url, country, "
                "external_id, source, fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (*values, key, source, fingerprint))
            address_id = int(cursor.lastrowid or 0)
            created = True
        else:
            address_id = int(row[0])
            created = False
            self.conn.execute(
                "UPDATE address SET kind = ?, first_name = ?, last_name = ?, company = ?, "
                "link_url = ?, country = ?, fingerprint = ? WHERE id = ?",
                (*values, fingerprint, address_id))
            self.conn.execute("DELETE FROM channel WHERE address_id = ?", (address_id,))
        rows = channel_rows(record, location, values[5])
        self.conn.executemany(
            "INSERT INTO channel (address_id, kind, raw, e164, extension, internal, "
            "country_code, region_code, detail, canonical, error) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(address_id, kind, raw, *row) for kind, raw, row in rows])
        unreadable = tuple((raw, row[-1]) for kind, raw, row in rows
                           if row[-1] and kind in PHONE_KINDS)
        return Stored(address_id, created, unreadable)

    # -- reading ---------------------------------------------------------------------------

    def phone_counts(self) -> tuple[int, int]:
        """Addresses with a phone, mobile or fax entry, and those entries."""
        (addresses, entries) = self.conn.execute(
            "SELECT count(DISTINCT address_id), count(*) FROM channel "
            "WHERE kind IN ('phone', 'mobile', 'fax')").fetchone()
        return int(addresses), int(entries)

    def counts(self) -> tuple[int, int]:
        """Number of addresses and of channels."""
        (addresses,) = self.conn.execute("SELECT count(*) FROM address").fetchone()
        (channels,) = self.conn.execute("SELECT count(*) FROM channel").fetchone()
        return int(addresses), int(channels)

    def address(self, address_id: int) -> Address | None:
        """One address with all its channels."""
        row = self.conn.execute(
            f"SELECT {_ADDRESS_COLUMNS} FROM address a WHERE a.id = ?",  # noqa: S608 - constant
            (address_id,),
        ).fetchone()
        if row is None:
            return None
        channels = tuple(
            _channel(r) for r in self.conn.execute(
                f"SELECT {_CHANNEL_COLUMNS} FROM channel c "  # noqa: S608 - constant columns
                "WHERE c.address_id = ? ORDER BY c.id", (address_id,))
        )
        return _address(row, channels)

    def lookup(self, raw: str, location: Location, *, block_digits: int = 2) -> list[Match]:
        """Find who a caller is: exact matches first, then the probable company block.

        ``raw`` is normalized as an incoming number (the outside-line prefix is stripped).
        Raises NumberError when the number has no normalized form.
        """
        number = normalize(raw, location, incoming=True)
        return self.lookup_normalized(number, block_digits=block_digits)

    def lookup_normalized(self, number: NormalizedNumber, *, block_digits: int = 2) -> list[Match]:
        """:meth:`lookup` for a number already normalized."""
        if number.kind == NumberKind.INTERNAL:
            rows = self.conn.execute(LOOKUP_INTERNAL_SQL, (number.key,)).fetchall()
            return [_match(row, "exact") for row in rows]
        if number.kind != NumberKind.PUBLIC:
            return []
        rows = self.conn.execute(LOOKUP_E164_SQL, (number.key,)).fetchall()
        if rows:
            matches = [_match(row, "exact") for row in rows]
            if len(matches) > 1:
                # The same extension first, then the number without one, then other ones.
                matches.sort(key=lambda m: _extension_rank(m.channel.normalized.extension,
                                                           number.extension))
            return matches
        if block_digits <= 0 or len(number.key) - 1 - block_digits < 4:
            return []
        prefix = number.key[:-block_digits]
        rows = self.conn.execute(LOOKUP_BLOCK_SQL,
                                 (prefix, prefix + "\x7f", len(number.key))).fetchall()
        return _companies(rows)

    def remember(self, number: str, address_id: int) -> None:
        """Remember the address the user picked for a number that matches several."""
        with self.transaction():
            self.conn.execute("INSERT OR REPLACE INTO choice (number, address_id) VALUES (?, ?)",
                              (number, address_id))

    def remembered(self, number: str) -> int | None:
        """The address picked for a number before, if any."""
        row = self.conn.execute("SELECT address_id FROM choice WHERE number = ?",
                                (number,)).fetchone()
        return int(row[0]) if row else None

    def search(self, text: str, limit: int = 20) -> list[tuple[Address, ChannelEntry]]:
        """Phone channels of addresses whose names start with the words typed (any order)."""
        words = [w for w in text.lower().split() if w][:4]
        if not words:
            return []
        pattern = _like_prefix(words[0])
        rows = self.conn.execute(
            f"SELECT {_ADDRESS_COLUMNS}, {_CHANNEL_COLUMNS} FROM address a "  # noqa: S608
            "JOIN channel c ON c.address_id = a.id AND c.kind IN ('phone', 'mobile') "
            "WHERE a.id IN (SELECT id FROM address WHERE last_name LIKE ?1 ESCAPE '\\' "
            "UNION SELECT id FROM address WHERE first_name LIKE ?1 ESCAPE '\\' "
            "UNION SELECT id FROM address WHERE company LIKE ?1 ESCAPE '\\' LIMIT 500) "
            "ORDER BY a.last_name, a.first_name, a.company, c.id",
            (pattern,)).fetchall()
        found = []
        for row in rows:
            address = _address(row[:_ADDRESS_WIDTH])
            names = f"{address.first_name} {address.last_name} {address.company}".lower().split()
            if all(any(n.startswith(w) for n in names) for w in words[1:]):
                found.append((address, _channel(row[_ADDRESS_WIDTH:])))
                if len(found) >= limit:
                    break
        return found

    def iter_phone_channels(self, batch: int = 5000) -> Iterator[list[ChannelRow]]:
        """Phone, mobile and fax channels in batches: id, raw, the address's country, stored
        normalized row."""
        last = 0
        while True:
            rows = self.conn.execute(
                "SELECT c.id, c.raw, a.country, c.e164, c.extension, c.internal, "
                "c.country_code, c.region_code, c.detail, c.canonical, c.error FROM channel c "
                "JOIN address a ON a.id = c.address_id WHERE c.id > ? AND c.kind IN "
                "('phone', 'mobile', 'fax') ORDER BY c.id LIMIT ?", (last, batch)).fetchall()
            if not rows:
                return
            last = rows[-1][0]
            yield [(row[0], row[1], row[2], tuple(row[3:])) for row in rows]

    def update_normalized(self, updates: Iterable[tuple[int, StoredRow]]) -> None:
        """Store new normalized forms (rows as :meth:`NormalizedFields.as_row`) by channel id."""
        self.conn.executemany(
            "UPDATE channel SET e164 = ?, extension = ?, internal = ?, country_code = ?, "
            "region_code = ?, detail = ?, canonical = ?, error = ? WHERE id = ?",
            [(*row, channel_id) for channel_id, row in updates],
        )

    def names(self, channel_ids: Iterable[int]) -> dict[int, tuple[str, int, str]]:
        """For channel ids: the address's display name, id and external id."""
        result: dict[int, tuple[str, int, str]] = {}
        for channel_id in channel_ids:
            row = self.conn.execute(
                "SELECT a.kind, a.first_name, a.last_name, a.company, a.id, a.external_id "
                "FROM channel c JOIN address a ON a.id = c.address_id WHERE c.id = ?",
                (channel_id,)).fetchone()
            if row is not None:
                result[channel_id] = (display_name(*row[:4]), row[4], row[5])
        return result


def address_values(record: AddressRecord) -> tuple[str, str, str, str, str, str]:
    """kind, first name, last name, company, link and country as stored: checked and cleaned.

    Names from files and servers are untrusted: no control, bidi or format character reaches
    a caller card or a terminal ("\u202eGA retsuM" would show as "Muster AG").
    """
    if record.kind not in ADDRESS_KINDS:
        raise ValueError(f"unknown address kind {record.kind!r}")
    country = record.country.upper() if record.country.isalpha() else ""
    return (record.kind, clean_text(record.first_name, NAME_CHARS),
            clean_text(record.last_name, NAME_CHARS), clean_text(record.company, NAME_CHARS),
            clean_text(record.link_url, 2000), country[:2])


def channel_rows(record: AddressRecord, location: Location, country: str,
                 rows: Sequence[StoredRow] | None = None) -> list[tuple[str, str, StoredRow]]:
    """Each channel's kind, raw value and normalized form (``rows``: made by a worker
    process already, one per phone, mobile or fax channel)."""
    made = iter(rows) if rows is not None else None
    result = []
    for kind, raw in record.channels:
        if kind not in CHANNEL_KINDS:
            raise ValueError(f"unknown channel kind {kind!r}")
        if kind not in PHONE_KINDS:
            row = NormalizedFields().as_row()
        elif made is not None:
            row = next(made)
        else:
            row = channel_row(raw, location, country)
        result.append((kind, raw, row))
    return result


def _like_prefix(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped + "%"


def _extension_rank(stored: str, wanted: str) -> int:
    if stored == wanted:
        return 0
    return 1 if not stored else 2


def _channel(row: tuple[Any, ...]) -> ChannelEntry:
    cid, kind, raw, *normalized = row
    return ChannelEntry(kind, raw, NormalizedFields(*normalized), cid)


def _address(row: tuple[Any, ...], channels: tuple[ChannelEntry, ...] = ()) -> Address:
    aid, kind, first, last, company, external_id, link_url, source = row
    return Address(aid, kind, first, last, company, external_id or "", link_url, channels,
                   source)


def _companies(rows: list[Any]) -> list[Match]:
    """Probable matches name the company, never a person who merely works there.

    A CRM export often has only person rows with a company column: a direct dial into that
    company is "probably Muster AG", shown as the company (no person's name, id or link).
    """
    known = {row[4].casefold() for row in rows if row[1] == "company"}
    result: list[Match] = []
    for row in rows:
        if row[1] == "company":
            result.append(_match(row, "probable"))
            continue
        name = row[4].casefold()
        if name not in known:
            known.add(name)
            result.append(_match(row, "probable", as_company=True))
    return result


def _match(row: Sequence[Any], quality: str, *, as_company: bool = False) -> Match:
    """The match of a row of address and channel columns; ``as_company``: the address shown
    as its company (kind "company", no person's name, external id or link).

    What :func:`_address` and :func:`_channel` would make, built faster: a frozen
    dataclass's ``__init__`` sets each field through ``object.__setattr__`` (24 calls, most of
    the time a lookup spent in Python after the query). Each object is filled as an instance
    of a plain class with the same slots and then becomes the frozen class; the result is the
    same object (equal, same hash, frozen), as a test checks.
    """
    fields: Any = _FieldsParts()
    (fields.e164, fields.extension, fields.internal, fields.country_code, fields.region_code,
     fields.detail, fields.canonical, fields.error) = row[11:19]
    fields.__class__ = NormalizedFields
    channel: Any = _ChannelParts()
    channel.id, channel.kind, channel.raw = row[8:11]
    channel.normalized = fields
    channel.__class__ = ChannelEntry
    address: Any = _AddressParts()
    (address.id, address.kind, address.first_name, address.last_name, address.company,
     external_id, address.link_url, address.source) = row[:8]
    address.external_id = external_id or ""
    address.channels = ()
    if as_company:
        address.kind = "company"
        address.first_name = address.last_name = address.external_id = address.link_url = ""
    address.__class__ = Address
    match: Any = _MatchParts()
    match.address, match.channel, match.quality = address, channel, quality
    match.__class__ = Match
    made: Match = match
    return made


# The frozen classes' layouts without their frozen __setattr__ (see _match). Their slots are
# the frozen classes' own, so a field added there must be set in _match too, or it stays
# unset (AttributeError on use): tests compare _match's objects with ones built by __init__.
# Filled as Any: the frozen classes' annotations type the result.
class _FieldsParts:
    __slots__ = NormalizedFields.__slots__


class _ChannelParts:
    __slots__ = ChannelEntry.__slots__


class _AddressParts:
    __slots__ = Address.__slots__


class _MatchParts:
    __slots__ = Match.__slots__
