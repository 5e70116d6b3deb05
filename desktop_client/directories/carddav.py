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
import time
import urllib.parse
import xml.etree.ElementTree as ET  # only to build requests; answers are read by defusedxml
from collections.abc import Iterator
from dataclasses import dataclass

from desktop_client.core.contacts import AddressRecord
from desktop_client.core.numbers import NormalizedNumber
from desktop_client.core.synced_contacts import SourceSync
from desktop_client.core.vcard_reader import read_vcards
from desktop_client.directories import web
from desktop_client.directories.base import ProbeResult, Progress, SourceError

log = logging.getLogger("desktop_client.directory")

NAME = "carddav"
DAV = "DAV:"
CARD = "urn:ietf:params:xml:ns:carddav"
BATCH = 200
#: Truncated answers followed at most this often in one sync.
MAX_ROUNDS = 1000


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
    #: The server left changes out (507); ask again from ``token``.
    truncated: bool = False


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
        listing = self._changes(token, None)
        for href in listing.deleted:
            target.remove(href)
        wanted = []
        for href, etag in listing.cards.items():
            if etag and target.fingerprint(href) == etag:
                target.keep(href)
            else:
                wanted.append(href)
        count = len(listing.cards) - len(wanted)
        fetched = set()
        for href, etag, record in self._fetch(wanted, None):
            fetched.add(href)
            if record is not None:
                target.put(record, etag)
            else:
                target.remove(href)  # unreadable now: its old numbers must not stay
            count += 1
            if count % 500 == 0:
                progress(count)
        missing = [href for href in wanted if href not in fetched]
        if missing:
            # The token would move past changes we never saw.
            raise SourceError(NAME, "answer", f"the server listed {len(missing)} changed cards "
                                              f"it then did not send (e.g. {missing[0]})")
        if listing.complete:
            target.remove_unseen()
        progress(count)
        return listing.token

    def lookup(self, number: NormalizedNumber, timeout_s: float,
               token: str) -> list[AddressRecord]:
        """Cards changed since the last sync (none before the first sync).

        CardDAV servers compare TEL values as text ("044 668 18 00" ≠ "+41446681800"), so
        a search by number misses; the cards changed since the last sync are few, and the
        caller is found among them by the normalized numbers once they are stored.
        """
        if not token:
            return []  # never synced: a live lookup would fetch the whole address book
        deadline = time.monotonic() + timeout_s
        listing = self._changes(token, deadline)
        if listing.complete:
            return []  # the server forgot the token: that is the next sync's work
        return [record for _href, _etag, record in self._fetch(list(listing.cards), deadline)
                if record is not None]

    def test(self, timeout_s: float) -> ProbeResult:
        """List the collection and read one card."""
        deadline = time.monotonic() + timeout_s
        listing = self._changes("", deadline)
        example = ""
        for _href, _etag, record in self._fetch(list(listing.cards)[:5], deadline):
            if record is not None and record.channels:
                example = f"{record.display_name}: {record.channels[0][1]}"
                break
        return ProbeResult(len(listing.cards), example)

    # -- listing ---------------------------------------------------------------------------

    def _changes(self, token: str, deadline: float | None) -> Listing:
        """Every change since ``token``: a server that truncates its answer (507, RFC 6578
        3.6) is asked again from the token it gave until nothing is left out."""
        cards: dict[str, str] = {}
        deleted: list[str] = []
        complete = None
        for _round in range(MAX_ROUNDS):
            listing = self._listing(token, deadline)
            if listing.complete and complete is False:
                cards, deleted = {}, []  # the server forgot the token half way: start over
            complete = listing.complete if complete is None else complete or listing.complete
            for href in listing.deleted:
                cards.pop(href, None)
            cards.update(listing.cards)
            deleted.extend(listing.deleted)
            token = listing.token
            if not listing.truncated:
                return Listing(cards, deleted, token, bool(complete))
            if not token:
                break
        raise SourceError(NAME, "answer", "the server kept cutting its listing short")

    def _listing(self, token: str, deadline: float | None) -> Listing:
        body = _xml("sync-collection", DAV, [("sync-token", DAV, token), ("sync-level", DAV, "1")],
                    props=[("getetag", DAV)])
        try:
            root = self._request("REPORT", self.url, body, {"Depth": "0"}, deadline)
        except web.HttpStatus as status:
            if token and status.code in (403, 409) and b"valid-sync-token" in status.body:
                log.info("carddav: the server forgot our sync token; listing everything")
                return self._listing("", deadline)
            if status.code in (400, 403, 405, 501) and not token:
                return self._propfind_listing(deadline)
            raise self._error(status) from None
        cards: dict[str, str] = {}
        deleted: list[str] = []
        truncated = False
        for response in root.iter(f"{{{DAV}}}response"):
            href = _href(response, self.url)
            if href is None:
                continue
            status_line = response.findtext(f"{{{DAV}}}status") or ""
            if " 507 " in status_line:
                truncated = True  # RFC 6578: more changes than this answer holds
                continue
            if " 404 " in status_line:
                deleted.append(href)
                continue
            etag = response.findtext(f".//{{{DAV}}}getetag") or ""
            if href.endswith("/") and not etag:
                continue  # the collection itself
            cards[href] = etag
        return Listing(cards, deleted, root.findtext(f"{{{DAV}}}sync-token") or "", not token,
                       truncated)

    def _propfind_listing(self, deadline: float | None) -> Listing:
        body = _xml("propfind", DAV, [], props=[("getetag", DAV), ("resourcetype", DAV)])
        try:
            root = self._request("PROPFIND", self.url, body, {"Depth": "1"}, deadline)
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
               deadline: float | None) -> Iterator[tuple[str, str, AddressRecord | None]]:
        for start in range(0, len(hrefs), BATCH):
            batch = hrefs[start:start + BATCH]
            paths = [urllib.parse.quote(urllib.parse.urlsplit(urllib.parse.urljoin(
                self.url, h)).path) for h in batch]
            body = _xml("addressbook-multiget", CARD, [("href", DAV, p) for p in paths],
                        props=[("getetag", DAV), ("address-data", CARD)])
            try:
                root = self._request("REPORT", self.url, body, {"Depth": "1"}, deadline)
            except web.HttpStatus as status:
                raise self._error(status) from None
            for response in root.iter(f"{{{DAV}}}response"):
                href = _href(response, self.url)
                data = response.findtext(f".//{{{CARD}}}address-data")
                if href is not None and data is None and \
                        " 404 " in (response.findtext(f"{{{DAV}}}status") or ""):
                    yield href, "", None  # deleted since it was listed
                    continue
                if href is None or data is None:
                    continue
                etag = response.findtext(f".//{{{DAV}}}getetag") or ""
                yield href, etag, _card(href, data)

    # -- HTTP ------------------------------------------------------------------------------

    def _request(self, method: str, url: str, body: bytes, headers: dict[str, str],
                 deadline: float | None) -> ET.Element:
        """One request within ``deadline`` (monotonic), or ``timeout_s`` when None (a sync)."""
        import defusedxml.ElementTree as SafeET  # noqa: PLC0415 - loaded on first use

        headers = {"Content-Type": "application/xml; charset=utf-8", **headers}
        if self.settings.username:
            pair = f"{self.settings.username}:{self.settings.password}".encode()
            headers["Authorization"] = "Basic " + base64.b64encode(pair).decode()
        timeout_s = self.timeout_s if deadline is None else deadline - time.monotonic()
        if timeout_s <= 0:
            raise SourceError(NAME, "unreachable", f"{web.host(url)} did not answer in time")
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


