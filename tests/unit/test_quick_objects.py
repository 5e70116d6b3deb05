"""The short ways of the caller lookup give what the long ways gave: the pre-parser's path for
plain written numbers, and objects made without their frozen ``__init__``."""

from __future__ import annotations

import dataclasses
import pickle
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_client.core import dial_input
from desktop_client.core.contacts import (
    Address,
    AddressRecord,
    ChannelEntry,
    Match,
    NormalizedFields,
)
from desktop_client.core.dial_input import DialInput, NumberError, parse_dial_input
from desktop_client.core.directory import Directory
from desktop_client.core.numbers import Location, NormalizedNumber, normalize


def _long_way(text: str) -> DialInput:
    """parse_dial_input before the short way, for text without a scheme."""
    stripped = text.strip()
    dial_input._refuse_invisible(stripped, text)
    if not stripped:
        raise NumberError("empty", "no number given", text=text)
    assert dial_input._SCHEME.match(stripped) is None
    return dial_input._parse_plain(text, stripped)


def _outcome(parse: object, text: str) -> object:
    try:
        return parse(text)  # type: ignore[operator]
    except NumberError as error:
        return ("error", error.code, error.reason, error.text)


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet="0123456789+ ()./-\t\u00a0x#", max_size=30))
def test_plain_written_numbers_take_the_short_way_to_the_same_result(text: str) -> None:
    assert _outcome(parse_dial_input, text) == _outcome(_long_way, text)


@pytest.mark.parametrize("text", [
    "+41 44 668 18 00", "0446681800", "0041 44 668 18 00", "044/668.18.00", "(044) 668-18-00",
    "+41 (0)44 668 18 00", " 044 668 18 00 ", "044+668", "()", "+", "00", "1" * 40, "0-",
    "+41446681800+", "...", "+ 41 44",
])
def test_written_forms(text: str) -> None:
    assert _outcome(parse_dial_input, text) == _outcome(_long_way, text)
    result = parse_dial_input(text) if not isinstance(_outcome(parse_dial_input, text),
                                                       tuple) else None
    if result is not None:
        assert type(result) is DialInput
        assert result == DialInput(text, result.number, "", "", "", result.letters,
                                   result.service_code)
        assert hash(result) == hash(DialInput(text, result.number, "", "", "", result.letters,
                                              result.service_code))
        with pytest.raises(dataclasses.FrozenInstanceError):
            result.number = "1"  # type: ignore[misc]
        assert pickle.loads(pickle.dumps(result)) == result


def test_a_normalized_number_is_the_frozen_dataclass() -> None:
    number = normalize("044 668 18 00", Location("CH"))
    built = NormalizedNumber(input="044 668 18 00", kind="public", key="+41446681800",
                             extension="", country_code="41", type=number.type,
                             risk=frozenset(), region="CH", _parsed=None)
    assert type(number) is NormalizedNumber
    assert number == built and hash(number) == hash(built)
    assert [f.name for f in dataclasses.fields(NormalizedNumber)] == list(vars(number))
    with pytest.raises(dataclasses.FrozenInstanceError):
        number.key = "+41446681801"  # type: ignore[misc]
    assert (number.international, number.national, number.canonical) == (
        "+41 44 668 18 00", "044 668 18 00", "+41 (44) 6681800")
    assert dataclasses.replace(number, extension="12").extension == "12"


def test_a_lookup_match_is_the_frozen_dataclasses(tmp_path: Path) -> None:
    """The lookup builds its matches without their __init__; they are the same objects."""
    with Directory(tmp_path / "directory.sqlite3") as directory, directory.transaction():
        directory.put(AddressRecord(
            "person", "Anna", "Meier", "Muster AG", external_id="",
            link_url="https://crm.example/5",
            channels=(("phone", "044 668 18 42 ext. 12"),)), Location("CH"), source="ldap")
    with Directory(tmp_path / "directory.sqlite3") as directory:
        (made,) = directory.lookup("+41 44 668 18 42", Location("CH"))
        stored = directory.address(made.address.id)
    assert stored is not None
    expected = Match(dataclasses.replace(stored, channels=()), stored.channels[0], "exact")
    assert made == expected and hash(made) == hash(expected) and repr(made) == repr(expected)
    for obj, cls in ((made, Match), (made.address, Address), (made.channel, ChannelEntry),
                     (made.channel.normalized, NormalizedFields)):
        assert type(obj) is cls
        assert [f.name for f in dataclasses.fields(cls)] == list(cls.__slots__)
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(obj, cls.__slots__[0], None)
    assert dataclasses.replace(made.address, kind="company").kind == "company"
    assert pickle.loads(pickle.dumps(made)) == expected


def test_a_probable_company_match_is_the_frozen_dataclasses(tmp_path: Path) -> None:
    """A person row shown as its company: what dataclasses.replace made before, the same."""
    with Directory(tmp_path / "directory.sqlite3") as directory:
        with directory.transaction():
            directory.put(AddressRecord(
                "person", "Anna", "Meier", "Beispiel GmbH", external_id="crm-5",
                link_url="https://crm.example/5", channels=(("phone", "044 668 18 42"),)),
                Location("CH"), source="crm")
            directory.put(AddressRecord(
                "person", "Beat", "Meier", "beispiel gmbh", external_id="crm-6",
                channels=(("phone", "044 668 18 43"),)), Location("CH"), source="crm")
        (made,) = directory.lookup("+41 44 668 18 77", Location("CH"))
        stored = directory.address(made.address.id)
    assert stored is not None
    expected = Match(dataclasses.replace(
        stored, kind="company", first_name="", last_name="", external_id="", link_url="",
        channels=()), stored.channels[0], "probable")
    assert made == expected and hash(made) == hash(expected) and repr(made) == repr(expected)
    assert (made.address.first_name, made.address.source) == ("", "crm")
    assert type(made.address) is Address and type(made) is Match
    assert pickle.loads(pickle.dumps(made)) == expected
