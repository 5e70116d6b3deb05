"""Importing awkward vCard and CSV files into a real directory file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_client.core.directory import Directory
from desktop_client.core.importers import ImportFileError, import_file
from desktop_client.core.numbers import Location

CH = Location("CH")

VCARD_30 = (
    "\ufeffBEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "N:Müller;Anna;;;\r\n"
    "FN:Anna Müller\r\n"
    "ORG:Muster AG;Verkauf\r\n"
    "UID:urn:uuid:1111\r\n"
    "TEL;TYPE=WORK,VOICE:+41 44 668 1\r\n"
    " 8 42\r\n"
    "TEL;TYPE=CELL:079 123 45 67\r\n"
    "TEL;TYPE=WORK,FAX:044 668 18 01\r\n"
    "EMAIL;TYPE=INTERNET:anna@muster.example\r\n"
    "URL:https://crm.example/addr/1111\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "N:;;;;\r\n"
    "FN:Muster AG\r\n"
    "ORG:Muster AG\r\n"
    "X-ABShowAs:COMPANY\r\n"
    "TEL;WORK:044 668 18 00\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "TEL:044 668 18 99\r\n"
    "END:VCARD\r\n"
)

VCARD_40 = (
    "BEGIN:VCARD\n"
    "VERSION:4.0\n"
    "KIND:org\n"
    "FN:Example\\, Inc.\n"
    "ORG:Example\\, Inc.\n"
    "UID:urn:uuid:2222\n"
    "item1.TEL;VALUE=uri;TYPE=\"voice,work\":tel:+1-202-555-0143;ext=7\n"
    "END:VCARD\n"
    "BEGIN:VCARD\n"
    "VERSION:4.0\n"
    "FN:Jon Doe\n"
    "TEL;VALUE=uri;TYPE=\"cell,voice\":tel:+44-7700-900-123\n"
    "END:VCARD\n"
    "BEGIN:VCARD\n"
    "VERSION:4.0\n"
    "FN:Never Ends\n"
)


@pytest.fixture
def directory(tmp_path: Path) -> Iterator[Directory]:
    with Directory(tmp_path / "directory.sqlite3") as opened:
        yield opened


def _write(tmp_path: Path, name: str, content: bytes | str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
    return path


def _people(directory: Directory) -> list[tuple[str, ...]]:
    return [tuple(row) for row in directory.conn.execute(
        "SELECT a.kind, a.first_name, a.last_name, a.company, c.kind, c.raw, "
        "coalesce(c.e164, ''), c.extension FROM address a JOIN channel c ON c.address_id = a.id "
        "ORDER BY a.id, c.id")]


def test_vcard_30(directory: Directory, tmp_path: Path) -> None:
    report = import_file(directory, _write(tmp_path, "a.vcf", VCARD_30), CH)
    assert (report.created, report.updated) == (2, 0)
    assert [(p.line, p.reason) for p in report.problems] == [
        (22, "vCard without a name (N, FN or ORG)")]
    assert _people(directory) == [
        ("person", "Anna", "Müller", "Muster AG", "phone", "+41 44 668 18 42", "+41446681842", ""),
        ("person", "Anna", "Müller", "Muster AG", "mobile", "079 123 45 67", "+41791234567", ""),
        ("person", "Anna", "Müller", "Muster AG", "fax", "044 668 18 01", "+41446681801", ""),
        ("person", "Anna", "Müller", "Muster AG", "email", "anna@muster.example", "", ""),
        ("company", "", "", "Muster AG", "phone", "044 668 18 00", "+41446681800", ""),
    ]
    match = directory.lookup("+41446681842", CH)[0]
    assert match.address.external_id == "urn:uuid:1111"
    assert match.address.link_url == "https://crm.example/addr/1111"


def test_vcard_40(directory: Directory, tmp_path: Path) -> None:
    report = import_file(directory, _write(tmp_path, "b.vcf", VCARD_40), CH)
    assert report.created == 2
    assert [(p.line, p.reason) for p in report.problems] == [(14, "vCard without END:VCARD")]
    assert _people(directory) == [
        ("company", "", "", "Example, Inc.", "phone", "tel:+1-202-555-0143;ext=7",
         "+12025550143", "7"),
        ("person", "Jon", "Doe", "", "mobile", "tel:+44-7700-900-123", "", ""),
    ]


def test_reimport_updates(directory: Directory, tmp_path: Path) -> None:
    path = _write(tmp_path, "a.vcf", VCARD_30)
    import_file(directory, path, CH)
    again = import_file(directory, path, CH)
    assert (again.created, again.updated) == (0, 2)
    assert directory.counts() == (2, 5)


CSV_DE = (
    "\ufeffID;Firma;Vorname;Nachname;Telefon;Mobil;Fax;E-Mail;Bemerkung\r\n"
    "1;Muster AG;;;044 668 18 00;;044 668 18 01;info@muster.example;Zentrale\r\n"
    "2;Muster AG;Jürg;Bäni;+41 44 668 18 42;079 123 45 67;;;\"mehrzeilige\r\nBemerkung\"\r\n"
    "3;;;;;;;;nur eine Bemerkung\r\n"
    "4;Zu;Viele;Felder;1;2;3;4;5;6;7\r\n"
    "\r\n"
    "5;;Eva;Ernst;044 668;;;;\r\n"
)


def test_csv_german_utf8_bom_semicolon(directory: Directory, tmp_path: Path) -> None:
    report = import_file(directory, _write(tmp_path, "adr.csv", CSV_DE), CH)
    assert report.created == 3
    assert [(p.line, p.reason) for p in report.problems] == [
        (5, "no name and no company"), (6, "11 fields, but the header has 9")]
    assert directory.lookup("0446681842", CH)[0].address.first_name == "Jürg"
    assert directory.lookup("0446681800", CH)[0].address.kind == "company"
    failed = directory.conn.execute(
        "SELECT raw, e164, error FROM channel WHERE raw = '044 668'").fetchone()
    assert failed == ("044 668", None, "too short for Switzerland")


def test_csv_english_windows_1252_comma(directory: Directory, tmp_path: Path) -> None:
    text = ("Company,First name,Last name,Phone,Mobile,Email,URL\n"
            "Café Crème SA,Zoë,Dupré,+41 21 123 45 67,,zoe@cafe.example,https://crm/7\n"
            '"Smith, Jones & Co",,,+44 20 7946 0958,,,\n')
    report = import_file(directory, _write(tmp_path, "en.csv", text, "cp1252"), CH)
    assert (report.created, report.skipped) == (2, 0)
    person = directory.lookup("+41211234567", CH)[0].address
    assert (person.first_name, person.last_name, person.company, person.link_url) == (
        "Zoë", "Dupré", "Café Crème SA", "https://crm/7")
    assert directory.lookup("+442079460958", CH)[0].address.company == "Smith, Jones & Co"


def test_outlook_country_names_and_numbers_that_cannot_be_read(directory: Directory,
                                                               tmp_path: Path) -> None:
    """Outlook's "Business Country/Region" holds what the user typed ("UK"); a number that
    still cannot be read is imported as written and named in the report, not passed over."""
    text = ("\ufeffFirst Name,Last Name,Company,Business Phone,Mobile Phone,"
            "Business Country/Region\n"
            "Mary,Jones,,(020) 7946 0002,07400 123456,UK\n"
            "Hans,Meier,,not a number,,Deutschland\n")
    report = import_file(directory, _write(tmp_path, "outlook.csv", text), CH)
    assert (report.created, report.skipped) == (2, 0)
    assert directory.lookup("+44 20 7946 0002", CH)[0].address.last_name == "Jones"
    assert directory.lookup("+44 7400 123456", CH)[0].address.last_name == "Jones"
    assert [n.note for n in report.notes] == [
        "record 2 ('Hans Meier'): 'not a number' contains no digits; kept as written, but "
        "calls from it are not recognised"]


def test_a_row_whose_quotes_do_not_pair_is_skipped_with_its_line(directory: Directory,
                                                                  tmp_path: Path) -> None:
    text = ("First Name,Last Name,Company,Business Phone\n"
            '"Broken,Row,"ACME,020 7946 0001\n'
            'Anna,"Muster ""Anni""",Muster AG,044 668 18 00\n'
            'Rita,Empfang,"Muster AG" ,"044 668 18 10" \n'  # spaces after quotes: hand-edited
            '"Open,quote,at the end,044 668 18 01\n')
    report = import_file(directory, _write(tmp_path, "q.csv", text), CH)
    assert [(p.line, p.reason) for p in report.problems] == [
        (2, "the quotes do not pair (',' expected after '\"')"),
        (5, "the quotes do not pair (unexpected end of data)")]
    assert report.created == 2
    assert directory.lookup("044 668 18 10", CH)[0].address.company == "Muster AG"
    assert directory.lookup("044 668 18 00", CH)[0].address.last_name == 'Muster "Anni"'


def test_csv_name_column(directory: Directory, tmp_path: Path) -> None:
    text = "Name;Firma;Telefon\nPeter Meier;Muster AG;044 668 18 55\nMuster GmbH;;044 668 18 66\n"
    import_file(directory, _write(tmp_path, "n.csv", text), CH)
    person = directory.lookup("0446681855", CH)[0].address
    assert (person.kind, person.first_name, person.last_name) == ("person", "Peter", "Meier")
    assert directory.lookup("0446681866", CH)[0].address.company == "Muster GmbH"


def test_csv_without_phone_column_is_refused(directory: Directory, tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="no header with a phone column"):
        import_file(directory, _write(tmp_path, "x.csv", "Name;Ort\nA;B\n"), CH)


def test_unknown_file_type_is_refused(directory: Directory, tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="unknown file type"):
        import_file(directory, _write(tmp_path, "x.xlsx", b"PK\x03\x04"), CH)


def test_a_failure_mid_file_imports_nothing(directory: Directory, tmp_path: Path) -> None:
    import_file(directory, _write(tmp_path, "a.vcf", VCARD_30), CH)
    before = _people(directory)
    lines = ["Name;Telefon"] + [f"Person {i};044 668 {i:02d} {i:02d}" for i in range(50)]
    lines.append("Huge;" + "1" * 200_000)
    with pytest.raises(ImportFileError, match="longer than"):
        import_file(directory, _write(tmp_path, "big.csv", "\n".join(lines)), CH)
    assert _people(directory) == before


def test_a_file_that_is_not_contacts_changes_nothing(directory: Directory,
                                                     tmp_path: Path) -> None:
    import random

    good = _write(tmp_path, "good.csv", "Firma;Telefon\nMuster AG;044 668 18 00\n")
    import_file(directory, good, CH)
    before = directory.counts()
    noise = bytes(random.Random(7).randrange(256) for _ in range(300))
    for name, content in (("noise.vcf", noise), ("noise.csv", noise),
                          ("letter.vcf", "Sehr geehrte Damen und Herren\n")):
        with pytest.raises(ImportFileError):
            import_file(directory, _write(tmp_path, name, content), CH)
    assert directory.counts() == before


def test_same_name_without_id_is_kept_apart_and_said(directory: Directory,
                                                     tmp_path: Path) -> None:
    path = _write(tmp_path, "list.csv", "Vorname;Name;Telefon\nUrs;Brunner;044 668 18 00\n"
                                        "Urs;Brunner;079 111 22 33\n")
    first = import_file(directory, path, CH)
    assert (first.created, first.updated) == (2, 0)
    assert [n.note for n in first.notes] == [
        "record 2 ('Urs Brunner') has the same name as record 1 and no id; kept as a contact "
        "of its own"]
    again = import_file(directory, path, CH)  # a re-import updates both, adds none
    assert (again.created, again.updated) == (0, 2)
    assert directory.counts() == (2, 2)


def test_headers_that_only_look_like_phone_columns(directory: Directory,
                                                   tmp_path: Path) -> None:
    """Found in review: Google's "Phonetic First Name" is no phone column, and a title line
    "Telefonliste Muster AG" above the header is no header."""
    google = _write(tmp_path, "g.csv", "First Name,Phonetic First Name,Last Name,"
                                       "Phone 1 - Label,Phone 1 - Value,Nationality\n"
                                       "Taro,Taro,Yamada,Mobile,079 123 45 67,Japan\n")
    import_file(directory, google, CH)
    assert _people(directory) == [
        ("person", "Taro", "Yamada", "", "mobile", "079 123 45 67", "+41791234567", "")]
    titled = _write(tmp_path, "t.csv", "Telefonliste Muster AG\n\nName;Vorname;Telefon\n"
                                       "Meier;Anna;044 668 18 42\n")
    report = import_file(directory, titled, CH)
    assert (report.created, report.problems) == (1, [])


def test_a_card_that_never_ends_is_bounded(directory: Directory, tmp_path: Path) -> None:
    lines = "".join(f"NOTE:{i}\r\n" for i in range(5000))
    path = _write(tmp_path, "huge.vcf", "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Dump\r\n" + lines +
                  "END:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna Meier\r\n"
                  "TEL:044 668 18 42\r\nEND:VCARD\r\n")
    report = import_file(directory, path, CH)
    assert report.created == 1
    assert [p.reason for p in report.problems] == ["a card with more than 2,000 lines"]
