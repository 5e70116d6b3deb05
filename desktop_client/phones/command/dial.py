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
from typing import IO

from desktop_client.core.dial import (
    DialError,
    DialRequest,
    DialTarget,
    NumberStyle,
    Payload,
    check_dial_string,
)
from desktop_client.core.dial_digits import national_digits
from desktop_client.core.numbers import Location, NumberKind

PRESETS: dict[str, tuple[str, ...]] = {
    "microsip": ("microsip.exe", "{number}"),
    "zoiper": ("zoiper5", "callto:{e164}"),
    "linphone": ("linphonecsh", "dial", "{number}"),
    "twinkle": ("twinkle", "--call", "{number}"),
    "jitsi": ("jitsi", "sip:{e164}"),
}
PLACEHOLDERS = ("number", "e164", "digits", "national", "extension")
_TOKEN = re.compile(r"\{([^{}]*)\}")


@dataclass(frozen=True, slots=True)
class CommandLine(Payload):
    """The program and its arguments, the number in its place (never through a shell)."""

    argv: list[str]


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
            values["national"] = national_digits(target.key)
        for key in ("e164", "digits", "national"):
            check_dial_string(values[key])
        argv = [self.argv[0]] + [
            _TOKEN.sub(lambda m: values[m.group(1)], arg) for arg in self.argv[1:]]
        for arg, template in zip(argv[1:], self.argv[1:], strict=True):
            if _TOKEN.search(template) and arg.startswith(("-", "/")):
                raise DialError(f"refusing argument {arg!r}: it would read as an option")
        return DialRequest(self.name, number, CommandLine(argv))


GRACE_S = 2.0
_TAIL_BYTES = 16 * 1024
_LINE_CHARS = 500


@dataclass
class Started:
    """A started softphone program and the (already unlinked) file its stderr goes to.

    A file, not a pipe: a softphone that runs on after this app quit (or after
    ``dial --once`` returned) would get SIGPIPE on its next message to a closed pipe.
    """

    process: subprocess.Popen[bytes]
    errors: IO[bytes]


def start(request: DialRequest) -> Started:
    """Start the program; raises DialError with the precise reason if it cannot."""
    import tempfile  # noqa: PLC0415

    argv = list(request.payload_as(CommandLine).argv)
    program = shutil.which(argv[0])
    if program is None:
        raise DialError(f"the program {argv[0]!r} was not found (check [backends.command] argv "
                        "and PATH)")
    errors = tempfile.TemporaryFile(prefix="desktop-client-softphone-")  # noqa: SIM115
    try:
        process = subprocess.Popen([program, *argv[1:]], stdin=subprocess.DEVNULL,
                                   stdout=subprocess.DEVNULL, stderr=errors,
                                   start_new_session=True, shell=False)
    except OSError as error:
        errors.close()
        raise DialError(f"could not start {argv[0]!r}: {error.strerror}") from None
    return Started(process, errors)


def watch(started: Started, name: str, grace_s: float = GRACE_S) -> str:
    """Wait up to ``grace_s`` for the program to fail; blocks, so run it off the UI thread.

    A softphone's helper that cannot reach the softphone exits at once with an error
    (``linphonecsh dial`` exits 255 with "Failed to connect pipe"): that is a failed call,
    raised as DialError with the program's own last line on stderr. A program still running
    after the grace period, or one that handed the call on and exited 0, placed the call.
    The child is always reaped, also when it runs on for the whole call.
    """
    import threading  # noqa: PLC0415

    process, errors = started.process, started.errors
    try:
        status = process.wait(timeout=max(0.0, grace_s))
    except subprocess.TimeoutExpired:
        errors.close()  # the program keeps its own copy of the file
        threading.Thread(target=process.wait, name="command-reaper", daemon=True).start()
        return f"started {name}"
    with errors:
        if status == 0:
            return f"started {name}"
        errors.seek(0, 2)
        size = errors.tell()
        errors.seek(max(0, size - _TAIL_BYTES))
        lines = errors.read(_TAIL_BYTES).decode("utf-8", "replace").splitlines()
    said = next((line.strip()[:_LINE_CHARS] for line in reversed(lines) if line.strip()), "")
    said = "".join(c for c in said if c.isprintable())
    raise DialError(f"{name} failed: {said or f'exit status {status}'}")
