"""Every input of ../shared/security.md: refused with a reason, or one clean number."""

from __future__ import annotations

import re

import phonenumbers
import pytest

from desktop_client.core import dial_input, numbers
from desktop_client.core.numbers import (
    Location,
    NumberError,
    NumberKind,
    Risk,
    normalize,
    parse_dial_input,
)

CH = Location("CH")
E164 = re.compile(r"\+[1-9][0-9]{3,14}")


@pytest.mark.parametrize(("text", "code"), [
    ('tel:1" -platformpluginpath /tmp/x "', "bad_character"),
    ("tel:--help", "not_a_number"),
    ("tel:-e", "not_a_number"),
    ("tel:/c calc", "bad_character"),
    ("tel:+41446681800&calc.exe", "bad_character"),
    ("tel:+41446681800|id", "bad_character"),
    ("tel:$(touch${IFS}/tmp/pwn)", "bad_character"),
    ("tel:+41%0d%0aAction:%20Originate", "control_character"),
    ("tel:+41%00", "control_character"),
    ("tel:%252B41446681800", "bad_character"),
    ("tel:%2", "bad_escape"),
    ("tel:%C3%28", "bad_escape"),
    ("tel:+41446681800;phone-context=+41;phone-context=+49", "duplicate_parameter"),
    ("tel:+41446681800;ext=12;ext=13", "duplicate_parameter"),
    ("tel:+41446681800;ext=1a", "bad_extension"),
    ("tel:+41446681800;ext=12345678901", "bad_extension"),
    ("tel:+41446681800;a b=1", "bad_parameter"),
    ("tel:7042;phone-context=exa mple.com", "bad_context"),
    ("tel:+41446681800p1234", "pause"),
    ("tel:+41446681800,1234", "pause"),
    ("tel:+41446681800w1234", "pause"),
    ("tel:0000000000" + " " * 25 + "Spoofed", "letters"),
    ("tel:\u202e+41446681800", "control_character"),
    ("tel:+41446681800\u200b", "control_character"),
    ("+41446681800\u202e", "control_character"),
    ("tel:%E2%80%AE+41446681800", "control_character"),
    ("+41446681800\r\nAction: Originate", "control_character"),
    ('1","command":"quit', "bad_character"),
    ("123&RELEASE_ALL_CALLS", "bad_character"),
    ("123;F_TRANSFER", "bad_character"),
    ("tel:123;F_TRANSFER", "bad_parameter"),
    ("1@evil.example", "bad_character"),
    ("sip:user:secret@pbx.example.com", "not_a_number"),
    ("sip:alice@example.com", "not_a_number"),
    ("sip:alice42@example.com", "letters"),
    ("+41 44 + 668", "misplaced_plus"),
    ("tel:" + "1" * 19, "too_long"),
    ("x" * (1 << 20), "too_long"),
    ("tel:+41" + "(" * 100_000, "too_long"),
    ("anonymous", "not_a_number"),
    ("", "empty"),
    ("\x00", "control_character"),
    ("<img src=x>", "bad_character"),
])
def test_hostile_input_is_refused_with_a_reason(text: str, code: str) -> None:
    with pytest.raises(NumberError) as caught:
        normalize(text, CH)
    assert caught.value.code == code
    assert caught.value.reason


@pytest.mark.parametrize("text", ["tel:*#06#", "tel:**21*0900123456%23", "tel:#96*4*", "*31#"])
def test_star_hash_codes_are_named_never_dialled_as_a_number(text: str) -> None:
    parsed = parse_dial_input(text)
    assert parsed.service_code
    with pytest.raises(NumberError) as caught:
        normalize(text, CH)
    assert caught.value.code == "service_code"
    assert caught.value.risk == {Risk.STAR_HASH}


@pytest.mark.parametrize("text", [
    "tel:+41-44-668-18-00", "tel:+41.44.668.18.00", "tel:+41(44)6681800", "TEL:+41446681800",
    "tel://+41446681800", "callto://+41446681800", "sip:+41446681800@pbx.example.com;user=phone",
    "tel:044 668 18 00", "tel:+41%2044%20668%2018%2000", "tel:044-668-18-00;phone-context=+41",
    "＋４１４４６６８１８００", "0041446681800",
])
def test_all_written_forms_give_one_number(text: str) -> None:
    number = normalize(text, CH)
    assert number.e164 == "+41446681800"
    assert number.extension == ""


def test_isub_is_dropped_and_never_merged_into_the_number() -> None:
    number = normalize("tel:+41446681800;isub=5;ext=12", CH)
    assert (number.e164, number.extension) == ("+41446681800", "12")


def test_phone_context_domain_is_a_private_number() -> None:
    parsed = parse_dial_input("tel:7042;phone-context=example.com")
    assert parsed.is_private
    assert normalize(parsed, CH).kind == NumberKind.INTERNAL


@pytest.mark.parametrize("text", ["tel:0900123456", "tel:+49900123456789", "tel:112", "tel:911",
                                  "tel:1818", "tel:0800FLOWER"])
def test_risky_numbers_are_marked(text: str) -> None:
    try:
        risk = normalize(text, CH).risk
    except NumberError as error:
        risk = error.risk
    assert risk, f"{text} must need a click"


def test_emergency_number_is_marked_as_such() -> None:
    assert Risk.EMERGENCY in normalize("tel:112", CH).risk


def test_cti_numbers() -> None:
    pbx = Location("CH", outside_line="0")
    assert normalize("0041446681800", CH, incoming=True).e164 == "+41446681800"
    assert normalize("00446681800", pbx, incoming=True).e164 == "+41446681800"
    assert normalize("446681800", CH, incoming=True).e164 == "+41446681800"


def test_huge_inputs_cost_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Refused on their length before any decoding or parsing (the time is in bench/)."""
    def never(*_args: object) -> None:
        raise AssertionError("a huge input reached the decoder or the parser")

    for name in ("_percent_decode_once", "_parse_plain", "_clean_number"):
        monkeypatch.setattr(dial_input, name, never)
    monkeypatch.setattr(numbers, "parse_clean", never)
    monkeypatch.setattr(phonenumbers, "parse", never)
    for text in ("x" * (1 << 20), "(" * 100_000, "tel:" + "%25" * 300_000):
        with pytest.raises(NumberError, match="longer than 256 characters") as refused:
            normalize(text, CH)
        assert refused.value.text == text[:40] + "…"  # the message names it, not repeats it


def test_what_leaves_the_parser_is_only_digits() -> None:
    for text in ("tel:+41446681800;ext=12", "tel:0800FLOWER", "tel:7042;phone-context=x.org",
                 "tel:112", "+1 202 555 0143 x7"):
        number = normalize(text, CH)
        assert E164.fullmatch(number.key) or number.key.isdigit()
        assert number.extension == "" or re.fullmatch(r"[0-9]{1,10}", number.extension)
