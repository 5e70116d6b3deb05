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


GRACE_S = 2.0
_TAIL_LINES = 20
_LINE_CHARS = 500


def start(request: DialRequest) -> subprocess.Popen[bytes]:
    """Start the program; raises DialError with the precise reason if it cannot."""
    argv = list(request.payload["argv"])
    program = shutil.which(argv[0])
    if program is None:
        raise DialError(f"the program {argv[0]!r} was not found (check [backends.command] argv "
                        "and PATH)")
    try:
        return subprocess.Popen([program, *argv[1:]], stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                start_new_session=True, shell=False)
    except OSError as error:
        raise DialError(f"could not start {argv[0]!r}: {error.strerror}") from None


def watch(process: subprocess.Popen[bytes], name: str, grace_s: float = GRACE_S) -> str:
    """Wait up to ``grace_s`` for the program to fail; blocks, so run it off the UI thread.

    A softphone's helper that cannot reach the softphone exits at once with an error
    (``linphonecsh dial`` exits 255 with "Failed to connect pipe"): that is a failed call,
    raised as DialError with the program's own last line on stderr. A program still running
    after the grace period, or one that handed the call on and exited 0, placed the call.
    The child is always reaped, also when it runs on for the whole call.
    """
    import threading  # noqa: PLC0415
    from collections import deque  # noqa: PLC0415

    tail: deque[str] = deque(maxlen=_TAIL_LINES)

    def read() -> None:
        assert process.stderr is not None
        with process.stderr:
            for raw in process.stderr:  # drained to the end: a full pipe would block it
                line = raw[:_LINE_CHARS].decode("utf-8", "replace").strip()
                if line:
                    tail.append(line)

    reader = threading.Thread(target=read, name="command-stderr", daemon=True)
    reader.start()
    try:
        status = process.wait(timeout=max(0.0, grace_s))
    except subprocess.TimeoutExpired:
        threading.Thread(target=process.wait, name="command-reaper", daemon=True).start()
        return f"started {name}"
    reader.join(1.0)
    if status == 0:
        return f"started {name}"
    said = "".join(c for c in (tail[-1] if tail else "") if c.isprintable())
    raise DialError(f"{name} failed: {said or f'exit status {status}'}")
