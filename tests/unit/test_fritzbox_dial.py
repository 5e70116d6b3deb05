"""FRITZ!Box dialling (TR-064 X_AVM-DE_DialNumber) against a loopback emulator of the box's
SOAP interface with digest auth (no box can run here), SOAP faults included."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from desktop_client.core.dial import DialError, NumberStyle
from desktop_client.core.numbers import Location
from desktop_client.outgoing.policy import DialSettings, RateLimiter, Source, decide
from desktop_client.phones.fritzbox import dial as fritzbox

CH = Location("CH")
USER, PASSWORD = "telefon", "geheim"
FAULT = ('<?xml version="1.0"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">'
         "<s:Body><s:Fault><faultcode>s:Client</faultcode><faultstring>UPnPError</faultstring>"
         "<detail><UPnPError xmlns=\"urn:schemas-upnp-org:control-1-0\"><errorCode>820"
         "</errorCode><errorDescription>Internal Error</errorDescription></UPnPError>"
         "</detail></s:Fault></s:Body></s:Envelope>")


class BoxHandler(BaseHTTPRequestHandler):
    dialling_aid = True
    calls: ClassVar[list[tuple[str, str, str]]] = []

    def log_message(self, *args: object) -> None:
        pass

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", "0"))).decode()
        if not self._authorized():
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Digest realm="F!Box SOAP-Auth", '
                             'nonce="N1", algorithm=MD5, qop="auth"')
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        type(self).calls.append((self.path, self.headers.get("SOAPAction", ""), body))
        if not self.dialling_aid:
            data = FAULT.encode()
            self.send_response(500)
        else:
            data = b"<s:Envelope><s:Body><u:X_AVM-DE_DialNumberResponse/></s:Body></s:Envelope>"
            self.send_response(200)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _authorized(self) -> bool:
        header = self.headers.get("Authorization", "")
        if not header.startswith("Digest "):
            return False
        fields = {k.strip(): v.strip().strip('"') for k, v in
                  (part.split("=", 1) for part in header[7:].split(","))}
        ha1 = hashlib.md5(f"{USER}:F!Box SOAP-Auth:{PASSWORD}".encode()).hexdigest()
        ha2 = hashlib.md5(f"POST:{fields['uri']}".encode()).hexdigest()
        expected = hashlib.md5(
            f"{ha1}:N1:{fields['nc']}:{fields['cnonce']}:auth:{ha2}".encode()).hexdigest()
        return fields.get("response") == expected


@pytest.fixture
def box() -> Iterator[str]:
    BoxHandler.calls = []
    BoxHandler.dialling_aid = True
    server = ThreadingHTTPServer(("127.0.0.1", 0), BoxHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _request(address: str, text: str = "044 668 18 00") -> object:
    decision = decide(text, Source.USER, CH, DialSettings(), RateLimiter())
    assert decision.target is not None
    backend = fritzbox.FritzBoxBackend(address, USER, True, NumberStyle("national"), CH)
    return backend.build(decision.target)


def test_dial_number_soap_call(box: str) -> None:
    request = _request(box)
    assert fritzbox.send(request, PASSWORD) == 200  # type: ignore[arg-type]
    [(path, action, body)] = BoxHandler.calls
    assert path == "/upnp/control/x_voip"
    assert action == '"urn:dslforum-org:service:X_VoIP:1#X_AVM-DE_DialNumber"'
    assert "<NewX_AVM-DE_PhoneNumber>0446681800</NewX_AVM-DE_PhoneNumber>" in body
    assert PASSWORD not in str(request.as_json())  # type: ignore[attr-defined]


@pytest.mark.parametrize("address", ["fritz.box:49000", "ftp://fritz.box",
                                     "https://admin:secret@fritz.box:49443"])
def test_a_wrong_address_names_the_fritzbox_setting(address: str) -> None:
    with pytest.raises(ValueError, match=r"^\[backends\.fritzbox\] address must be http"):
        fritzbox.FritzBoxBackend(address, USER, True, NumberStyle("national"), CH)


def test_dialling_aid_off_is_explained(box: str) -> None:
    BoxHandler.dialling_aid = False
    with pytest.raises(DialError, match=r"refused: Internal Error \(error 820\) \(is the "
                                        r"dialling aid switched on\?\)"):
        fritzbox.send(_request(box), PASSWORD)  # type: ignore[arg-type]


def test_wrong_password(box: str) -> None:
    with pytest.raises(DialError, match="HTTP 401"):
        fritzbox.send(_request(box), "falsch")  # type: ignore[arg-type]
