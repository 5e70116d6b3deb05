"""channel_row: the stored form of a phone entry, with its shorter way for plain digits.

Whatever way a number takes, the row equals ``normalize_channel(...).as_row()``.
"""

from __future__ import annotations

import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_client.core import contacts
from desktop_client.core.contacts import channel_row, normalize_channel
from desktop_client.core.numbers import Location

LOCATIONS = [Location("CH"), Location("CH", "44"), Location("DE", "30", internal_digits=4),
             Location("US", "212"), Location("IT"), Location("GB", internal_digits=8),
             Location("AR"), Location("IS"), Location("FR", outside_line="0")]
COUNTRIES = ["", "CH", "DE", "FR", "IT", "US", "AR", "GB", "XX", "ch"]


def _same(raw: str, location: Location, country: str) -> None:
    assert channel_row(raw, location, country) == \
        normalize_channel(raw, location, country).as_row(), (raw, location, country)


@settings(max_examples=4000)
@given(st.text(alphabet="0123456789 +", max_size=24), st.sampled_from(LOCATIONS),
       st.sampled_from(COUNTRIES))
def test_plain_digits_give_the_same_row(raw: str, location: Location, country: str) -> None:
    _same(raw, location, country)


@settings(max_examples=1000)
@given(st.text(alphabet="0123456789 +-()/.,;#'=\"xtTel:\n\t\u00a0", max_size=30),
       st.sampled_from(LOCATIONS), st.sampled_from(COUNTRIES))
def test_other_input_gives_the_same_row(raw: str, location: Location, country: str) -> None:
    _same(raw, location, country)


@pytest.mark.parametrize("region", sorted(phonenumbers.SUPPORTED_REGIONS))
def test_every_region_s_real_numbers_give_the_same_row(region: str) -> None:
    for kind in range(11):
        example = phonenumbers.example_number_for_type(region, kind)
        if example is None:
            continue
        e164 = phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.E164)
        national = phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.NATIONAL)
        digits = "".join(c for c in national if c.isdigit())
        spaced = phonenumbers.format_number(example,
                                            phonenumbers.PhoneNumberFormat.INTERNATIONAL)
        for raw in (e164, digits, " ".join(national.split()), spaced, "00" + e164[1:],
                    e164[:-2], digits + "1", f"  {digits}  ", "0 " + digits[1:]):
            for location in (Location(region), Location("CH"), Location("US", "212"),
                             Location(region, "1", internal_digits=3)):
                for country in ("", region, "CH"):
                    _same(raw, location, country)


def test_plain_digits_take_the_short_way() -> None:
    ch = Location("CH")
    assert contacts._plain_number_row("044 668 18 00", ch, "") == (
        "+41446681800", "", None, "41", "44", "6681800", "+41 (44) 6681800", "")
    assert contacts._plain_number_row("+49 30 1234567", ch, "DE") is not None
    # what the pre-parser has to read goes the long way
    for raw in ("044 668 18 00 int. 12", "tel:+41446681800", "'044 668 18 00", "112",
                "044-668-18-00"):
        assert contacts._plain_number_row(raw, ch, "") is None
