"""Properties of the number core, over generated input."""

from __future__ import annotations

import re

import phonenumbers
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_client.core import number_format
from desktop_client.core.fast_parse import parse_clean
from desktop_client.core.number_types import region_and_type
from desktop_client.core.numbers import (
    NO_AREA_CODE_REGIONS,
    Location,
    NumberError,
    NumberKind,
    normalize,
)

E164 = re.compile(r"^\+[1-9]\d{3,14}$")
LOCATIONS = st.sampled_from([Location(c) for c in ("CH", "DE", "AT", "FR", "IT", "GB", "US",
                                                   "IS", "GR")])
PHONEISH = st.text(alphabet="0123456789+-() ./;=*#pwxabcextTEL:%", max_size=40)


def _check(text: str, location: Location) -> None:
    try:
        number = normalize(text, location)
    except NumberError as error:
        assert error.reason
        if error.possible_e164 is not None:
            assert E164.match(error.possible_e164)
        return
    if number.kind == NumberKind.PUBLIC:
        assert number.e164 is not None
        assert E164.match(number.e164)
        assert number.canonical.startswith(f"+{number.country_code}")
    else:
        assert number.e164 is None
        assert number.key.isdigit()
    assert number.extension == "" or re.fullmatch(r"[0-9]{1,10}", number.extension)


@settings(max_examples=800, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=60), LOCATIONS)
def test_any_text_gives_a_number_or_our_error(text: str, location: Location) -> None:
    _check(text, location)
    _check("tel:" + text, location)


@settings(max_examples=800)
@given(PHONEISH, LOCATIONS, st.booleans())
def test_phone_like_text_gives_a_number_or_our_error(text: str, location: Location,
                                                     incoming: bool) -> None:
    try:
        number = normalize(text, location, incoming=incoming)
    except NumberError:
        return
    assert number.e164 is None or E164.match(number.e164)


@settings(max_examples=500)
@given(st.sampled_from(sorted(phonenumbers.SUPPORTED_REGIONS)),
       st.sampled_from([
           phonenumbers.PhoneNumberType.FIXED_LINE, phonenumbers.PhoneNumberType.MOBILE,
           phonenumbers.PhoneNumberType.TOLL_FREE, phonenumbers.PhoneNumberType.PREMIUM_RATE,
           phonenumbers.PhoneNumberType.SHARED_COST, phonenumbers.PhoneNumberType.VOIP,
           phonenumbers.PhoneNumberType.PERSONAL_NUMBER, phonenumbers.PhoneNumberType.UAN]),
       st.integers(min_value=0, max_value=99))
def test_e164_round_trips_for_every_region(region: str, kind: int, noise: int) -> None:
    example = phonenumbers.example_number_for_type(region, kind)
    if example is None:
        return
    e164 = phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.E164)
    number = normalize(e164, Location("CH"))
    assert number.e164 == e164
    # a neighbour of the example: our type decision equals phonenumbers' own
    neighbour = phonenumbers.parse(e164[:-2] + f"{noise:02d}")
    assert region_and_type(neighbour)[1] == phonenumbers.number_type(neighbour)


@pytest.mark.parametrize("region", sorted(phonenumbers.SUPPORTED_REGIONS))
def test_type_decision_equals_phonenumbers(region: str) -> None:
    code = phonenumbers.country_code_for_region(region)
    for kind in range(0, 11):
        example = phonenumbers.example_number_for_type(region, kind)
        if example is None:
            continue
        nsn = phonenumbers.national_significant_number(example)
        for variant in (nsn, nsn[:-1], nsn + "0", nsn[:-1] + "9"):
            number = phonenumbers.PhoneNumber(country_code=code, national_number=int(variant),
                                              italian_leading_zero=variant.startswith("0"))
            ours = region_and_type(number)
            assert ours[1] == phonenumbers.number_type(number), variant
            if ours[1] != phonenumbers.PhoneNumberType.UNKNOWN:
                assert ours[0] == phonenumbers.region_code_for_number(number)


REGIONS = st.sampled_from(sorted(phonenumbers.SUPPORTED_REGIONS))
CLEAN = st.from_regex(r"\+?[0-9]{1,19}", fullmatch=True)


def _parse_outcome(function: object, number: str, region: str) -> object:
    assert callable(function)
    try:
        return function(number, region)
    except phonenumbers.NumberParseException as error:
        return ("error", error.error_type)


@settings(max_examples=3000)
@given(CLEAN, REGIONS)
def test_fast_parse_equals_phonenumbers_parse(number: str, region: str) -> None:
    assert _parse_outcome(parse_clean, number, region) == \
        _parse_outcome(phonenumbers.parse, number, region)


@pytest.mark.parametrize("region", sorted(phonenumbers.SUPPORTED_REGIONS))
def test_fast_parse_equals_phonenumbers_parse_on_real_forms(region: str) -> None:
    code = str(phonenumbers.country_code_for_region(region))
    idd = "00"
    for kind in range(0, 11):
        example = phonenumbers.example_number_for_type(region, kind)
        if example is None:
            continue
        e164 = phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.E164)
        national = "".join(c for c in phonenumbers.format_number(
            example, phonenumbers.PhoneNumberFormat.NATIONAL) if c.isdigit())
        for number in (e164, national, idd + e164[1:], "011" + e164[1:], code + national,
                       e164[:-3], national + "12"):
            for home in (region, "CH", "US", "IT"):
                assert _parse_outcome(parse_clean, number, home) == \
                    _parse_outcome(phonenumbers.parse, number, home), (number, home)


@pytest.mark.parametrize("region", sorted(phonenumbers.SUPPORTED_REGIONS | {"001"}))
def test_international_form_and_split_equal_phonenumbers(region: str) -> None:
    if region == "001":
        examples = [phonenumbers.example_number_for_non_geo_entity(code)
                    for code in phonenumbers.COUNTRY_CODES_FOR_NON_GEO_REGIONS]
    else:
        examples = [phonenumbers.example_number_for_type(region, kind) for kind in range(11)]
    for example in filter(None, examples):
        e164 = phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.E164)
        for variant in (e164, e164[:-1], e164 + "1"):
            try:
                parsed = phonenumbers.parse(variant)
            except phonenumbers.NumberParseException:
                continue
            expected = phonenumbers.format_number(parsed,
                                                  phonenumbers.PhoneNumberFormat.INTERNATIONAL)
            assert number_format.international(parsed) == expected
            try:
                number = normalize(variant, Location("CH"))
            except NumberError:
                continue
            if number.region in NO_AREA_CODE_REGIONS:
                assert number.region_code == ""
            else:
                ndc = phonenumbers.length_of_national_destination_code(parsed)
                assert len(number.region_code) == ndc, variant
            assert number.international == expected


def _first_group_by_formatting(number: phonenumbers.PhoneNumber) -> int:
    groups = re.split(r"[^0-9]+", phonenumbers.format_number(
        number, phonenumbers.PhoneNumberFormat.INTERNATIONAL))
    return len(groups[2]) if len(groups) > 3 else 0


@pytest.mark.parametrize("region", sorted(phonenumbers.SUPPORTED_REGIONS | {"001"}))
def test_first_group_length_equals_the_formatted_form(region: str) -> None:
    """The split read off the format rule's match equals splitting phonenumbers' own
    international form, for examples of every type and their neighbours of other lengths."""
    if region == "001":
        examples = [phonenumbers.example_number_for_non_geo_entity(code)
                    for code in phonenumbers.COUNTRY_CODES_FOR_NON_GEO_REGIONS]
    else:
        examples = [phonenumbers.example_number_for_type(region, kind) for kind in range(11)]
    for example in filter(None, examples):
        nsn = phonenumbers.national_significant_number(example)
        for variant in (nsn, nsn[:-1], nsn + "1", nsn[:-2], nsn + "23", "1" + nsn[1:],
                        nsn[:2] + "0" + nsn[3:], nsn[:1] + "9" + nsn[2:]):
            if not variant:
                continue
            number = phonenumbers.PhoneNumber(country_code=example.country_code,
                                              national_number=int(variant),
                                              italian_leading_zero=variant.startswith("0"))
            digits = phonenumbers.national_significant_number(number)
            assert number_format.first_group_length(number, digits) == \
                _first_group_by_formatting(number), variant


@settings(max_examples=3000)
@given(REGIONS, st.from_regex(r"[1-9][0-9]{1,14}", fullmatch=True))
def test_first_group_length_equals_the_formatted_form_on_any_digits(region: str,
                                                                    digits: str) -> None:
    number = phonenumbers.PhoneNumber(
        country_code=phonenumbers.country_code_for_region(region), national_number=int(digits))
    assert number_format.first_group_length(number, digits) == \
        _first_group_by_formatting(number)
