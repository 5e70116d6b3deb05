"""Messages the Qt-free core writes for people, kept translatable.

The core says why it refused a number or asked for a click in English (logs, the command
line's text and JSON). The UI shows the same message in the user's language: a
:class:`Message` keeps its template (marked with :func:`N_`, collected into the translation
files by ``packaging/translations.py``) and its arguments apart, so the UI translates the
template and names the arguments itself (a region code becomes the country's name in the
user's language, a risk code the risk's words).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from desktop_client.core.countries import country_name

#: Arguments the UI names in its own words: ``country`` holds an ISO region code, ``risks``
#: comma-separated :class:`~desktop_client.core.dial_input.Risk` values.
NAMED_ARGUMENTS = ("country", "risks")


def N_(text: str) -> str:  # noqa: N802 - the gettext convention for "mark, translate later"
    """Mark a string for translation; the UI translates it when it shows it."""
    return text


Namer = Callable[[str, str], str]


@dataclass(frozen=True, slots=True)
class Message:
    """A template with ``{name}`` fields and the values that fill them."""

    template: str
    args: tuple[tuple[str, str | Message], ...] = ()

    @classmethod
    def of(cls, template: str, **args: str | Message) -> Message:
        """A message; ``template`` must be a literal marked with :func:`N_`."""
        return cls(template, tuple(args.items()))

    def render(self, translate: Callable[[str], str], name: Namer) -> str:
        """The text, with the template passed through ``translate`` and named arguments
        (:data:`NAMED_ARGUMENTS`) through ``name``."""
        values = {key: value.render(translate, name) if isinstance(value, Message)
                  else name(key, value) if key in NAMED_ARGUMENTS else value
                  for key, value in self.args}
        return translate(self.template).format_map(values)

    def __str__(self) -> str:
        return self.render(lambda template: template, english_name)


#: English words for each risk (:class:`~desktop_client.core.dial_input.Risk` values).
RISK_WORDS = {
    "premium_rate": "premium-rate number",
    "shared_cost": "shared-cost number",
    "personal": "personal number",
    "uan": "universal access number",
    "voip": "VoIP number",
    "emergency": "EMERGENCY number",
    "short_code": "short number",
    "star_hash": "* or # service code",
    "letters": "number written with letters",
    "not_valid": "number that is not known to be valid",
}


def english_name(key: str, value: str) -> str:
    """How the English text names a ``country`` or the ``risks``."""
    if key == "country":
        return country_name(value)
    return ", ".join(RISK_WORDS.get(risk, risk) for risk in value.split(",") if risk)
