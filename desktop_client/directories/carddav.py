"""CardDAV address books (Nextcloud, Radicale, iCloud, Google, …).

Synced with WebDAV Collection Synchronization (RFC 6578, ``sync-collection``): the first
sync lists every card, later ones only what changed since the server's token, deleted cards
included. A server that forgets the token (403/409 ``valid-sync-token``) gets a complete
listing again; a server without sync-collection is listed with PROPFIND, and cards whose
ETag is unchanged are not fetched again. Cards are fetched with ``addressbook-multiget``
(RFC 6352) and read by the same vCard reader as imported files.

HTTP is the standard library's; the XML the server sends is parsed by defusedxml (entity
expansion and external entities refused: the answer comes from a server on the network).
"""

from __future__ import annotations

import base64
import io
import logging
import urllib.parse
import xml.etree.ElementTree as ET  # only to build requests; answers are read by defusedxml
from collections.abc import Iterator
from dataclasses import dataclass

from desktop_client.core.contacts import AddressRecord
from desktop_client.core.numbers import NormalizedNumber
from desktop_client.core.synced_contacts import SourceSync
from desktop_client.core.vcard_reader import read_vcards
from desktop_client.directories import web
from desktop_client.directories.base import Progress, SourceError, TestResult

log = logging.getLogger("desktop_client.directory")

NAME = "carddav"
DAV = "DAV:"
CARD = "urn:ietf:params:xml:ns:carddav"
BATCH = 200


@dataclass(frozen=True, slots=True)
class CardDavSettings:
    """``[directory.carddav]`` and the password from the keyring."""

    url: str
    username: str = ""
    password: str = ""


@dataclass(frozen=True, slots=True)
class Listing:
    """What a sync-collection or PROPFIND answered: cards with ETags, deleted hrefs, token."""

    cards: dict[str, str]
    deleted: list[str]
    token: str
    #: Every card of the collection is listed (a first sync, or the server forgot our token).
    complete: bool


class CardDavSource:
    """One address book collection."""

    name = NAME

    def __init__(self, settings: CardDavSettings, timeout_s: float = 30.0) -> None:
        web.check_url(NAME, settings.url, with_secret=bool(settings.password))
        self.settings = settings
        self.url = settings.url if settings.url.endswith("/") else settings.url + "/"
        self.timeout_s = timeout_s

    # -- the protocol ----------------------------------------------------------------------

    def sync(self, target: SourceSync, token: str, progress: Progress) -> str:
        """Changes since ``token`` (or everything), fetched and stored."""
        listing = self._listing(token, self.timeout_s)
        for href in listing.deleted:
            target.remove(href)
        wanted = []
        for href, etag in listing.cards.items():
            if etag and target.fingerprint(href) == etag:
                target.keep(href)
            else:
                wanted.append(href)
        count = len(listing.cards) - len(wanted)
        for _href, etag, record in self._fetch(wanted, self.timeout_s):
            if record is not None:
                target.put(record, etag)
            count += 1
            if count % 500 == 0:
                progress(count)
        if listing.complete:
            target.remove_unseen()
        progress(count)
        return listing.token

    def lookup(self, number: NormalizedNumber, timeout_s: float,
               token: str) -> list[AddressRecord]:
        """Cards changed since the last sync that have the number.

        CardDAV servers compare TEL values as text ("044 668 18 00" ≠ "+41446681800"), so
        a search by number misses; the cards changed since the last sync are few and are
        compared by their normalized numbers instead.
        """
        listing = self._listing(token, timeout_s)
        return [record for _href, _etag, record in self._fetch(list(listing.cards), timeout_s)
                if record is not None]

    def test(self, timeout_s: float) -> TestResult:
        """List the collection and read one card."""
        listing = self._listing("", timeout_s)
        example = ""
        for _href, _etag, record in self._fetch(list(listing.cards)[:5], timeout_s):
            if record is not None and record.channels:
                example = f"{record.display_name}: {record.channels[0][1]}"
                break
        return TestResult(len(listing.cards), example)

    # -- listing ---------------------------------------------------------------------------

    def _listing(self, token: str, timeout_s: float) -> Listing:
        body = _xml("sync-collection", DAV, [("sync-token", DAV, token), ("sync-level", DAV, "1")],
                    props=[("getetag", DAV)])
        try:
            root = self._request("REPORT", self.url, body, {"Depth": "0"}, timeout_s)
        except web.HttpStatus as status:
            if token and status.code in (403, 409) and b"valid-sync-token" in status.body:
                log.info("carddav: the server forgot our sync token; listing everything")
                return self._listing("", timeout_s)
            if status.code in (400, 403, 405, 501) and not token:
                return self._propfind_listing(timeout_s)
            raise self._error(status) from None
        cards: dict[str, str] = {}
        deleted: list[str] = []
        for response in root.iter(f"{{{DAV}}}response"):
            href = _href(response, self.url)
            if href is None:
                continue
            if " 404 " in (response.findtext(f"{{{DAV}}}status") or ""):
                deleted.append(href)
                continue
            etag = response.findtext(f".//{{{DAV}}}getetag") or ""
            if href.endswith("/") and not etag:
                continue  # the collection itself
            cards[href] = etag
        return Listing(cards, deleted, root.findtext(f"{{{DAV}}}sync-token") or "", not token)

    def _propfind_listing(self, timeout_s: float) -> Listing:
        body = _xml("propfind", DAV, [], props=[("getetag", DAV), ("resourcetype", DAV)])
        try:
            root = self._request("PROPFIND", self.url, body, {"Depth": "1"}, timeout_s)
        except web.HttpStatus as status:
            raise self._error(status) from None
        cards = {}
        for response in root.iter(f"{{{DAV}}}response"):
            href = _href(response, self.url)
            if href is None or href.endswith("/"):
                continue
            cards[href] = response.findtext(f".//{{{DAV}}}getetag") or ""
        return Listing(cards, [], "", True)

    def _fetch(self, hrefs: list[str],
               timeout_s: float) -> Iterator[tuple[str, str, AddressRecord | None]]:
        for start in range(0, len(hrefs), BATCH):
            batch = hrefs[start:start + BATCH]
            paths = [urllib.parse.urlsplit(urllib.parse.urljoin(self.url, h)).path
                     for h in batch]
            body = _xml("addressbook-multiget", CARD, [("href", DAV, p) for p in paths],
                        props=[("getetag", DAV), ("address-data", CARD)])
            try:
                root = self._request("REPORT", self.url, body, {"Depth": "1"}, timeout_s)
            except web.HttpStatus as status:
                raise self._error(status) from None
            for response in root.iter(f"{{{DAV}}}response"):
                href = _href(response, self.url)
                data = response.findtext(f".//{{{CARD}}}address-data")
                if href is None or data is None:
                    continue
                etag = response.findtext(f".//{{{DAV}}}getetag") or ""
                yield href, etag, _card(href, data)

    # -- HTTP ------------------------------------------------------------------------------

    def _request(self, method: str, url: str, body: bytes, headers: dict[str, str],
                 timeout_s: float) -> ET.Element:
        import defusedxml.ElementTree as SafeET  # noqa: PLC0415 - loaded on first use

        headers = {"Content-Type": "application/xml; charset=utf-8", **headers}
        if self.settings.username:
            pair = f"{self.settings.username}:{self.settings.password}".encode()
            headers["Authorization"] = "Basic " + base64.b64encode(pair).decode()
        data = web.request(NAME, method, url, body=body, headers=headers, timeout_s=timeout_s)
        try:
            root: ET.Element = SafeET.fromstring(data)
        except Exception as error:  # ParseError and defusedxml's refusals
            raise SourceError(NAME, "answer", f"the server's answer is not WebDAV XML "
                                              f"({error})") from None
        return root

    def _error(self, status: web.HttpStatus) -> SourceError:
        if status.code == 401:
            return SourceError(NAME, "auth", f"the server refused the password of "
                                             f"{self.settings.username or 'the anonymous user'}")
        if status.code in (403, 404):
            return SourceError(NAME, "setup", f"no address book at {self.url} for "
                                              f"{self.settings.username} (HTTP {status.code})")
        return SourceError(NAME, "answer", f"the server answered HTTP {status.code}")


def _xml(root_name: str, namespace: str, children: list[tuple[str, str, str]], *,
         props: list[tuple[str, str]]) -> bytes:
    root = ET.Element(f"{{{namespace}}}{root_name}")
    for name, child_namespace, text in children:
        ET.SubElement(root, f"{{{child_namespace}}}{name}").text = text
    prop = ET.SubElement(root, f"{{{DAV}}}prop")
    for name, prop_namespace in props:
        ET.SubElement(prop, f"{{{prop_namespace}}}{name}")
    if root_name == "addressbook-multiget":  # RFC 6352: prop comes before the hrefs
        root.remove(prop)
        root.insert(0, prop)
    ET.register_namespace("d", DAV)
    ET.register_namespace("card", CARD)
    encoded: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return encoded


def _href(response: ET.Element, base: str) -> str | None:
    href = response.findtext(f"{{{DAV}}}href")
    if not href:
        return None
    return urllib.parse.unquote(urllib.parse.urlsplit(urllib.parse.urljoin(base, href)).path)


def _card(href: str, data: str) -> AddressRecord | None:
    for item in read_vcards(io.BytesIO(data.encode("utf-8"))):
        if isinstance(item, AddressRecord):
            return AddressRecord(item.kind, item.first_name, item.last_name, item.company,
                                 href, item.link_url, item.channels, item.country)
    log.info("carddav: %s has no usable card; skipped", href)
    return None


