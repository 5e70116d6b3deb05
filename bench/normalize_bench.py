"""``normalize``: our normalize() against bare phonenumbers.parse + format_number(E164)."""

from __future__ import annotations

import phonenumbers
from phonenumbers import PhoneNumberFormat

from bench.corpus import mixed_numbers
from bench.figures import Figure, interleaved
from desktop_client.core.numbers import Location, NumberError, normalize


def bare_phonenumbers(pairs: list[tuple[str, str]]) -> float:
    """Seconds for phonenumbers alone over (text, region) pairs."""
    import time

    started = time.perf_counter()
    for text, region in pairs:
        try:
            phonenumbers.format_number(phonenumbers.parse(text, region), PhoneNumberFormat.E164)
        except phonenumbers.NumberParseException:
            pass
    return time.perf_counter() - started


def ours(pairs: list[tuple[str, str]], locations: dict[str, Location]) -> float:
    """Seconds for our normalize() over the same pairs."""
    import time

    started = time.perf_counter()
    for text, region in pairs:
        try:
            normalize(text, locations[region])
        except NumberError:
            pass
    return time.perf_counter() - started


def run(scale: float) -> list[Figure]:
    """100,000 mixed numbers (at scale 1)."""
    count = max(1000, int(100_000 * scale))
    pairs = mixed_numbers(count)
    locations = {region: Location(region) for _text, region in pairs}
    ours(pairs[:2000], locations)  # load every region's metadata before timing
    bare_phonenumbers(pairs[:2000])
    base_s, our_s = interleaved(lambda: bare_phonenumbers(pairs), lambda: ours(pairs, locations),
                                rounds=3)
    return [Figure("normalize", our_s / count * 1e6, "us/number", base_s / count * 1e6,
                   "phonenumbers parse+format E164", target=1.3)]
