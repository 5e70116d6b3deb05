"""Phone numbers in free text ("Rufen Sie mich an: 044 668 18 00, ab 14 Uhr").

The text is whatever a user selected in another program: an e-mail, a PDF, a web page. The
numbers in it are found with phonenumbers' own matcher for the user's country (the port of
libphonenumber's PhoneNumberMatcher, which knows where a number begins and ends in prose, skips
dates and times and reads "ext." and "Durchwahl"), never with a regular expression of our own.
Each number found is returned as it is written, so it goes through the usual dial policy like
any other input.
"""

from __future__ import annotations

from dataclasses import dataclass

import phonenumbers
from phonenumbers import Leniency, PhoneNumberFormat, PhoneNumberMatcher

from desktop_client.core.numbers import Location

#: Text beyond this is not searched: a whole document selected by mistake costs no time.
MAX_TEXT = 20_000
#: A picker with more numbers than this is no help.
MAX_NUMBERS = 8
#: A matched number longer than this is not one a person would dial.
MAX_NUMBER_CHARS = 40


@dataclass(frozen=True, slots=True)
class FoundNumber:
    """One number in the text: as written, and its international form."""

    raw: str
    international: str
    e164: str


def find_numbers(text: str, location: Location, limit: int = MAX_NUMBERS) -> list[FoundNumber]:
    """The numbers in ``text`` in their order, each once (by E.164 and extension), at most
    ``limit``.

    Numbers without a country code are read for ``location``'s country. A number written
    twice (a signature and the body) is offered once.
    """
    found: list[FoundNumber] = []
    seen: set[str] = set()
    matcher = PhoneNumberMatcher(text[:MAX_TEXT], location.country, leniency=Leniency.VALID)
    for match in matcher:
        raw = " ".join(match.raw_string.split())
        if len(raw) > MAX_NUMBER_CHARS:
            continue
        e164 = phonenumbers.format_number(match.number, PhoneNumberFormat.E164)
        key = f"{e164};{match.number.extension or ''}"
        if key in seen:
            continue
        seen.add(key)
        international = phonenumbers.format_number(match.number,
                                                   PhoneNumberFormat.INTERNATIONAL)
        found.append(FoundNumber(raw, international, e164))
        if len(found) >= limit:
            break
    return found
