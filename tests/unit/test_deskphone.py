"""Desk-phone click-to-dial against a loopback emulator of the phones' HTTP interface (no real
Snom, Yealink or Grandstream can run here): basic and digest auth, faults included."""

from __future__ import annotations

import base64
import hashlib
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from desktop_client.core.dial import DialError, NumberStyle
from desktop_client.core.numbers import Location
from desktop_client.outgoing.policy import DialSettings, RateLimiter, Source, decide
from desktop_client.phones.deskphone import dial as deskphone
from desktop_client.phones.http.request import HttpCall

CH = Location("CH")
USER, PASSWORD = "admin", "s3cret"


def _target(text: str = "044 668 18 00") -> object:
    decision = decide(text, Source.USER, CH, DialSettings(), RateLimiter())
    assert decision.target is not None
    return decision.target


class PhoneHandler(BaseHTTPRequestHandler):
    mode = "basic"
    requests: ClassVar[list[tuple[str, str]]] = []

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        type(self).requests.append((self.path, self.headers.get("Authorization", "")))
        if self.mode == "redirect":
            self.send_response(302)
            self.send_header("Location", "http://192.0.2.1/elsewhere")
            self.end_headers()
            return
        if self.mode == "slow":
            time.sleep(2)
        if self.mode == "error":
            self.send_response(500)
            self.end_headers()
            return
        if not self._authorized():
            self.send_response(401)
            if self.mode == "digest":
                self.send_header("WWW-Authenticate",
                                 'Digest realm="phone", nonce="abc123", qop="auth"')
            else:
                self.send_header("WWW-Authenticate", 'Basic realm="phone"')
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"OK")

    def _authorized(self) -> bool:
        header = self.headers.get("Authorization", "")
        if self.mode == "basic":
            expected = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
            return header == f"Basic {expected}"
        if not header.startswith("Digest "):
            return False
        fields = dict(part.strip().split("=", 1) for part in header[7:].split(","))
        fields = {k: v.strip('"') for k, v in fields.items()}
        ha1 = hashlib.md5(f"{USER}:phone:{PASSWORD}".encode()).hexdigest()
        ha2 = hashlib.md5(f"GET:{fields['uri']}".encode()).hexdigest()
        response = hashlib.md5(
            f"{ha1}:abc123:{fields['nc']}:{fields['cnonce']}:auth:{ha2}".encode()).hexdigest()
        return fields.get("response") == response


@pytest.fixture
def phone() -> Iterator[str]:
    PhoneHandler.requests = []
    PhoneHandler.mode = "basic"
    server = ThreadingHTTPServer(("127.0.0.1", 0), PhoneHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _backend(vendor: str, address: str, template: str = "") -> deskphone.DeskPhoneBackend:
    return deskphone.DeskPhoneBackend(vendor, address, USER, True, NumberStyle(), CH, template)


@pytest.mark.parametrize(("vendor", "path"), [
    ("snom", "/command.htm?number=%2B41446681800"),
    ("yealink", "/servlet?key=number=%2B41446681800"),
    ("grandstream", "/cgi-bin/api-make_call?phonenumber=%2B41446681800&account=0"),
])
def test_vendor_urls_carry_no_secret(vendor: str, path: str) -> None:
    request = _backend(vendor, "https://192.0.2.10/").build(_target())  # type: ignore[arg-type]
    assert request.payload_as(HttpCall).url == "https://192.0.2.10" + path
    assert PASSWORD not in str(request.as_json())


@pytest.mark.parametrize("address", ["ftp://phone", "https://admin:pw@phone", "phone",
                                     "https://phone/?x=1", "javascript:alert(1)"])
def test_bad_addresses_are_refused(address: str) -> None:
    with pytest.raises(ValueError, match="address"):
        _backend("snom", address)


def test_custom_template_needs_base_and_number() -> None:
    with pytest.raises(ValueError, match="url_template"):
        _backend("custom", "http://phone", "http://evil/{number}")
    ok = _backend("custom", "http://phone", "{base}/dial?to={number}&line=1")
    assert ok.build(_target()).payload_as(HttpCall).url == "http://phone/dial?to=%2B41446681800&line=1"  # type: ignore[arg-type]


@pytest.mark.parametrize("mode", ["basic", "digest"])
def test_dial_with_basic_or_digest_auth(phone: str, mode: str) -> None:
    PhoneHandler.mode = mode
    request = _backend("snom", phone).build(_target())  # type: ignore[arg-type]
    assert deskphone.send(request, PASSWORD) == 200
    paths = [path for path, _auth in PhoneHandler.requests]
    assert paths[-1] == "/command.htm?number=%2B41446681800"
    assert all(PASSWORD not in path for path in paths)
    assert PhoneHandler.requests[-1][1].startswith("Basic " if mode == "basic" else "Digest ")


@pytest.mark.parametrize("mode", ["basic", "digest"])
def test_wrong_password_is_sent_once(phone: str, mode: str) -> None:
    """Snom locks its web interface after failed logins: one challenge, one answer."""
    PhoneHandler.mode = mode
    PhoneHandler.requests = []
    request = _backend("snom", phone).build(_target())  # type: ignore[arg-type]
    with pytest.raises(DialError, match="HTTP 401"):
        deskphone.send(request, "wrong")
    assert [bool(auth) for _path, auth in PhoneHandler.requests] == [False, True]


def test_redirects_are_not_followed(phone: str) -> None:
    PhoneHandler.mode = "redirect"
    request = _backend("snom", phone).build(_target())  # type: ignore[arg-type]
    with pytest.raises(DialError, match="redirect"):
        deskphone.send(request, PASSWORD)
    assert len(PhoneHandler.requests) == 1


def test_server_error_and_timeout(phone: str) -> None:
    request = _backend("snom", phone).build(_target())  # type: ignore[arg-type]
    PhoneHandler.mode = "error"
    with pytest.raises(DialError, match="HTTP 500"):
        deskphone.send(request, PASSWORD)
    PhoneHandler.mode = "slow"
    with pytest.raises(DialError, match=r"did not answer within 0\.5 s|cannot reach"):
        deskphone.send(request, PASSWORD, timeout=0.5)


def test_nobody_listening() -> None:
    request = _backend("snom", "http://127.0.0.1:9").build(_target())  # type: ignore[arg-type]
    with pytest.raises(DialError, match="cannot reach the phone"):
        deskphone.send(request, PASSWORD)
