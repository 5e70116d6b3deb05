"""The ``command`` backend: start the softphone with the number as one argv element.

``[backends.command] argv = ["microsip.exe", "{number}"]`` or ``preset = "microsip"``.
Placeholders: ``{number}`` (as [dial] number_format says), ``{e164}``, ``{digits}`` (E.164
without +), ``{national}``, ``{extension}``. No shell ever; each placeholder fills exactly its
own place and the values are digits.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass

import phonenumbers

from desktop_client.core.numbers import Location, NumberKind
from desktop_client.dialing.backends.base import (
    DialError,
    DialRequest,
    NumberStyle,
    check_dial_string,
)
from desktop_client.dialing.policy import DialTarget

PRESETS: dict[str, tuple[str, ...]] = {
    "microsip": ("microsip.exe", "{number}"),
    "zoiper": ("zoiper5", "callto:{e164}"),
    "linphone": ("linphonecsh", "dial", "{number}"),
    "twinkle": ("twinkle", "--call", "{number}"),
    "jitsi": ("jitsi", "sip:{e164}"),
}
PLACEHOLDERS = ("number", "e164", "digits", "national", "extension")
_TOKEN = re.compile(r"\{([^{}]*)\}")


def check_template(argv: Sequence[str]) -> tuple[str, ...]:
    """Validate an argv template from config.toml."""
    if not argv or not all(isinstance(a, str) for a in argv):
        raise ValueError("[backends.command] argv must be a non-empty list of strings")
    if _TOKEN.search(argv[0]):
        raise ValueError("[backends.command] the program (first element) takes no placeholder")
    names = [n for arg in argv[1:] for n in _TOKEN.findall(arg)]
    unknown = [n for n in names if n not in PLACEHOLDERS]
    if unknown:
        raise ValueError(f"[backends.command] unknown placeholder {{{unknown[0]}}}; "
                         f"use {', '.join('{' + p + '}' for p in PLACEHOLDERS)}")
    if not {"number", "e164", "digits", "national"} & set(names):
        raise ValueError("[backends.command] argv needs a number placeholder such as {number}")
    return tuple(argv)


@dataclass(frozen=True)
class CommandBackend:
    """Runs a program per call."""

    argv: tuple[str, ...]
    style: NumberStyle
    location: Location
    name: str = "command"

    def build(self, target: DialTarget) -> DialRequest:
        """The argv list that will be started."""
        number = check_dial_string(self.style.write(target, self.location))
        values = {"number": number, "extension": target.extension,
                  "e164": target.key, "digits": target.key.lstrip("+"),
                  "national": target.key}
        if target.kind == NumberKind.PUBLIC:
            parsed = phonenumbers.parse(target.key)
            values["national"] = "".join(
                c for c in phonenumbers.format_number(
                    parsed, phonenumbers.PhoneNumberFormat.NATIONAL) if c.isdigit())
        for key in ("e164", "digits", "national"):
            check_dial_string(values[key])
        argv = [self.argv[0]] + [
            _TOKEN.sub(lambda m: values[m.group(1)], arg) for arg in self.argv[1:]]
        for arg, template in zip(argv[1:], self.argv[1:], strict=True):
            if _TOKEN.search(template) and arg.startswith(("-", "/")):
                raise DialError(f"refusing argument {arg!r}: it would read as an option")
        return DialRequest(self.name, number, {"argv": argv})


def start(request: DialRequest) -> None:
    """Start the program; raises DialError with the precise reason if it cannot."""
    argv = list(request.payload["argv"])
    program = shutil.which(argv[0])
    if program is None:
        raise DialError(f"the program {argv[0]!r} was not found (check [backends.command] argv "
                        "and PATH)")
    try:
        subprocess.Popen([program, *argv[1:]], stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         start_new_session=True, shell=False)
    except OSError as error:
        raise DialError(f"could not start {argv[0]!r}: {error.strerror}") from None
