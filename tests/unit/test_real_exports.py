"""Contact files in the formats real programs export (tests/fixtures/contacts, written from
the exporters' own headers and quirks; see its README): every phone, mobile and fax kept with
its kind, numbers read in the contact's own country, pagers left out with a note."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop_client.core.directory import Directory
from desktop_client.core.importers import import_file
from desktop_client.core.numbers import Location

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "contacts"
EXPECTED: dict[str, Any] = json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8"))
FILES = sorted(name for name in EXPECTED if not name.startswith("_"))


@pytest.fixture
def directory(tmp_path: Path) -> Iterator[Directory]:
    with Directory(tmp_path / "directory.sqlite3") as opened:
        yield opened


def _contacts(directory: Directory) -> list[tuple[Any, ...]]:
    rows = directory.conn.execute(
        "SELECT a.id, a.kind, a.first_name, a.last_name, a.company, c.kind, c.e164, "
        "c.extension FROM address a LEFT JOIN channel c ON c.address_id = a.id AND c.kind IN "
        "('phone', 'mobile', 'fax') ORDER BY a.id, c.id").fetchall()
    found: dict[int, tuple[Any, ...]] = {}
    for address_id, kind, first, last, company, channel, e164, extension in rows:
        key, numbers = found.get(address_id, ((kind, first, last, company), []))
        if channel is not None:
            numbers.append((channel, e164, extension))
        found[address_id] = (key, numbers)
    return sorted((key, tuple(sorted(numbers, key=str))) for key, numbers in found.values())


@pytest.mark.parametrize("name", FILES)
def test_a_real_export_imports_completely(directory: Directory, name: str) -> None:
    expected = EXPECTED[name]
    report = import_file(directory, FIXTURES / name, Location("CH"))
    want = sorted(
        ((c["kind"], c["first_name"], c["last_name"], c["company"]),
         tuple(sorted(((n["kind"], n["e164"], n["extension"]) for n in c["numbers"]),
                      key=str)))
        for c in expected["contacts"])
    assert _contacts(directory) == want
    assert report.problems == [], report.problems
    skipped = expected.get("skipped", [])
    pagers = [s for s in skipped if "pager" in json.dumps(s).lower()]
    notes = " ".join(n.note for n in report.notes)
    assert notes.count("pager number") == len(pagers), (notes, skipped)
