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
from dataclasses import dataclass

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


@dataclass(frozen=True, slots=True)
class _NationalPrefix:
    """One region's national prefix rules, compiled once."""

    prefix: re.Pattern[str]
    transform: str | None
    general: re.Pattern[str] | None
    lengths: tuple[int, ...]
    local_lengths: frozenset[int]

    def strip(self, national: str) -> str:
        """``_maybe_strip_national_prefix_carrier_code`` followed by parse's length test."""
        match = self.prefix.match(national)
        if match is None:
            return national
        general = self.general
        viable = general is not None and general.fullmatch(national) is not None
        groups = match.groups()
        if self.transform is None or groups[-1] is None:
            stripped = national[match.end():]
        else:
            stripped = self.prefix.sub(self.transform, national, count=1)
        if viable and (general is None or general.fullmatch(stripped) is None):
            return national
        return stripped if self._possible_length(len(stripped)) else national

    def _possible_length(self, length: int) -> bool:
        # _test_number_length's answer is anything but TOO_SHORT, IS_POSSIBLE_LOCAL_ONLY or
        # INVALID_LENGTH (TOO_LONG passes, as in phonenumbers.parse).
        lengths = self.lengths
        if length in self.local_lengths or lengths[0] > length:
            return False
        return length == lengths[0] or lengths[-1] < length or length in lengths[1:]


_PREFIXES: dict[tuple[str, int], _NationalPrefix | None] = {}


def _national_prefix(metadata: PhoneMetadata) -> _NationalPrefix | None:
    key = (metadata.id, metadata.country_code or 0)
    try:
        return _PREFIXES[key]
    except KeyError:
        pass
    plan = None
    general = metadata.general_desc
    transform = metadata.national_prefix_transform_rule or None
    if metadata.national_prefix_for_parsing and general is not None \
            and general.possible_length:
        prefix = re.compile(metadata.national_prefix_for_parsing)
        if transform is None or prefix.groups > 0:
            plan = _NationalPrefix(
                prefix, transform,
                re.compile(general.national_number_pattern)
                if general.national_number_pattern else None,
                tuple(general.possible_length),
                frozenset(general.possible_length_local_only or ()))
    _PREFIXES[key] = plan
    return plan


def _without_national_prefix(national: str, metadata: PhoneMetadata) -> str:
    if not metadata.national_prefix_for_parsing:
        return national  # nothing to strip; the length test would keep it either way
    plan = _national_prefix(metadata)
    if plan is not None:
        return plan.strip(national)
    _carrier, stripped, _done = _util._maybe_strip_national_prefix_carrier_code(
        national, metadata)
    if _util._test_number_length(stripped, metadata) not in _REJECTED_LENGTH:
        return stripped
    return national


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
        national = _without_national_prefix(national, metadata)
    if not _MIN_NSN <= len(national) <= _MAX_NSN:
        return phonenumbers.parse(number, region)
    result = PhoneNumber(country_code=code)
    _util._set_italian_leading_zeros_for_phone_number(national, result)
    result.national_number = int(national)
    return result
