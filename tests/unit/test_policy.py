"""The dial policy: what is dialled at once, after a countdown, after a click, or never."""

from __future__ import annotations

import pytest

from desktop_client.core.numbers import Location, Risk
from desktop_client.outgoing.policy import Action, DialSettings, RateLimiter, Source, decide

CH = Location("CH")
DEFAULT = DialSettings()


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _decide(text: str, source: Source = Source.OUTSIDE, settings: DialSettings = DEFAULT,
            limiter: RateLimiter | None = None) -> object:
    return decide(text, source, CH, settings, limiter or RateLimiter())


def test_normal_number_from_outside_gets_a_countdown() -> None:
    decision = decide("tel:+41-44-668-18-00", Source.OUTSIDE, CH, DEFAULT, RateLimiter())
    assert decision.action == Action.DIAL
    assert decision.countdown_s == 2
    assert decision.target is not None and decision.target.key == "+41446681800"


def test_the_users_own_click_dials_at_once() -> None:
    decision = decide("044 668 18 00", Source.USER, CH, DEFAULT, RateLimiter())
    assert (decision.action, decision.countdown_s) == (Action.DIAL, 0)


def test_countdown_zero_when_chosen() -> None:
    decision = decide("044 668 18 00", Source.OUTSIDE, CH, DialSettings(countdown_s=0),
                      RateLimiter())
    assert (decision.action, decision.countdown_s) == (Action.DIAL, 0)


@pytest.mark.parametrize(("text", "risk"), [
    ("tel:0900123456", Risk.PREMIUM_RATE), ("tel:112", Risk.EMERGENCY),
    ("tel:1818", Risk.SHORT_CODE), ("tel:0800FLOWER", Risk.LETTERS),
    ("0848 123 456", Risk.SHARED_COST), ("+44 56 1234 5678", Risk.VOIP),
])
def test_risky_numbers_need_a_click_even_from_the_user(text: str, risk: Risk) -> None:
    for source in Source:
        decision = decide(text, source, CH, DEFAULT, RateLimiter())
        assert decision.action == Action.CONFIRM
        assert decision.target is not None and risk in decision.target.risk


def test_emergency_reason_names_it() -> None:
    decision = decide("tel:112", Source.OUTSIDE, CH, DEFAULT, RateLimiter())
    assert "EMERGENCY" in decision.reason


def test_possible_but_unknown_number_needs_a_click() -> None:
    decision = decide("tel:+49900123456789", Source.OUTSIDE, CH, DEFAULT, RateLimiter())
    assert decision.action == Action.CONFIRM
    assert decision.target is not None and decision.target.key == "+49900123456789"
    assert Risk.NOT_VALID in decision.target.risk


@pytest.mark.parametrize("text", ["tel:*#06#", 'tel:1" -platformpluginpath /tmp/x "',
                                  "tel:+41%0d%0aAction:%20Originate", "tel:+41446681800p1234",
                                  "", "x" * 10_000])
def test_hostile_and_malformed_input_is_refused(text: str) -> None:
    decision = decide(text, Source.OUTSIDE, CH, DEFAULT, RateLimiter())
    assert decision.action == Action.REJECT
    assert decision.target is None
    assert decision.reason


def test_confirm_external_and_always() -> None:
    external = DialSettings(confirm="external")
    assert decide("044 668 18 00", Source.OUTSIDE, CH, external,
                  RateLimiter()).action == Action.CONFIRM
    assert decide("044 668 18 00", Source.USER, CH, external, RateLimiter()).action == Action.DIAL
    always = DialSettings(confirm="always")
    assert decide("044 668 18 00", Source.USER, CH, always,
                  RateLimiter()).action == Action.CONFIRM


def test_the_same_number_again_within_3_s_is_dropped() -> None:
    clock = Clock()
    limiter = RateLimiter(clock)
    assert decide("044 668 18 00", Source.OUTSIDE, CH, DEFAULT, limiter).action == Action.DIAL
    clock.now += 1
    again = decide("+41 44 668 18 00", Source.OUTSIDE, CH, DEFAULT, limiter)
    assert again.action == Action.REJECT and "again" in again.reason
    clock.now += 3
    assert decide("044 668 18 00", Source.OUTSIDE, CH, DEFAULT, limiter).action == Action.DIAL


def test_at_most_n_dials_a_minute() -> None:
    clock = Clock()
    limiter = RateLimiter(clock)
    settings = DialSettings(per_minute=3)
    for i in range(3):
        assert decide(f"044 668 18 0{i}", Source.OUTSIDE, CH, settings,
                      limiter).action == Action.DIAL
        clock.now += 5
    flood = decide("044 668 18 09", Source.OUTSIDE, CH, settings, limiter)
    assert flood.action == Action.REJECT and "minute" in flood.reason
    clock.now += 61
    assert decide("044 668 18 09", Source.OUTSIDE, CH, settings, limiter).action == Action.DIAL


# A domain phone-context does not make a number internal: the PBX dials its digits.
OFFICE = Location("CH", outside_line="0", internal_digits=4)


@pytest.mark.parametrize(("text", "risk"), [
    ("tel:112;phone-context=example.com", Risk.EMERGENCY),
    ("tel:117;phone-context=pbx.example.com", Risk.EMERGENCY),
    ("sip:144;phone-context=corp.example@pbx.example.com", Risk.EMERGENCY),
    ("callto:112;phone-context=example.com", Risk.EMERGENCY),
    ("tel:0900123456;phone-context=pbx.example.com", Risk.PREMIUM_RATE),
    ("tel:1818;phone-context=example.com", Risk.PREMIUM_RATE),
    ("tel:143;phone-context=example.com", Risk.SHORT_CODE),
    ("tel:0041446681800;phone-context=example.com", Risk.NOT_VALID),
    ("tel:044123;phone-context=example.com", Risk.NOT_VALID),  # the outside line first
    ("tel:12345678;phone-context=example.com", Risk.NOT_VALID),  # longer than an extension
])
def test_a_domain_context_number_is_judged_by_its_digits(text: str, risk: Risk) -> None:
    for location in (CH, OFFICE):
        for source in Source:
            decision = decide(text, source, location, DEFAULT, RateLimiter())
            assert decision.action == Action.CONFIRM, (text, location, source)
            assert decision.target is not None and risk in decision.target.risk


def test_a_plausible_extension_in_a_domain_context_dials_after_the_countdown() -> None:
    decision = decide("tel:7042;phone-context=example.com", Source.OUTSIDE, OFFICE, DEFAULT,
                      RateLimiter())
    assert (decision.action, decision.countdown_s) == (Action.DIAL, 2)
    assert decision.target is not None and decision.target.key == "7042"
    unconfigured = decide("tel:7042;phone-context=example.com", Source.OUTSIDE, CH, DEFAULT,
                          RateLimiter())
    assert unconfigured.action == Action.CONFIRM  # no internal_digits: nothing is plausible


def test_a_typed_context_is_refused() -> None:
    """Typed or pasted text is a number, not a URI: its parameters are refused outright."""
    decision = decide("112;phone-context=example.com", Source.USER, OFFICE, DEFAULT,
                      RateLimiter())
    assert decision.action == Action.REJECT


@pytest.mark.parametrize(("text", "risk"), [
    ("tel:0112", Risk.EMERGENCY),  # outside line 0, then 112: the PBX dials 112
    ("tel:0144", Risk.EMERGENCY),
    ("tel:0117", Risk.EMERGENCY),
    ("tel:01818", Risk.PREMIUM_RATE),  # outside line, then a premium short code
    ("tel:911", Risk.EMERGENCY),  # other countries' best-known numbers: phones dial them
    ("tel:999", Risk.EMERGENCY),
    ("tel:000", Risk.EMERGENCY),
])
def test_emergency_and_short_codes_behind_the_outside_line(text: str, risk: Risk) -> None:
    for source in Source:
        decision = decide(text, source, OFFICE, DEFAULT, RateLimiter())
        assert decision.action == Action.CONFIRM, (text, source, decision.reason)
        assert decision.target is not None and risk in decision.target.risk


def test_ordinary_extensions_stay_one_click_away() -> None:
    for extension in ("101", "110", "7042", "200"):
        decision = decide(f"tel:{extension}", Source.USER, OFFICE, DEFAULT, RateLimiter())
        assert decision.action == Action.DIAL, (extension, decision.reason)
