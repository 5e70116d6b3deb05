"""The international display form, as ``phonenumbers.format_number(…, INTERNATIONAL)``.

The batch run formats every number of the directory to split it into region code and detail.
``format_number`` looks its patterns up through ``re.compile``'s cache for every format rule it
tries; here each region's rules are compiled once. Same rules, same order, same result (a test
compares them for every region).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers
from phonenumbers import PhoneMetadata, PhoneNumber, PhoneNumberFormat


@dataclass(frozen=True, slots=True)
class _Rule:
    leading: re.Pattern[str] | None
    pattern: re.Pattern[str]
    template: str


_RULES: dict[tuple[str, int], tuple[_Rule, ...]] = {}


def _rules(metadata: PhoneMetadata) -> tuple[_Rule, ...]:
    key = (metadata.id, metadata.country_code or 0)
    rules = _RULES.get(key)
    if rules is None:
        formats = metadata.intl_number_format or metadata.number_format
        rules = _RULES[key] = tuple(
            _Rule(re.compile(f.leading_digits_pattern[-1]) if f.leading_digits_pattern else None,
                  re.compile(f.pattern), f.format)
            for f in formats
            if f.pattern is not None and f.format is not None
        )
    return rules


def international(number: PhoneNumber) -> str:
    """``+41 44 668 18 00`` for a number without extension."""
    code = number.country_code or 0
    region = phonenumbers.region_code_for_country_code(code)
    metadata = PhoneMetadata.metadata_for_region_or_calling_code(code, region)
    if number.extension or metadata is None:
        return phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)
    nsn = phonenumbers.national_significant_number(number)
    for rule in _rules(metadata):
        if (rule.leading is None or rule.leading.match(nsn)) and rule.pattern.fullmatch(nsn):
            return f"+{code} {rule.pattern.sub(rule.template, nsn)}"
    return f"+{code} {nsn}"
