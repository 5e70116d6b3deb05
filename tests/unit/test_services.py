"""Behaviour that belongs to the services, not to the app's wiring: the journal's retention,
a contact the user adds, where "Open in CRM" goes (real SQLite files)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from desktop_client.core.contacts import AddressRecord, crm_link
from desktop_client.core.directory import Directory
from desktop_client.core.journal import Journal
from desktop_client.core.numbers import Location

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
ZURICH = Location("CH", "44")


def test_the_journal_keeps_the_days_it_is_told(tmp_path: Path) -> None:
    with Journal(tmp_path / "journal.sqlite3") as journal:
        for day in ("2026-11-27", "2026-08-01", "2025-01-01"):
            journal.add(direction="incoming", state="missed", number="0446681800",
                        started_at=f"{day}T09:00:00+00:00")
        assert journal.keep_days(0, NOW) == 0  # 0 keeps everything
        assert journal.keep_days(365, NOW) == 1
        assert [e.started_at[:10] for e in journal.recent()] == ["2026-11-27", "2026-08-01"]
        assert journal.keep_days(30, NOW) == 1
        assert [e.started_at[:10] for e in journal.recent()] == ["2026-11-27"]


def test_a_contact_the_user_adds_is_found_for_the_next_call(tmp_path: Path) -> None:
    with Directory(tmp_path / "directory.sqlite3") as directory:
        record = AddressRecord("company", company="Muster AG",
                               channels=(("phone", "044 668 18 00"),))
        contact = directory.add_contact(record, ZURICH)
        matches = directory.lookup("+41 44 668 18 00", ZURICH)
        assert [(m.address.id, m.address.company) for m in matches] == [(contact, "Muster AG")]
        # What cannot be split is kept as typed, with no normalized form (nothing lost).
        kept = directory.address(directory.add_contact(AddressRecord(
            "person", "Anna", channels=(("phone", "ask reception"),)), ZURICH))
        assert kept is not None and [c.raw for c in kept.channels] == ["ask reception"]


def test_open_in_crm_goes_to_the_template_or_the_address_link(tmp_path: Path) -> None:
    with Directory(tmp_path / "directory.sqlite3") as directory:
        contact = directory.add_contact(AddressRecord(
            "person", "Anna", "Meier", link_url="https://crm.example/anna",
            channels=(("phone", "044 668 18 00"),)), ZURICH)
        address = directory.address(contact)
    assert address is not None
    assert crm_link("https://crm.example/find?n={e164}&id={contact_id}", address,
                    "+41446681800") == \
        f"https://crm.example/find?n=%2B41446681800&id={contact}"
    assert crm_link("", address, "+41446681800") == "https://crm.example/anna"
    unsafe = AddressRecord("person", "Eve", link_url="javascript:alert(1)",
                           channels=(("phone", "044 668 18 01"),))
    with Directory(tmp_path / "directory.sqlite3") as directory:
        eve = directory.address(directory.add_contact(unsafe, ZURICH))
    assert eve is not None and crm_link("", eve, None) is None
