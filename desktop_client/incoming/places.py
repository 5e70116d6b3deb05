"""Where an unknown caller's number belongs ("Zürich"), for the caller card.

phonenumbers' geocoder keeps all its place names in memory: ~100 MB and ~150 ms to load,
for one name per unknown caller. Its data files (``phonenumbers/geodata/data*.py``) are sorted
by number prefix, so the few lines that can describe one number sit in one or two known files:
those lines are read from the file on demand, and nothing but the answers stays in memory.
Where there is no finer place (or no data files, as in a frozen build) the UI names the
number's country in the user's language (Qt's own names).
"""

from __future__ import annotations

import ast
import bisect
import logging
import re
from collections import OrderedDict
from pathlib import Path

import phonenumbers
from phonenumbers import PhoneNumberType

from desktop_client.core.numbers import NormalizedNumber

log = logging.getLogger("desktop_client.incoming")

_GROUPS = 16  # country + area groups kept
_AREA_DIGITS = 2  # digits after the country code that a group shares
# Languages phonenumbers does not answer in English instead (its prefix module's rule).
_NO_ENGLISH_FALLBACK = frozenset({"zh", "ja", "ko"})
# Names with non-ASCII letters are written u('Z\u00fcrich') there: the literal inside counts.
_U_CALL = re.compile(r"""u\(('(?:[^'\\]|\\.)*')\)""")


class GeoFiles:
    """phonenumbers' place-name files and the first prefix in each (read once, ~30 lines)."""

    def __init__(self, folder: Path | None = None) -> None:
        if folder is None:
            folder = Path(phonenumbers.__file__).parent / "geodata"
        self.folder = folder
        self._starts: list[str] | None = None
        self._files: list[Path] = []

    def _index(self) -> list[str]:
        if self._starts is None:
            found: list[tuple[str, Path]] = []
            for path in self.folder.glob("data*.py"):
                first = _first_prefix(path)
                if first:
                    found.append((first, path))
            found.sort()
            self._starts = [first for first, _path in found]
            self._files = [path for _first, path in found]
            if not found:
                log.info("no place data in %s: cards name the country only", self.folder)
        return self._starts

    def group(self, head: str) -> dict[str, dict[str, str]]:
        """The place entries that can describe a number starting ``head``: those whose
        prefix starts with it and those whose prefix is the start of it."""
        starts = self._index()
        if not starts:
            return {}
        shorter = [head[:length] for length in range(1, len(head))]
        files = {bisect.bisect_right(starts, prefix) - 1 for prefix in shorter}
        files.update(range(bisect.bisect_right(starts, head) - 1,
                           bisect.bisect_right(starts, head + "~")))
        # Keys are digits: nothing to escape. One C-level scan per file, not a Python loop.
        line = re.compile(rf"^ '((?:{'|'.join(shorter)}|{head}[0-9]*))':(.*)$", re.MULTILINE)
        found: dict[str, dict[str, str]] = {}
        for index in sorted(files - {-1}):
            try:
                text = self._files[index].read_text(encoding="utf-8")
            except OSError as error:
                log.warning("place data %s unreadable: %s", self._files[index].name, error)
                continue
            for match in line.finditer(text):
                names = _names(match.group(2))
                if names:
                    found[match.group(1)] = names
        return found


def _names(text: str) -> dict[str, str]:
    """``{'de': u('Z\\u00fcrich'), 'en': 'Zurich'},`` as a dict; {} for what it cannot read."""
    try:
        value = ast.literal_eval(_U_CALL.sub(r"\1", text.strip().rstrip(",")))
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return {}
    if not isinstance(value, dict):
        return {}
    return {str(k): str(v) for k, v in value.items()}


def _first_prefix(path: Path) -> str:
    try:
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                if line.startswith(" '") and line[2:3].isdigit():
                    return line[2:line.find("'", 2)]
    except OSError:
        return ""
    return ""


def _name_in(names: dict[str, str], language: str) -> str | None:
    if language in names:
        return names[language]
    if language not in _NO_ENGLISH_FALLBACK:
        return names.get("en")
    return None


class Places:
    """Describes numbers from phonenumbers' place data, read per country and area on demand
    (a few recent ones kept: a burst of calls from one city reads its file once)."""

    def __init__(self, language: str = "en", files: GeoFiles | None = None) -> None:
        self.language = language
        self._files = files or GeoFiles()
        self._groups: OrderedDict[str, dict[str, str]] = OrderedDict()

    def _group(self, head: str) -> dict[str, str]:
        group = self._groups.get(head)
        if group is None:
            group = {}
            for prefix, names in self._files.group(head).items():
                name = _name_in(names, self.language)
                if name is not None:
                    group[prefix] = name
            self._groups[head] = group
            while len(self._groups) > _GROUPS:
                self._groups.popitem(last=False)
        else:
            self._groups.move_to_end(head)
        return group

    def describe(self, number: NormalizedNumber) -> str:
        """The place a number belongs to in the user's language ("Zürich"), or "" where
        its data name none finer than the country (mobile numbers, for one)."""
        parsed = number._parsed
        if parsed is None or number.e164 is None:
            return ""
        kind = getattr(PhoneNumberType, number.type, PhoneNumberType.UNKNOWN)
        if not phonenumbers.is_number_type_geographical(kind, parsed.country_code or 0):
            return ""
        digits = number.e164[1:]
        group = self._group(digits[:len(number.country_code) + _AREA_DIGITS])
        for length in range(len(digits), 0, -1):  # the longest prefix that names one
            name = group.get(digits[:length])
            if name is not None:
                return name
        return ""
