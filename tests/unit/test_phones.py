"""The phone systems' registry: one module per system, found by name, lists kept together."""

from __future__ import annotations

import pytest

from desktop_client import phones
from desktop_client.core import config as config_mod
from desktop_client.core.dial import DialError, DialRequest, Payload
from desktop_client.ui.settings_texts import SOURCE_CHOICES


def test_every_system_answers_to_its_name_and_source() -> None:
    for name in phones.SYSTEMS:
        assert phones.system(name).name == name
    for source, name in phones.SOURCES.items():
        assert phones.system(name).source == source
    with pytest.raises(phones.UnknownSystemError):
        phones.system("skype")


def test_the_settings_offer_exactly_the_registered_systems_and_sources() -> None:
    choices = next(s.choices for s in config_mod.SCHEMA if s.name == "dial.backend")
    assert set(choices) == set(phones.SYSTEMS)
    assert {source for source, _label in SOURCE_CHOICES} == set(phones.SOURCES)


@pytest.mark.parametrize(("backend", "sources", "expected"), [
    ("command", (), ["command"]),
    ("baresip", ("baresip",), ["baresip"]),
    ("command", ("ami", "baresip"), ["command", "ami", "baresip"]),
    ("deskphone", ("action_url", "fritzbox"), ["deskphone", "fritzbox"]),
    ("ami", ("baresip", "ami"), ["ami", "baresip"]),
])
def test_wanted_is_the_dialling_system_then_the_sources_once_each(
        backend: str, sources: tuple[str, ...], expected: list[str]) -> None:
    config = config_mod.defaults().with_values(dial__backend=backend, cti__sources=sources)
    assert [s.name for s in phones.wanted(config)] == expected


@pytest.mark.parametrize("name", ["ami", "freeswitch", "linphone"])
def test_once_refuses_the_systems_whose_connection_the_tray_keeps(name: str) -> None:
    request = DialRequest(name, "+41446681800", Payload())
    with pytest.raises(DialError, match=f"--once does not work with the {name} backend"):
        phones.system(name).dial_once(request, config_mod.defaults(), lambda _key: None)


def test_only_the_systems_with_a_connection_say_so() -> None:
    keep = {name for name in phones.SYSTEMS if phones.system(name).keeps_connection}
    assert keep == {"baresip", "linphone", "freeswitch", "ami"}
