"""A loopback FRITZ!Box TR-064 SOAP endpoint, written from AVM's documents, not our client.

What it follows (no box can run here):
- AVM "TR-064 First Steps" / "Security": control URLs need HTTP digest authentication
  (RFC 2617/7616, ``algorithm=MD5``, ``qop="auth"``); the realm the box names is
  ``F!Box SOAP-Auth`` (as seen in fritzconnection's and others' traces), with a fresh nonce in
  every 401 challenge.
- The box protects its logins: a client that keeps sending wrong or unauthenticated
  requests is answered ``503 Service Unavailable`` for a while, whatever it sends then, the
  right password included (AVM's TR-064 document; the web login's blocking behaves alike).
- ``X_AVM-DE_DialNumber`` of ``urn:dslforum-org:service:X_VoIP:1`` at ``/upnp/control/x_voip``
  answers an empty ``…Response`` on success and a SOAP fault with a UPnPError otherwise.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

REALM = "F!Box SOAP-Auth"


class Tr064Box:
    """The box: counts every request and every authorized attempt; locks after failures."""

    def __init__(self, username: str = "telefon", password: str = "geheim", *,
                 failures_before_lockout: int = 3, lockout_s: float = 60.0) -> None:
        self.username, self.password = username, password
        self.failures_before_lockout = failures_before_lockout
        self.lockout_s = lockout_s
        self.requests = 0
        self.authorized_attempts = 0
        self.failed_attempts = 0
        self.dialled: list[str] = []
        self.locked_until = 0.0
        self._nonces: set[str] = set()
        self._lock = threading.Lock()
        box = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                box.handle(self, self.rfile.read(length).decode("utf-8", "replace"))

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def handle(self, http: BaseHTTPRequestHandler, body: str) -> None:
        with self._lock:
            self.requests += 1
            if time.monotonic() < self.locked_until:
                self._reply(http, 503, b"")
                return
            header = http.headers.get("Authorization", "")
            if not header:
                self._challenge(http)
                return
            self.authorized_attempts += 1
            if not self._valid(header, http.command):
                self.failed_attempts += 1
                if self.failed_attempts >= self.failures_before_lockout:
                    self.locked_until = time.monotonic() + self.lockout_s
                self._challenge(http)
                return
            self.failed_attempts = 0
        number = body.split("<NewX_AVM-DE_PhoneNumber>", 1)[-1].split("<", 1)[0]
        self.dialled.append(number)
        self._reply(http, 200, b'<?xml version="1.0"?><s:Envelope xmlns:s="http://schemas.'
                    b'xmlsoap.org/soap/envelope/"><s:Body><u:X_AVM-DE_DialNumberResponse '
                    b'xmlns:u="urn:dslforum-org:service:X_VoIP:1"/></s:Body></s:Envelope>')

    def _challenge(self, http: BaseHTTPRequestHandler) -> None:
        nonce = secrets.token_hex(8).upper()
        self._nonces.add(nonce)
        http.send_response(401)
        http.send_header("WWW-Authenticate",
                         f'Digest realm="{REALM}", nonce="{nonce}", algorithm=MD5, qop="auth"')
        http.send_header("Content-Length", "0")
        http.end_headers()

    def _valid(self, header: str, method: str) -> bool:
        scheme, _, rest = header.partition(" ")
        if scheme != "Digest":
            return False
        fields: dict[str, str] = {}
        for item in urllib.request.parse_http_list(rest):
            key, _, value = item.partition("=")
            fields[key.strip()] = value.strip().strip('"')
        if fields.get("nonce") not in self._nonces or fields.get("username") != self.username:
            return False
        self._nonces.discard(fields["nonce"])  # a nonce answers one request

        def md5(text: str) -> str:
            return hashlib.md5(text.encode()).hexdigest()

        ha1 = md5(f"{self.username}:{REALM}:{self.password}")
        ha2 = md5(f"{method}:{fields.get('uri', '')}")
        expected = md5(f"{ha1}:{fields['nonce']}:{fields.get('nc', '')}:"
                       f"{fields.get('cnonce', '')}:auth:{ha2}")
        return fields.get("response") == expected

    @staticmethod
    def _reply(http: BaseHTTPRequestHandler, status: int, data: bytes) -> None:
        http.send_response(status)
        http.send_header("Content-Length", str(len(data)))
        http.end_headers()
        http.wfile.write(data)
