"""The contact model: addresses (Vertec's Adressen) and their communication channels.

A phone channel keeps its raw value as entered and its normalized form, split the way Vertec
and TAPI split a number: country code, region code, detail.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from phonenumbers import NumberParseException, PhoneNumberType

from desktop_client.core.dial_input import MAX_DIGITS, MAX_INPUT_CHARS
from desktop_client.core.fast_parse import parse_clean
from desktop_client.core.number_types import region_and_type
from desktop_client.core.numbers import (
    Location,
    NormalizedNumber,
    NumberError,
    NumberKind,
    canonical_form,
    normalize,
    split_region_code,
)
from desktop_client.core.stored_numbers import stored_number_text

CHANNEL_KINDS = ("phone", "mobile", "fax", "email", "other")
PHONE_KINDS = ("phone", "mobile", "fax")
ADDRESS_KINDS = ("person", "company")


#: The normalized columns of a channel row: e164, extension, internal, country_code,
#: region_code, detail, canonical, error.
StoredRow = tuple[str | None, str, str | None, str, str, str, str, str]
#: A phone channel as the batch run sees it: id, raw value, the address's country (ISO code
#: or ""), stored normalized columns.
ChannelRow = tuple[int, str, str, StoredRow]


@dataclass(frozen=True, slots=True)
class NormalizedFields:
    """What a phone channel stores of its normalized form; all blank when there is none."""

    e164: str | None = None
    extension: str = ""
    internal: str | None = None
    country_code: str = ""
    region_code: str = ""
    detail: str = ""
    canonical: str = ""
    error: str = ""

    @classmethod
    def of(cls, number: NormalizedNumber) -> NormalizedFields:
        """The stored form of a normalized number."""
        if number.kind == NumberKind.PUBLIC:
            return cls(number.e164, number.extension, None, number.country_code,
                       number.region_code, number.detail, number.canonical, "")
        if number.kind == NumberKind.INTERNAL:
            return cls(None, number.extension, number.key, canonical=number.key)
        return cls(error=f"{number.key} is a short or emergency number, not a subscriber number")

    def as_row(self) -> StoredRow:
        """Values in the order of the channel table's normalized columns."""
        return (self.e164, self.extension, self.internal, self.country_code, self.region_code,
                self.detail, self.canonical, self.error)


def normalize_channel(raw: str, location: Location, country: str = "") -> NormalizedFields:
    """Normalize one phone, mobile or fax entry; a number without normalized form is blank.

    ``country``: the address's own country (ISO code), for numbers written in its national
    form: ``05 53 28 59 00`` of a French contact is French, not Swiss.
    """
    try:
        return NormalizedFields.of(normalize(stored_number_text(raw),
                                             contact_location(location, country)))
    except NumberError as error:
        return NormalizedFields(error=error.reason)


def channel_row(raw: str, location: Location, country: str = "") -> StoredRow:
    """``normalize_channel(raw, location, country).as_row()``, the batch run's and the
    importers' form; a number of plain digits and spaces takes a shorter way there."""
    row = _plain_number_row(raw, location, country)
    if row is None:
        return normalize_channel(raw, location, country).as_row()
    return row


# Digits and spaces, a leading + allowed: what stored_number_text and parse_dial_input leave
# as they are, less the spaces (no label, extension, letters, URI or invisible character).
_PLAIN_DIGITS = re.compile(r" *\+?[0-9][0-9 ]*")
_SHORT_DIGITS = 6  # numbers._MAX_SHORT_DIGITS: shorter ones may be extensions or short codes


def _plain_number_row(raw: str, location: Location, country: str) -> StoredRow | None:
    """The stored row of a public number written as plain digits, the steps of
    ``normalize`` for such input without its pre-parser and objects; None for anything
    else (a short number, a local number to complete with the area code, an error, an
    extension): :func:`normalize_channel` decides those."""
    if len(raw) > MAX_INPUT_CHARS or _PLAIN_DIGITS.fullmatch(raw) is None:
        return None
    number = raw.replace(" ", "")
    if len(number) > MAX_DIGITS:
        return None
    place = contact_location(location, country) if country else location
    if number[0] != "+" and (len(number) <= max(place.internal_digits, _SHORT_DIGITS)
                             or (place.area_code and number[0] != "0")):
        return None
    try:
        parsed = parse_clean(number, place.country)
    except NumberParseException:
        return None
    region, kind = region_and_type(parsed)
    if kind == PhoneNumberType.UNKNOWN or parsed.extension:
        return None
    code = str(parsed.country_code)
    region_code, detail = split_region_code(parsed, region or "")
    # E.164 as format_number writes it: "+", the country code, the national significant
    # number (region code and detail are that number, split).
    return (f"+{code}{region_code}{detail}", "", None, code, region_code, detail,
            canonical_form(code, region_code, detail), "")


@functools.lru_cache(maxsize=64)
def contact_location(location: Location, country: str) -> Location:
    """The user's location, or the contact's country (without the user's area code)."""
    if not country or country == location.country:
        return location
    try:
        return Location(country, "", "", location.internal_digits)
    except ValueError:
        return location  # a country phonenumbers does not know: the user's rules


@dataclass(frozen=True, slots=True)
class ChannelEntry:
    """One communication channel of an address."""

    kind: str
    raw: str
    normalized: NormalizedFields = field(default_factory=NormalizedFields)
    id: int = 0


@dataclass(frozen=True, slots=True)
class AddressRecord:
    """An address as an importer or an edit hands it in; the store normalizes its numbers."""

    kind: str
    first_name: str = ""
    last_name: str = ""
    company: str = ""
    external_id: str = ""
    link_url: str = ""
    channels: tuple[tuple[str, str], ...] = ()
    #: The address's country (ISO code, from its address), or "" for the user's own.
    country: str = ""

    @property
    def display_name(self) -> str:
        """``First Last`` for a person, the company name for a company."""
        return display_name(self.kind, self.first_name, self.last_name, self.company)

    def key(self) -> str:
        """The external id, or a stable key from the name where the source has no id."""
        if self.external_id:
            return self.external_id
        # Readable, and no hashlib: it would map OpenSSL (~4 MB) into the tray app.
        return "auto:" + "|".join((self.kind, self.first_name, self.last_name,
                                   self.company)).lower()


def display_name(kind: str, first: str, last: str, company: str) -> str:
    """The name an address is shown by."""
    if kind == "company":
        return company or " ".join(p for p in (first, last) if p)
    return " ".join(p for p in (first, last) if p) or company


@dataclass(frozen=True, slots=True)
class Address:
    """A stored address with its channels."""

    id: int
    kind: str
    first_name: str
    last_name: str
    company: str
    external_id: str
    link_url: str
    channels: tuple[ChannelEntry, ...] = ()
    #: Where it comes from: "" for the local directory (imports, added by hand), else the
    #: directory server it was synced from ("ldap", "carddav", …).
    source: str = ""

    @property
    def display_name(self) -> str:
        """``First Last`` for a person, the company name for a company."""
        return display_name(self.kind, self.first_name, self.last_name, self.company)


@dataclass(frozen=True, slots=True)
class Match:
    """A directory entry found for a caller's number."""

    address: Address
    channel: ChannelEntry
    #: "exact" (same E.164, or the same internal extension) or "probable" (company block).
    quality: str


def crm_link(template: str, address: Address, e164: str | None) -> str | None:
    """Where "Open in CRM" goes for ``address``: ``[popup] open_url`` with {e164},
    {contact_id} and {external_id} URL-encoded, else the address's own web link (Open in
    Vertec, a CRM's contact page); None when there is neither."""
    from urllib.parse import quote  # noqa: PLC0415

    if not template:
        return address.link_url if address.link_url.startswith(("https://", "http://")) \
            else None
    external = address.external_id
    if address.source:  # the server's own id, without our "ldap:" in front
        external = external.removeprefix(f"{address.source}:")
    values = {"e164": e164 or "", "contact_id": str(address.id),
              "external_id": "" if external.startswith("auto:") else external}
    url = template
    for key, value in values.items():
        url = url.replace("{" + key + "}", quote(value, safe=""))
    return url
