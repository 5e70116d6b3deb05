"""A loopback Snom / Yealink desk phone: HTTP remote control, one call, and Action URLs.

Written from the vendors' documents (no phone can run here), not from our client. Labels:
[VENDOR] the vendor's text says so; [3RD] other projects' code or observations on real devices;
[INFERRED] a choice made here because the documents are silent.

Sources used
------------
Snom:
- "Can I control my snom phone remotely" / "Remote phone control",
  https://service.snom.com/display/wiki/Can+I+control+my+snom+phone+remotely,
  https://service.snom.com/display/wiki/Remote+phone+control,
  http://wiki.snom.com/FAQ/Can_I_control_my_snom_phone_remotely,
  http://kb.snom.com/kb/index.php?View=entry&CategoryID=21&EntryID=40
- "Action URL", http://wiki.snom.com/Features/Action_URL, and "Action URL Settings",
  http://wiki.snom.com/Web_Interface/V8/Action_URL_Settings
- [3RD] p4irin/remote_phone_control ``src/remote_phone_control/snom.py`` (tested on snom
  300/320/360, firmware 8.7): setting names, the 302 after ``number=``, and the observation
  that rejecting a ringing call with CANCEL fires *no* Action URL on that phone.
Yealink:
- Administrator's Guides, "Action URI" and "Action URL" (T2/T4/T5/CP series):
  https://easymanua.ls/yealink/t21pe2/manual?p=465,
  https://www.easymanua.ls/yealink/sip-t58v-a/manual?p=568,
  https://easymanua.ls/yealink/sip-t4u-series/manual?p=480,
  https://www.easymanua.ls/yealink/t40g/manual/289184?p=523,
  https://www.easymanua.ls/yealink/t27g/manual/21633?p=511,
  http://38.142.81.21:8001/manual/yealink/sip-t2-series/user-guide-english/page-211.html
- https://support.interactivetel.com/hc/en-us/articles/24070689366804 (value table)
- /tmp/research/call_control.md sections 2.1 and 2.2 (the research notes this builds on).

Snom (``vendor="snom"``)
------------------------
- ``GET /command.htm?key=KEYEVENT[;KEYEVENT...]``, ``KEYEVENT = Key[,Time[,Pause]]`` [VENDOR].
  Key names are capital letters, "written exactly as shown" [VENDOR]; anything else is a key
  the phone does not know and does nothing. Time and Pause are accepted and not waited for.
- Answer a ringing call: ``ENTER``, ``OFFHOOK`` [VENDOR key list; ENTER as answer: 3RD].
  End the call (decline it while ringing): ``CANCEL`` ("a call can be terminated"),
  ``ONHOOK``, ``DISCONNECT`` (old snom3xx list) [VENDOR]. Other keys (digits, TRANSFER, ...)
  are recorded and change nothing here (transfer, hold and dialling tones are not modelled).
- ``command.htm?RELEASE_ALL_CALLS`` ends the call [VENDOR]; on a ringing call this counts as a
  decline [INFERRED]. ``command.htm?key_dtmf=DIGITS`` is recorded in ``dtmf`` [VENDOR].
- ``command.htm?number=N[&outgoing_uri=URI]`` dials [VENDOR]; it answers ``302`` to
  ``/index.htm`` [3RD], and the number lands in ``dialled``; no outgoing call is modelled.
- Every other ``command.htm`` request answers ``200`` with the same HTML page whatever the call
  state: there is no distinct answer for "no call" [VENDOR: none documented; INFERRED].
- HTTP user/password: Basic, or Digest when the phone's ``http_scheme`` is on [VENDOR];
  ``401`` with ``WWW-Authenticate`` on missing or wrong credentials; realm ``snom``
  [INFERRED]. ``trusted_ips`` is ignored (Snom documents no such list).
- Action URLs (settings ``action_incoming_url``, ``action_connected_url``,
  ``action_disconnected_url``) are plain HTTP GETs by the phone [VENDOR]. Runtime variables:
  ``$remote`` (SIP URI of the caller), ``$display_remote``, ``$call-id`` (the call-id of the
  active call, i.e. the SIP Call-ID, here ``<hex>@127.0.0.1``) [VENDOR]. In the path a
  variable ends at ``&``, which is dropped [VENDOR]. Unknown variables are left as written.

Yealink (``vendor="yealink"``)
------------------------------
- ``GET /servlet?key=VALUE[;VALUE...]``; the old ``/cgi-bin/ConfigManApp.com`` and
  ``/cgi-bin/cgiServer.exx`` forms too [VENDOR]. "When receiving a GET request, the phone will
  perform the specified action and respond with a 200 OK message" [VENDOR]; the body is empty
  [INFERRED].
- Answer: ``OK`` [VENDOR], ``ANSWER`` [3RD], ``ASW`` (doc example ``key=ASW;MUTE``),
  ``ASW:<call-id>`` [VENDOR]. End/decline: ``CALLEND``/``CallEnd`` ("End a call"),
  ``CANCEL:<call-id>`` [VENDOR], bare ``CANCEL`` [3RD]. ``<call-id>`` is ``$call_id``;
  ``ASW:``/``CANCEL:``/``HOLD:``/``UNHOLD:`` with another id do nothing [INFERRED].
  The call-id is a decimal number; the guides' only example is ``ASW:33093``, so ids count up
  from 33093 [INFERRED from that example].
- ``features.action_uri_limit_ip`` = ``trusted_ips``: addresses, ``*`` octet wildcards, or
  ``any``; blank (empty tuple) means every request is rejected [VENDOR]. The refusal status is
  not documented: ``403`` [INFERRED], checked before credentials [INFERRED]. The first-request
  "Allow Remote Control?" prompt (``features.show_action_uri_option``) is taken as switched
  off (0) and not modelled, nor is the T5 ``p=login&q=login&...`` form.
- Credentials as HTTP user:password (``http://user:pass@phone/servlet?...``) [VENDOR];
  ``401`` with ``WWW-Authenticate`` (realm ``Yealink``) otherwise [INFERRED].
- Action URLs: ``action_url.incoming_call``, ``action_url.established``,
  ``action_url.call_terminated`` (web UI "Terminated"; some guides spell it
  ``action_url.terminated``), ``action_url.reject_incoming_call`` [VENDOR], with ``$remote``,
  ``$display_remote``, ``$call_id`` [VENDOR].

Action URL firing rules (both vendors)
--------------------------------------
- ``ring()``: *incoming* while the phone starts ringing [VENDOR].
- An answer key on a ringing call: *connected* / *established* [VENDOR].
- The call ends (far side hangs up, ringing or connected; an end key on a connected call):
  *disconnected* / *terminated* [VENDOR for connected calls; INFERRED for a missed call].
- A ringing call ended by a local key (a decline): Yealink fires ``rejected``
  (``action_url.reject_incoming_call``) if set [VENDOR], then *terminated* [INFERRED: the
  guides do not say whether Terminated fires too]. Snom fires *disconnected* [INFERRED;
  NOTE the 3RD observation above says snom 8.7 fires nothing on a reject: pass
  ``disconnected_on_decline=False`` to model that].
- Variable values are percent-encoded (``sip:+41...`` becomes ``sip%3A%2B41...``) [INFERRED:
  undocumented; ``encode_variables=False`` substitutes them raw]. The phone sends them one at
  a time, in order, from its own thread; failures are recorded in ``action_log``, never raised.

Faults: ``fail_next(status)``, ``slow(seconds)`` (applied before the request is acted on, so a
client that gave up may still see the action happen), wrong credentials, untrusted address
(Yealink), ``unreachable()`` (the listening socket is closed: connection refused).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import queue
import re
import secrets
import threading
import urllib.error
import urllib.request
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Literal
from urllib.parse import parse_qsl, quote, urlsplit

Vendor = Literal["snom", "yealink"]
AuthScheme = Literal["basic", "digest"]
State = Literal["idle", "ringing", "connected"]

SNOM_ANSWER_KEYS = frozenset({"ENTER", "OFFHOOK"})
SNOM_END_KEYS = frozenset({"CANCEL", "ONHOOK", "DISCONNECT"})
YEALINK_ANSWER_KEYS = frozenset({"OK", "ANSWER", "ASW"})
YEALINK_END_KEYS = frozenset({"CALLEND", "CallEnd", "CANCEL"})
YEALINK_CALL_ID_KEYS = frozenset({"ASW", "CANCEL", "HOLD", "UNHOLD"})
YEALINK_PATHS = frozenset({"/servlet", "/cgi-bin/ConfigManApp.com", "/cgi-bin/cgiServer.exx"})
YEALINK_FIRST_CALL_ID = 33093

SNOM_PAGE = (
    b"<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01 Transitional//EN\">\n"
    b"<html><head><title>snom</title></head><body>"
    b"<p>Command received.</p></body></html>\n"
)

_REALMS: dict[str, str] = {"snom": "snom", "yealink": "Yealink"}
_VARIABLES: dict[str, tuple[str, ...]] = {
    # Longest first, so that $display_remote is not read as $display + ...
    "snom": ("display_remote", "call-id", "remote"),
    "yealink": ("display_remote", "call_id", "remote"),
}


@dataclass
class _Call:
    call_id: str
    remote: str
    display: str
    state: State


class DeskPhone:
    """One desk phone on 127.0.0.1 with a free port; ``close()`` (or ``with``) stops it."""

    def __init__(self, vendor: Vendor, *, username: str | None = "admin",
                 password: str = "s3cret", auth: AuthScheme = "basic",
                 trusted_ips: tuple[str, ...] = ("127.0.0.1",),
                 encode_variables: bool = True,
                 disconnected_on_decline: bool = True) -> None:
        if vendor not in ("snom", "yealink"):
            raise ValueError(f"unknown vendor {vendor!r}")
        if auth not in ("basic", "digest"):
            raise ValueError(f"unknown auth scheme {auth!r}")
        self.vendor: Vendor = vendor
        self.username = username  # None: HTTP authentication switched off
        self.password = password
        self.auth: AuthScheme = auth
        self.trusted_ips = trusted_ips
        self.encode_variables = encode_variables
        self.disconnected_on_decline = disconnected_on_decline
        self.realm = _REALMS[vendor]

        self.requests: list[tuple[str, str | None, str]] = []
        self.keys: list[str] = []
        self.dialled: list[str] = []
        self.dtmf: list[str] = []
        self.declined = False
        self.action_log: list[tuple[str, str, str]] = []  # (event, url, status or error)

        self._templates: dict[str, str] = {}
        self._call: _Call | None = None
        self._next_yealink_id = YEALINK_FIRST_CALL_ID
        self._fail_status: int | None = None
        self._delay = 0.0
        self._nonces: set[str] = set()
        self._lock = threading.Lock()
        self._closing = threading.Event()
        self._pending = 0
        self._pending_cond = threading.Condition()
        self._outbox: queue.Queue[tuple[str, str] | None] = queue.Queue()
        self._listening = True
        self._closed = False
        phone = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                phone._handle(self)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port: int = self._server.server_address[1]
        self.base_url = f"http://127.0.0.1:{self.port}"
        self._serve_thread = threading.Thread(target=self._server.serve_forever, args=(0.05,),
                                              name="deskphone-http", daemon=True)
        self._serve_thread.start()
        self._sender = threading.Thread(target=self._send_actions, name="deskphone-actions",
                                        daemon=True)
        self._sender.start()

    # -- test controls ------------------------------------------------------------------------

    def __enter__(self) -> DeskPhone:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def state(self) -> State:
        with self._lock:
            return self._call.state if self._call else "idle"

    @property
    def call_id(self) -> str | None:
        with self._lock:
            return self._call.call_id if self._call else None

    def set_action_urls(self, *, incoming: str | None = None, connected: str | None = None,
                        disconnected: str | None = None, rejected: str | None = None) -> None:
        """Configure the Action URL templates; ``None`` leaves that event unset.

        Snom: action_incoming_url / action_connected_url / action_disconnected_url.
        Yealink: action_url.incoming_call / .established / .call_terminated, and ``rejected``
        = action_url.reject_incoming_call (Snom documents no reject event: ValueError).
        """
        if rejected is not None and self.vendor == "snom":
            raise ValueError("Snom documents no Action URL for a rejected call")
        chosen = {"incoming": incoming, "connected": connected, "disconnected": disconnected,
                  "rejected": rejected}
        with self._lock:
            self._templates = {k: v for k, v in chosen.items() if v is not None}

    def ring(self, remote: str, display: str = "") -> str:
        """A call arrives and rings; returns its call id ($call-id / $call_id).

        ``remote`` is used verbatim as $remote (the vendors give the caller's SIP URI).
        """
        with self._lock:
            if self._call is not None:
                raise RuntimeError("the phone already has a call (call waiting is not modelled)")
            if self.vendor == "snom":
                call_id = f"{secrets.token_hex(10)}@127.0.0.1"
            else:
                call_id = str(self._next_yealink_id)
                self._next_yealink_id += 1
            self._call = _Call(call_id, remote, display, "ringing")
            self.declined = False
            self._fire("incoming")
            return call_id

    def remote_hangup(self) -> bool:
        """The far side ends the call (ringing: a missed call). False when there is none."""
        with self._lock:
            if self._call is None:
                return False
            self._end(by_local_key=False)
            return True

    def fail_next(self, status: int) -> None:
        """Answer the next request (any path) with ``status`` and do nothing else."""
        with self._lock:
            self._fail_status = status

    def slow(self, seconds: float) -> None:
        """Wait ``seconds`` before acting on and answering each request; 0 switches it off."""
        with self._lock:
            self._delay = seconds

    def unreachable(self) -> None:
        """Close the listening socket: new connections are refused from now on."""
        with self._lock:
            if not self._listening:
                return
            self._listening = False
        self._server.shutdown()
        self._server.server_close()

    def drain(self, timeout: float = 5.0) -> bool:
        """Wait until every Action URL fired so far has been requested (or has failed)."""
        with self._pending_cond:
            return self._pending_cond.wait_for(lambda: self._pending == 0, timeout)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._closing.set()
        self.unreachable()
        self._serve_thread.join(timeout=5)
        self._outbox.put(None)
        self._sender.join(timeout=10)

    # -- HTTP side ----------------------------------------------------------------------------

    def _handle(self, http: BaseHTTPRequestHandler) -> None:
        client_ip = http.client_address[0]
        authorization = http.headers.get("Authorization")
        with self._lock:
            self.requests.append((http.path, authorization, client_ip))
            delay, status = self._delay, self._fail_status
            self._fail_status = None
        if delay > 0:
            self._closing.wait(delay)
        if status is not None:
            self._reply(http, status, b"")
            return
        parts = urlsplit(http.path)
        if self.vendor == "yealink" and parts.path in YEALINK_PATHS \
                and not self._trusted(client_ip):
            self._reply(http, 403, b"")
            return
        if self.username is not None and not self._authorized(authorization, http.command):
            self._challenge(http)
            return
        query = parse_qsl(parts.query, keep_blank_values=True)
        if self.vendor == "snom":
            if parts.path == "/command.htm":
                self._snom_command(http, query)
            elif parts.path in ("/", "/index.htm"):
                self._reply(http, 200, SNOM_PAGE, "text/html")
            else:
                self._reply(http, 404, b"")
        elif parts.path in YEALINK_PATHS:
            with self._lock:
                for name, value in query:
                    if name == "key":
                        for key in value.split(";"):
                            if key:
                                self._yealink_key(key)
            self._reply(http, 200, b"", "text/html")
        else:
            self._reply(http, 404, b"")

    def _snom_command(self, http: BaseHTTPRequestHandler, query: list[tuple[str, str]]) -> None:
        dialled = False
        with self._lock:
            for name, value in query:
                if name == "key":
                    for event in value.split(";"):
                        key = event.split(",", 1)[0]
                        if key:
                            self._snom_key(key)
                elif name == "number":
                    self.dialled.append(value)
                    dialled = True
                elif name == "key_dtmf":
                    self.dtmf.append(value)
                elif name == "RELEASE_ALL_CALLS" and self._call is not None:
                    self._end(by_local_key=True)
        if dialled:
            http.send_response(302)
            http.send_header("Location", "/index.htm")
            http.send_header("Content-Length", "0")
            http.end_headers()
            return
        self._reply(http, 200, SNOM_PAGE, "text/html")

    def _trusted(self, ip: str) -> bool:
        for pattern in self.trusted_ips:
            for raw in pattern.split(","):
                item = raw.strip()
                if item == "any":
                    return True
                wanted, got = item.split("."), ip.split(".")
                if len(wanted) == len(got) == 4 and all(
                        w in ("*", g) for w, g in zip(wanted, got, strict=True)):
                    return True
        return False

    def _authorized(self, header: str | None, method: str) -> bool:
        if not header:
            return False
        scheme, _, rest = header.partition(" ")
        if self.auth == "basic":
            if scheme.lower() != "basic":
                return False
            expected = base64.b64encode(f"{self.username}:{self.password}".encode()).decode()
            return hmac.compare_digest(rest.strip(), expected)
        if scheme.lower() != "digest":
            return False
        fields: dict[str, str] = {}
        for item in urllib.request.parse_http_list(rest):
            key, _, value = item.partition("=")
            fields[key.strip()] = value.strip().strip('"')
        with self._lock:
            known = fields.get("nonce") in self._nonces
        if not known or fields.get("username") != self.username:
            return False

        def md5(text: str) -> str:
            return hashlib.md5(text.encode()).hexdigest()

        ha1 = md5(f"{self.username}:{self.realm}:{self.password}")
        ha2 = md5(f"{method}:{fields.get('uri', '')}")
        if fields.get("qop"):
            expected = md5(f"{ha1}:{fields['nonce']}:{fields.get('nc', '')}:"
                           f"{fields.get('cnonce', '')}:{fields['qop']}:{ha2}")
        else:
            expected = md5(f"{ha1}:{fields['nonce']}:{ha2}")
        return hmac.compare_digest(fields.get("response", ""), expected)

    def _challenge(self, http: BaseHTTPRequestHandler) -> None:
        if self.auth == "basic":
            challenge = f'Basic realm="{self.realm}"'
        else:
            nonce = secrets.token_hex(16)
            with self._lock:
                self._nonces.add(nonce)
            challenge = (f'Digest realm="{self.realm}", nonce="{nonce}", algorithm=MD5, '
                         f'qop="auth"')
        http.send_response(401)
        http.send_header("WWW-Authenticate", challenge)
        body = b"<html><body>401 Unauthorized</body></html>\n"
        http.send_header("Content-Type", "text/html")
        http.send_header("Content-Length", str(len(body)))
        http.end_headers()
        http.wfile.write(body)

    @staticmethod
    def _reply(http: BaseHTTPRequestHandler, status: int, data: bytes,
               content_type: str | None = None) -> None:
        http.send_response(status)
        if content_type:
            http.send_header("Content-Type", content_type)
        http.send_header("Content-Length", str(len(data)))
        http.end_headers()
        http.wfile.write(data)

    # -- call state (self._lock held) ---------------------------------------------------------

    def _snom_key(self, key: str) -> None:
        self.keys.append(key)
        call = self._call
        if call is None:
            return
        if key in SNOM_ANSWER_KEYS and call.state == "ringing":
            call.state = "connected"
            self._fire("connected")
        elif key in SNOM_END_KEYS:
            self._end(by_local_key=True)

    def _yealink_key(self, key: str) -> None:
        self.keys.append(key)
        call = self._call
        if call is None:
            return
        base, colon, target = key.partition(":")
        if colon and (base not in YEALINK_CALL_ID_KEYS or target != call.call_id):
            return
        if base in YEALINK_ANSWER_KEYS and call.state == "ringing":
            call.state = "connected"
            self._fire("connected")
        elif base in YEALINK_END_KEYS:
            self._end(by_local_key=True)

    def _end(self, *, by_local_key: bool) -> None:
        call = self._call
        assert call is not None
        declined = by_local_key and call.state == "ringing"
        self.declined = declined
        if declined:
            self._fire("rejected")
        if not declined or self.disconnected_on_decline:
            self._fire("disconnected")
        self._call = None

    # -- Action URLs --------------------------------------------------------------------------

    def _fire(self, event: str) -> None:
        template = self._templates.get(event)
        call = self._call
        if template is None or call is None:
            return
        url = self._expand(template, call)
        with self._pending_cond:
            self._pending += 1
        self._outbox.put((event, url))

    def _expand(self, template: str, call: _Call) -> str:
        names = _VARIABLES[self.vendor]
        values = {names[0]: call.display, names[1]: call.call_id, names[2]: call.remote}
        query_at = template.find("?")
        path_end = len(template) if query_at < 0 else query_at

        def substitute(match: re.Match[str]) -> str:
            value = values[match.group(1)]
            if self.encode_variables:
                value = quote(value, safe="")
            ampersand = match.group(2)
            if ampersand and self.vendor == "snom" and match.start() < path_end:
                ampersand = ""  # Snom: in the path, "$variable&" ends the name
            return value + ampersand

        pattern = r"\$(" + "|".join(re.escape(name) for name in names) + r")(&?)"
        return re.sub(pattern, substitute, template)

    def _send_actions(self) -> None:
        while True:
            item = self._outbox.get()
            if item is None:
                return
            event, url = item
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    outcome = str(response.status)
            except urllib.error.HTTPError as exc:
                outcome = str(exc.code)
            except (OSError, ValueError) as exc:
                outcome = f"error: {exc}"
            with self._lock:
                self.action_log.append((event, url, outcome))
            with self._pending_cond:
                self._pending -= 1
                self._pending_cond.notify_all()
