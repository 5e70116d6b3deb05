"""Numbers as people keep them in address books: read, while tel: links stay strict."""

from __future__ import annotations

import pytest

from desktop_client.core.contacts import normalize_channel
from desktop_client.core.numbers import Location, NumberError, normalize
from desktop_client.core.stored_numbers import stored_number_text

CH = Location("CH", area_code="44")


@pytest.mark.parametrize(("raw", "e164", "extension"), [
    ("'+43150165-0", "+431501650", ""),
    ('="044 668 18 00"', "+41446681800", ""),
    ("+41 44 668 18 00 int. 123", "+41446681800", "123"),
    ("044 668 18 00 Int. 12", "+41446681800", "12"),
    ("044 668 18 00 intern 12", "+41446681800", "12"),
    ("044 668 18 00 #12", "+41446681800", "12"),
    ("044 668 18 00, 12", "+41446681800", "12"),
    ("044 668 18 00; 12", "+41446681800", "12"),
    ("+33 1 23 45 67 89 poste 42", "+33123456789", "42"),
    ("044 668 18 00 Apparat 7", "+41446681800", "7"),
    ("044 668 18 00 Durchwahl 55", "+41446681800", "55"),
    ("+41 (0)44 668 18 00 ext. 9", "+41446681800", "9"),
])
def test_written_forms_of_stored_numbers(raw: str, e164: str, extension: str) -> None:
    fields = normalize_channel(raw, CH)
    assert (fields.e164, fields.extension, fields.error) == (e164, extension, "")


def test_the_contacts_country_reads_its_national_numbers() -> None:
    french = normalize_channel("05 53 28 59 00", CH, "FR")
    assert french.e164 == "+33553285900"
    swiss_reading = normalize_channel("05 53 28 59 00", CH)
    assert swiss_reading.e164 != "+33553285900"
    assert normalize_channel("+41 44 668 18 00", CH, "FR").e164 == "+41446681800"
    assert normalize_channel("668 18 00", CH, "DE").e164 != "+41446681800"  # no CH area code
    assert normalize_channel("044 668 18 00", CH, "ZZ").e164 == "+41446681800"  # unknown


def test_tel_links_stay_strict() -> None:
    """security.md: in a tel: link, '#', ',' and letters are refused, not read."""
    for uri in ("tel:044 668 18 00 #12", "tel:0446681800,12", "tel:0446681800 int. 12"):
        with pytest.raises(NumberError):
            normalize(uri, CH)
    assert stored_number_text("tel:0446681800") == "tel:0446681800"
