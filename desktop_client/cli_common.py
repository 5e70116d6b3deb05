"""What the command-line modules share: exit codes, errors and JSON output."""

from __future__ import annotations

import json
import logging
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop_client.core import config as config_mod
    from desktop_client.core.dial_input import NumberError
    from desktop_client.core.directory import Directory
    from desktop_client.core.numbers import Location, NormalizedNumber
    from desktop_client.core.profile import Profile

log = logging.getLogger("desktop_client.cli")

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_BAD_INPUT = 2
EXIT_NEEDS_CONFIRMATION = 3


class UsageError(Exception):
    """Bad input on the command line: printed to stderr, exit status 2."""


def print_json(value: object) -> None:
    """One JSON document on stdout (UTF-8, keys as given)."""
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def number_json(text: str, number: NormalizedNumber | None,
                error: NumberError | None) -> dict[str, Any]:
    """The ``number --json`` object."""
    if number is None:
        assert error is not None
        return {
            "input": text, "kind": None, "e164": None, "extension": None,
            "country_code": None, "region_code": None, "detail": None, "canonical": None,
            "international": None, "national": None, "type": None, "valid": False,
            "risk": sorted(r.value for r in error.risk), "error": error.reason,
            "error_code": error.code, "possible_e164": error.possible_e164,
        }
    return {
        "input": text, "kind": number.kind, "e164": number.e164, "extension": number.extension,
        "country_code": number.country_code, "region_code": number.region_code,
        "detail": number.detail, "canonical": number.canonical,
        "international": number.international, "national": number.national,
        "type": number.type, "valid": True, "risk": sorted(r.value for r in number.risk),
        "error": None,
    }


def location_of(config: config_mod.Config, country: str | None = None) -> Location:
    """The user's location (a bad setting is warned about), or another country's."""
    from desktop_client.core.numbers import Location  # noqa: PLC0415 - phonenumbers on use

    location, problems = config.checked_location()
    for problem in problems:
        log.warning("%s", problem)
        print(f"desktop-client: warning: {problem}", file=sys.stderr)
    if country:
        try:
            return Location(country, location.area_code, location.outside_line,
                            location.internal_digits)
        except ValueError as error:
            raise UsageError(str(error)) from None
    return location


def open_directory(profile: Profile) -> Directory:
    """The profile's directory (created on first use)."""
    from desktop_client.core.directory import Directory  # noqa: PLC0415 - sqlite only when used

    profile.create()
    return Directory(profile.database_file)
