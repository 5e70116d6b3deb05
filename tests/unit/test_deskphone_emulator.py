"""The Snom / Yealink desk-phone emulator against the vendor facts it claims (urllib only)."""

from __future__ import annotations

import base64
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from tests.emulators.deskphone import DeskPhone

USER, PASSWORD = "admin", "s3cret"
CALLER = "sip:+41441234567@pbx.example.net"


def basic(user: str = USER, password: str = PASSWORD) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def get(url: str, authorization: str | None = basic(),
        timeout: float = 5) -> tuple[int, bytes, dict[str, str]]:
    """One GET without any auth handler: (status, body, headers), HTTP errors included."""
    request = urllib.request.Request(url)
    if authorization is not None:
        request.add_header("Authorization", authorization)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as exc:
        with exc:
            return exc.code, exc.read(), dict(exc.headers)


def state(phone: DeskPhone) -> str:
    """The call state, read afresh (a plain str, so that mypy does not narrow it)."""
    return phone.state


def press(phone: DeskPhone, keys: str) -> int:
    path = "/command.htm?key=" if phone.vendor == "snom" else "/servlet?key="
    return get(phone.base_url + path + quote(keys, safe=";,:"))[0]


class Receiver:
    """The CTI side of Action URLs: a tiny http.server that records each GET."""

    def __init__(self) -> None:
        self.hits: list[str] = []
        self._cond = threading.Condition()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                with receiver._cond:
                    receiver.hits.append(self.path)
                    receiver._cond.notify_all()
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True).start()

    def wait(self, count: int, timeout: float = 5) -> list[str]:
        with self._cond:
            self._cond.wait_for(lambda: len(self.hits) >= count, timeout)
            return list(self.hits)

    def events(self) -> list[str]:
        return [urlsplit(hit).path.strip("/") for hit in self.hits]

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


@pytest.fixture
def snom() -> Iterator[DeskPhone]:
    with DeskPhone("snom") as phone:
        yield phone


@pytest.fixture
def yealink() -> Iterator[DeskPhone]:
    with DeskPhone("yealink") as phone:
        yield phone


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    server = Receiver()
    yield server
    server.close()


def configure(phone: DeskPhone, receiver: Receiver) -> None:
    cid = "$call-id" if phone.vendor == "snom" else "$call_id"
    query = f"?remote=$remote&name=$display_remote&cid={cid}"
    phone.set_action_urls(incoming=f"{receiver.url}/incoming{query}",
                          connected=f"{receiver.url}/connected{query}",
                          disconnected=f"{receiver.url}/disconnected{query}")


# -- authentication -----------------------------------------------------------------------------

@pytest.mark.parametrize("vendor", ["snom", "yealink"])
def test_basic_auth_missing_or_wrong_is_401_with_challenge(vendor: str) -> None:
    with DeskPhone("snom" if vendor == "snom" else "yealink") as phone:
        phone.ring(CALLER)
        path = "/command.htm?key=ENTER" if vendor == "snom" else "/servlet?key=OK"
        for header in (None, basic(password="wrong"), basic(user="root")):
            status, _, headers = get(phone.base_url + path, header)
            assert status == 401
            assert headers["WWW-Authenticate"].startswith("Basic realm=")
        assert state(phone) == "ringing"  # refused requests press nothing
        assert phone.keys == []
        assert get(phone.base_url + path)[0] == 200
        assert state(phone) == "connected"
        assert [r[1] for r in phone.requests] == [None, basic(password="wrong"),
                                                   basic(user="root"), basic()]
        assert {r[2] for r in phone.requests} == {"127.0.0.1"}


def test_snom_credentials_in_the_url_work_through_urllib_basic_handler(snom: DeskPhone) -> None:
    manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    manager.add_password(None, snom.base_url, USER, PASSWORD)
    opener = urllib.request.build_opener(urllib.request.HTTPBasicAuthHandler(manager))
    with opener.open(snom.base_url + "/command.htm?key=CANCEL", timeout=5) as response:
        assert response.status == 200
    assert snom.requests[0][1] is None and snom.requests[1][1] == basic()
    assert snom.keys == ["CANCEL"]


def test_snom_digest_when_http_scheme_is_on() -> None:
    with DeskPhone("snom", auth="digest") as phone:
        phone.ring(CALLER)
        status, _, headers = get(phone.base_url + "/command.htm?key=ENTER", basic())
        assert status == 401  # Basic is not accepted when the phone wants Digest
        challenge = headers["WWW-Authenticate"]
        assert challenge.startswith("Digest ") and 'qop="auth"' in challenge
        manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        manager.add_password(None, phone.base_url, USER, "wrong")
        opener = urllib.request.build_opener(urllib.request.HTTPDigestAuthHandler(manager))
        with pytest.raises(urllib.error.HTTPError) as refused:
            opener.open(phone.base_url + "/command.htm?key=ENTER", timeout=5)
        assert refused.value.code == 401
        refused.value.close()
        assert state(phone) == "ringing"
        manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        manager.add_password(None, phone.base_url, USER, PASSWORD)
        opener = urllib.request.build_opener(urllib.request.HTTPDigestAuthHandler(manager))
        with opener.open(phone.base_url + "/command.htm?key=ENTER", timeout=5) as response:
            assert response.status == 200
        assert state(phone) == "connected"
        assert phone.requests[-1][1] is not None
        assert phone.requests[-1][1].startswith("Digest ")


# -- Snom keys ----------------------------------------------------------------------------------

@pytest.mark.parametrize("answer", ["ENTER", "OFFHOOK"])
@pytest.mark.parametrize("end", ["CANCEL", "ONHOOK", "DISCONNECT"])
def test_snom_answer_then_hang_up(snom: DeskPhone, answer: str, end: str) -> None:
    snom.ring(CALLER)
    assert state(snom) == "ringing"
    assert press(snom, answer) == 200
    assert state(snom) == "connected"
    assert press(snom, answer) == 200  # a second answer key changes nothing
    assert state(snom) == "connected"
    assert press(snom, end) == 200
    assert state(snom) == "idle"
    assert snom.declined is False
    assert snom.keys == [answer, answer, end]


@pytest.mark.parametrize("end", ["CANCEL", "ONHOOK", "DISCONNECT"])
def test_snom_end_key_on_ringing_call_declines(snom: DeskPhone, end: str) -> None:
    snom.ring(CALLER)
    assert press(snom, end) == 200
    assert state(snom) == "idle"
    assert snom.declined is True


def test_snom_release_all_calls_ends_the_call(snom: DeskPhone) -> None:
    snom.ring(CALLER)
    press(snom, "ENTER")
    assert get(snom.base_url + "/command.htm?RELEASE_ALL_CALLS")[0] == 200
    assert state(snom) == "idle"
    assert snom.declined is False


def test_snom_chained_key_events_with_time_and_pause(snom: DeskPhone) -> None:
    snom.ring(CALLER)
    assert press(snom, "ENTER,200,100;4;2,100;CANCEL") == 200
    assert snom.keys == ["ENTER", "4", "2", "CANCEL"]
    assert state(snom) == "idle"
    assert snom.declined is False  # answered first, then hung up


def test_snom_key_names_are_exact_capitals(snom: DeskPhone) -> None:
    snom.ring(CALLER)
    press(snom, "enter;Cancel")
    assert state(snom) == "ringing"
    assert snom.keys == ["enter", "Cancel"]


def test_snom_same_page_whatever_the_call_state(snom: DeskPhone) -> None:
    idle = get(snom.base_url + "/command.htm?key=CANCEL")
    snom.ring(CALLER)
    ringing = get(snom.base_url + "/command.htm?key=F_HOLD")
    assert idle[0] == ringing[0] == 200
    assert idle[1] == ringing[1]
    assert b"<html>" in idle[1]
    assert idle[2]["Content-Type"] == "text/html"
    assert state(snom) == "ringing"  # F_HOLD does not answer
    assert snom.keys == ["CANCEL", "F_HOLD"]


def test_snom_dial_and_dtmf(snom: DeskPhone) -> None:
    status, body, _ = get(snom.base_url + "/command.htm?number=0441234567"
                          "&outgoing_uri=100%40pbx")  # urllib follows the 302 to index.htm
    assert status == 200 and b"<html>" in body
    assert [r[0] for r in snom.requests] == [
        "/command.htm?number=0441234567&outgoing_uri=100%40pbx", "/index.htm"]
    assert snom.dialled == ["0441234567"]
    get(snom.base_url + "/command.htm?key_dtmf=12%23")
    assert snom.dtmf == ["12#"]
    assert state(snom) == "idle"


# -- Yealink keys -------------------------------------------------------------------------------

@pytest.mark.parametrize("answer", ["OK", "ANSWER", "ASW", "ASW:{id}"])
@pytest.mark.parametrize("end", ["CALLEND", "CallEnd", "CANCEL", "CANCEL:{id}"])
def test_yealink_answer_then_end(yealink: DeskPhone, answer: str, end: str) -> None:
    call_id = yealink.ring(CALLER)
    assert press(yealink, answer.format(id=call_id)) == 200
    assert state(yealink) == "connected"
    assert press(yealink, end.format(id=call_id)) == 200
    assert state(yealink) == "idle"
    assert yealink.declined is False
    assert yealink.keys == [answer.format(id=call_id), end.format(id=call_id)]


@pytest.mark.parametrize("end", ["CALLEND", "CANCEL", "CANCEL:{id}"])
def test_yealink_end_on_ringing_call_declines(yealink: DeskPhone, end: str) -> None:
    call_id = yealink.ring(CALLER)
    press(yealink, end.format(id=call_id))
    assert state(yealink) == "idle"
    assert yealink.declined is True


def test_yealink_call_id_keys_act_only_on_that_call(yealink: DeskPhone) -> None:
    call_id = yealink.ring(CALLER)
    assert call_id == "33093"  # the guides' only example: servlet?key=ASW:33093
    other = str(int(call_id) + 1)
    assert press(yealink, f"ASW:{other}") == 200
    assert state(yealink) == "ringing"
    assert press(yealink, f"CANCEL:{other}") == 200
    assert state(yealink) == "ringing"
    assert press(yealink, f"ASW:{call_id}") == 200
    assert state(yealink) == "connected"
    assert press(yealink, f"CANCEL:{other}") == 200
    assert state(yealink) == "connected"
    assert press(yealink, f"CANCEL:{call_id}") == 200
    assert state(yealink) == "idle"
    yealink_next = yealink.ring(CALLER)
    assert yealink_next == other  # ids count up


def test_yealink_chained_values_and_old_uri_forms(yealink: DeskPhone) -> None:
    yealink.ring(CALLER)
    assert get(yealink.base_url + "/cgi-bin/ConfigManApp.com?key=ASW;MUTE")[0] == 200
    assert state(yealink) == "connected"
    assert get(yealink.base_url + "/cgi-bin/cgiServer.exx?key=CALLEND")[0] == 200
    assert state(yealink) == "idle"
    assert yealink.keys == ["ASW", "MUTE", "CALLEND"]
    assert get(yealink.base_url + "/nothing?key=OK")[0] == 404


def test_keys_with_no_call_do_nothing_but_answer_200(snom: DeskPhone,
                                                     yealink: DeskPhone) -> None:
    assert press(snom, "ENTER;CANCEL") == 200
    assert press(yealink, "OK;CALLEND;ASW:1") == 200
    assert state(snom) == state(yealink) == "idle"
    assert snom.keys == ["ENTER", "CANCEL"]
    assert yealink.keys == ["OK", "CALLEND", "ASW:1"]
    assert snom.declined is yealink.declined is False


def test_ring_while_busy_is_refused_and_remote_hangup(snom: DeskPhone) -> None:
    snom.ring(CALLER)
    with pytest.raises(RuntimeError):
        snom.ring("sip:other@pbx")
    assert snom.remote_hangup() is True
    assert state(snom) == "idle" and snom.declined is False
    assert snom.remote_hangup() is False
    assert snom.call_id is None


# -- Yealink trusted addresses ------------------------------------------------------------------

@pytest.mark.parametrize(("allowed", "status"), [
    ((), 403), (("10.0.0.1",), 403), (("10.0.0.1,127.0.0.2",), 403), (("127.0.0.*",), 200),
    (("10.0.0.1", "127.*.*.*"), 200), (("any",), 200), (("10.0.0.1,127.0.0.1",), 200),
])
def test_yealink_action_uri_limit_ip(allowed: tuple[str, ...], status: int) -> None:
    with DeskPhone("yealink", trusted_ips=allowed) as phone:
        phone.ring(CALLER)
        assert get(phone.base_url + "/servlet?key=OK")[0] == status
        assert state(phone) == ("connected" if status == 200 else "ringing")


def test_yealink_untrusted_is_refused_before_credentials() -> None:
    with DeskPhone("yealink", trusted_ips=("10.0.0.1",)) as phone:
        status, _, headers = get(phone.base_url + "/servlet?key=OK", None)
        assert status == 403
        assert "WWW-Authenticate" not in headers
        assert phone.keys == []


def test_snom_ignores_trusted_ips() -> None:
    with DeskPhone("snom", trusted_ips=()) as phone:
        assert get(phone.base_url + "/command.htm?key=ENTER")[0] == 200


# -- Action URLs --------------------------------------------------------------------------------

def test_snom_action_urls_answer_and_hang_up(snom: DeskPhone, receiver: Receiver) -> None:
    configure(snom, receiver)
    call_id = snom.ring(CALLER, "Anna Muster")
    assert "@" in call_id and not call_id.isdigit()  # a SIP Call-ID, not a number
    hits = receiver.wait(1)
    assert receiver.events() == ["incoming"]
    query = parse_qs(urlsplit(hits[0]).query)
    assert query == {"remote": [CALLER], "name": ["Anna Muster"], "cid": [call_id]}
    assert "%2B41441234567" in hits[0]  # values are percent-encoded: "+" survives
    press(snom, "ENTER")
    receiver.wait(2)
    press(snom, "CANCEL")
    hits = receiver.wait(3)
    assert receiver.events() == ["incoming", "connected", "disconnected"]
    assert all(parse_qs(urlsplit(hit).query)["cid"] == [call_id] for hit in hits)
    assert snom.drain()
    assert [entry[2] for entry in snom.action_log] == ["200", "200", "200"]


def test_yealink_action_urls_and_call_id_round_trip(yealink: DeskPhone,
                                                    receiver: Receiver) -> None:
    configure(yealink, receiver)
    yealink.ring(CALLER, "Anna")
    hits = receiver.wait(1)
    call_id = parse_qs(urlsplit(hits[0]).query)["cid"][0]
    assert call_id.isdigit()
    press(yealink, f"ASW:{call_id}")  # what a CTI client does with $call_id
    receiver.wait(2)
    yealink.remote_hangup()
    receiver.wait(3)
    assert receiver.events() == ["incoming", "connected", "disconnected"]
    assert yealink.declined is False


def test_yealink_decline_fires_reject_then_terminated(yealink: DeskPhone,
                                                      receiver: Receiver) -> None:
    yealink.set_action_urls(incoming=f"{receiver.url}/incoming?c=$call_id",
                            connected=f"{receiver.url}/connected?c=$call_id",
                            disconnected=f"{receiver.url}/disconnected?c=$call_id",
                            rejected=f"{receiver.url}/rejected?c=$call_id")
    call_id = yealink.ring(CALLER)
    press(yealink, "CALLEND")
    hits = receiver.wait(3)
    assert receiver.events() == ["incoming", "rejected", "disconnected"]
    assert hits[1] == f"/rejected?c={call_id}"


@pytest.mark.parametrize("vendor", ["snom", "yealink"])
def test_decline_and_missed_call_fire_disconnected(vendor: str, receiver: Receiver) -> None:
    with DeskPhone("snom" if vendor == "snom" else "yealink") as phone:
        configure(phone, receiver)
        phone.ring(CALLER)
        press(phone, "CANCEL")
        assert phone.declined is True
        phone.ring(CALLER)
        phone.remote_hangup()  # the caller gave up: missed, not declined
        assert phone.declined is False
        receiver.wait(4)
        assert receiver.events() == ["incoming", "disconnected", "incoming", "disconnected"]


def test_snom_reject_without_disconnected_as_seen_on_firmware_8(receiver: Receiver) -> None:
    with DeskPhone("snom", disconnected_on_decline=False) as phone:
        configure(phone, receiver)
        phone.ring(CALLER)
        press(phone, "CANCEL")
        assert phone.drain()
        assert receiver.events() == ["incoming"]
        phone.ring(CALLER)
        press(phone, "ENTER;CANCEL")  # a connected call still fires disconnected
        receiver.wait(4)
        assert receiver.events() == ["incoming", "incoming", "connected", "disconnected"]


def test_snom_rejects_a_rejected_template() -> None:
    with DeskPhone("snom") as phone, pytest.raises(ValueError):
        phone.set_action_urls(rejected="http://127.0.0.1:1/x")


def test_snom_variable_in_path_ends_at_ampersand_and_raw_values(receiver: Receiver) -> None:
    with DeskPhone("snom", encode_variables=False) as phone:
        phone.set_action_urls(incoming=f"{receiver.url}/in/$display_remote&/x?r=$remote&n=1")
        phone.ring("sip:100@pbx", "Bob")
        assert receiver.wait(1) == ["/in/Bob/x?r=sip:100@pbx&n=1"]


def test_action_url_receiver_down_is_logged_not_raised(snom: DeskPhone) -> None:
    with socket.socket() as sock:  # a port that nobody listens on
        sock.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{sock.getsockname()[1]}"
    snom.set_action_urls(incoming=dead + "/incoming")
    snom.ring(CALLER)
    assert snom.drain()
    assert len(snom.action_log) == 1
    assert snom.action_log[0][0] == "incoming"
    assert snom.action_log[0][2].startswith("error:")
    assert press(snom, "ENTER") == 200  # the phone carries on


# -- faults -------------------------------------------------------------------------------------

@pytest.mark.parametrize("vendor", ["snom", "yealink"])
def test_fail_next_answers_status_once_and_does_nothing(vendor: str) -> None:
    with DeskPhone("snom" if vendor == "snom" else "yealink") as phone:
        phone.ring(CALLER)
        answer = "ENTER" if vendor == "snom" else "OK"
        phone.fail_next(500)
        assert press(phone, answer) == 500
        assert state(phone) == "ringing" and phone.keys == []
        assert press(phone, answer) == 200
        assert state(phone) == "connected"


def test_slow_phone_makes_the_client_time_out(snom: DeskPhone) -> None:
    snom.ring(CALLER)
    snom.slow(1.0)
    started = time.monotonic()
    with pytest.raises((TimeoutError, urllib.error.URLError)):
        get(snom.base_url + "/command.htm?key=ENTER", timeout=0.3)
    assert time.monotonic() - started < 0.9
    snom.slow(0)
    deadline = time.monotonic() + 5  # the slow phone still acts, late
    while state(snom) != "connected" and time.monotonic() < deadline:
        time.sleep(0.02)
    assert state(snom) == "connected"
    started = time.monotonic()
    assert press(snom, "CANCEL") == 200
    assert time.monotonic() - started < 0.5


def test_unreachable_refuses_connections(yealink: DeskPhone) -> None:
    yealink.ring(CALLER)
    assert press(yealink, "OK") == 200
    yealink.unreachable()
    with pytest.raises(urllib.error.URLError) as failed:
        get(yealink.base_url + "/servlet?key=CALLEND", timeout=2)
    assert isinstance(failed.value.reason, ConnectionRefusedError)
    assert state(yealink) == "connected"
    yealink.close()
    yealink.close()  # idempotent


def test_close_stops_listening() -> None:
    phone = DeskPhone("snom")
    url = phone.base_url
    assert get(url + "/command.htm?key=ENTER")[0] == 200
    phone.close()
    with pytest.raises(urllib.error.URLError):
        get(url + "/command.htm?key=ENTER", timeout=2)


def test_unknown_vendor_or_scheme_is_refused() -> None:
    with pytest.raises(ValueError):
        DeskPhone("polycom")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        DeskPhone("snom", auth="ntlm")  # type: ignore[arg-type]
