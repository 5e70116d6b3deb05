"""Pre-parser for every number that enters the product.

A ``tel:`` URI can come from any web page, a CTI event from any caller, a CSV cell from any
export. This module turns such text into a small, checked :class:`DialInput` (digits with an
optional leading ``+``, an extension, a phone context) or refuses it with a
:class:`NumberError` that says why in words a user understands.

We pre-parse URIs ourselves instead of handing them to ``phonenumbers``: it rejects valid
RFC 3966 parameters, keeps ``isub`` as part of the number, turns letters and pause characters
into digits, and reads ``tel:7042;phone-context=example.com`` as a Swiss number.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from desktop_client.core.messages import N_, Message

#: Longest input looked at. Checked before any regex runs: nothing a person writes as a phone
#: number comes near it, and a 1 MB URI must cost nothing.
MAX_INPUT_CHARS = 256
#: E.164 allows 15 digits; an international access code (00, 011) and a trunk prefix add a few.
MAX_DIGITS = 18
MAX_EXTENSION_DIGITS = 10


class Risk(StrEnum):
    """Why a number needs the user's explicit click before it is dialled."""

    PREMIUM_RATE = "premium_rate"
    SHARED_COST = "shared_cost"
    PERSONAL = "personal"
    UAN = "uan"
    VOIP = "voip"
    EMERGENCY = "emergency"
    SHORT_CODE = "short_code"
    STAR_HASH = "star_hash"
    LETTERS = "letters"
    NOT_VALID = "not_valid"


class NumberError(ValueError):
    """A number that has no normalized form, with a reason for people and a code for code.

    ``template`` is marked with ``N_`` and filled from ``args``: the UI shows it translated.
    """

    def __init__(
        self,
        code: str,
        template: str,
        *,
        text: str = "",
        risk: frozenset[Risk] = frozenset(),
        possible_e164: str | None = None,
        **args: str,
    ) -> None:
        self.message = Message.of(template, **args)
        self.reason = str(self.message)
        super().__init__(self.reason)
        self.code = code
        self.text = text
        self.risk = risk
        #: Set when the number has the shape of an E.164 number that phonenumbers does not know
        #: as valid (a new range, say): a dial policy may offer it behind a confirmation.
        self.possible_e164 = possible_e164

    def with_text(self, text: str) -> NumberError:
        """The same error, naming the input it was raised for (an input refused for its
        length by its start: a message need not repeat thousands of characters)."""
        self.text = text[:40] + "…" if self.code == "too_long" and len(text) > 40 else text
        return self


@dataclass(frozen=True, slots=True)
class DialInput:
    """What the pre-parser made of one input: the number and what came with it."""

    text: str
    #: Digits, with a leading ``+`` for a global number. For a service code also ``*`` and ``#``.
    number: str
    extension: str = ""
    #: ``phone-context``: a global prefix such as ``+41``, or a domain for a private number.
    context: str = ""
    scheme: str = ""
    #: Letters were turned into digits by the phone keypad (``0800 FLOWER``).
    letters: bool = False
    #: A ``*``/``#`` code for the phone or the network (``*#06#``, ``**21*…#``).
    service_code: bool = False

    @property
    def is_global(self) -> bool:
        """True for a number in international form (``+41…``)."""
        return self.number.startswith("+")

    @property
    def is_private(self) -> bool:
        """True for a number whose context is a domain: it is not a public number."""
        return bool(self.context) and not self.context.startswith("+")


_SCHEME = re.compile(r"(tel|callto|sips?):", re.IGNORECASE)
_PERCENT = re.compile(r"%([0-9A-Fa-f]{2})")
_PARAM_NAME = re.compile(r"[A-Za-z0-9-]{1,32}")
_DOMAIN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9.-]{0,250}[A-Za-z0-9])?")
# Written extensions in plain text: "+41 44 668 18 00 ext. 12", "… x12", "… int. 12" (as
# phonenumbers reads it in an imported file), "… Durchwahl 12".
_TEXT_EXTENSION = re.compile(
    r"\s*(?:ext\.?|extension|x|int\.?|dw\.?|durchwahl)\s*:?\s*([0-9]{1,10})$", re.IGNORECASE
)
# A label before a number copied from a signature or a web page: "Tel. ", "Mobile: ".
_TEXT_LABEL = re.compile(
    r"(?:tel|telefon|telephone|phone|fon|mobile?|mobil|handy|natel|fax|direkt|direct)"
    r"\.?\s*:?\s+(?=[+(0-9])", re.IGNORECASE)
_TRUNK_ZERO = re.compile(r"\(\s*0\s*\)")
_SERVICE_CODE = re.compile(r"[*#][0-9*#]*|[0-9]+[*#][0-9*#]*")
_PAUSE = re.compile(r"\+?[0-9]+[pPwW,][0-9pPwW,*#]*")
# A vanity number: digits first, then one block of letters in one case ("0800 FLOWER").
_VANITY = re.compile(r"(\+?[0-9]{3,})([A-Z]{2,10}|[a-z]{2,10})([0-9]{0,4})")
# Separators people and RFC 3966 use between digit groups.
_URI_SEPARATORS = frozenset("-.() ")
_TEXT_SEPARATORS = _URI_SEPARATORS | {"/", "\u00a0", "\u2009", "\u202f", "\u2007", "\u2010",
                                      "\u2011", "\u2012", "\u2013", "\u2212"}
_DROP_SEPARATORS = {
    False: str.maketrans("", "", "".join(_URI_SEPARATORS)),
    True: str.maketrans("", "", "".join(c for c in _TEXT_SEPARATORS if c.isascii())),
}
_PLAIN_NUMBER = re.compile(r"\+?[0-9]+")
# Written numbers without letters: digits, "+" and the ASCII separators people use.
_DIGITS_AND_SEPARATORS = re.compile(r"[0-9+ ()./-]+")
_KEYPAD = str.maketrans(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "22233344455566677778889999"
)


def parse_dial_input(text: str) -> DialInput:
    """Pre-parse a raw number or a ``tel:``/``callto:``/``sip:`` URI.

    Raises :class:`NumberError` for anything that is not clearly a phone number.
    """
    if len(text) > MAX_INPUT_CHARS:
        raise NumberError(
            "too_long", N_("the input is longer than {count} characters"), text=text[:40] + "…",
            count=str(MAX_INPUT_CHARS),
        )
    stripped = text.strip()
    if _DIGITS_AND_SEPARATORS.fullmatch(stripped) is not None:
        # The common case ("+41 44 668 18 00", "0446681800", "044/668.18.00"): no letters, so
        # no scheme, label or written extension, and nothing invisible; as _parse_plain.
        number, letters, service = _clean_number(stripped, text, separators=_TEXT_SEPARATORS)
        return _dial_input(text, number, letters, service)
    _refuse_invisible(stripped, text)
    if not stripped:
        raise NumberError("empty", N_("no number given"), text=text)
    scheme_match = _SCHEME.match(stripped)
    if scheme_match is None:
        return _parse_plain(text, stripped)
    scheme = scheme_match.group(1).lower()
    body = _percent_decode_once(stripped[scheme_match.end():], text)
    _refuse_invisible(body, text)
    body = body.removeprefix("//") if scheme in {"tel", "callto"} else _sip_user_part(body, text)
    subscriber, _, param_text = body.partition(";")
    params = _parse_params(param_text, text) if param_text else {}
    extension = _extension(params.get("ext", ""), text)
    context = _context(params.get("phone-context", ""), text)
    number, letters, service = _clean_number(subscriber, text, separators=_URI_SEPARATORS)
    if number.startswith("+"):
        context = ""  # a global number carries its own country; RFC 3966 allows no context
    return DialInput(text, number, extension, context, scheme, letters, service)


class _DialInputParts:
    """DialInput's layout without its frozen __setattr__: filled, then made a DialInput."""

    __slots__ = DialInput.__slots__


def _dial_input(text: str, number: str, letters: bool, service: bool) -> DialInput:
    """``DialInput(text, number, "", "", "", letters, service)``, without the frozen
    ``__init__``'s seven ``object.__setattr__`` calls: the same object, made faster."""
    made: Any = _DialInputParts()
    made.text, made.number, made.letters, made.service_code = text, number, letters, service
    made.extension = made.context = made.scheme = ""
    made.__class__ = DialInput
    result: DialInput = made
    return result


def _parse_plain(text: str, stripped: str) -> DialInput:
    label = _TEXT_LABEL.match(stripped)
    if label is not None:
        stripped = stripped[label.end():]  # "Tel. 044 …" as copied from a signature
    extension = ""
    ext_match = _TEXT_EXTENSION.search(stripped)
    if ext_match is not None and any(c.isdigit() for c in stripped[: ext_match.start()]):
        extension = ext_match.group(1)
        stripped = stripped[: ext_match.start()]
    number, letters, service = _clean_number(stripped, text, separators=_TEXT_SEPARATORS)
    return DialInput(text, number, extension, "", "", letters, service)


def _refuse_invisible(value: str, text: str) -> None:
    if value.isascii() and value.isprintable():
        return  # the common case, checked in C
    for char in value:
        if unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp", "Co", "Cs"):
            raise NumberError(
                "control_character",
                N_("contains an invisible character such as a line break ({character})"),
                character=f"U+{ord(char):04X}",
                text=text,
            )


def _percent_decode_once(value: str, text: str) -> str:
    if "%" not in value:
        return value
    if _PERCENT.sub("", value).count("%"):
        raise NumberError("bad_escape", N_("contains a broken %-escape"), text=text)
    raw = _PERCENT.sub(lambda m: chr(int(m.group(1), 16)), value)
    try:
        return raw.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        raise NumberError(
            "bad_escape", N_("its %-escapes do not decode as text"), text=text
        ) from None


def _sip_user_part(body: str, text: str) -> str:
    user, at, _host = body.partition("@")
    if not at:
        user = body.split("?", 1)[0]
        # "sip:+41446681800;user=phone" without a host: the parameters belong to the URI.
        user = user.split(";", 1)[0]
    if ":" in user:
        raise NumberError("not_a_number", N_("a SIP address with a password is refused"), text=text)
    return user


def _parse_params(param_text: str, text: str) -> dict[str, str]:
    params: dict[str, str] = {}
    for item in param_text.split(";"):
        name, _, value = item.partition("=")
        name = name.strip().lower()
        if not _PARAM_NAME.fullmatch(name):
            raise NumberError("bad_parameter", N_("contains a malformed URI parameter"), text=text)
        if name in params:
            raise NumberError(
                "duplicate_parameter", N_("the parameter '{name}' is given twice"), text=text,
                name=name)
        params[name] = value.strip()
    return params


def _extension(value: str, text: str) -> str:
    if not value:
        return ""
    digits = "".join(c for c in value if c not in _URI_SEPARATORS)
    if not (digits.isascii() and digits.isdigit()) or len(digits) > MAX_EXTENSION_DIGITS:
        raise NumberError(
            "bad_extension",
            N_("the extension must be 1 to {count} digits"),
            count=str(MAX_EXTENSION_DIGITS),
            text=text,
        )
    return digits


def _context(value: str, text: str) -> str:
    if not value:
        return ""
    if value.startswith("+"):
        digits = "".join(c for c in value[1:] if c not in _URI_SEPARATORS)
        if not (digits.isascii() and digits.isdigit()) or not 1 <= len(digits) <= 8:
            raise NumberError("bad_context", N_("the phone-context is not a number prefix"),
                              text=text)
        return "+" + digits
    if not _DOMAIN.fullmatch(value):
        raise NumberError("bad_context", N_("the phone-context is not a domain name"), text=text)
    return value.lower()


def _clean_number(value: str, text: str, *, separators: frozenset[str]) -> tuple[str, bool, bool]:
    """Digits (and a leading +) from a written number; flags for letters and service codes."""
    value = value.strip()
    if value.isascii():
        # Fast path for the common case: "+41 44 668 18 00", "044/668.18.00".
        quick = value.translate(_DROP_SEPARATORS[separators is _TEXT_SEPARATORS])
        if _PLAIN_NUMBER.fullmatch(quick) and len(quick) <= MAX_DIGITS + 1:
            return quick, False, False
    if value.startswith("+") and "(" in value:
        value = _TRUNK_ZERO.sub("", value, count=1)  # "+41 (0)44 …": the (0) is not dialled
    chars: list[str] = []
    for char in value:
        if char in separators or unicodedata.category(char) == "Zs":
            continue
        if char in "+\uff0b":
            if chars:
                raise NumberError("misplaced_plus", N_("has a '+' that is not at the start"),
                                  text=text)
            chars.append("+")
            continue
        digit = unicodedata.decimal(char, None)
        if digit is not None:
            chars.append(str(digit))
        elif char.isascii() and (char.isalpha() or char in "*#,"):
            chars.append(char)
        else:
            raise NumberError(
                "bad_character",
                N_("contains '{char}', which has no place in a phone number"), char=char,
                text=text,
            )
    number = "".join(chars)
    digit_count = sum(c.isdigit() for c in number)
    if digit_count == 0:
        raise NumberError("not_a_number", N_("contains no digits"), text=text)
    if digit_count > MAX_DIGITS:
        raise NumberError("too_long", N_("has too many digits for a phone number"), text=text)
    body = number.removeprefix("+")
    if body.isdigit():
        return number, False, False
    if _SERVICE_CODE.fullmatch(number):
        return number, False, True
    if _PAUSE.fullmatch(number):
        raise NumberError(
            "pause",
            N_("contains a pause (p, w or ,) followed by more digits; dial the number on its own"),
            text=text,
        )
    vanity = _VANITY.fullmatch(number)
    if vanity is not None:
        head, letters, tail = vanity.groups()
        return head + letters.upper().translate(_KEYPAD) + tail, True, False
    raise NumberError("letters", N_("contains letters"), text=text)
