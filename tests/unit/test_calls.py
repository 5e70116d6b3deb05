"""Incoming calls without Qt: tracker, baresip events, action URLs, the call service."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop_client.core.calls import CallAction, CallEvent, CallState, clean_text
from desktop_client.core.contacts import AddressRecord
from desktop_client.core.directory import Directory
from desktop_client.core.journal import Journal, csv_cell, write_csv
from desktop_client.core.numbers import Location
from desktop_client.incoming.service import CallService
from desktop_client.incoming.tracker import CallTracker
from desktop_client.phones.baresip.events import to_call_event as baresip_event
from desktop_client.phones.deskphone.action_url import (
    ActionUrlError,
    HttpRequest,
    ensure_token,
    request_head,
)
from desktop_client.phones.deskphone.action_url import to_call_event as action_event

CH = Location("CH", outside_line="0")


def ev(call_id: str, state: CallState, number: str = "+41446681842", name: str = "",
       at: float = 100.0) -> CallEvent:
    return CallEvent(call_id, state, number, name, source="test", at=at)


def test_tracker_missed_answered_and_repeats() -> None:
    tracker = CallTracker()
    assert tracker.feed(ev("a", CallState.RINGING)).kind == "ringing"  # type: ignore[union-attr]
    assert tracker.feed(ev("a", CallState.RINGING)) is None  # a repeat
    ended = tracker.feed(ev("a", CallState.ENDED, at=110))
    assert ended is not None and (ended.kind, ended.outcome) == ("ended", "missed")
    assert tracker.feed(ev("a", CallState.ENDED)) is None
    tracker.feed(ev("b", CallState.RINGING, at=200))
    assert tracker.feed(ev("b", CallState.ANSWERED, at=205)).kind == "answered"  # type: ignore[union-attr]
    done = tracker.feed(ev("b", CallState.ENDED, at=247))
    assert done is not None and (done.outcome, done.duration_s) == ("answered", 42)
    assert tracker.feed(ev("c", CallState.ENDED)) is None  # never rang here


def test_an_ended_id_that_rings_again_is_a_new_call() -> None:
    """linphone-daemon numbers calls from 1 after each start; the FRITZ!Box reuses slot 0."""
    tracker = CallTracker()
    tracker.feed(ev("1", CallState.RINGING, "+41446681842", at=100))
    assert tracker.feed(ev("1", CallState.ENDED, at=110)) is not None
    again = tracker.feed(ev("1", CallState.RINGING, "+41791234567", at=500))
    assert again is not None and again.kind == "ringing"
    assert again.call.first.remote_number == "+41791234567"
    assert tracker.feed(ev("1", CallState.ANSWERED, at=503)).kind == "answered"  # type: ignore[union-attr]
    done = tracker.feed(ev("1", CallState.ENDED, at=563))
    assert done is not None and (done.outcome, done.duration_s) == ("answered", 60)
    # A late repeat of the ringing (a phone retrying its action URL) is no new call.
    assert tracker.feed(ev("1", CallState.RINGING, at=564)) is None


def test_tracker_is_bounded() -> None:
    tracker = CallTracker(max_calls=10)
    for i in range(100):
        tracker.feed(ev(str(i), CallState.RINGING))
    assert len(tracker) == 10


def test_baresip_events() -> None:
    event = baresip_event({"event": True, "type": "CALL_INCOMING", "class": "call",
                           "accountaor": "sip:alice@127.0.0.1", "direction": "incoming",
                           "peeruri": "sip:+41441234567@127.0.0.1:5091;transport=udp",
                           "peerdisplayname": "Anna <b>Meier</b>", "id": "1-8640@127.0.0.1"})
    assert event is not None
    assert (event.call_id, event.state, event.remote_number, event.remote_name) == (
        "baresip:1-8640@127.0.0.1", CallState.RINGING, "+41441234567", "Anna <b>Meier</b>")
    closed = baresip_event({"event": True, "type": "CALL_CLOSED", "class": "call",
                            "id": "1-8640@127.0.0.1", "param": "486 Busy Here"})
    assert closed is not None and closed.state == CallState.ENDED
    assert baresip_event({"event": True, "type": "REGISTER_OK", "class": "register"}) is None
    assert baresip_event({"event": True, "type": "CALL_INCOMING", "class": "call"}) is None


TOKEN = "s3cr3t-token"


@pytest.mark.parametrize(("target", "state", "number", "name", "call_id"), [
    (f"/{TOKEN}/incoming?number=0446681842&name=Anna%20M%C3%BCller&call_id=77",
     CallState.RINGING, "0446681842", "Anna Müller", "action:77"),
    (f"/{TOKEN}/answered?number=0446681842&call_id=77", CallState.ANSWERED, "0446681842", "",
     "action:77"),
    (f"/{TOKEN}/ended?number=0446681842", CallState.ENDED, "0446681842", "",
     "action:0446681842"),
])
def test_action_urls(target: str, state: CallState, number: str, name: str,
                     call_id: str) -> None:
    event = action_event(HttpRequest("GET", target), TOKEN)
    assert (event.state, event.remote_number, event.remote_name, event.call_id) == (
        state, number, name, call_id)


@pytest.mark.parametrize(("method", "target", "status"), [
    ("POST", f"/{TOKEN}/incoming?number=1", 405),
    ("GET", "/wrong/incoming?number=1", 403),
    ("GET", "/incoming?number=1", 403),
    ("GET", f"/{TOKEN}/reboot?number=1", 404),
    ("GET", f"/{TOKEN}/incoming", 400),
    ("GET", f"/{TOKEN}/incoming?number=1&number=2", 400),
    ("GET", f"/{TOKEN}/incoming?number=%FF", 400),
])
def test_bad_action_urls(method: str, target: str, status: int) -> None:
    with pytest.raises(ActionUrlError) as caught:
        action_event(HttpRequest(method, target), TOKEN)
    assert caught.value.status == status


def test_request_head() -> None:
    assert request_head(b"GET /x HTTP/1.1\r\nHost: a") is None
    assert request_head(b"GET /x HTTP/1.1\r\nHost: a\r\n\r\n") == HttpRequest("GET", "/x")
    with pytest.raises(ActionUrlError):
        request_head(b"x" * 9000)
    with pytest.raises(ActionUrlError):
        request_head(b"GET /x\r\n\r\n")
    with pytest.raises(ActionUrlError):
        request_head("GET /ü HTTP/1.1\r\n\r\n".encode())


def test_clean_text() -> None:
    assert clean_text("Anna\u202e Meier\x00\n") == "Anna Meier"
    assert clean_text("<img src=x>") == "<img src=x>"  # shown as plain text, kept as text
    assert len(clean_text("x" * 10_000)) == 121


@pytest.fixture
def service(tmp_path: Path) -> Iterator[CallService]:
    with Directory(tmp_path / "d.sqlite3") as directory, \
            Journal(tmp_path / "j.sqlite3") as journal:
        with directory.transaction():
            directory.put(AddressRecord("company", company="Muster AG", external_id="C1",
                                        channels=(("phone", "044 668 18 00"),)), CH)
            directory.put(AddressRecord("person", "Anna", "Meier", "Muster AG", "P1",
                                        channels=(("phone", "044 668 18 42"),)), CH)
            directory.put(AddressRecord("person", "Hans", "Meier", "Meier & Co", "P2",
                                        channels=(("phone", "044 555 66 77"),)), CH)
            directory.put(AddressRecord("person", "Eva", "Meier", "", "P3",
                                        channels=(("mobile", "044 555 66 77"),)), CH)
        yield CallService(CH, journal, directory.lookup_normalized, directory.remembered)


def test_known_caller_card_and_missed_call(service: CallService) -> None:
    shown = service.handle(ev("1", CallState.RINGING, "00446681842", "ANNA M"))
    assert shown is not None and shown.action == "show" and shown.card is not None
    card = shown.card
    assert card.known and card.matches[0].address.display_name == "Anna Meier"
    assert card.display_number == "+41 44 668 18 42"
    closed = service.handle(ev("1", CallState.ENDED, "00446681842", at=130))
    assert closed is not None and closed.missed
    [entry] = service.journal.recent()
    assert (entry.direction, entry.state, entry.e164, entry.contact_name) == (
        "incoming", "missed", "+41446681842", "Anna Meier")
    assert service.journal.unseen_missed() == 1
    again = service.handle(ev("2", CallState.RINGING, "+41446681842"))
    assert again is not None and again.card is not None
    [last] = again.card.last_calls
    assert (last.direction, last.state, last.started_at) == (
        "incoming", "missed", entry.started_at[:16].replace("T", " "))


def test_probable_several_unknown_and_withheld(service: CallService) -> None:
    probable = service.card_for(ev("p", CallState.RINGING, "0446681899"))
    assert [(m.address.company, m.quality) for m in probable.matches] == [
        ("Muster AG", "probable")]
    several = service.card_for(ev("s", CallState.RINGING, "0445556677"))
    assert len(several.matches) == 2 and several.chosen is None
    unknown = service.card_for(ev("u", CallState.RINGING, "+49 30 1234567", "Fremd"))
    assert not unknown.known and unknown.region == "DE" and unknown.remote_name == "Fremd"
    for withheld in ("", "anonymous", "Anonymous"):
        card = service.card_for(ev("w", CallState.RINGING, withheld))
        assert card.anonymous and not card.known
    garbage = service.card_for(ev("g", CallState.RINGING, "1@evil.example\r\n"))
    assert not garbage.known and garbage.e164 is None


def test_answered_call_has_a_duration(service: CallService) -> None:
    service.handle(ev("a", CallState.RINGING, at=100))
    answered = service.handle(ev("a", CallState.ANSWERED, at=104))
    assert answered is not None and answered.action == "answered"
    assert answered.card is not None and answered.card.call_id == "a"  # the UI keeps or closes
    service.handle(ev("a", CallState.ENDED, at=160))
    [entry] = service.journal.recent()
    assert (entry.state, entry.duration_s, entry.control) == ("answered", 56, "")
    assert service.journal.unseen_missed() == 0


def test_calls_handled_from_the_card_are_journaled_with_what_was_done(
        service: CallService) -> None:
    service.handle(ev("d", CallState.RINGING, at=100))
    service.controlled("d", CallAction.DECLINE)
    ended = service.handle(ev("d", CallState.ENDED, at=102))
    assert ended is not None and not ended.missed  # declined: no missed-call notice
    service.handle(ev("t", CallState.RINGING, at=200))
    service.controlled("t", CallAction.ANSWER)
    service.handle(ev("t", CallState.ANSWERED, at=203))
    service.controlled("t", CallAction.TRANSFER, "+41791234567")
    service.handle(ev("t", CallState.ENDED, at=230))
    service.controlled("gone", CallAction.HANGUP)  # a call no longer followed: nothing kept
    transferred, declined = service.journal.recent()
    assert (declined.state, declined.control, declined.transferred_to) == (
        "rejected", "decline", "")
    assert (transferred.state, transferred.control, transferred.transferred_to,
            transferred.duration_s) == ("answered", "answer,transfer", "+41791234567", 27)
    assert transferred.as_json()["transferred_to"] == "+41791234567"
    assert service.journal.unseen_missed() == 0


def test_journal_query_seen_purge_and_csv(service: CallService, tmp_path: Path) -> None:
    journal = service.journal
    journal.add(direction="incoming", state="missed", number="=cmd|' /C calc'!A0",
                contact_name="@SUM(1)", started_at="2020-01-01T00:00:00+00:00")
    journal.add(direction="outgoing", state="dialled", number="+41446681800",
                e164="+41446681800", contact_name="Muster AG")
    assert [e.contact_name for e in journal.query(text="muster")] == ["Muster AG"]
    assert [e.state for e in journal.query(direction="incoming")] == ["missed"]
    assert journal.query(text="%") == []
    assert journal.unseen_missed() == 1
    journal.mark_seen()
    assert journal.unseen_missed() == 0
    path = tmp_path / "calls.csv"
    write_csv(journal.query(), path)
    text = path.read_text(encoding="utf-8-sig")
    assert "'=cmd|' /C calc'!A0" in text and "'@SUM(1)" in text
    assert text.splitlines()[0].endswith(";duration_s;control;transferred_to")
    assert csv_cell("-1") == "'-1" and csv_cell("+41") == "'+41" and csv_cell("ok") == "ok"
    assert journal.purge("2021-01-01T00:00:00+00:00") == 1
    assert len(journal.query()) == 1


def test_places_name_the_place_from_the_first_call_without_the_geocoder() -> None:
    import subprocess
    import sys

    # In a fresh interpreter: the place names come from phonenumbers' data files, read per
    # number; its geocoder (~100 MB of names) is never imported.
    script = (
        "import sys\n"
        "from desktop_client.core.numbers import Location, normalize\n"
        "from desktop_client.incoming.places import Places\n"
        "ch = Location('CH')\n"
        "german, english = Places('de'), Places('en')\n"
        "print(german.describe(normalize('+41 44 668 18 00', ch)))\n"
        "print(english.describe(normalize('+41 44 668 18 00', ch)))\n"
        "print(english.describe(normalize('+49 30 1234567', ch)))\n"
        "print(german.describe(normalize('+33 1 42 68 53 00', ch)))\n"
        "print(repr(english.describe(normalize('+41 79 123 45 67', ch))))\n"
        "print('phonenumbers.geocoder' in sys.modules, 'phonenumbers.geodata' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            encoding="utf-8", check=True)
    assert result.stdout.splitlines() == ["Zürich", "Zurich", "Berlin", "Paris", "''",
                                          "False False"]


def test_a_failing_directory_or_place_loses_no_call(tmp_path: Path) -> None:
    import sqlite3

    def locked(_number: object) -> list[Any]:
        raise sqlite3.OperationalError("database is locked")

    def broken_place(_number: object) -> str:
        raise MemoryError("geocoder")

    with Journal(tmp_path / "j.sqlite3") as journal:
        service = CallService(CH, journal, locked, None, broken_place)
        shown = service.handle(ev("x", CallState.RINGING, "+41446681842"))
        assert shown is not None and shown.card is not None
        assert shown.card.e164 == "+41446681842" and not shown.card.known
        assert (shown.card.place, shown.card.region) == ("", "CH")  # the UI names the country
        ended = service.handle(ev("x", CallState.ENDED, "+41446681842", at=130))
        assert ended is not None and ended.missed
        [entry] = journal.recent()
        assert (entry.state, entry.e164) == ("missed", "+41446681842")


def test_a_call_answered_while_its_decline_was_on_the_way_is_answered(
        service: CallService) -> None:
    service.handle(ev("d", CallState.RINGING, at=100))
    service.controlled("d", CallAction.DECLINE)
    service.handle(ev("d", CallState.ANSWERED, at=101))  # the handset was quicker
    service.handle(ev("d", CallState.ENDED, at=161))
    [entry] = service.journal.recent()
    assert (entry.state, entry.duration_s, entry.control) == ("answered", 60, "decline")


def test_a_refusal_after_the_calls_end_corrects_the_journal(service: CallService) -> None:
    service.handle(ev("t", CallState.RINGING, at=100))
    service.handle(ev("t", CallState.ANSWERED, at=101))
    service.controlled("t", CallAction.TRANSFER, "+41791234567")
    service.handle(ev("t", CallState.ENDED, at=130))
    assert service.journal.recent()[0].transferred_to == "+41791234567"
    service.retract("t", CallAction.TRANSFER)  # the PBX's "no" came after the end
    [entry] = service.journal.recent()
    assert (entry.control, entry.transferred_to) == ("", "")


def test_calls_still_open_when_the_app_quits_are_journaled(service: CallService) -> None:
    service.handle(ev("talk", CallState.RINGING, at=100))
    service.handle(ev("talk", CallState.ANSWERED, at=110))
    service.handle(ev("ring", CallState.RINGING, at=120))
    service.handle(ev("done", CallState.RINGING, at=90))
    service.handle(ev("done", CallState.ENDED, at=95))
    assert service.record_open_calls() == 2
    states = {e.call_id: (e.state, e.duration_s > 0) for e in service.journal.recent()}
    assert states == {"talk": ("answered", True), "ring": ("missed", False),
                      "done": ("missed", False)}
    assert service.record_open_calls() == 0  # once


def test_places_say_what_phonenumbers_geocoder_says() -> None:
    import phonenumbers
    from phonenumbers import PhoneNumberFormat, PhoneNumberType, geocoder

    from desktop_client.core.numbers import normalize
    from desktop_client.incoming.places import Places

    places = {language: Places(language) for language in ("de", "en", "fr")}
    checked = 0
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        example = phonenumbers.example_number_for_type(region, PhoneNumberType.FIXED_LINE)
        if example is None:
            continue
        e164 = phonenumbers.format_number(example, PhoneNumberFormat.E164)
        number = normalize(e164, CH)
        parsed = number._parsed
        assert parsed is not None
        for language, place in places.items():
            expected = geocoder.description_for_number(parsed, language)
            country = geocoder.country_name_for_number(parsed, language)
            # Where the data know no finer place, the card names the country itself.
            found = place.describe(number)
            assert found == expected or (found == "" and expected == country), e164
        checked += 1
    assert checked > 200


def test_the_action_url_token_is_made_once_and_kept_in_the_keyring() -> None:
    keyring: dict[str, str] = {}
    first = ensure_token(keyring.get, keyring.__setitem__)
    assert keyring == {"cti.action_url.token": first}
    assert len(first) == 24 and first.replace("-", "").replace("_", "").isalnum()
    assert ensure_token(keyring.get, keyring.__setitem__) == first
    other: dict[str, str] = {}
    assert ensure_token(other.get, other.__setitem__) != first
