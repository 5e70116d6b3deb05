"""The real Radicale server of tests/servers/radicale_server.py does what CardDAV tests need."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator

import pytest

from tests.servers.radicale_server import (
    OTHER_PASSWORD,
    OTHER_USER,
    REALM,
    Radicale,
    make_vcard,
    need_radicale,
    split_cards,
)

PROPFIND = (
    '<?xml version="1.0" encoding="utf-8"?>'
    '<d:propfind xmlns:d="DAV:" xmlns:cs="http://calendarserver.org/ns/">'
    "<d:prop><d:sync-token/><cs:getctag/><d:resourcetype/><d:displayname/></d:prop>"
    "</d:propfind>"
)
DEPTH0 = {"Depth": "0", "Content-Type": "application/xml; charset=utf-8"}


@pytest.fixture
def server() -> Iterator[Radicale]:
    need_radicale()
    with Radicale() as running:
        yield running


def test_make_vcard_is_vcard_30_with_crlf() -> None:
    text = make_vcard("u1", "Anna Muster", ["+41 44 668 18 00", "079 123 45 67"],
                      org="Muster; AG", tel_types=["WORK,VOICE", None])
    assert text.startswith("BEGIN:VCARD\r\nVERSION:3.0\r\nUID:u1\r\n")
    assert text.endswith("END:VCARD\r\n")
    assert "\n" not in text.replace("\r\n", "")
    assert "N:Muster;Anna;;;\r\n" in text
    assert "ORG:Muster\\; AG\r\n" in text
    assert "TEL;TYPE=WORK,VOICE:+41 44 668 18 00\r\nTEL:079 123 45 67\r\n" in text
    long_name = make_vcard("u2", "Ä" * 80, [])
    assert all(len(line.encode()) <= 75 for line in long_name.split("\r\n"))
    assert split_cards(text + long_name).keys() == {"u1", "u2"}


def test_cards_rights_delete_and_restart(server: Radicale) -> None:
    assert server.url == f"{server.base_url}/anna/contacts/"
    etags = {uid: server.put_card(uid, make_vcard(uid, f"Person {uid}", ["+41 44 668 18 00"]))
             for uid in ("c1", "c2", "c3")}
    assert all(etag.startswith('"') for etag in etags.values())

    found = server.request("PROPFIND", server.url, PROPFIND, DEPTH0)
    assert found.status == 207
    assert "<CR:addressbook />" in found.text
    assert "<displayname>Contacts</displayname>" in found.text
    assert "<sync-token>http://radicale.org/ns/sync/" in found.text

    wrong = server.request("PROPFIND", server.url, PROPFIND, DEPTH0, password="wrong")
    assert wrong.status == 401
    assert wrong.headers["WWW-Authenticate"] == f'Basic realm="{REALM}"'

    foreign = server.request("PROPFIND", server.url, PROPFIND, DEPTH0,
                             user=OTHER_USER, password=OTHER_PASSWORD)
    assert foreign.status in (403, 404)
    assert server.request("GET", server.card_url("c1"), user=OTHER_USER,
                          password=OTHER_PASSWORD).status in (403, 404)

    first = server.sync_collection()
    assert set(first.changed) == {server.card_href(uid) for uid in etags}
    assert first.changed[server.card_href("c2")] == etags["c2"]
    server.delete_card("c2")
    assert server.get_card("c2").status == 404
    after = server.sync_collection(first.token)
    assert after.removed == [server.card_href("c2")] and not after.changed

    server.stop()
    assert not server.running
    server.start()
    assert server.get_card("c1").status == 200
    assert set(server.sync_collection().changed) == {server.card_href("c1"),
                                                     server.card_href("c3")}


def test_pause_never_answers_and_resume_does(server: Radicale) -> None:
    server.pause()
    try:
        with socket.create_connection((server.host, server.port), timeout=2) as sock:
            sock.sendall(b"OPTIONS / HTTP/1.1\r\nHost: x\r\n\r\n")
            sock.settimeout(0.5)
            with pytest.raises(TimeoutError):
                sock.recv(1)
    finally:
        server.resume()
    assert server.request("OPTIONS", server.url).status == 200


@pytest.mark.slow
def test_put_many_5000_then_sync_lists_them_all(server: Radicale) -> None:
    server.put_card("old", make_vcard("old", "Old Card", ["1"]))
    cards = [(f"u{n:05d}", make_vcard(f"u{n:05d}", f"Person Nr{n}", [f"+49 30 {1000000 + n}"],
                                      org="ACME", tel_types=["WORK"])) for n in range(5000)]
    started = time.monotonic()
    server.put_many(cards)
    uploaded = time.monotonic() - started
    listed = server.sync_collection()
    assert len(listed.changed) == 5001  # keep_existing kept "old"
    assert server.card_href("u04999") in listed.changed
    print(f"put_many(5000): {uploaded:.1f} s, first sync-collection: "
          f"{time.monotonic() - started - uploaded:.1f} s")
    found = server.request("PROPFIND", server.url, PROPFIND, DEPTH0)
    assert "<displayname>Contacts</displayname>" in found.text
