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
    #: The groups the template shows, in order, when it is only group references with
    #: non-digit separators between them (``\\1 \\2-\\3``, all of phonenumbers' rules today);
    #: None for any other template.
    shown: tuple[int, ...] | None


_SIMPLE_TEMPLATE = re.compile(r"\\([1-9])(?:[^0-9\\$]+\\[1-9])*")
_REFERENCE = re.compile(r"\\([1-9])")


def _shown_groups(pattern: re.Pattern[str], template: str) -> tuple[int, ...] | None:
    if not _SIMPLE_TEMPLATE.fullmatch(template) or pattern.match("") is not None:
        return None
    shown = tuple(int(group) for group in _REFERENCE.findall(template))
    return shown if max(shown) <= pattern.groups else None


_RULES: dict[tuple[str, int], tuple[_Rule, ...]] = {}


def _rules(metadata: PhoneMetadata) -> tuple[_Rule, ...]:
    key = (metadata.id, metadata.country_code or 0)
    rules = _RULES.get(key)
    if rules is None:
        formats = metadata.intl_number_format or metadata.number_format
        compiled = [
            (re.compile(f.leading_digits_pattern[-1]) if f.leading_digits_pattern else None,
             re.compile(f.pattern), f.format)
            for f in formats
            if f.pattern is not None and f.format is not None
        ]
        rules = _RULES[key] = tuple(
            _Rule(leading, pattern, template, _shown_groups(pattern, template))
            for leading, pattern, template in compiled)
    return rules


def _rule_for(metadata: PhoneMetadata, nsn: str) -> _Rule | None:
    for rule in _rules(metadata):
        if (rule.leading is None or rule.leading.match(nsn)) and rule.pattern.fullmatch(nsn):
            return rule
    return None


def international(number: PhoneNumber) -> str:
    """``+41 44 668 18 00`` for a number without extension."""
    code = number.country_code or 0
    region = phonenumbers.region_code_for_country_code(code)
    metadata = PhoneMetadata.metadata_for_region_or_calling_code(code, region)
    if number.extension or metadata is None:
        return phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)
    nsn = phonenumbers.national_significant_number(number)
    rule = _rule_for(metadata, nsn)
    if rule is None:
        return f"+{code} {nsn}"
    return f"+{code} {rule.pattern.sub(rule.template, nsn)}"


def first_group_length(number: PhoneNumber, nsn: str) -> int:
    """The length of the first digit group after the country code in :func:`international`
    (0 when that form has fewer than two groups): phonenumbers' national destination code,
    ``length_of_national_destination_code`` without its mobile-token rule.

    ``nsn``: the number's national significant number. Read off the format rule's match,
    without formatting.
    """
    code = number.country_code or 0
    metadata = PhoneMetadata.metadata_for_region_or_calling_code(
        code, phonenumbers.region_code_for_country_code(code))
    if number.extension or metadata is None:
        return _first_group_of(international(number))
    rule = _rule_for(metadata, nsn)
    if rule is None:
        return 0  # "+41 446681800": one group
    shown = rule.shown
    match = rule.pattern.match(nsn)
    # The template's groups are the result's digit groups when the match covers the whole
    # number (re.sub would append an unmatched rest) and no shown group is empty.
    if shown is None or match is None or match.end() != len(nsn):
        return _first_group_of(international(number))
    groups = match.group(*shown) if len(shown) > 1 else (match.group(shown[0]),)
    if not all(groups):
        return _first_group_of(international(number))
    return len(groups[0]) if len(groups) > 1 else 0


_NON_DIGITS = re.compile(r"[^0-9]+")


def _first_group_of(formatted: str) -> int:
    groups = _NON_DIGITS.split(formatted)
    return len(groups[2]) if len(groups) > 3 else 0
