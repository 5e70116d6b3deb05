"""Device logins: the challenge answered once, a refused password never tried again.

RFC 7616's own examples check the digest arithmetic; the TR-064 emulator (written from AVM's
documents, see tests/emulators/fritzbox_tr064.py) locks out a client after repeated failures,
as the box does.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from desktop_client.core.dial import DialError, NumberStyle
from desktop_client.core.numbers import Location
from desktop_client.outgoing.policy import DialSettings, RateLimiter, Source, decide
from desktop_client.phones.fritzbox import dial as fritzbox
from desktop_client.phones.http.auth import AuthError, authorization, parse_challenge
from tests.emulators.fritzbox_tr064 import Tr064Box

# RFC 7616 section 3.9.1: the same request answered with SHA-256 and with MD5.
RFC_CHALLENGE = ('Digest realm="http-auth@example.org", qop="auth, auth-int", '
                 'algorithm={alg}, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", '
                 'opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"')
RFC_CNONCE = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ"


@pytest.mark.parametrize(("alg", "response"), [
    ("SHA-256", "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"),
    ("MD5", "8ca523f5e9506fed4657c9700eebdbec"),
])
def test_rfc_7616_examples(alg: str, response: str) -> None:
    header = authorization(RFC_CHALLENGE.format(alg=alg), "GET",
                           "http://www.example.org/dir/index.html", "Mufasa", "Circle of Life",
                           cnonce=RFC_CNONCE)
    _scheme, fields = parse_challenge(header)
    assert fields["response"] == response
    assert (fields["qop"], fields["nc"], fields["uri"]) == ("auth", "00000001",
                                                            "/dir/index.html")
    assert fields["opaque"] == "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"


def test_unsupported_challenges_are_named() -> None:
    with pytest.raises(AuthError, match="NTLM"):
        authorization("NTLM", "GET", "http://phone/", "u", "p")
    with pytest.raises(AuthError, match="SHA-512-256"):
        authorization('Digest realm="r", nonce="n", algorithm=SHA-512-256', "GET",
                      "http://phone/", "u", "p")
    with pytest.raises(AuthError, match="quotes"):
        authorization('Digest realm="r", nonce="n"', "GET", "http://phone/", 'a"b', "p")


@pytest.fixture
def box() -> Iterator[Tr064Box]:
    emulator = Tr064Box("telefon", "geheim", failures_before_lockout=3)
    yield emulator
    emulator.close()


def _dial(box: Tr064Box, password: str) -> int:
    decision = decide("044 668 18 00", Source.USER, Location("CH"), DialSettings(),
                      RateLimiter())
    assert decision.target is not None
    backend = fritzbox.FritzBoxBackend(box.url, "telefon", True, NumberStyle("national"),
                                       Location("CH"))
    return fritzbox.send(backend.build(decision.target), password)


def test_a_wrong_password_is_tried_once_and_does_not_lock_out_the_right_one(
        box: Tr064Box) -> None:
    with pytest.raises(DialError, match="refused the user name or password"):
        _dial(box, "falsch")
    assert (box.requests, box.authorized_attempts) == (2, 1)  # one challenge, one answer
    assert _dial(box, "geheim") == 200
    assert box.dialled == ["0446681800"]


def test_a_locked_box_is_explained(box: Tr064Box) -> None:
    for _ in range(3):
        with pytest.raises(DialError, match="HTTP 401"):
            _dial(box, "falsch")
    with pytest.raises(DialError, match="HTTP 503"):
        _dial(box, "geheim")
    assert box.dialled == []


def test_the_right_password_dials_with_one_challenge(box: Tr064Box) -> None:
    assert _dial(box, "geheim") == 200
    assert (box.requests, box.authorized_attempts, box.dialled) == (2, 1, ["0446681800"])


def test_the_strongest_offered_challenge_is_answered() -> None:
    from desktop_client.phones.http.auth import strongest

    basic, md5 = 'Basic realm="phone"', 'Digest realm="r", nonce="n", qop="auth"'
    sha = 'Digest realm="r", nonce="n", algorithm=SHA-256, qop="auth"'
    assert strongest([basic, md5]) == md5  # the password never in the clear if avoidable
    assert strongest([md5, sha, basic]) == sha
    assert strongest([basic]) == basic
    assert strongest(["Negotiate", md5]) == md5


def test_a_device_offering_basic_first_gets_digest(tmp_path: object) -> None:
    """Found in review: only the first WWW-Authenticate header was read."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from desktop_client.phones.http.request import http_request

    seen: list[str] = []

    class Phone(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            header = self.headers.get("Authorization", "")
            seen.append(header.split(" ", 1)[0])
            if header.startswith("Digest "):
                self.send_response(200)
            else:
                self.send_response(401)
                self.send_header("WWW-Authenticate", 'Basic realm="phone"')
                self.send_header("WWW-Authenticate",
                                 'Digest realm="phone", nonce="abc", qop="auth"')
            self.send_header("Content-Length", "0")
            self.end_headers()

    server = ThreadingHTTPServer(("127.0.0.1", 0), Phone)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/command.htm?number=0446681800"
        assert http_request(url, "GET", username="admin", password="pw") == 200
    finally:
        server.shutdown()
        server.server_close()
    assert seen == ["", "Digest"]
