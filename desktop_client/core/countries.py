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


# Country names as address books write them (English, German, French, Italian where they
# differ), "|"-separated, for the country of a contact's address. Compared in lower case
# without accents.
_ALIASES = {
    "CH": "switzerland|schweiz|suisse|svizzera|confoederatio helvetica",
    "DE": (
        "germany|deutschland|allemagne|germania|brd|bundesrepublik deutschland|"
        "federal republic of germany"
    ),
    "AT": "austria|österreich|oesterreich|autriche",
    "FR": "france|frankreich|francia",
    "IT": "italy|italien|italie|italia",
    "LI": "liechtenstein|fürstentum liechtenstein",
    "LU": "luxembourg|luxemburg|lussemburgo",
    "BE": "belgium|belgien|belgique|belgio",
    "NL": "netherlands|the netherlands|niederlande|pays-bas|paesi bassi|holland",
    "GB": (
        "united kingdom|uk|great britain|grossbritannien|großbritannien|"
        "vereinigtes königreich|royaume-uni|regno unito|england|scotland|wales"
    ),
    "US": (
        "united states|usa|u.s.a.|united states of america|vereinigte staaten|"
        "vereinigte staaten von amerika|etats-unis|états-unis|stati uniti"
    ),
    "ES": "spain|spanien|espagne|spagna|españa",
    "PT": "portugal|portogallo",
    "PL": "poland|polen|pologne|polonia",
    "CZ": "czech republic|czechia|tschechien|tschechische republik|république tchèque",
    "SK": "slovakia|slowakei|slovaquie",
    "SI": "slovenia|slowenien|slovénie",
    "HR": "croatia|kroatien|croatie",
    "HU": "hungary|ungarn|hongrie",
    "RO": "romania|rumänien|roumanie",
    "BG": "bulgaria|bulgarien|bulgarie",
    "GR": "greece|griechenland|grèce|grecia",
    "TR": "turkey|türkei|turquie|turchia|türkiye",
    "SE": "sweden|schweden|suède|svezia",
    "NO": "norway|norwegen|norvège|norvegia",
    "DK": "denmark|dänemark|danemark|danimarca",
    "FI": "finland|finnland|finlande",
    "IE": "ireland|irland|irlande|irlanda",
    "IS": "iceland|island|islande",
    "EE": "estonia|estland|estonie",
    "LV": "latvia|lettland|lettonie",
    "LT": "lithuania|litauen|lituanie",
    "RS": "serbia|serbien|serbie",
    "BA": "bosnia and herzegovina|bosnien und herzegowina|bosnie-herzégovine",
    "MC": "monaco",
    "MT": "malta|malte",
    "CY": "cyprus|zypern|chypre",
    "RU": "russia|russland|russie|russian federation",
    "UA": "ukraine",
    "CA": "canada|kanada",
    "MX": "mexico|mexiko|mexique",
    "BR": "brazil|brasilien|brésil",
    "AR": "argentina|argentinien|argentine",
    "AU": "australia|australien|australie",
    "NZ": "new zealand|neuseeland|nouvelle-zélande",
    "JP": "japan|japon|giappone",
    "CN": "china|chine|cina",
    "HK": "hong kong|hongkong",
    "SG": "singapore|singapur|singapour",
    "KR": "south korea|korea|südkorea|corée du sud",
    "IN": "india|indien|inde",
    "IL": "israel|israël",
    "AE": "united arab emirates|vereinigte arabische emirate|émirats arabes unis|uae",
    "ZA": "south africa|südafrika|afrique du sud",
}


def _plain(text: str) -> str:
    import unicodedata  # noqa: PLC0415 - only when an import reads addresses

    decomposed = unicodedata.normalize("NFKD", text.strip().lower())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


_BY_NAME: dict[str, str] = {}


def country_code(text: str) -> str:
    """The ISO code for a country as an address book writes it (``Deutschland``,
    ``France``, ``CH``), or "" when it is not known."""
    if not text or len(text) > 60:
        return ""
    if not _BY_NAME:
        for code, names in _ALIASES.items():
            _BY_NAME[code.lower()] = code
            for name in names.split("|"):
                _BY_NAME[_plain(name)] = code
    plain = _plain(text)
    known = _BY_NAME.get(plain)  # first: "UK" is a name of GB, not an ISO code
    if known is not None:
        return known
    if len(plain) == 2 and plain.isascii() and plain.isalpha():
        return plain.upper()  # an ISO code as it is
    return ""
