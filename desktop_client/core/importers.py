"""Import a contact file (vCard or CSV) into the directory, one transaction per file.

Readers (:mod:`vcard_reader`, :mod:`csv_reader`) yield :class:`AddressRecord` objects,
:class:`RowProblem` objects (a record skipped, with its line) and :class:`RowNote` objects
(a record kept with something left out); the importer stores the records and reports the
rest. A file that is not contacts at all raises :class:`ImportFileError` and changes nothing.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from desktop_client.core.csv_reader import read_csv
from desktop_client.core.directory import AddressRecord, Directory
from desktop_client.core.file_text import MAX_LINE_CHARS
from desktop_client.core.import_report import ImportFileError, ImportReport, RowNote, RowProblem
from desktop_client.core.numbers import Location
from desktop_client.core.vcard_reader import read_vcards

__all__ = ["MAX_LINE_CHARS", "ImportFileError", "ImportReport", "RowNote", "RowProblem",
           "import_file", "read_csv", "read_vcards"]

log = logging.getLogger("desktop_client.directory")

_Reader = Callable[[IO[bytes]], Iterator["AddressRecord | RowProblem | RowNote"]]


def import_file(directory: Directory, path: Path, location: Location) -> ImportReport:
    """Import a .vcf or .csv file in one transaction: all good records, or nothing."""
    reader = _reader_for(path)
    report = ImportReport(str(path))
    seen: dict[str, int] = {}  # records without an id: their name key -> first line
    line = 0
    with path.open("rb") as raw, directory.transaction():
        for item in reader(raw):
            if isinstance(item, RowProblem):
                report.problems.append(item)
                log.warning("import %s, line %d: %s; skipped", path.name, item.line, item.reason)
                continue
            if isinstance(item, RowNote):
                report.notes.append(item)
                log.info("import %s, line %d: %s", path.name, item.line, item.note)
                continue
            line += 1
            record = _kept_apart(item, seen, line, report)
            try:
                stored = directory.put(record, location)
            except ValueError as error:  # the id of a contact synced from a directory server
                report.problems.append(RowProblem(line, str(error)))
                log.warning("import %s, record %d: %s; skipped", path.name, line, error)
                continue
            for raw_number, reason in stored.unreadable:
                note = (f"record {line} ('{record.display_name}'): {raw_number!r} {reason}; "
                        "kept as written, but calls from it are not recognised")
                report.notes.append(RowNote(0, note))
                log.warning("import %s: %s", path.name, note)
            if stored.created:
                report.created += 1
            else:
                report.updated += 1
    log.info("imported %s: %d new, %d updated, %d skipped", path.name, report.created,
             report.updated, report.skipped)
    return report


def _kept_apart(record: AddressRecord, seen: dict[str, int], order: int,
                report: ImportReport) -> AddressRecord:
    """Two records of one file with the same name and no id are two contacts, not one
    overwriting the other; the second gets a key of its own (stable on re-import)."""
    if record.external_id:
        return record
    key = record.key()
    if key not in seen:
        seen[key] = order
        return record
    count = sum(1 for other in seen if other == key or other.startswith(key + "#"))
    own = f"{key}#{count + 1}"
    seen[own] = order
    report.notes.append(RowNote(0, f"record {order} ('{record.display_name}') has the same "
                                   f"name as record {seen[key]} and no id; kept as a contact "
                                   "of its own"))
    return dataclasses.replace(record, external_id=own)


def _reader_for(path: Path) -> _Reader:
    suffix = path.suffix.lower()
    if suffix in (".vcf", ".vcard"):
        return read_vcards
    if suffix in (".csv", ".txt"):
        return read_csv
    raise ImportFileError(f"{path.name}: unknown file type (expected .vcf or .csv)")
