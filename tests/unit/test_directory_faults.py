"""Directory-server syncs under faults found in review: truncated CardDAV listings, the
directory left unlocked while a server talks, a dead worker process, stale CRM answers.

The CardDAV peer here is a loopback emulator of RFC 6578 section 3.6 (a server that cuts a
sync-collection answer short reports 507 on the collection and a token to go on from); no
server we can run here truncates (Radicale ignores nresults, see
tests/fixtures/carddav/radicale_traces.md).
"""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from desktop_client.core import synced_contacts
from desktop_client.core.contacts import AddressRecord
from desktop_client.core.directory import Directory
from desktop_client.core.numbers import Location, NormalizedNumber
from desktop_client.core.synced_contacts import SourceSync
from desktop_client.directories.base import ProbeResult, Progress
from desktop_client.directories.carddav import CardDavSettings, CardDavSource
from desktop_client.directories.http_crm import HttpCrmSettings, HttpCrmSource
from desktop_client.directories.service import DirectoryService

CH = Location("CH")


def _card(index: int) -> str:
    return (f"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:c{index}\r\nFN:Card {index}\r\n"
            f"N:{index};Card;;;\r\nTEL:+41 44 668 18 {index:02d}\r\nEND:VCARD\r\n")


class _TruncatingDav(BaseHTTPRequestHandler):
    """Lists at most two cards per sync-collection answer (507 + a token to go on from);
    a token it does not know (any, after ``tokens.clear()``) gets 403 valid-sync-token."""

    cards: dict[str, str] = {}  # noqa: RUF012 - the emulator's state, set by the tests
    tokens: dict[str, list[str]] = {}  # noqa: RUF012 - token -> hrefs still to list

    def do_REPORT(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        if "sync-collection" in body:
            match = re.search(r"<d:sync-token>([^<]*)<", body)
            token = match.group(1) if match else ""
            if token and token not in self.tokens:
                self._send(403, '<error xmlns="DAV:"><valid-sync-token/></error>')
                return
            left = self.tokens.pop(token) if token else sorted(self.cards)
            page, rest = left[:2], left[2:]
            new = f"T{len(self.tokens) + 1}-{time.monotonic_ns()}"
            self.tokens[new] = rest
            items = "".join(self._item(f"/book/{h}", '"e1"') for h in page)
            if rest:  # RFC 6578 3.6: 507 on the request-URI, the token to continue from
                items = ("<response><href>/book/</href><status>HTTP/1.1 507 Insufficient "
                         "Storage</status></response>") + items
            self._send(207, f'<multistatus xmlns="DAV:"><sync-token>{new}</sync-token>'
                            f"{items}</multistatus>")
            return
        items = "".join(self._item(href, '"e1"', self.cards.get(href.rsplit("/", 1)[1]))
                        for href in re.findall(r"<d:href>([^<]*)<", body))
        self._send(207, '<multistatus xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:carddav">'
                        f"{items}</multistatus>")

    @staticmethod
    def _item(href: str, etag: str, data: str | None = None) -> str:
        card = f"<C:address-data>{data}</C:address-data>" if data else ""
        return (f"<response><href>{href}</href><propstat><prop><getetag>{etag}</getetag>"
                f"{card}</prop><status>HTTP/1.1 200 OK</status></propstat></response>")

    def _send(self, code: int, text: str) -> None:
        data = ('<?xml version="1.0" encoding="utf-8"?>' + text).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/xml; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture
def dav() -> Iterator[str]:
    _TruncatingDav.cards = {f"c{i}.vcf": _card(i) for i in range(5)}
    _TruncatingDav.tokens = {}
    server = ThreadingHTTPServer(("127.0.0.1", 0), _TruncatingDav)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/book/"
    finally:
        server.shutdown()
        server.server_close()


def _service(path: Path, *sources: object) -> DirectoryService:
    return DirectoryService(lambda: Directory(path), CH, list(sources))  # type: ignore[arg-type]


def _names(path: Path) -> list[str]:
    with Directory(path) as directory:
        return sorted(row[0] for row in directory.conn.execute(
            "SELECT external_id FROM address WHERE source != ''"))


def test_a_truncated_listing_is_followed_to_its_end(tmp_path: Path, dav: str) -> None:
    path = tmp_path / "d.sqlite3"
    service = _service(path, CardDavSource(CardDavSettings(dav)))
    [result] = service.sync()
    assert result.ok and result.entries == 5, result
    assert len(_names(path)) == 5
    # The server forgets our token and lists everything again, two cards an answer: the
    # cards on later pages are not deleted as "no longer listed".
    _TruncatingDav.tokens.clear()
    [result] = service.sync()
    assert result.ok and result.counts.removed == 0 and result.entries == 5, result
    assert len(_names(path)) == 5


class _Blocking:
    """A source that sends one entry, then waits (a slow server)."""

    name = "ldap"

    def __init__(self) -> None:
        self.started = threading.Event()
        self.go_on = threading.Event()

    def sync(self, target: SourceSync, token: str, progress: Progress) -> str:
        target.put(AddressRecord("person", "Slow", "Server", external_id="x",
                                 channels=(("phone", "044 668 18 00"),)), "f1")
        self.started.set()
        assert self.go_on.wait(30)
        return ""

    def lookup(self, number: NormalizedNumber, timeout_s: float,
               token: str) -> list[AddressRecord]:
        return []

    def test(self, timeout_s: float) -> ProbeResult:
        return ProbeResult(0, "")


def test_the_directory_stays_writable_while_a_server_talks(tmp_path: Path) -> None:
    path = tmp_path / "d.sqlite3"
    source = _Blocking()
    service = _service(path, source)
    worker = threading.Thread(target=service.sync)
    worker.start()
    try:
        assert source.started.wait(30)
        with Directory(path) as directory:
            directory.wait_for_writers(0.2)  # the UI's short wait
            directory.put(AddressRecord("person", "Added", "ByHand", external_id="own",
                                        channels=(("phone", "044 111 22 33"),)), CH)
            directory.conn.commit()
            directory.remember("+41446681800", 1)  # picking a card's contact writes too
    finally:
        source.go_on.set()
        worker.join(30)
    assert _names(path) == ["ldap:x"]


def _die(_items: list[tuple[str, str]]) -> list[object]:
    """In the worker process: end it the hard way (as the OOM killer would)."""
    os.kill(os.getpid(), signal.SIGKILL)
    return []


class _Many:
    """A source with enough entries for the worker process."""

    name = "ldap"

    def sync(self, target: SourceSync, token: str, progress: Progress) -> str:
        for index in range(synced_contacts.BATCH * 3):
            target.put(AddressRecord("person", "P", f"N{index}", external_id=f"p{index}",
                                     channels=(("phone", f"+41 44 {2000000 + index}"),)),
                       f"f{index}")
        return ""

    def lookup(self, number: NormalizedNumber, timeout_s: float,
               token: str) -> list[AddressRecord]:
        return []

    def test(self, timeout_s: float) -> ProbeResult:
        return ProbeResult(0, "")


def test_a_dead_worker_fails_the_sync_instead_of_hanging(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(synced_contacts, "WORKER_TIMEOUT_S", 5.0)
    monkeypatch.setattr(synced_contacts, "_normalize_batch", _die)
    path = tmp_path / "d.sqlite3"
    [result] = _service(path, _Many()).sync()
    assert not result.ok and "worker process" in result.error
    assert _names(path) == []  # nothing of it applied
    with Directory(path) as directory:
        assert synced_contacts.state(directory, "ldap").error
    assert not list(tmp_path.glob(".sync-*"))  # the scratch file is gone


def test_crm_answers_are_forgotten_after_a_week(tmp_path: Path) -> None:
    path = tmp_path / "d.sqlite3"
    today = time.strftime("%Y-%m-%d", time.gmtime())
    with Directory(path) as directory, directory.transaction():
        for key, day in (("http:old", "2020-01-01"), ("http:new", today)):
            directory.put(AddressRecord("person", "", key, external_id=key,
                                        channels=(("phone", "+41 44 668 18 00"),)), CH,
                          source="http", fingerprint=f"live:{day}")
    crm = HttpCrmSource(HttpCrmSettings("https://crm.example/lookup?phone={number}"))
    [result] = _service(path, crm).sync()
    assert result.ok and result.counts.removed == 1 and result.entries == 1
    assert _names(path) == ["http:new"]


def test_an_id_taken_by_an_imported_contact_is_left_out(tmp_path: Path) -> None:
    path = tmp_path / "d.sqlite3"
    with Directory(path) as directory, directory.transaction():
        directory.put(AddressRecord("person", "Im", "Port", external_id="ldap:x",
                                    channels=(("phone", "044 999 99 99"),)), CH)
    source = _Blocking()
    source.go_on.set()
    [result] = _service(path, source).sync()
    assert result.ok and result.counts.refused == 1
    with Directory(path) as directory:
        rows = directory.conn.execute(
            "SELECT a.last_name, a.source, c.raw FROM address a JOIN channel c "
            "ON c.address_id = a.id").fetchall()
    assert rows == [("Port", "", "044 999 99 99")]  # untouched, no channel added to it


def test_the_source_index_is_used(tmp_path: Path) -> None:
    with Directory(tmp_path / "d.sqlite3") as directory:
        plan = " ".join(str(row) for row in directory.conn.execute(
            "EXPLAIN QUERY PLAN SELECT external_id FROM address WHERE source = ?", ("ldap",)))
    assert "address_source" in plan, plan
    assert sqlite3.sqlite_version_info >= (3, 33)  # UPDATE … FROM, used to apply a sync


def test_two_threads_opening_a_new_directory_both_get_it(tmp_path: Path) -> None:
    """The tray app's lookup worker and its sync thread may open a new file at once: the
    second waited for the first's migration, then found the tables it was about to create."""
    import threading

    from desktop_client.core.directory import MIGRATIONS, Directory

    for attempt in range(10):
        path = tmp_path / f"new-{attempt}.sqlite3"
        start = threading.Barrier(2)
        errors: list[BaseException] = []

        def open_it(path: Path = path, start: threading.Barrier = start,
                    errors: list[BaseException] = errors) -> None:
            start.wait()
            try:
                with Directory(path) as directory:
                    directory.counts()
            except BaseException as error:
                errors.append(error)

        threads = [threading.Thread(target=open_it) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        assert errors == []
        with Directory(path) as directory:
            version = directory.conn.execute("PRAGMA user_version").fetchone()[0]
            assert version == len(MIGRATIONS)
