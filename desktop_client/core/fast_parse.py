"""``phonenumbers.parse`` for a number the pre-parser has already cleaned.

Most of ``phonenumbers.parse``'s time goes into finding a number in free text: extension
patterns, RFC 3966 parameters, a Unicode digit lookup per character. Our pre-parser has done
all of that, so for ``+41446681800`` or ``0446681800`` this module follows ``parse``'s own
steps on ASCII digits, using phonenumbers' helpers for every decision (international prefix,
country code, national prefix, possible length). Whatever it is unsure about goes to
``phonenumbers.parse`` itself. The result equals ``phonenumbers.parse`` (tests compare them
over generated input for every region).
"""

from __future__ import annotations

import re

import phonenumbers
from phonenumbers import PhoneMetadata, PhoneNumber, ValidationResult
from phonenumbers import phonenumberutil as _util

_MIN_NSN = 2
_MAX_NSN = 17
_REJECTED_LENGTH = (
    ValidationResult.TOO_SHORT,
    ValidationResult.IS_POSSIBLE_LOCAL_ONLY,
    ValidationResult.INVALID_LENGTH,
)
_IDD: dict[str, re.Pattern[str]] = {}

# The private helpers this relies on; without them (a future phonenumbers) parse does it all.
_HELPERS_PRESENT = all(
    hasattr(_util, name)
    for name in ("_extract_country_code", "_maybe_strip_national_prefix_carrier_code",
                 "_test_number_length", "_set_italian_leading_zeros_for_phone_number")
)


def parse_clean(number: str, region: str) -> PhoneNumber:
    """Parse ``number`` (``\\+?[0-9]+``, ASCII) as ``phonenumbers.parse(number, region)`` does."""
    metadata = PhoneMetadata.metadata_for_region(region, None)
    if not _HELPERS_PRESENT or metadata is None or len(number) < 3:
        return phonenumbers.parse(number, region)
    international = number[0] == "+"
    full = number[1:] if international else number
    if not international and metadata.international_prefix is not None:
        idd = _IDD.get(metadata.international_prefix)
        if idd is None:
            idd = _IDD[metadata.international_prefix] = re.compile(metadata.international_prefix)
        match = idd.match(full)
        # An IDD followed by 0 is no IDD (phonenumbers' _parse_prefix_as_idd).
        if match is not None and full[match.end():match.end() + 1] != "0":
            full = full[match.end():]
            international = True
    if international:
        if len(full) <= _MIN_NSN:
            return phonenumbers.parse(number, region)
        code, national = _util._extract_country_code(full)
        if code == 0:
            return phonenumbers.parse(number, region)  # it raises the right error
        number_region = phonenumbers.region_code_for_country_code(code)
        if number_region != region:
            metadata = PhoneMetadata.metadata_for_region_or_calling_code(code, number_region)
    else:
        code = metadata.country_code or 0
        if full.startswith(str(code)):
            return phonenumbers.parse(number, region)  # maybe a country code without the +
        national = full
    if len(national) < _MIN_NSN:
        return phonenumbers.parse(number, region)
    if metadata is not None:
        _carrier, stripped, _done = _util._maybe_strip_national_prefix_carrier_code(
            national, metadata)
        if _util._test_number_length(stripped, metadata) not in _REJECTED_LENGTH:
            national = stripped
    if not _MIN_NSN <= len(national) <= _MAX_NSN:
        return phonenumbers.parse(number, region)
    result = PhoneNumber(country_code=code)
    _util._set_italian_leading_zeros_for_phone_number(national, result)
    result.national_number = int(national)
    return result
