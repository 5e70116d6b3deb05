"""Country names for messages, without loading phonenumbers' 100 MB locale data."""

from __future__ import annotations

_NAMES = {
    "AD": "Andorra", "AE": "the United Arab Emirates", "AR": "Argentina", "AT": "Austria",
    "AU": "Australia", "BA": "Bosnia and Herzegovina", "BE": "Belgium", "BG": "Bulgaria",
    "BR": "Brazil", "CA": "Canada", "CH": "Switzerland", "CN": "China", "CY": "Cyprus",
    "CZ": "the Czech Republic", "DE": "Germany", "DK": "Denmark", "EE": "Estonia", "ES": "Spain",
    "FI": "Finland", "FR": "France", "GB": "the United Kingdom", "GR": "Greece",
    "HK": "Hong Kong", "HR": "Croatia", "HU": "Hungary", "IE": "Ireland", "IL": "Israel",
    "IN": "India", "IS": "Iceland", "IT": "Italy", "JP": "Japan", "KR": "South Korea",
    "LI": "Liechtenstein", "LT": "Lithuania", "LU": "Luxembourg", "LV": "Latvia",
    "MC": "Monaco", "MT": "Malta", "MX": "Mexico", "NL": "the Netherlands", "NO": "Norway",
    "NZ": "New Zealand", "PL": "Poland", "PT": "Portugal", "RO": "Romania", "RS": "Serbia",
    "RU": "Russia", "SE": "Sweden", "SG": "Singapore", "SI": "Slovenia", "SK": "Slovakia",
    "TR": "Turkey", "UA": "Ukraine", "US": "the United States", "ZA": "South Africa",
}


def country_name(region: str) -> str:
    """An English name for an ISO region code, for use in a sentence."""
    return _NAMES.get(region.upper(), f"region {region.upper()}")
