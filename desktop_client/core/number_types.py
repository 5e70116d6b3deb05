"""Number type and validity, the way phonenumbers decides them, in one regex per region.

``phonenumbers.number_type`` tries up to eleven patterns one after the other, each through a
Python call chain; it is the dominant cost of validating a number. Here the patterns of one
region are compiled once into a single alternation in phonenumbers' own order, so the regex
engine finds the first type that matches in one pass. Each hit is confirmed against that
type's possible lengths; where the shortcut cannot be sure, phonenumbers itself decides.
The result is the same as ``phonenumbers.number_type`` (a test compares them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers
from phonenumbers import PhoneMetadata, PhoneNumber, PhoneNumberType

# phonenumbers' own order of precedence (phonenumberutil._number_type_helper).
_ORDER = (
    ("premium_rate", PhoneNumberType.PREMIUM_RATE),
    ("toll_free", PhoneNumberType.TOLL_FREE),
    ("shared_cost", PhoneNumberType.SHARED_COST),
    ("voip", PhoneNumberType.VOIP),
    ("personal_number", PhoneNumberType.PERSONAL_NUMBER),
    ("pager", PhoneNumberType.PAGER),
    ("uan", PhoneNumberType.UAN),
    ("voicemail", PhoneNumberType.VOICEMAIL),
    ("fixed_line", PhoneNumberType.FIXED_LINE),
    ("mobile", PhoneNumberType.MOBILE),
)

TYPE_NAMES: dict[int, str] = {
    value: name
    for name, value in vars(PhoneNumberType).items()
    if name.isupper() and isinstance(value, int)
}


@dataclass(frozen=True, slots=True)
class _Desc:
    pattern: re.Pattern[str]
    lengths: frozenset[int]

    def matches(self, nsn: str) -> bool:
        if self.lengths and len(nsn) not in self.lengths:
            return False
        return self.pattern.fullmatch(nsn) is not None


@dataclass(frozen=True, slots=True)
class _RegionTypes:
    general: _Desc
    combined: re.Pattern[str]
    kinds: tuple[tuple[int, _Desc], ...]
    mobile: _Desc | None
    same_mobile_and_fixed: bool
    leading_digits: re.Pattern[str] | None


def _desc(number_desc: object) -> _Desc | None:
    pattern = getattr(number_desc, "national_number_pattern", None)
    if number_desc is None or pattern is None:
        return None
    lengths = frozenset(getattr(number_desc, "possible_length", ()) or ())
    return _Desc(re.compile(pattern), lengths)


_CACHE: dict[tuple[str, int], _RegionTypes | None] = {}


def _region_types(metadata: PhoneMetadata) -> _RegionTypes | None:
    key = (metadata.id, metadata.country_code or 0)
    try:
        return _CACHE[key]
    except KeyError:
        types = _CACHE[key] = _build_region_types(metadata)
        return types


def _build_region_types(metadata: PhoneMetadata) -> _RegionTypes | None:
    general = _desc(metadata.general_desc)
    if general is None:
        return None
    kinds: list[tuple[int, _Desc]] = []
    parts: list[str] = []
    for attr, kind in _ORDER:
        desc = _desc(getattr(metadata, attr))
        if desc is None:
            continue
        parts.append(f"(?P<t{len(kinds)}>{desc.pattern.pattern})")
        kinds.append((kind, desc))
    leading = metadata.leading_digits
    return _RegionTypes(
        general=general,
        combined=re.compile("|".join(parts) or "(?!)"),
        kinds=tuple(kinds),
        mobile=_desc(metadata.mobile),
        same_mobile_and_fixed=bool(metadata.same_mobile_and_fixed_line_pattern),
        leading_digits=re.compile(leading) if leading else None,
    )


def _type_in_region(nsn: str, metadata: PhoneMetadata) -> int:
    types = _region_types(metadata)
    if types is None or not types.general.matches(nsn):
        return PhoneNumberType.UNKNOWN
    match = types.combined.fullmatch(nsn)
    if match is None:
        return PhoneNumberType.UNKNOWN
    group = match.lastgroup
    if group is None or not group.startswith("t"):
        return _slow_type(nsn, metadata)
    kind, desc = types.kinds[int(group[1:])]
    if desc.lengths and len(nsn) not in desc.lengths:
        return _slow_type(nsn, metadata)  # phonenumbers would go on to the next type
    if kind == PhoneNumberType.FIXED_LINE:
        if types.same_mobile_and_fixed or (types.mobile is not None and types.mobile.matches(nsn)):
            return PhoneNumberType.FIXED_LINE_OR_MOBILE
        return PhoneNumberType.FIXED_LINE
    if kind == PhoneNumberType.MOBILE and types.same_mobile_and_fixed:
        return _slow_type(nsn, metadata)
    return kind


def _slow_type(nsn: str, metadata: PhoneMetadata) -> int:
    helper = phonenumbers.phonenumberutil._number_type_helper
    result: int = helper(nsn, metadata)
    return result


def region_and_type(number: PhoneNumber) -> tuple[str | None, int]:
    """The region a number belongs to and its type (``PhoneNumberType``), as phonenumbers says."""
    region, kind, _nsn = region_type_and_nsn(number)
    return region, kind


#: Per country code of a single region: the region and its metadata (found through
#: phonenumbers' metadata classes once, not for every number).
_SINGLE_REGION: dict[int, tuple[str, PhoneMetadata | None]] = {}


def region_type_and_nsn(number: PhoneNumber) -> tuple[str | None, int, str]:
    """:func:`region_and_type` and the national significant number it read them from
    (``phonenumbers.national_significant_number``: the E.164 form is ``+``, the country
    code and this)."""
    code = number.country_code or 0
    nsn = phonenumbers.national_significant_number(number)
    single = _SINGLE_REGION.get(code)
    if single is not None:
        region, metadata = single
        if metadata is None:
            return region, PhoneNumberType.UNKNOWN, nsn
        return region, _type_in_region(nsn, metadata), nsn
    regions = phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(code)
    if not regions:
        return None, PhoneNumberType.UNKNOWN, nsn
    if len(regions) == 1:
        found: str | None = regions[0]
    else:
        found = _region_from_list(nsn, regions)
    if found is None:
        return None, PhoneNumberType.UNKNOWN, nsn
    metadata = PhoneMetadata.metadata_for_region_or_calling_code(code, found)
    if len(regions) == 1:
        _SINGLE_REGION[code] = (found, metadata)
    if metadata is None:
        return found, PhoneNumberType.UNKNOWN, nsn
    return found, _type_in_region(nsn, metadata), nsn


def _region_from_list(nsn: str, regions: tuple[str, ...]) -> str | None:
    for region in regions:
        metadata = PhoneMetadata.metadata_for_region(region, None)
        if metadata is None:
            continue
        types = _region_types(metadata)
        if types is None:
            continue
        if types.leading_digits is not None:
            if types.leading_digits.match(nsn):
                return region
        elif _type_in_region(nsn, metadata) != PhoneNumberType.UNKNOWN:
            return region
    return None
