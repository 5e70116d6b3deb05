"""The digits a phone is sent for a public number: national or with the international prefix
([dial] number_format). The dial backends ask here; only the core parses numbers."""

from __future__ import annotations

from typing import TYPE_CHECKING

import phonenumbers
from phonenumbers import PhoneNumber, PhoneNumberFormat

if TYPE_CHECKING:
    from desktop_client.core.numbers import Location


def dial_digits(e164: str, location: Location, *, national: bool) -> str:
    """How a phone dials the public number ``e164`` from the user's country: the national
    digits (``0446681800``) when ``national`` and the number is in that country, else the
    country's international call prefix and the digits (``0041446681800``)."""
    parsed = phonenumbers.parse(e164)
    if national and phonenumbers.region_code_for_number(parsed) == location.country:
        return _national(parsed)
    return international_prefix(location.country) + e164.lstrip("+")


def national_digits(e164: str) -> str:
    """The digits of the national form of ``e164`` (``0446681800``)."""
    return _national(phonenumbers.parse(e164))


def _national(parsed: PhoneNumber) -> str:
    national = phonenumbers.format_number(parsed, PhoneNumberFormat.NATIONAL)
    return "".join(c for c in national if c.isdigit())


def international_prefix(country: str) -> str:
    """The country's international call prefix (``00``; ``011`` in the NANP)."""
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(country, None)
    for prefix in (getattr(metadata, "preferred_international_prefix", None),
                   getattr(metadata, "international_prefix", None)):
        if prefix and prefix.isdigit():
            return str(prefix)
    return "00"
