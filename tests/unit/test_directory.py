"""The contact directory in a real SQLite file: store, migrate, look up."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_client.core import store
from desktop_client.core.directory import (
    LOOKUP_BLOCK_SQL,
    LOOKUP_E164_SQL,
    MIGRATIONS,
    AddressRecord,
    Directory,
)
from desktop_client.core.numbers import Location, NumberError

CH = Location("CH")

MUSTER = AddressRecord("company", company="Muster AG", external_id="C1",
                       link_url="https://crm.example/C1",
                       channels=(("phone", "044 668 18 00"), ("fax", "044 668 18 01"),
                                 ("email", "info@muster.example")))
MEIER = AddressRecord("person", "Anna", "Meier", "Muster AG", external_id="P1",
                      channels=(("phone", "+41 44 668 18 42"), ("mobile", "079 123 45 67")))
RECEPTION = AddressRecord("person", "Rita", "Empfang", "Muster AG", external_id="P2",
                          channels=(("phone", "tel:+41446681800;ext=10"),))
BROKEN = AddressRecord("person", "Hans", "Kaputt", external_id="P3",
                       channels=(("phone", "044 668"), ("phone", "Zentrale")))


@pytest.fixture
def directory(tmp_path: Path) -> Iterator[Directory]:
    with Directory(tmp_path / "directory.sqlite3") as opened:
        with opened.transaction():
            for record in (MUSTER, MEIER, RECEPTION, BROKEN):
                opened.put(record, CH)
        yield opened


def test_channels_keep_raw_value_and_normalized_parts(directory: Directory) -> None:
    address_id = directory.conn.execute(
        "SELECT id FROM address WHERE external_id = 'C1'").fetchone()[0]
    address = directory.address(address_id)
    assert address is not None
    phone = address.channels[0]
    assert phone.raw == "044 668 18 00"
    assert phone.normalized.e164 == "+41446681800"
    assert (phone.normalized.country_code, phone.normalized.region_code,
            phone.normalized.detail) == ("41", "44", "6681800")
    assert phone.normalized.canonical == "+41 (44) 6681800"
    email = address.channels[2]
    assert email.kind == "email" and email.normalized.e164 is None and not email.normalized.error


def test_a_number_without_normalized_form_is_blank_with_the_reason(directory: Directory) -> None:
    rows = directory.conn.execute(
        "SELECT raw, e164, canonical, country_code, error FROM channel c JOIN address a "
        "ON a.id = c.address_id WHERE a.external_id = 'P3' ORDER BY c.id").fetchall()
    assert rows == [("044 668", None, "", "", "too short for Switzerland"),
                    ("Zentrale", None, "", "", "contains no digits")]


def test_exact_lookup_with_written_forms(directory: Directory) -> None:
    for caller in ("+41446681842", "0041 44 668 18 42", "044 668 18 42", "tel:+41446681842"):
        matches = directory.lookup(caller, CH)
        assert [(m.address.display_name, m.quality) for m in matches] == [("Anna Meier", "exact")]
    mobile = directory.lookup("+41791234567", CH)
    assert mobile[0].channel.kind == "mobile"


def test_lookup_prefers_the_same_extension(directory: Directory) -> None:
    plain = directory.lookup("+41446681800", CH)
    assert [m.address.display_name for m in plain] == ["Muster AG", "Rita Empfang"]
    with_ext = directory.lookup("tel:+41446681800;ext=10", CH)
    assert [m.address.display_name for m in with_ext] == ["Rita Empfang", "Muster AG"]
    assert all(m.quality == "exact" for m in with_ext)


def test_company_block_is_a_probable_match(directory: Directory) -> None:
    matches = directory.lookup("+41 44 668 18 99", CH)
    assert [(m.address.display_name, m.quality, m.channel.kind) for m in matches] == [
        ("Muster AG", "probable", "phone")]
    assert directory.lookup("+41 44 668 18 99", CH, block_digits=0) == []
    assert directory.lookup("+41 44 668 17 99", CH) == []
    assert [m.address.company for m in directory.lookup("+41 44 668 17 99", CH,
                                                        block_digits=3)] == ["Muster AG"]


def test_a_company_known_only_from_its_people_is_a_probable_match(tmp_path: Path) -> None:
    """The usual CRM export: person rows with a company column, no company row."""
    from desktop_client.core.directory import AddressRecord

    with Directory(tmp_path / "crm.sqlite3") as crm:
        with crm.transaction():
            for first, number in (("Anna", "044 668 18 42"), ("Beat", "044 668 18 55")):
                crm.put(AddressRecord("person", first, "Meier", "Beispiel GmbH",
                                      channels=(("phone", number),)), CH)
            crm.put(AddressRecord("person", "Eva", "Solo", "", channels=(
                ("phone", "044 668 18 60"),)), CH)  # no company: no block match
        matches = crm.lookup("+41 44 668 18 77", CH)
        assert [(m.address.display_name, m.address.kind, m.quality) for m in matches] == [
            ("Beispiel GmbH", "company", "probable")]
        assert matches[0].address.link_url == "" and matches[0].address.first_name == ""
        exact = crm.lookup("+41 44 668 18 42", CH)
        assert [(m.address.display_name, m.quality) for m in exact] == [("Anna Meier", "exact")]


def test_incoming_numbers_are_normalized_with_the_outside_line(directory: Directory) -> None:
    pbx = Location("CH", outside_line="0")
    assert directory.lookup("00446681842", pbx)[0].address.last_name == "Meier"


def test_unknown_and_bad_numbers(directory: Directory) -> None:
    assert directory.lookup("+49 30 1234567", CH) == []
    with pytest.raises(NumberError):
        directory.lookup("anonymous", CH)


def test_internal_extensions_are_matched_as_they_are(tmp_path: Path) -> None:
    location = Location("CH", internal_digits=3)
    with Directory(tmp_path / "d.sqlite3") as directory:
        with directory.transaction():
            directory.put(AddressRecord("person", "Ida", "Intern", channels=(("phone", "742"),)),
                          location)
        assert [m.address.first_name for m in directory.lookup("742", location)] == ["Ida"]


def test_reimport_updates_instead_of_duplicating(directory: Directory) -> None:
    changed = AddressRecord("person", "Anna", "Meier-Muster", "Muster AG", external_id="P1",
                            channels=(("phone", "+41 44 668 18 43"),))
    with directory.transaction():
        created = directory.put(changed, CH).created
    assert not created
    assert directory.counts() == (4, 7)
    old = directory.lookup("+41446681842", CH)
    assert [(m.address.display_name, m.quality) for m in old] == [("Muster AG", "probable")]
    assert directory.lookup("+41446681843", CH)[0].address.last_name == "Meier-Muster"


def test_records_without_id_are_recognized_by_name(tmp_path: Path) -> None:
    record = AddressRecord("person", "Max", "Ohne-Id", channels=(("phone", "044 668 18 77"),))
    with Directory(tmp_path / "d.sqlite3") as directory:
        for _ in range(2):
            with directory.transaction():
                directory.put(record, CH)
        assert directory.counts() == (1, 1)


def test_lookup_uses_the_index(directory: Directory) -> None:
    for sql, args in ((LOOKUP_E164_SQL, ("+41446681800",)),
                      (LOOKUP_BLOCK_SQL, ("+414466818", "+414466818\x7f", 12))):
        plan = " ".join(row[-1] for row in directory.conn.execute(
            "EXPLAIN QUERY PLAN " + sql, args))
        assert "USING INDEX channel_e164" in plan, plan
        assert "SCAN c" not in plan, plan


def test_failed_transaction_leaves_nothing(directory: Directory) -> None:
    before = directory.counts()
    with pytest.raises(RuntimeError), directory.transaction():
        directory.put(AddressRecord("person", "Half", "Done", channels=(("phone", "1"),)), CH)
        raise RuntimeError("crash mid-import")
    assert directory.counts() == before


def test_upgrade_from_schema_1_keeps_data_and_a_copy(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    conn = store.connect(path)
    store.migrate(conn, path, MIGRATIONS[:1])
    conn.execute("INSERT INTO address (id, external_id, kind, last_name) "
                 "VALUES (1, 'X', 'person', 'Alt')")
    conn.execute("INSERT INTO channel (address_id, kind, raw, e164) "
                 "VALUES (1, 'phone', '044 668 18 00', '+41446681800')")
    conn.close()
    with Directory(path) as directory:
        assert directory.conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        assert directory.lookup("+41446681800", CH)[0].address.last_name == "Alt"
    backup = tmp_path / "old.sqlite3.v1.bak"
    assert backup.exists()
    with sqlite3.connect(backup) as copy:
        assert copy.execute("PRAGMA user_version").fetchone()[0] == 1
        assert copy.execute("SELECT count(*) FROM channel").fetchone()[0] == 1


def test_a_file_from_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version = 99")
    with pytest.raises(store.StoreError, match="newer version"):
        Directory(path)
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 99


def test_database_settings(directory: Directory) -> None:
    assert directory.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert directory.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_the_name_a_dial_is_journaled_under(directory: Directory) -> None:
    """One contact: its name. Several with the same number: all named (not one at random),
    until the user picks one on a card. A probable company match is marked (?)."""
    from desktop_client import settings
    from desktop_client.core.numbers import normalize
    from desktop_client.wiring import contact_names

    name_for = contact_names(directory, settings.defaults())
    assert name_for(normalize("+41 44 668 18 42", CH)) == "Anna Meier, Muster AG"
    # The reception is at extension 10 of the company's number: not a second contact of it.
    assert name_for(normalize("044 668 18 00", CH)) == "Muster AG"
    assert name_for(normalize("044 668 18 00 ext. 10", CH)) == "Rita Empfang, Muster AG"
    # A second contact at the company's number itself: both, until one is picked.
    directory.add_contact(AddressRecord("person", "Max", "Zentrale", "Muster AG",
                                        channels=(("phone", "044 668 18 00"),)), CH)
    assert name_for(normalize("044 668 18 00", CH)) == "Muster AG / Max Zentrale, Muster AG"
    max_id = directory.conn.execute(
        "SELECT id FROM address WHERE last_name = 'Zentrale'").fetchone()[0]
    directory.remember("+41446681800", max_id)
    assert name_for(normalize("044 668 18 00", CH)) == "Max Zentrale, Muster AG"
    assert name_for(normalize("044 668 18 77", CH)) == "Muster AG (?)"
    assert name_for(normalize("031 999 99 99", CH)) == ""
