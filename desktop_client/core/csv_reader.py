"""Contacts from CSV files as Outlook, Google, Thunderbird, Excel and CRMs write them.

Every column that holds a phone, mobile or fax number is read, with its kind, whatever the
exporter calls it ("Telefon geschäftlich", "Business Fax", "Tél. mobile", "Mobil-Tel.-Nr.",
Google's "Phone 1 - Label" / "Phone 1 - Value" pairs with several numbers per cell separated
by " ::: "). Pager columns are not phone numbers: they are left out, with a note. A text
preamble above the header (Excel exports) is skipped. The country of the (business) address
goes with the record, for numbers written in that country's national form.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from typing import IO

from desktop_client.core.contacts import AddressRecord
from desktop_client.core.countries import country_code
from desktop_client.core.file_text import MAX_LINE_CHARS, bom_encoding, utf8_or_cp1252
from desktop_client.core.import_report import ImportFileError, RowNote, RowProblem

PREAMBLE_LINES = 20
MULTI_VALUE = ":::"

Item = AddressRecord | RowProblem | RowNote

_FIELDS = {
    "external_id": ("id", "nr", "nummer", "kundennummer", "uid", "adressnummer", "contact id"),
    "company": ("firma", "company", "organisation", "organization", "unternehmen", "société",
                "societe", "organization name", "organization 1 - name", "organisation name",
                "ditta", "azienda"),
    "first_name": ("vorname", "first name", "firstname", "given name", "prénom", "prenom",
                   "nome"),
    "last_name": ("nachname", "last name", "lastname", "surname", "family name", "nom",
                  "cognome", "nom de famille"),
    "name": ("name", "display name", "anzeigename", "nom complet", "full name",
             "nom d'affichage"),
    "email": ("e-mail", "email", "mail", "e-mail address", "e-mail-adresse", "primary email",
              "e-mail 1 - value", "adresse de messagerie", "erste e-mail-adresse"),
    "link_url": ("url", "link", "website", "web", "web page", "webseite", "webpage",
                 "website 1 - value", "page web"),
}
_NAME_FIELDS = {"first_name", "last_name", "name", "company"}
_BY_ALIAS = {alias: name for name, aliases in _FIELDS.items() for alias in aliases}
# Which kind of number a column holds, from the words in its name (first match wins).
_PAGER = re.compile(r"pager|funkruf|radiomessagerie|beeper|bip", re.IGNORECASE)
_NOT_A_NUMBER = re.compile(r"telex|e-?mail|type|label|typ\b", re.IGNORECASE)
_FAX = re.compile(r"fax|télécopie|telecopie", re.IGNORECASE)
_MOBILE = re.compile(r"mobil|mobile|cell|handy|natel|portable|cellulare|gsm", re.IGNORECASE)
_PHONE = re.compile(r"phone(?!tic)|telefon|téléphone|telephone|\btél\b|\btel\b|isdn|callback|"
                    r"rückmeldung|rückruf|rappel|rnis|autotelefon|radio|telefono",
                    re.IGNORECASE)
_COUNTRY = re.compile(r"country|land/region|\bland\b|pays|paese", re.IGNORECASE)
_PRIVATE = re.compile(r"home|privat|domicile|personal|persönlich|casa|other|weitere|autre",
                      re.IGNORECASE)
_GOOGLE_PHONE = re.compile(r"phone (\d{1,2}) - (type|label|value)", re.IGNORECASE)


def _column(name: str) -> tuple[str, str]:
    """(role, detail) for a header cell: ("field", field name), ("number", kind),
    ("pager", ""), ("country", "work"|"home"), ("google", "<n>:<type|value>") or ("", "")."""
    plain = " ".join(name.strip().strip('"').lower().split())
    google = _GOOGLE_PHONE.fullmatch(plain)
    if google is not None:
        part = "type" if google.group(2) in ("type", "label") else "value"
        return "google", f"{google.group(1)}:{part}"
    if plain in _BY_ALIAS:
        return "field", _BY_ALIAS[plain]
    if _COUNTRY.search(plain) and not _PHONE.search(plain):
        return "country", "home" if _PRIVATE.search(plain) else "work"
    if _PAGER.search(plain):
        return "pager", ""
    if _NOT_A_NUMBER.search(plain):
        return "", ""
    if _FAX.search(plain):
        return "number", "fax"
    if _MOBILE.search(plain):
        return "number", "mobile"
    if _PHONE.search(plain):
        return "number", "phone"
    return "", ""


def read_csv(raw: IO[bytes]) -> Iterator[Item]:
    """CSV with a header row (after an optional preamble): UTF-8, UTF-16 or Windows-1252,
    separated by ``;``, ``,`` or tabs."""
    encoding = bom_encoding(raw) or utf8_or_cp1252(raw)
    text = io.TextIOWrapper(raw, encoding=encoding, errors="replace", newline="")
    header, delimiter, header_line = _find_header(text)
    roles = [_column(name) for name in header]
    present = {detail for role, detail in roles if role == "field"}
    # strict: a row whose quotes do not pair ('"Broken,Row,"ACME,…') is refused with its
    # line, not read as a contact named 'Broken,Row,ACME'; the next row reads as usual.
    lines = _Remembered(_bounded(text))
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    line = header_line
    while True:
        start = line + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            if "field larger than field limit" in str(error):  # the rest of the file, quoted
                raise ImportFileError(f"line {start}: {error}") from None
            line = header_line + reader.line_num
            if line != start or not _quotes_pair(lines.last, delimiter):
                yield RowProblem(start, f"the quotes do not pair ({error})")
                continue
            # Only spaces after a closing quote ('"044 668 18 00" ,x', hand-edited): as read
            # without strict.
            row = next(csv.reader([lines.last], delimiter=delimiter))
        line = header_line + reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(roles) and any(cell.strip() for cell in row[len(roles):]):
            yield RowProblem(start, f"{len(row)} fields, but the header has {len(roles)}")
            continue
        yield from _record(roles, present, row, start)


def _find_header(text: IO[str]) -> tuple[list[str], str, int]:
    """The header row: the first of the first lines that names a phone column."""
    for number in range(1, PREAMBLE_LINES + 1):
        line = text.readline(MAX_LINE_CHARS + 1)
        if not line:
            break
        if len(line) > MAX_LINE_CHARS:
            raise ImportFileError(f"line {number} is longer than {MAX_LINE_CHARS:,} characters")
        delimiter = max(";,\t", key=line.count)
        cells = next(csv.reader([line], delimiter=delimiter), [])
        roles = [_column(cell) for cell in cells]
        # A header names a phone column and a name or company column; a title line such as
        # "Telefonliste Muster AG" above it does not.
        has_number = any(role in ("number", "google") for role, _detail in roles)
        has_name = any(role == "field" and detail in _NAME_FIELDS for role, detail in roles)
        if len(cells) >= 2 and has_number and has_name:
            return cells, delimiter, number
    raise ImportFileError("no header with a phone column in the first lines (Telefon/Phone, "
                          "Mobile/Mobil, Fax, or an Outlook, Google or Thunderbird export)")


class _Remembered:
    """An iterator over lines that keeps the last one it gave."""

    def __init__(self, lines: Iterator[str]) -> None:
        self._lines = lines
        self.last = ""

    def __iter__(self) -> _Remembered:
        return self

    def __next__(self) -> str:
        self.last = next(self._lines)
        return self.last


def _quotes_pair(line: str, delimiter: str) -> bool:
    """Whether every quoted field of one line closes, followed by nothing but spaces before
    the next delimiter: '"a" ,b' does, '"Broken,Row,"ACME' and '"open' do not."""
    state = "start"  # start of a field, inside quotes, after the closing quote, plain
    index = 0
    while index < len(line):
        char = line[index]
        if state == "start" and char == '"':
            state = "quoted"
        elif state == "quoted" and char == '"':
            if line[index + 1:index + 2] == '"':
                index += 1  # a doubled quote inside the field
            else:
                state = "closed"
        elif state in ("start", "plain", "closed") and char == delimiter:
            state = "start"
        elif state == "closed" and char not in " \t\r\n":
            return False
        elif state == "start":
            state = "plain"
        index += 1
    return state != "quoted"


def _bounded(text: IO[str]) -> Iterator[str]:
    while line := text.readline(MAX_LINE_CHARS + 1):
        if len(line) > MAX_LINE_CHARS:
            raise ImportFileError(f"a line is longer than {MAX_LINE_CHARS:,} characters")
        yield line


def _record(roles: list[tuple[str, str]], present: set[str], row: list[str],
            line: int) -> Iterator[Item]:
    fields: dict[str, str] = {}
    channels: list[tuple[str, str]] = []
    notes: list[str] = []
    countries: dict[str, str] = {}
    google: dict[str, dict[str, str]] = {}
    for (role, detail), cell in zip(roles, row, strict=False):
        value = cell.strip()
        if not value:
            continue
        if role == "field":
            fields.setdefault(detail, value)
        elif role == "number":
            channels.extend((detail, part) for part in _values(value))
        elif role == "pager":
            notes.extend(f"a pager number ({part[:40]}) was left out" for part in _values(value))
        elif role == "country":
            countries.setdefault(detail, value)
        elif role == "google":
            index, part = detail.split(":")
            google.setdefault(index, {})[part] = value
    for pair in google.values():
        kind = _google_kind(pair.get("type", ""))
        for number in _values(pair.get("value", "")):
            if kind == "pager":
                notes.append(f"a pager number ({number[:40]}) was left out")
            else:
                channels.append((kind, number))
    first, last = fields.get("first_name", ""), fields.get("last_name", "")
    company, name = fields.get("company", ""), fields.get("name", "")
    if name and first and not last and "last_name" not in present:
        last = name  # "Name" next to "Vorname" is the family name (Swiss and German lists)
    elif name and not (first or last):
        if company and name != company:
            first, _, last = name.rpartition(" ")
        elif not company:
            company = name
    if not (first or last or company):
        yield RowProblem(line, "no name and no company")
        return
    if fields.get("email"):
        channels.append(("email", fields["email"]))
    country = country_code(countries.get("work", "") or countries.get("home", ""))
    kind = "person" if first or last else "company"
    yield AddressRecord(kind, first, last, company, fields.get("external_id", ""),
                        fields.get("link_url", ""), tuple(dict.fromkeys(channels)), country)
    for note in notes:
        yield RowNote(line, note)


def _values(cell: str) -> list[str]:
    """Google writes several numbers into one cell: ``+41 44 … ::: 079 …``."""
    return [part.strip() for part in cell.split(MULTI_VALUE) if part.strip()]


def _google_kind(label: str) -> str:
    """Google's labels: Mobile, Work, Home, Main, Work Fax, Home Fax, Pager, Other, custom
    (several labels of one cell are joined by " ::: " too; the first decides)."""
    first = label.split(MULTI_VALUE, maxsplit=1)[0].strip().lower().lstrip("* ")
    if _PAGER.search(first):
        return "pager"
    if _FAX.search(first):
        return "fax"
    if _MOBILE.search(first):
        return "mobile"
    return "phone"
