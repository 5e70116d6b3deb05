"""Read contacts from vCard (3.0, 4.0) and CSV files, one record at a time.

Each reader yields :class:`AddressRecord` objects or :class:`RowProblem` objects (a bad row
with its line number); the importer stores the good ones and reports the bad ones, all in one
transaction per file.
"""

from __future__ import annotations

import codecs
import csv
import io
import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from desktop_client.core.directory import AddressRecord, Directory
from desktop_client.core.numbers import Location

log = logging.getLogger("desktop_client.directory")

MAX_LINE_CHARS = 100_000  # a vCard line longer than this is a broken file, not a contact


@dataclass(frozen=True, slots=True)
class RowProblem:
    """A record that was skipped, and why."""

    line: int
    reason: str


@dataclass
class ImportReport:
    """What an import did."""

    file: str
    created: int = 0
    updated: int = 0
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def skipped(self) -> int:
        """Records that were not imported."""
        return len(self.problems)


_Reader = Callable[[IO[bytes]], Iterator["AddressRecord | RowProblem"]]


class ImportFileError(ValueError):
    """A file that cannot be imported at all (unknown format, no usable header)."""


def import_file(directory: Directory, path: Path, location: Location) -> ImportReport:
    """Import a .vcf or .csv file in one transaction: all good records, or nothing."""
    reader = _reader_for(path)
    report = ImportReport(str(path))
    with path.open("rb") as raw, directory.transaction():
        for item in reader(raw):
            if isinstance(item, RowProblem):
                report.problems.append(item)
                log.warning("import %s, line %d: %s; skipped", path.name, item.line, item.reason)
                continue
            _address_id, created = directory.put(item, location)
            if created:
                report.created += 1
            else:
                report.updated += 1
    log.info("imported %s: %d new, %d updated, %d skipped", path.name, report.created,
             report.updated, report.skipped)
    return report


def _reader_for(path: Path) -> _Reader:
    suffix = path.suffix.lower()
    if suffix in (".vcf", ".vcard"):
        return read_vcards
    if suffix in (".csv", ".txt"):
        return read_csv
    raise ImportFileError(f"{path.name}: unknown file type (expected .vcf or .csv)")


# -- vCard ----------------------------------------------------------------------------------

_VCARD_LINE = re.compile(r"(?:[A-Za-z0-9-]+\.)?([A-Za-z0-9-]+)((?:;[^:]*)?):(.*)", re.DOTALL)


def read_vcards(raw: IO[bytes]) -> Iterator[AddressRecord | RowProblem]:
    """vCard 3.0 and 4.0 (and the common 2.1 parameter style), streamed; UTF-8, or UTF-16
    with a byte-order mark (as Windows tools write them)."""
    encoding = _bom_encoding(raw) or "utf-8"
    text = io.TextIOWrapper(raw, encoding=encoding, errors="replace", newline="")
    card: list[tuple[str, str, str]] | None = None
    start = 0
    for number, line in _unfolded(text):
        if line is None:
            yield RowProblem(number, f"line longer than {MAX_LINE_CHARS:,} characters")
            card = None
            continue
        upper = line.upper()
        if upper == "BEGIN:VCARD":
            card, start = [], number
            continue
        if card is None:
            continue
        if upper == "END:VCARD":
            yield _vcard_record(card, start)
            card = None
            continue
        match = _VCARD_LINE.fullmatch(line)
        if match is not None:
            card.append((match.group(1).upper(), match.group(2).upper(), match.group(3)))
    if card is not None:
        yield RowProblem(start, "vCard without END:VCARD")


def _unfolded(text: IO[str]) -> Iterator[tuple[int, str | None]]:
    """Logical lines with the number of their first physical line (RFC 6350 folding); None
    for a line over MAX_LINE_CHARS, which is skipped without being held in memory."""
    pending: list[str] = []
    pending_line = 0
    size = 0
    for number, physical in _bounded_lines(text):
        if physical is not None and physical[:1] in (" ", "\t") and pending:
            size += len(physical)
            if size > MAX_LINE_CHARS:
                yield pending_line, None
                pending, size = [], 0
                continue
            pending.append(physical[1:])
            continue
        if pending:
            yield pending_line, "".join(pending)
        if physical is None:
            yield number, None
            pending, size = [], 0
            continue
        pending, pending_line, size = [physical], number, len(physical)
    if pending:
        yield pending_line, "".join(pending)


def _bounded_lines(text: IO[str]) -> Iterator[tuple[int, str | None]]:
    """Physical lines without their line break; None for one over MAX_LINE_CHARS (the rest
    of it is read in pieces and dropped: memory stays bounded for absurd files)."""
    number = 0
    while True:
        line = text.readline(MAX_LINE_CHARS + 1)
        if not line:
            return
        number += 1
        if len(line) > MAX_LINE_CHARS and not line.endswith("\n"):
            while (rest := text.readline(MAX_LINE_CHARS)) and not rest.endswith("\n"):
                pass
            yield number, None
            continue
        yield number, line.rstrip("\r\n")


def _bom_encoding(raw: IO[bytes]) -> str | None:
    """The encoding a byte-order mark names (the mark is then skipped by the codec)."""
    head = raw.read(4)
    raw.seek(0)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    return None


def _vcard_record(props: list[tuple[str, str, str]], line: int) -> AddressRecord | RowProblem:
    first = last = company = uid = url = formatted = ""
    is_company = False
    channels: list[tuple[str, str]] = []
    for name, params, value in props:
        if name == "N":
            parts = _split_escaped(value, ";")
            last, first = ([*parts, "", ""])[:2]
        elif name == "FN":
            formatted = _unescape(value)
        elif name == "ORG":
            company = _split_escaped(value, ";")[0]
        elif name == "UID":
            uid = _unescape(value)
        elif name == "URL" and not url:
            url = _unescape(value)
        elif name == "KIND":
            is_company = value.strip().lower() == "org"
        elif name == "X-ABSHOWAS":
            is_company = value.strip().upper() == "COMPANY"
        elif name == "TEL":
            number = _unescape(value)
            channels.append((_tel_kind(params), number))
        elif name == "EMAIL":
            channels.append(("email", _unescape(value)))
    if not (first or last) and formatted and not is_company:
        if company and formatted == company:
            is_company = True
        else:
            first, _, last = formatted.rpartition(" ")
            first, last = (first, last) if first else ("", last)
    if not (first or last or company):
        return RowProblem(line, "vCard without a name (N, FN or ORG)")
    kind = "company" if is_company or not (first or last) else "person"
    return AddressRecord(kind, first.strip(), last.strip(), company.strip(), uid.strip(),
                         url.strip(), tuple(channels))


def _tel_kind(params: str) -> str:
    types = {t.strip().strip('"').lower() for p in params.split(";") if p
             for t in p.split("=", 1)[-1].split(",")}
    if "fax" in types:
        return "fax"
    if "cell" in types or "mobile" in types:
        return "mobile"
    return "phone"


def _split_escaped(value: str, sep: str) -> list[str]:
    if "\\" not in value:
        return value.split(sep)
    parts, current, escaped = [], [], False
    for char in value:
        if escaped:
            current.append("\n" if char in "nN" else char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == sep:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def _unescape(value: str) -> str:
    return _split_escaped(value, "\x00")[0]


# -- CSV ------------------------------------------------------------------------------------

_HEADERS = {
    "external_id": ("id", "nr", "nummer", "kundennummer", "uid"),
    "company": ("firma", "company", "organisation", "organization", "unternehmen"),
    "first_name": ("vorname", "first name", "firstname", "given name"),
    "last_name": ("nachname", "last name", "lastname", "surname", "family name"),
    "name": ("name",),
    "phone": ("telefon", "phone", "tel", "telephone", "telefon geschäft", "business phone"),
    "mobile": ("mobile", "mobil", "handy", "natel", "mobiltelefon", "mobile phone"),
    "fax": ("fax", "telefax"),
    "email": ("e-mail", "email", "mail"),
    "link_url": ("url", "link", "website", "web"),
}
_HEADER_LOOKUP = {alias: field for field, aliases in _HEADERS.items() for alias in aliases}


def read_csv(raw: IO[bytes]) -> Iterator[AddressRecord | RowProblem]:
    """CSV with a header row: UTF-8 (with or without BOM) or Windows-1252, ``;`` or ``,``."""
    encoding = _bom_encoding(raw) or _csv_encoding(raw)
    text = io.TextIOWrapper(raw, encoding=encoding, errors="replace", newline="")
    header_line = text.readline(MAX_LINE_CHARS + 1)
    if len(header_line) > MAX_LINE_CHARS:
        raise ImportFileError(f"the header line is longer than {MAX_LINE_CHARS:,} characters")
    delimiter = max(";,\t", key=header_line.count)
    header = next(csv.reader([header_line], delimiter=delimiter), [])
    columns = [_HEADER_LOOKUP.get(name.strip().lower()) for name in header]
    if not any(c in ("phone", "mobile", "fax") for c in columns):
        raise ImportFileError("the CSV header names no phone column (Telefon/Phone, Mobile/Mobil, "
                              "Fax)")
    reader = csv.reader(_counted(text), delimiter=delimiter)
    line = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:  # e.g. a quoted field over the csv module's 128 KB
            raise ImportFileError(f"line {reader.line_num + 1}: {error}") from None
        start = line + 1
        line = reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(columns):
            yield RowProblem(start, f"{len(row)} fields, but the header has {len(columns)}")
            continue
        yield _csv_record(dict(zip(columns, row, strict=False)), start)


def _counted(text: IO[str]) -> Iterator[str]:
    while line := text.readline(MAX_LINE_CHARS + 1):
        if len(line) > MAX_LINE_CHARS:
            raise ImportFileError(f"a line is longer than {MAX_LINE_CHARS:,} characters")
        yield line


def _csv_encoding(raw: IO[bytes]) -> str:
    """UTF-8 if the whole file decodes as UTF-8, else Windows-1252 (streamed, no copy)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        while chunk := raw.read(1 << 16):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
        encoding = "utf-8-sig"
    except UnicodeDecodeError:
        encoding = "cp1252"
    raw.seek(0)
    return encoding


def _csv_record(cells: dict[str | None, str], line: int) -> AddressRecord | RowProblem:
    def cell(name: str) -> str:
        return (cells.get(name) or "").strip()

    first, last, company = cell("first_name"), cell("last_name"), cell("company")
    name = cell("name")
    if name and not (first or last):
        if company:
            first, _, last = name.rpartition(" ")
        else:
            company = name
    channels = tuple((kind, cell(kind)) for kind in ("phone", "mobile", "fax", "email")
                     if cell(kind))
    if not (first or last or company):
        return RowProblem(line, "no name and no company")
    kind = "person" if first or last else "company"
    return AddressRecord(kind, first, last, company, cell("external_id"), cell("link_url"),
                         channels)

