"""Normalize phone numbers: one function for every number that enters the product.

``normalize(text, location)`` turns a raw number or URI into a :class:`NormalizedNumber`: the
E.164 match key, the extension, the parts Vertec and TAPI split a number into (country code,
region code, detail: ``+41 (44) 6681800``), display forms, type and risk. A number that cannot
be split into its parts has no normalized form: :class:`NumberError` says why.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumber, PhoneNumberFormat, PhoneNumberType
from phonenumbers import shortnumberinfo as _short

from desktop_client.core import number_format
from desktop_client.core.dial_input import (
    DialInput,
    NumberError,
    Risk,
    parse_dial_input,
)
from desktop_client.core.fast_parse import parse_clean
from desktop_client.core.messages import N_
from desktop_client.core.number_types import TYPE_NAMES, region_and_type, region_type_and_nsn

__all__ = [
    "DialInput",
    "Location",
    "NormalizedNumber",
    "NumberError",
    "NumberKind",
    "Risk",
    "canonical_form",
    "normalize",
    "parse_dial_input",
    "split_region_code",
]

_TYPE_RISK: dict[int, Risk] = {
    PhoneNumberType.PREMIUM_RATE: Risk.PREMIUM_RATE,
    PhoneNumberType.SHARED_COST: Risk.SHARED_COST,
    PhoneNumberType.PERSONAL_NUMBER: Risk.PERSONAL,
    PhoneNumberType.UAN: Risk.UAN,
    PhoneNumberType.VOIP: Risk.VOIP,
}

# Countries whose numbers have no area code: the canonical form shows no brackets there.
# phonenumbers' national destination code splits off the first digit group regardless.
NO_AREA_CODE_REGIONS = frozenset(
    {"IS", "DK", "NO", "LU", "LI", "MC", "SG", "HK", "MO", "EE", "MT", "AD", "FO", "GL", "QA",
     "BH", "KW", "SM", "VA", "GI"}
)
_MAX_SHORT_DIGITS = 6
# Countries with a mobile token (Argentina's 9): their NDC rule differs; phonenumbers decides.
_MOBILE_TOKEN_CODES = frozenset({54})
_MAX_INTERNAL_DIGITS = 8


@dataclass(frozen=True, slots=True)
class Location:
    """Where the user's phone is: how numbers without a country or area code are meant."""

    country: str = "CH"
    area_code: str = ""
    #: The PBX's prefix for an outside line, as it shows in incoming numbers (``0``).
    outside_line: str = ""
    #: Numbers with at most this many digits are internal extensions (0: none).
    internal_digits: int = 0

    def __post_init__(self) -> None:
        country = self.country.upper()
        if country not in phonenumbers.SUPPORTED_REGIONS:
            raise ValueError(f"unknown country code {self.country!r} (use ISO codes like CH, DE)")
        object.__setattr__(self, "country", country)
        area = self.area_code.strip().lstrip("0")
        if area and not (area.isascii() and area.isdigit() and len(area) <= 6):
            raise ValueError(f"the area code {self.area_code!r} must be up to 6 digits")
        object.__setattr__(self, "area_code", area)
        line = self.outside_line.strip()
        if line and not (line.isascii() and line.isdigit() and len(line) <= 4):
            raise ValueError(f"the outside-line prefix {self.outside_line!r} must be 1-4 digits")
        object.__setattr__(self, "outside_line", line)
        if not 0 <= self.internal_digits <= _MAX_INTERNAL_DIGITS:
            raise ValueError(f"internal extensions have 0 to {_MAX_INTERNAL_DIGITS} digits")


class NumberKind:
    """What sort of number a :class:`NormalizedNumber` is."""

    PUBLIC = "public"  # has an E.164 form
    INTERNAL = "internal"  # an extension on the user's own PBX, matched as it is
    SHORT = "short"  # a short code or emergency number of the user's country


@dataclass(frozen=True)
class NormalizedNumber:
    """One number in its normalized form. Display forms are computed on first use."""

    input: str
    kind: str
    #: The digits to match and dial: E.164 for a public number, the digits otherwise.
    key: str
    extension: str
    country_code: str
    type: str
    risk: frozenset[Risk]
    region: str = ""
    _parsed: PhoneNumber | None = field(default=None, repr=False, compare=False)

    @property
    def e164(self) -> str | None:
        """The E.164 form (``+41446681800``) of a public number, else None."""
        return self.key if self.kind == NumberKind.PUBLIC else None

    @property
    def valid(self) -> bool:
        """Every NormalizedNumber is valid; invalid input raises NumberError."""
        return True

    @cached_property
    def international(self) -> str:
        """``+41 44 668 18 00`` (with ``ext. 12`` when there is an extension)."""
        if self._parsed is None:
            return self.key
        return number_format.international(self._parsed)

    @cached_property
    def national(self) -> str:
        """``044 668 18 00``."""
        if self._parsed is None:
            return self.key
        return phonenumbers.format_number(self._parsed, PhoneNumberFormat.NATIONAL)

    @property
    def _split(self) -> tuple[str, str]:
        # Cached by hand: functools.cached_property takes a lock on every first access
        # (Python 3.11), a measurable part of the batch run's time per number.
        split: tuple[str, str] | None = self.__dict__.get("_split_parts")
        if split is None:
            split = self.__dict__["_split_parts"] = self._split_off_region_code()
        return split

    def _split_off_region_code(self) -> tuple[str, str]:
        if self._parsed is None:
            return "", self.key
        return split_region_code(self._parsed, self.region)

    @property
    def region_code(self) -> str:
        """The area (national destination) code, ``44``; empty where a country has none."""
        return self._split[0]

    @property
    def detail(self) -> str:
        """The subscriber part after the region code, ``6681800``."""
        return self._split[1]

    @property
    def canonical(self) -> str:
        """Vertec's and TAPI's canonical form, ``+41 (44) 6681800``."""
        if self.kind != NumberKind.PUBLIC:
            return self.key
        region, detail = self._split
        return canonical_form(self.country_code, region, detail)


def split_region_code(parsed: PhoneNumber, region: str) -> tuple[str, str]:
    """A public number's region (area) code and detail: ``("44", "6681800")``.

    ``parsed``: without extension; ``region``: the region it belongs to (ISO code).
    """
    nsn = phonenumbers.national_significant_number(parsed)
    if region in NO_AREA_CODE_REGIONS:
        return "", nsn
    if parsed.country_code in _MOBILE_TOKEN_CODES:
        ndc = phonenumbers.length_of_national_destination_code(parsed)
    else:
        # phonenumbers' own rule: the first digit group after the country code in the
        # international form, read off the format rule's match.
        ndc = number_format.first_group_length(parsed, nsn)
    return nsn[:ndc], nsn[ndc:]


def canonical_form(country_code: str, region_code: str, detail: str) -> str:
    """Vertec's and TAPI's canonical form, ``+41 (44) 6681800`` (no brackets without a
    region code)."""
    if region_code:
        return f"+{country_code} ({region_code}) {detail}"
    return f"+{country_code} {detail}"


def normalize(
    text: str | DialInput, location: Location, *, incoming: bool = False
) -> NormalizedNumber:
    """Normalize a raw number or URI for ``location``.

    ``incoming`` marks a number reported by the phone system: the PBX's outside-line prefix
    is stripped from it before it is read. Raises :class:`NumberError` when the number has no
    normalized form.
    """
    dial = text if isinstance(text, DialInput) else parse_dial_input(text)
    try:
        return _normalize(dial, location, incoming=incoming)
    except NumberError as error:
        raise error.with_text(dial.text) from None


def _normalize(dial: DialInput, location: Location, *, incoming: bool) -> NormalizedNumber:
    risk = frozenset({Risk.LETTERS}) if dial.letters else frozenset()
    if dial.service_code:
        raise NumberError(
            "service_code",
            N_("is a * or # service code, not a phone number"),
            risk=risk | {Risk.STAR_HASH},
        )
    number = dial.number
    region = location.country
    if dial.is_private:
        if not number.isdigit():
            raise NumberError("private_number", N_("is a private number with a '+'"))
        return _private(dial, number, location, risk)
    if dial.context:
        number, region = _apply_context(number, dial.context)
    elif not dial.is_global:
        if incoming and location.outside_line and number.startswith(location.outside_line):
            rest = number[len(location.outside_line):]
            if len(rest) > max(location.internal_digits, _MAX_SHORT_DIGITS):
                number = rest
        if len(number) <= max(location.internal_digits, _MAX_SHORT_DIGITS):
            short = _short_number(dial, number, location, risk)
            if short is not None:
                return short
        number = _with_area_code(number, location)
    try:
        parsed = parse_clean(number, region)
    except NumberParseException as error:
        raise _parse_error(error, region, risk) from None
    number_region, kind, nsn = region_type_and_nsn(parsed)
    # format_number(parsed, E164) writes "+", the country code and the national significant
    # number (parse_clean keeps no raw input, its only other way).
    e164 = f"+{parsed.country_code}{nsn}"
    if kind == PhoneNumberType.UNKNOWN:
        raise _invalid(parsed, e164, number_region or region, risk)
    extension = dial.extension or (parsed.extension or "")
    if not (extension.isascii() and extension.isdigit()) and extension:
        raise NumberError("bad_extension", N_("the extension must be digits"), risk=risk)
    type_risk = _TYPE_RISK.get(kind)
    if type_risk is not None:
        risk = risk | {type_risk}
    parsed.extension = None
    # NormalizedNumber(input=…, …) without its frozen __init__, which sets each of the nine
    # fields through object.__setattr__ (a tenth of a caller lookup's time); the same object.
    result: NormalizedNumber = object.__new__(NormalizedNumber)
    result.__dict__.update(
        input=dial.text,
        kind=NumberKind.PUBLIC,
        key=e164,
        extension=extension,
        country_code=str(parsed.country_code),
        type=TYPE_NAMES.get(kind, "UNKNOWN"),
        risk=risk,
        region=number_region or "",
        _parsed=parsed,
    )
    return result


def _plain(
    dial: DialInput, kind: str, digits: str, type_name: str, risk: frozenset[Risk]
) -> NormalizedNumber:
    return NormalizedNumber(
        input=dial.text,
        kind=kind,
        key=digits,
        extension=dial.extension,
        country_code="",
        type=type_name,
        risk=risk,
    )


def _short_number(
    dial: DialInput, number: str, location: Location, risk: frozenset[Risk]
) -> NormalizedNumber | None:
    """Emergency numbers, then internal extensions, then the country's short codes."""
    if _dials_emergency(number, location):
        return _plain(
            dial, NumberKind.SHORT, number, "EMERGENCY",
            risk | {Risk.EMERGENCY, Risk.SHORT_CODE},
        )
    if location.outside_line and number.startswith(location.outside_line):
        # "0" + "1818": the PBX takes the outside line and dials the short code.
        rest = number[len(location.outside_line):]
        extra = _country_short_code(rest, location.country, known_cost=True)
        if extra:
            return _plain(dial, NumberKind.SHORT, number, "SHORT_CODE", risk | extra)
    if location.internal_digits and len(number) <= location.internal_digits:
        return _plain(dial, NumberKind.INTERNAL, number, "INTERNAL", risk)
    extra = _country_short_code(number, location.country)
    if extra:
        return _plain(dial, NumberKind.SHORT, number, "SHORT_CODE", risk | extra)
    return None


# Phones and PBXs treat the best-known emergency numbers of other countries as emergency
# calls too (a desk phone's default emergency list is often "112,911,110"). Only these few:
# other countries' lists hold 100-120, the usual range of internal extensions.
_GLOBAL_EMERGENCY = frozenset({"112", "911", "999", "000"})
_MAX_EMERGENCY_DIGITS = 4


def _dials_emergency(number: str, location: Location) -> bool:
    """Whether the digits reach an emergency service: as they are, behind the PBX's
    outside-line prefix ("0" + "112"), in the user's country or one of the common ones."""
    candidates = [number]
    if location.outside_line and number.startswith(location.outside_line):
        candidates.append(number[len(location.outside_line):])
    for digits in candidates:
        if not digits or len(digits) > _MAX_EMERGENCY_DIGITS:
            continue
        if digits in _GLOBAL_EMERGENCY or _short.is_emergency_number(digits, location.country):
            return True
    return False


def _country_short_code(number: str, country: str, *,
                        known_cost: bool = False) -> frozenset[Risk]:
    """The risks of a short code of ``country`` (empty when it is none).

    ``known_cost``: only codes whose cost phonenumbers knows (free, standard, premium) count;
    its metadata also lists catch-all patterns such as Switzerland's ``[2-9]\\d{2,4}`` of
    unknown cost, which every internal extension would match.
    """
    if len(number) > _MAX_SHORT_DIGITS:
        return frozenset()
    try:
        parsed = phonenumbers.parse(number, country)
    except NumberParseException:
        return frozenset()
    if not _short.is_valid_short_number_for_region(parsed, country):
        return frozenset()
    cost = _short.expected_cost_for_region(parsed, country)
    if known_cost and cost == _short.ShortNumberCost.UNKNOWN_COST:
        return frozenset()
    if cost == _short.ShortNumberCost.PREMIUM_RATE:
        return frozenset({Risk.SHORT_CODE, Risk.PREMIUM_RATE})
    return frozenset({Risk.SHORT_CODE})


def _private(
    dial: DialInput, number: str, location: Location, risk: frozenset[Risk]
) -> NormalizedNumber:
    """A number in a domain's context (``tel:7042;phone-context=pbx.example.com``).

    The phone system dials its digits whatever the context says: ``112`` is an emergency call
    and ``0900…`` a premium-rate one. So the digits are judged as the user's own phone system
    would dial them; only a plausible internal extension (it fits ``internal_digits``, is no
    emergency or short code of the user's country and has no international or outside-line
    prefix) goes without a click. The digits are dialled as they are, never re-read as public.
    """
    if _dials_emergency(number, location):
        return _plain(dial, NumberKind.SHORT, number, "EMERGENCY",
                      risk | {Risk.EMERGENCY, Risk.SHORT_CODE})
    prefixed = number.startswith("00") or bool(
        location.outside_line and number.startswith(location.outside_line))
    short = _country_short_code(number, location.country, known_cost=True)
    if short:
        return _plain(dial, NumberKind.SHORT, number, "SHORT_CODE", risk | short)
    if location.internal_digits and len(number) <= location.internal_digits and not prefixed:
        return _plain(dial, NumberKind.INTERNAL, number, "INTERNAL", risk)
    extra: set[Risk] = {Risk.NOT_VALID}  # not one of the user's extensions
    try:
        parsed = parse_clean(_with_area_code(number, location), location.country)
        type_risk = _TYPE_RISK.get(region_and_type(parsed)[1])
    except NumberParseException:
        type_risk = None
    if type_risk is not None:
        extra.add(type_risk)
    return _plain(dial, NumberKind.INTERNAL, number, "INTERNAL", risk | extra)


def _with_area_code(number: str, location: Location) -> str:
    """Complete a local number dialled without its area code (``6681800`` -> ``0446681800``)."""
    if not location.area_code or number.startswith(("0", "+")):
        return number
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(location.country, None)
    prefix = metadata.national_prefix if metadata is not None else None
    if not prefix:
        return number
    return prefix + location.area_code + number


def _apply_context(number: str, context: str) -> tuple[str, str]:
    """A local number with a global ``phone-context`` such as ``+41`` or ``+4144``."""
    digits = context[1:]
    for length in (1, 2, 3):
        code = int(digits[:length])
        regions = phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(code)
        if regions:
            region = regions[0]
            area = digits[length:]
            if area and not number.startswith("0"):
                return f"+{code}{area}{number}", region
            return number, region
    raise NumberError("bad_context", N_("the phone-context names an unknown country code"))


def _parse_error(
    error: NumberParseException, region: str, risk: frozenset[Risk]
) -> NumberError:
    reasons = {
        NumberParseException.INVALID_COUNTRY_CODE: ("unknown_country", N_("unknown country code")),
        NumberParseException.TOO_SHORT_AFTER_IDD: (
            "too_short", N_("too short after the 00 prefix")),
        NumberParseException.TOO_SHORT_NSN: ("too_short", N_("too short for {country}")),
        NumberParseException.TOO_LONG: ("too_long", N_("too long for a phone number")),
    }
    code, template = reasons.get(error.error_type, ("not_a_number", N_("not a phone number")))
    return NumberError(code, template, risk=risk | {Risk.NOT_VALID}, country=region)


def _invalid(parsed: PhoneNumber, e164: str, region: str, risk: frozenset[Risk]) -> NumberError:
    risk = risk | {Risk.NOT_VALID}
    if parsed.country_code not in phonenumbers.COUNTRY_CODE_TO_REGION_CODE:
        return NumberError("unknown_country", N_("unknown country code"), risk=risk)
    if parsed.country_code != phonenumbers.country_code_for_region(region):
        region = phonenumbers.region_code_for_country_code(parsed.country_code)
    reason = phonenumbers.is_possible_number_with_reason(parsed)
    reasons = {
        phonenumbers.ValidationResult.TOO_SHORT: ("too_short", N_("too short for {country}")),
        phonenumbers.ValidationResult.TOO_LONG: ("too_long", N_("too long for {country}")),
        phonenumbers.ValidationResult.INVALID_LENGTH: (
            "invalid_length", N_("has the wrong number of digits for {country}")
        ),
        phonenumbers.ValidationResult.INVALID_COUNTRY_CODE: (
            "unknown_country", N_("unknown country code")
        ),
    }
    code, template = reasons.get(reason, ("not_valid", N_("is not a valid number in {country}")))
    possible = e164 if reason == phonenumbers.ValidationResult.IS_POSSIBLE else None
    return NumberError(code, template, risk=risk, possible_e164=possible, country=region)
