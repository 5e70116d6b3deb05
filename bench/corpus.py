"""Deterministic test data: real-world phone numbers in the forms people write them."""

from __future__ import annotations

import random
from collections.abc import Iterator

import phonenumbers
from phonenumbers import PhoneNumberFormat, PhoneNumberType

REGIONS = ("CH", "DE", "AT", "FR", "IT", "GB", "US", "IS", "GR", "NL", "ES", "BE")
KINDS = (PhoneNumberType.FIXED_LINE, PhoneNumberType.MOBILE, PhoneNumberType.TOLL_FREE)


def _valid_numbers(rng: random.Random, region: str) -> Iterator[phonenumbers.PhoneNumber]:
    examples = [e for k in KINDS if (e := phonenumbers.example_number_for_type(region, k))]
    while True:
        example = rng.choice(examples)
        nsn = phonenumbers.national_significant_number(example)
        tail = "".join(rng.choice("0123456789") for _ in range(4))
        candidate = phonenumbers.parse("+" + str(example.country_code) + nsn[:-4] + tail)
        if phonenumbers.is_valid_number(candidate):
            yield candidate


def written_forms(number: phonenumbers.PhoneNumber, region: str,
                  rng: random.Random) -> list[str]:
    """The ways people and programs write one number."""
    e164 = phonenumbers.format_number(number, PhoneNumberFormat.E164)
    intl = phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)
    national = phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
    forms = [e164, intl, national, "00" + e164[1:],
             phonenumbers.format_number(number, PhoneNumberFormat.RFC3966),
             national.replace(" ", "."), national.replace(" ", "", 1).replace(" ", "/", 1)]
    if national.startswith("0"):
        cc = str(number.country_code)
        forms.append(f"+{cc} (0){national[1:]}")
    return [rng.choice(forms)]


def mixed_numbers(count: int, seed: int = 7) -> list[tuple[str, str]]:
    """``count`` (raw text, region) pairs: several countries, all written forms."""
    rng = random.Random(seed)
    generators = {region: _valid_numbers(rng, region) for region in REGIONS}
    result: list[tuple[str, str]] = []
    while len(result) < count:
        region = rng.choice(REGIONS)
        number = next(generators[region])
        result.extend((form, region) for form in written_forms(number, region, rng))
    return result[:count]


def vcard(index: int, number: str) -> str:
    """One vCard 3.0 with a phone and a mobile number."""
    return (
        "BEGIN:VCARD\r\nVERSION:3.0\r\n"
        f"N:Muster{index};Anna;;;\r\nFN:Anna Muster{index}\r\nORG:Firma {index // 10} AG\r\n"
        f"UID:urn:uuid:bench-{index}\r\n"
        f"TEL;TYPE=WORK,VOICE:{number}\r\nTEL;TYPE=CELL:+41 79 {index % 1000:03d} "
        f"{index // 1000 % 100:02d} 67\r\n"
        f"EMAIL;TYPE=INTERNET:anna{index}@example.com\r\nEND:VCARD\r\n"
    )
