"""Table-driven tests of normalize(): written forms, URIs and countries a user meets."""

from __future__ import annotations

import pytest

from desktop_client.core.numbers import Location, NumberError, NumberKind, Risk, normalize

CH = Location("CH")

# (location, input, e164, extension, canonical, type)
PUBLIC = [
    # Switzerland: every written form of one number
    (CH, "+41446681800", "+41446681800", "", "+41 (44) 6681800", "FIXED_LINE"),
    (CH, "+41 44 668 18 00", "+41446681800", "", "+41 (44) 6681800", "FIXED_LINE"),
    (CH, "+41 (0)44 668 18 00", "+41446681800", "", "+41 (44) 6681800", "FIXED_LINE"),
    (CH, "0041 44 668 18 00", "+41446681800", "", "+41 (44) 6681800", "FIXED_LINE"),
    (CH, "044 668 18 00", "+41446681800", "", "+41 (44) 6681800", "FIXED_LINE"),
    (CH, "044/668.18.00", "+41446681800", "", "+41 (44) 6681800", "FIXED_LINE"),
    (CH, " 044 668 18 00\n", "+41446681800", "", "+41 (44) 6681800", "FIXED_LINE"),
    (CH, "044\u00a0668\u00a018\u00a000", "+41446681800", "", "+41 (44) 6681800", "FIXED_LINE"),
    (CH, "＋４１４４６６８１８００", "+41446681800", "", "+41 (44) 6681800", "FIXED_LINE"),
    (CH, "+41 44 668 18 00 ext. 12", "+41446681800", "12", "+41 (44) 6681800", "FIXED_LINE"),
    (CH, "Tel. 044 668 18 00", "+41446681800", "", "+41 (44) 6681800", "FIXED_LINE"),
    (CH, "Mobile: +41 79 123 45 67", "+41791234567", "", "+41 (79) 1234567", "MOBILE"),
    (CH, "044 668 18 00 Durchwahl 12", "+41446681800", "12", "+41 (44) 6681800", "FIXED_LINE"),
    (CH, "044 668 18 00 int. 123", "+41446681800", "123", "+41 (44) 6681800", "FIXED_LINE"),
    (CH, "079 123 45 67", "+41791234567", "", "+41 (79) 1234567", "MOBILE"),
    (CH, "0800 123 456", "+41800123456", "", "+41 (800) 123456", "TOLL_FREE"),
    # tel: URIs (RFC 3966) and friends, ../shared/security.md
    (CH, "tel:+41-44-668-18-00", "+41446681800", "", "+41 (44) 6681800", "FIXED_LINE"),
    (CH, "tel:+41.44.668.18.00", "+41446681800", "", "+41 (44) 6681800", "FIXED_LINE"),
    (CH, "tel:+41(44)6681800", "+41446681800", "", "+41 (44) 6681800", "FIXED_LINE"),
    (CH, "TEL:+41446681800", "+41446681800", "", "+41 (44) 6681800", "FIXED_LINE"),
    (CH, "tel://+41446681800", "+41446681800", "", "+41 (44) 6681800", "FIXED_LINE"),
    (CH, "callto://+41446681800", "+41446681800", "", "+41 (44) 6681800", "FIXED_LINE"),
    (CH, "callto:+41446681800", "+41446681800", "", "+41 (44) 6681800", "FIXED_LINE"),
    (CH, "sip:+41446681800@pbx.example.com;user=phone", "+41446681800", "",
     "+41 (44) 6681800", "FIXED_LINE"),
    (CH, "sips:+41446681800@pbx.example.com", "+41446681800", "", "+41 (44) 6681800",
     "FIXED_LINE"),
    (CH, "tel:044 668 18 00", "+41446681800", "", "+41 (44) 6681800", "FIXED_LINE"),
    (CH, "tel:+41%2044%20668%2018%2000", "+41446681800", "", "+41 (44) 6681800", "FIXED_LINE"),
    (CH, "tel:%2B41446681800", "+41446681800", "", "+41 (44) 6681800", "FIXED_LINE"),
    (CH, "tel:+41446681800;ext=12", "+41446681800", "12", "+41 (44) 6681800", "FIXED_LINE"),
    (CH, "tel:+41446681800;isub=5;ext=12", "+41446681800", "12", "+41 (44) 6681800",
     "FIXED_LINE"),
    (CH, "tel:+41446681800;isub=5", "+41446681800", "", "+41 (44) 6681800", "FIXED_LINE"),
    (CH, "tel:+41446681800;npdi;rn=+1-202-555-0000", "+41446681800", "", "+41 (44) 6681800",
     "FIXED_LINE"),
    (CH, "tel:044-668-18-00;phone-context=+41", "+41446681800", "", "+41 (44) 6681800",
     "FIXED_LINE"),
    (Location("DE"), "tel:668-18-00;phone-context=+4144", "+41446681800", "",
     "+41 (44) 6681800", "FIXED_LINE"),
    # Germany
    (Location("DE"), "030 1234567", "+49301234567", "", "+49 (30) 1234567", "FIXED_LINE"),
    (Location("DE"), "+49 (0)89 12345678", "+498912345678", "", "+49 (89) 12345678",
     "FIXED_LINE"),
    (Location("DE"), "089/12345678", "+498912345678", "", "+49 (89) 12345678", "FIXED_LINE"),
    (Location("DE"), "0171 1234567", "+491711234567", "", "+49 (171) 1234567", "MOBILE"),
    (Location("DE"), "0180 5123456", "+491805123456", "", "+49 (180) 5123456", "SHARED_COST"),
    (Location("DE"), "0700 12345678", "+4970012345678", "", "+49 (700) 12345678",
     "PERSONAL_NUMBER"),
    (CH, "+49 30 1234567", "+49301234567", "", "+49 (30) 1234567", "FIXED_LINE"),
    # Austria
    (Location("AT"), "01 58858 0", "+431588580", "", "+43 (1) 588580", "FIXED_LINE"),
    (Location("AT"), "0664 1234567", "+436641234567", "", "+43 (664) 1234567", "MOBILE"),
    (Location("AT"), "0900 123456", "+43900123456", "", "+43 (900) 123456", "PREMIUM_RATE"),
    # France
    (Location("FR"), "01 42 68 53 00", "+33142685300", "", "+33 (1) 42685300", "FIXED_LINE"),
    (Location("FR"), "06 12 34 56 78", "+33612345678", "", "+33 (6) 12345678", "MOBILE"),
    (Location("FR"), "0899 123456", "+33899123456", "", "+33 (899) 123456", "PREMIUM_RATE"),
    # Italy: the leading zero is part of the number
    (Location("IT"), "06 1234 5678", "+390612345678", "", "+39 (06) 12345678", "FIXED_LINE"),
    (CH, "+39 06 1234 5678", "+390612345678", "", "+39 (06) 12345678", "FIXED_LINE"),
    (Location("IT"), "312 345 6789", "+393123456789", "", "+39 (312) 3456789", "MOBILE"),
    (Location("IT"), "899 123456", "+39899123456", "", "+39 (899) 123456", "PREMIUM_RATE"),
    # United Kingdom
    (Location("GB"), "020 7946 0958", "+442079460958", "", "+44 (20) 79460958", "FIXED_LINE"),
    (Location("GB"), "0870 123 4567", "+448701234567", "", "+44 (870) 1234567", "PREMIUM_RATE"),
    (Location("GB"), "056 1234 5678", "+445612345678", "", "+44 (56) 12345678", "VOIP"),
    (Location("GB"), "070 1234 5678", "+447012345678", "", "+44 (70) 12345678",
     "PERSONAL_NUMBER"),
    (Location("GB"), "0300 123 4567", "+443001234567", "", "+44 (300) 1234567", "UAN"),
    # United States
    (Location("US"), "(202) 555-0143", "+12025550143", "", "+1 (202) 5550143",
     "FIXED_LINE_OR_MOBILE"),
    (Location("US"), "+1 202 555 0143 x123", "+12025550143", "123", "+1 (202) 5550143",
     "FIXED_LINE_OR_MOBILE"),
    (Location("US"), "1-800-555-0199", "+18005550199", "", "+1 (800) 5550199", "TOLL_FREE"),
    (Location("US"), "900 555 0123", "+19005550123", "", "+1 (900) 5550123", "PREMIUM_RATE"),
    # Iceland: no area codes, so no brackets
    (Location("IS"), "555 1234", "+3545551234", "", "+354 5551234", "FIXED_LINE"),
    (CH, "+354 611 1234", "+3546111234", "", "+354 6111234", "MOBILE"),
    # Greece
    (Location("GR"), "21 0123 4567", "+302101234567", "", "+30 (21) 01234567", "FIXED_LINE"),
    (CH, "+30 21 0123 4567", "+302101234567", "", "+30 (21) 01234567", "FIXED_LINE"),
    # Letters are keypad digits, and flagged
    (CH, "tel:0800FLOWER", "+41800356937", "", "+41 (800) 356937", "TOLL_FREE"),
]


@pytest.mark.parametrize(("location", "text", "e164", "extension", "canonical", "kind"), PUBLIC)
def test_public_numbers(location: Location, text: str, e164: str, extension: str,
                        canonical: str, kind: str) -> None:
    number = normalize(text, location)
    assert number.kind == NumberKind.PUBLIC
    assert number.e164 == e164
    assert number.extension == extension
    assert number.canonical == canonical
    assert number.type == kind
    cc, rest = canonical[1:].split(" ", 1)
    assert number.country_code == cc
    assert f"+{number.country_code}{number.region_code}{number.detail}" == e164
    assert rest.replace("(", "").replace(")", "").replace(" ", "") == \
        number.region_code + number.detail


@pytest.mark.parametrize(("text", "risk"), [
    ("0900 123 456", {Risk.PREMIUM_RATE}),
    ("0848 123 456", {Risk.SHARED_COST}),
    ("0878 123 456", {Risk.PERSONAL}),
    ("+44 300 123 4567", {Risk.UAN}),
    ("+44 56 1234 5678", {Risk.VOIP}),
    ("tel:0800FLOWER", {Risk.LETTERS}),
    ("+41 44 668 18 00", set()),
])
def test_risk_of_public_numbers(text: str, risk: set[Risk]) -> None:
    assert normalize(text, CH).risk == risk


@pytest.mark.parametrize(("country", "text", "kind", "risk"), [
    ("CH", "tel:112", NumberKind.SHORT, {Risk.EMERGENCY, Risk.SHORT_CODE}),
    ("CH", "117", NumberKind.SHORT, {Risk.EMERGENCY, Risk.SHORT_CODE}),
    ("CH", "144", NumberKind.SHORT, {Risk.EMERGENCY, Risk.SHORT_CODE}),
    ("CH", "tel:1818", NumberKind.SHORT, {Risk.SHORT_CODE, Risk.PREMIUM_RATE}),
    ("US", "tel:911", NumberKind.SHORT, {Risk.EMERGENCY, Risk.SHORT_CODE}),
    ("DE", "110", NumberKind.SHORT, {Risk.EMERGENCY, Risk.SHORT_CODE}),
    ("AT", "133", NumberKind.SHORT, {Risk.EMERGENCY, Risk.SHORT_CODE}),
    ("FR", "15", NumberKind.SHORT, {Risk.EMERGENCY, Risk.SHORT_CODE}),
    ("GB", "999", NumberKind.SHORT, {Risk.EMERGENCY, Risk.SHORT_CODE}),
    ("IT", "113", NumberKind.SHORT, {Risk.EMERGENCY, Risk.SHORT_CODE}),
    ("GR", "100", NumberKind.SHORT, {Risk.EMERGENCY, Risk.SHORT_CODE}),
    ("IS", "112", NumberKind.SHORT, {Risk.EMERGENCY, Risk.SHORT_CODE}),
])
def test_short_and_emergency_numbers(country: str, text: str, kind: str, risk: set[Risk]) -> None:
    number = normalize(text, Location(country))
    assert number.kind == kind
    assert number.e164 is None
    assert number.risk == risk
    assert number.key.isdigit()


def test_emergency_beats_internal_extensions() -> None:
    number = normalize("112", Location("CH", internal_digits=3))
    assert number.kind == NumberKind.SHORT
    assert Risk.EMERGENCY in number.risk


def test_internal_extensions_by_length() -> None:
    location = Location("CH", internal_digits=4)
    assert normalize("7042", location).kind == NumberKind.INTERNAL
    assert normalize("7042", location).key == "7042"
    assert normalize("1818", location).kind == NumberKind.INTERNAL  # the PBX decides
    assert normalize("044 668 18 00", location).kind == NumberKind.PUBLIC


def test_private_phone_context_is_never_read_as_a_swiss_number() -> None:
    number = normalize("tel:7042;phone-context=example.com", CH)
    assert number.kind == NumberKind.INTERNAL
    assert number.e164 is None
    assert number.key == "7042"


def test_outside_line_prefix_is_stripped_from_incoming_numbers() -> None:
    location = Location("CH", outside_line="0")
    assert normalize("00446681800", location, incoming=True).e164 == "+41446681800"
    assert normalize("000491711234567", location, incoming=True).e164 == "+491711234567"
    # dialled by the user, 00 stays the international prefix
    assert normalize("0049 171 1234567", location).e164 == "+491711234567"


def test_incoming_without_outside_line_setting_reads_00_as_international() -> None:
    assert normalize("0041446681800", CH, incoming=True).e164 == "+41446681800"


def test_area_code_completes_local_numbers() -> None:
    location = Location("CH", area_code="044")
    assert location.area_code == "44"
    assert normalize("668 18 00", location).e164 == "+41446681800"
    assert normalize("031 123 45 67", location).e164 == "+41311234567"


@pytest.mark.parametrize(("location", "text", "code", "reason"), [
    (CH, "044 668", "too_short", "too short for Switzerland"),
    (CH, "+41 44 668", "too_short", "too short for Switzerland"),
    (CH, "+999 1234567", "unknown_country", "unknown country code"),
    (CH, "+41 44 668 18 00 00 00", "too_long", "too long for Switzerland"),
    (Location("DE"), "030 12", "not_valid", "is not a valid number in Germany"),
    (Location("AT"), "+43 1", "too_short", "too short for Austria"),
    (Location("GB"), "07700 900123", "not_valid", "is not a valid number in the United Kingdom"),
    (CH, "+49900123456789", "not_valid", "is not a valid number in Germany"),
    (CH, "tel:+4144;id", "too_short", "too short for Switzerland"),
    (CH, "", "empty", "no number given"),
    (CH, "   ", "empty", "no number given"),
    (CH, "anonymous", "not_a_number", "contains no digits"),
])
def test_numbers_without_normalized_form_say_why(location: Location, text: str, code: str,
                                                 reason: str) -> None:
    with pytest.raises(NumberError) as caught:
        normalize(text, location)
    assert caught.value.code == code
    assert caught.value.reason == reason
    assert caught.value.text == text


def test_possible_but_unknown_numbers_carry_their_e164_for_a_confirmation() -> None:
    with pytest.raises(NumberError) as caught:
        normalize("+49900123456789", CH)
    assert caught.value.possible_e164 == "+49900123456789"
    assert Risk.NOT_VALID in caught.value.risk


def test_display_forms() -> None:
    number = normalize("tel:+41446681800;ext=12", CH)
    assert number.international == "+41 44 668 18 00"
    assert number.national == "044 668 18 00"
    assert number.region_code == "44"
    assert number.detail == "6681800"


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"country": "XX"}, "unknown country code"),
    ({"area_code": "4a"}, "area code"),
    ({"outside_line": "00000"}, "outside-line"),
    ({"internal_digits": 12}, "internal extensions"),
])
def test_location_refuses_bad_settings(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Location(**kwargs)  # type: ignore[arg-type]
