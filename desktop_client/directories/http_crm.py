"""A CRM asked over HTTP: a lookup by number described in settings, no code per CRM.

Like 3CX's CRM templates: a URL template with the number in the form the CRM stores
(E.164, national or digits only), a bearer token from the keyring, and dotted JSON paths
(``data.items``, ``contact.name``, ``phones.0``) to the results and to each result's name,
company, kind and URL. A CRM is asked live only: it has no listing to sync.
"""

from __future__ import annotations

import json
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from desktop_client.core.contacts import AddressRecord
from desktop_client.core.numbers import NormalizedNumber, NumberKind
from desktop_client.core.synced_contacts import SourceSync
from desktop_client.directories import web
from desktop_client.directories.base import ProbeResult, Progress, SourceError

NAME = "http"
#: How long a CRM's answer is kept in the local directory.
KEEP_DAYS = 7
#: The fingerprint prefix of live answers (directories.service stores them so).
LIVE_PREFIX = "live:"
MAX_RESULTS = 20
COMPANY_WORDS = ("company", "organization", "organisation", "firma", "account")


@dataclass(frozen=True, slots=True)
class HttpCrmSettings:
    """``[directory.http]`` and the token from the keyring."""

    url: str
    number_format: str = "e164"  # "e164" | "national" | "digits"
    results_path: str = ""
    name_path: str = "name"
    company_path: str = "company"
    kind_path: str = ""
    url_path: str = "url"
    token: str = ""


class HttpCrmSource:
    """A CRM's lookup-by-number endpoint."""

    name = NAME

    def __init__(self, settings: HttpCrmSettings) -> None:
        if "{number}" not in settings.url:
            raise SourceError(NAME, "setup", "the lookup URL must contain {number}")
        web.check_url(NAME, settings.url.replace("{number}", "0"),
                      with_secret=bool(settings.token))
        self.settings = settings

    def sync(self, target: SourceSync, token: str, progress: Progress) -> str:
        """Nothing to list: the CRM is asked live. Answers stored more than
        :data:`KEEP_DAYS` ago go (the CRM is asked again on the next call)."""
        oldest = (datetime.now(UTC).date() - timedelta(days=KEEP_DAYS)).isoformat()
        kept = 0
        for source_id, fingerprint in target.stored().items():
            day = fingerprint.removeprefix(LIVE_PREFIX)
            if not fingerprint.startswith(LIVE_PREFIX) or day < oldest:
                target.remove(source_id)
            else:
                kept += 1
        progress(kept)
        return ""

    def lookup(self, number: NormalizedNumber, timeout_s: float,
               token: str) -> list[AddressRecord]:
        """Ask the CRM for the number."""
        if number.kind != NumberKind.PUBLIC:
            return []
        url = self.settings.url.replace("{number}", urllib.parse.quote(self._form(number),
                                                                        safe=""))
        headers = {"Accept": "application/json"}
        if self.settings.token:
            headers["Authorization"] = f"Bearer {self.settings.token}"
        try:
            data = web.request(NAME, "GET", url, body=None, headers=headers, timeout_s=timeout_s)
        except web.HttpStatus as status:
            if status.code == 404:
                return []  # many CRMs answer "no such contact" so
            if status.code in (401, 403):
                raise SourceError(NAME, "auth", f"the CRM refused the token (HTTP "
                                                f"{status.code})") from None
            raise SourceError(NAME, "answer", f"the CRM answered HTTP {status.code}") from None
        try:
            answer = json.loads(data)
        except (ValueError, UnicodeDecodeError, RecursionError):
            raise SourceError(NAME, "answer", "the CRM's answer is not JSON we can read"
                              ) from None
        return self.records(answer, number)

    def test(self, timeout_s: float, number: NormalizedNumber | None = None) -> ProbeResult:
        """Ask for a number (by default one nobody has): the URL, token and TLS work when
        the CRM answers with JSON."""
        from desktop_client.core.numbers import Location, normalize  # noqa: PLC0415

        probe = number or normalize("+41 44 000 00 00", Location("CH"))
        records = self.lookup(probe, timeout_s, "")
        example = f"{records[0].display_name}: {probe.international}" if records else ""
        return ProbeResult(len(records), example)

    def records(self, answer: object, number: NormalizedNumber) -> list[AddressRecord]:
        """The contacts in a JSON answer."""
        found = pick(answer, self.settings.results_path) if self.settings.results_path \
            else answer
        items = found if isinstance(found, list) else [found] if isinstance(found, dict) \
            else []
        records = []
        for item in items[:MAX_RESULTS]:
            if not isinstance(item, Mapping):
                continue
            name = _text(pick(item, self.settings.name_path))
            company = _text(pick(item, self.settings.company_path))
            link = _text(pick(item, self.settings.url_path))
            kind_text = _text(pick(item, self.settings.kind_path)).lower() \
                if self.settings.kind_path else ""
            if not (name or company):
                continue
            is_company = any(word in kind_text for word in COMPANY_WORDS) or not name
            key = link or f"{name}|{company}|{number.key}"
            if is_company:
                records.append(AddressRecord("company", company=company or name,
                                             external_id=key, link_url=_web_link(link),
                                             channels=(("phone", number.key),)))
            else:
                records.append(AddressRecord("person", "", name, company, key, _web_link(link),
                                             (("phone", number.key),)))
        return records

    def _form(self, number: NormalizedNumber) -> str:
        if self.settings.number_format == "national":
            return number.national
        if self.settings.number_format == "digits":
            return number.key.lstrip("+")
        return number.key


def pick(value: object, path: str) -> Any:
    """The value at a dotted path (``data.items.0.name``), or None."""
    if not path:
        return None
    for part in path.split("."):
        if isinstance(value, Mapping):
            value = value.get(part)
        elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        else:
            return None
    return value


def _text(value: object) -> str:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return ""


def _web_link(link: str) -> str:
    """Only http(s) links open in the browser; anything else (javascript:, file:) is dropped."""
    return link if urllib.parse.urlsplit(link).scheme in ("http", "https") else ""
