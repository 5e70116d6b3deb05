"""A loopback emulator of Vertec's XML interface (``POST <vertec>/xml``), built from Vertec's
own knowledge-base articles and from real request/response traces found in public Vertec
clients, not from what our client expects. tests/fixtures/vertec/README.md lists every source,
quotes the key passages and marks each ASSUMED behaviour; the short version:

Documented by Vertec (vertec.com/kb/vertec-xml-schnittstelle, …/vertec-xml-interface):
- ``POST …/xml``, request and response UTF-8, SOAP-like ``<Envelope><Body>…</Body></Envelope>``;
  namespaces in requests are accepted and ignored, responses carry none.
- Authentication (6.6+) by API token "als Bearer Token in einem Authorization Header";
  username/password authentication was switched off with 6.7 (kb/api-token).
- OCL: ``adresseintrag->select(name.sqlLike('%wald%') or …)``, ``sqlLikeCaseInsensitive``,
  ``kommmittel->select(typ.internertyp.asstring='T')``, ``zieladresse``, ``standardTelefon`` …,
  ``objid``, ``oclIsKindOf``/``oclIsTypeOf``/``oclAsType`` (kb/ocl, kb/oclexpressions,
  kb/kommmittel); since 6.8 English model names work too, e.g. ``user->select(active)``.
- KommMittel have an attribute ``NormalizedZiel`` holding the number in normalized form, left
  empty when the number cannot be split into country code, region code and detail
  (kb/telephony-connection).

Seen in real traces (sabuzuhlke/VRAPI test resources, loewenfels/jira-vertec-plugin, a public
timesheet script, dimitri-koenig/simple-vertec-api):
- ``<QueryResponse>`` holds one element per object, named after its class, ``<objid>`` first;
  links as ``<m><objref>n</objref></m>``, lists as ``<m><objlist><objref>…</objlist></m>``,
  an empty list as ``<m><objlist/></m>``, an unreadable member as ``<m><accessdenied/></m>``,
  booleans ``1``/``0``, dates ``2011-10-20``, date-times ``2016-02-02T12:38:59``; member
  elements are named as in the model (``<member>Name</member>`` answers ``<name>``).
- Faults: ``<Fault><faultcode>Client</faultcode><faultstring>Error(s) in XML input</faultstring>
  <details><detailitem>Error: … on line L col C</detailitem>…</details></Fault>``, delivered
  with HTTP 200 (the clients raise on HTTP errors *before* they look for a Fault).
- Wrong name/password (legacy BasicAuth): such a Fault with ``Error: Authentication failure.
  Wrong User Name or Password.``; an invalid session token (6.2-6.5 ``<Token>``): HTTP 400,
  body ``This token is invalid``.
- Create answers carry ``<objid>`` and ``<isValid>1|0</isValid>``; Update/Delete answer
  ``<UpdateResponse><text>Updated 1 Objects</text></UpdateResponse>`` / ``Deleted 1 Objects``.

Everything else (HTTP status for a bad *API* token, the element wrapping a Create answer, the
NormalizedZiel text format, what an expression returning an object renders as, …) is an
assumption and a constructor knob.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import socket
import threading
import time
import xml.parsers.expat
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Literal, NoReturn
from xml.sax.saxutils import escape

# ----------------------------------------------------------------------------------- XML in


@dataclass
class Node:
    """A request element with its position, so faults can say ``on line L col C``."""

    tag: str
    line: int
    col: int
    children: list[Node] = field(default_factory=list)
    text: str = ""

    def find(self, name: str) -> Node | None:
        return next((c for c in self.children if c.tag.lower() == name.lower()), None)

    def find_all(self, name: str) -> list[Node]:
        return [c for c in self.children if c.tag.lower() == name.lower()]


class RequestError(Exception):
    """A client error Vertec reports as a Fault detail item."""

    def __init__(self, message: str, node: Node | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.node = node

    def detail(self) -> str:
        where = f" on line {self.node.line} col {self.node.col}" if self.node else ""
        return f"Error: {self.message}{where}"


def parse_xml(data: bytes) -> Node:
    """Parse with expat: namespace prefixes dropped, DOCTYPEs and entities refused."""
    parser = xml.parsers.expat.ParserCreate("UTF-8")
    parser.SetParamEntityParsing(xml.parsers.expat.XML_PARAM_ENTITY_PARSING_NEVER)
    stack: list[Node] = []
    root: list[Node] = []

    def start(name: str, _attrs: dict[str, str]) -> None:
        node = Node(name.rpartition(":")[2], parser.CurrentLineNumber,
                    parser.CurrentColumnNumber + 1)
        (stack[-1].children if stack else root).append(node)
        stack.append(node)

    def end(_name: str) -> None:
        stack.pop()

    def chars(text: str) -> None:
        if stack:
            stack[-1].text += text

    def refuse(*_args: object) -> None:
        raise RequestError("DTDs and entity declarations are not accepted")

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    try:
        parser.Parse(data, True)
    except xml.parsers.expat.ExpatError as e:
        raise RequestError(f"{xml.parsers.expat.errors.messages[e.code]} on line {e.lineno} "
                           f"col {e.offset + 1}") from None
    return root[0]


# ------------------------------------------------------------------------------------ model

ABSTRACT_PARENT = {"Person": "AdressEintrag", "Firma": "AdressEintrag",
                   "Kontakt": "AdressEintrag"}
# Model spelling of each class (what QueryResponse elements are called) by lower-case name,
# plus the English 6.8 class names the docs show (``<ocl>User</ocl>``).
CLASS_NAMES = {n.lower(): n for n in (
    "AdressEintrag", "Person", "Firma", "Kontakt", "KommMittel", "KommMittelTyp",
    "Projektbearbeiter", "AktivitaetsTyp", "Aktivitaet")}
CLASS_NAMES["user"] = "Projektbearbeiter"
MEMBER_ALIASES = {"active": "aktiv"}  # documented English member (kb/englisches-datenmodell)

# Member kinds: str, bool, date, datetime, link:<Class>, list (derived, read-only), derived.
COMMON = {"objid": "derived", "creationDateTime": "datetime", "modifiedDateTime": "datetime"}
ADDRESS = {
    "name": "str", "aktiv": "bool", "betreuer": "link:Projektbearbeiter",
    "kommMittel": "list", "adressAktivitaeten": "list",
    "standardTelefon": "derived", "standardMobile": "derived", "standardFax": "derived",
    "standardEMail": "derived", "standardHomepage": "derived",
}
MEMBERS: dict[str, dict[str, str]] = {
    "AdressEintrag": {**COMMON, **ADDRESS},
    "Person": {**COMMON, **ADDRESS, "vorname": "str", "kontakte": "list"},
    "Firma": {**COMMON, **ADDRESS, "kontakte": "list"},
    "Kontakt": {**COMMON, **ADDRESS, "vorname": "str", "firma": "link:Firma",
                "person": "link:Person"},
    "KommMittel": {**COMMON, "zieladresse": "str", "typ": "link:KommMittelTyp",
                   "eintrag": "link:AdressEintrag", "bezeichnung": "str", "priority": "bool",
                   "NormalizedZiel": "str"},
    "KommMittelTyp": {**COMMON, "bezeichnung": "str", "internertyp": "str"},
    "Projektbearbeiter": {**COMMON, "name": "str", "kuerzel": "str", "loginName": "str",
                          "aktiv": "bool", "briefEmail": "str"},
    "AktivitaetsTyp": {**COMMON, "bezeichnung": "str", "aktiv": "bool"},
    "Aktivitaet": {**COMMON, "titel": "str", "text": "str", "datum": "date",
                   "typ": "link:AktivitaetsTyp", "zustaendig": "link:Projektbearbeiter",
                   "adresseintrag": "link:AdressEintrag", "erledigt": "bool",
                   "erledigtDatum": "date", "termin": "date"},
}
# ASSUMED letters besides 'T' (only 'T' appears in Vertec's docs), with the objids one real
# installation used for its phone/mobile/email types (VRAPI ContactController: 6, 7, 9).
KOMM_TYPES = (("T", "Telefon", 6), ("M", "Mobile", 7), ("F", "Fax", 8), ("E", "E-Mail", 9),
              ("H", "Homepage", 10))
STANDARD = {"standardtelefon": "T", "standardmobile": "M", "standardfax": "F",
            "standardemail": "E", "standardhomepage": "H"}


def is_kind_of(cls: str, wanted: str) -> bool:
    return cls == wanted or ABSTRACT_PARENT.get(cls) == wanted


def default_normalize(number: str, country_code: str = "41") -> str:
    """ASSUMED NormalizedZiel format: ``+`` and digits (E.164), empty when not splittable.

    Vertec documents the rules only partly: "If number starts with 00 or +, the beginning of
    the number is interpreted as a country code" and "If a number cannot be split correctly
    … the normalized form will be left blank"; the exact text it stores is not documented.
    """
    digits = re.sub(r"[^\d+]", "", number)
    if digits.startswith("+"):
        rest = digits[1:]
    elif digits.startswith("00"):
        rest = digits[2:]
    elif digits.startswith("0"):
        rest = country_code + digits[1:]
    else:
        return ""
    return "+" + rest if rest.isdigit() and 8 <= len(rest) <= 15 else ""


class Obj:
    """One Vertec object: class, objid and stored member values (links as objids)."""

    def __init__(self, objid: int, cls: str, values: dict[str, Any]) -> None:
        self.objid, self.cls, self.values = objid, cls, values

    def __repr__(self) -> str:
        return f"<{self.cls} {self.objid}>"


@dataclass(frozen=True)
class ClassRef:
    name: str


@dataclass
class LoggedRequest:
    method: str
    path: str
    headers: dict[str, str]
    body: str
    commands: list[str]


# -------------------------------------------------------------------------------------- OCL

OCL_TOKEN = re.compile(r"\s*(?:(?P<str>'(?:[^']|'')*')|(?P<num>\d+(?:\.\d+)?)"
                       r"|(?P<op>->|<>|<=|>=|[=<>().,|])|(?P<id>[A-Za-z_][A-Za-z0-9_]*))")


def tokenize_ocl(text: str) -> list[tuple[str, str]]:
    bare = re.sub(r"'(?:[^']|'')*'", "", text)
    if bare.count("(") != bare.count(")"):
        raise RequestError("84:Parenthesis are not in balance")
    out: list[tuple[str, str]] = []
    pos = 0
    while pos < len(text):
        if not text[pos:].strip():
            break
        m = OCL_TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise RequestError(f"0:Unexpected character {text[pos:].strip()[:1]!r}")
        kind = m.lastgroup or ""
        out.append((kind, m.group(kind)))
        pos = m.end()
    return out


class OclParser:
    """Recursive descent over the subset; the AST is nested tuples."""

    def __init__(self, text: str) -> None:
        self.tokens = tokenize_ocl(text)
        self.i = 0

    def peek(self) -> tuple[str, str]:
        return self.tokens[self.i] if self.i < len(self.tokens) else ("end", "")

    def take(self, value: str | None = None) -> tuple[str, str]:
        token = self.peek()
        if value is not None and token[1].lower() != value:
            raise RequestError(f"0:Expected {value!r} but found {token[1] or 'end'!r}")
        if token[0] == "end":
            raise RequestError("0:Unexpected end of expression")
        self.i += 1
        return token

    def parse(self) -> Any:
        tree = self.expr()
        if self.peek()[0] != "end":
            raise RequestError(f"0:Unexpected {self.peek()[1]!r}")
        return tree

    def expr(self) -> Any:
        left = self.conj()
        while self.peek()[1].lower() == "or":
            self.take()
            left = ("or", left, self.conj())
        return left

    def conj(self) -> Any:
        left = self.neg()
        while self.peek()[1].lower() == "and":
            self.take()
            left = ("and", left, self.neg())
        return left

    def neg(self) -> Any:
        if self.peek()[1].lower() == "not":
            self.take()
            return ("not", self.neg())
        left = self.postfix()
        if self.peek()[1] in ("=", "<>", "<", ">", "<=", ">="):
            op = self.take()[1]
            return ("cmp", op, left, self.postfix())
        return left

    def args(self) -> list[Any]:
        out: list[Any] = []
        if self.peek()[1] == "(":
            self.take()
            if self.peek()[1] != ")":
                out.append(self.expr())
                while self.peek()[1] == ",":
                    self.take()
                    out.append(self.expr())
            self.take(")")
        return out

    def postfix(self) -> Any:
        node = self.primary()
        while self.peek()[1] in (".", "->"):
            arrow = self.take()[1] == "->"
            kind, name = self.take()
            if kind != "id":
                raise RequestError(f"0:Expected a name after {'->' if arrow else '.'}")
            had_parens = self.peek()[1] == "("
            node = ("coll" if arrow else "dot", node, name, self.args(), had_parens)
        return node

    def primary(self) -> Any:
        kind, value = self.take()
        if kind == "str":
            return ("lit", value[1:-1].replace("''", "'"))
        if kind == "num":
            return ("lit", float(value) if "." in value else int(value))
        if value == "(":
            inner = self.expr()
            self.take(")")
            return inner
        if kind == "id":
            low = value.lower()
            if low in ("true", "false"):
                return ("lit", low == "true")
            if low == "self":
                return ("self",)
            if self.peek()[1] == "(":  # an operation on the implicit element: oclIsKindOf(X)
                return ("dot", ("ctx",), value, self.args(), True)
            return ("name", value)
        raise RequestError(f"0:Unexpected {value!r}")


# ----------------------------------------------------------------------------- the emulator

AuthFailure = Literal["http400_text", "http401", "http403", "fault"]


class VertecServer:
    """A Vertec XML server on 127.0.0.1: ``url`` is the base (clients post to ``url + '/xml'``).

    Knobs (all optional): ``token`` (the API token), ``auth_failure`` (how a missing/bad API
    token is answered, ASSUMED, default the observed ``HTTP 400 "This token is invalid"``),
    ``legacy_basic_auth`` (accept ``<BasicAuth><Name>/<Password>`` as before 6.7),
    ``normalize`` (number -> NormalizedZiel), ``expression_objects`` (``"string"``: an
    expression that yields an object renders its string form, as one real client relies on;
    ``"objref"``: like a member), ``null_link`` (``"empty"`` or ``"omit"``), ``indent``,
    ``extra_members`` (more writable string members per class, e.g. a contact-type field),
    and the fault injection: ``slow_s``, ``dead``, ``fail_next_creates``.
    """

    def __init__(self, token: str = "eyJhbGciOiJIUzI1NiJ9.dGVzdC10b2tlbg.emulator", *,
                 auth_failure: AuthFailure = "http400_text",
                 auth_failure_text: str = "This token is invalid",
                 legacy_basic_auth: bool = False,
                 normalize: Callable[[str], str] = default_normalize,
                 expression_objects: Literal["string", "objref"] = "string",
                 null_link: Literal["empty", "omit"] = "empty",
                 indent: str | None = "  ",
                 extra_members: dict[str, Iterable[str]] | None = None,
                 slow_s: float = 0.0, dead: bool = False, fail_next_creates: int = 0) -> None:
        self.token = token
        self.auth_failure: AuthFailure = auth_failure
        self.auth_failure_text = auth_failure_text
        self.legacy_basic_auth = legacy_basic_auth
        self.normalize = normalize
        self.expression_objects = expression_objects
        self.null_link = null_link
        self.indent = indent
        self.slow_s, self.dead, self.fail_next_creates = slow_s, dead, fail_next_creates
        self.create_is_valid = True
        self.requests: list[LoggedRequest] = []
        self.read_denied: set[tuple[str, str]] = set()   # (class, member) -> <accessdenied/>
        self.read_denied_classes: set[str] = set()       # ocl on the class -> Fault
        self.members = {cls: dict(spec) for cls, spec in MEMBERS.items()}
        for cls, names in (extra_members or {}).items():
            for name in names:
                self.members[cls][name] = "str"
        self.objects: dict[int, Obj] = {}
        self._next_id = 1000
        self._lock = threading.RLock()
        self._closing = threading.Event()
        self.komm_types: dict[str, int] = {}
        for letter, label, objid in KOMM_TYPES:
            self._put(Obj(objid, "KommMittelTyp", {"bezeichnung": label,
                                                    "internertyp": letter}))
            self.komm_types[letter] = objid
        self.users: list[int] = []                 # Projektbearbeiter objids
        self.activity_types: list[int] = []        # AktivitaetsTyp objids
        self.passwords: dict[str, str] = {}        # loginName -> password (legacy auth only)
        self.user = self.add_user("Muster Hans", "HM", "hmuster", password="geheim")
        self.activity_type = self.add_activity_type("Telefon")

        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                server.handle(self, self.rfile.read(length))

            def do_GET(self) -> None:
                server.reply(self, 405, b"", "text/plain")

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,),
                                        daemon=True)
        self._thread.start()

    # ------------------------------------------------------------------ lifecycle and data
    def __enter__(self) -> VertecServer:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._closing.set()
        self._server.shutdown()
        self._server.server_close()

    def _put(self, obj: Obj) -> Obj:
        now = dt.datetime.now().replace(microsecond=0)
        obj.values.setdefault("creationDateTime", now)
        obj.values.setdefault("modifiedDateTime", now)
        self.objects[obj.objid] = obj
        return obj

    def _new(self, cls: str, values: dict[str, Any]) -> int:
        with self._lock:
            self._next_id += 1
            return self._put(Obj(self._next_id, cls, values)).objid

    @property
    def xml_url(self) -> str:
        return self.url + "/xml"

    def add_user(self, name: str, kuerzel: str, login: str, *, aktiv: bool = True,
                 email: str = "", password: str = "") -> int:
        """A Projektbearbeiter (the user an Aktivitaet is ``zustaendig`` for)."""
        objid = self._new("Projektbearbeiter", {"name": name, "kuerzel": kuerzel,
                                                "loginName": login, "aktiv": aktiv,
                                                "briefEmail": email})
        self.users.append(objid)
        if password:
            self.passwords[login] = password
        return objid

    def add_activity_type(self, bezeichnung: str) -> int:
        """An AktivitaetsTyp such as "Telefon" (Settings > Project > Activity types)."""
        objid = self._new("AktivitaetsTyp", {"bezeichnung": bezeichnung, "aktiv": True})
        self.activity_types.append(objid)
        return objid

    def add_number(self, eintrag: int, typ: str, zieladresse: str, *,
                   bezeichnung: str = "", priority: bool = False) -> int:
        """A KommMittel; ``typ`` is an internertyp letter (T, M, F, E, H)."""
        normalized = self.normalize(zieladresse) if typ in ("T", "M", "F") else ""
        return self._new("KommMittel", {
            "zieladresse": zieladresse, "typ": self.komm_types[typ], "eintrag": eintrag,
            "bezeichnung": bezeichnung, "priority": priority, "NormalizedZiel": normalized})

    def _numbers(self, eintrag: int, numbers: Iterable[tuple[str, str]]) -> None:
        for typ, zieladresse in numbers:
            self.add_number(eintrag, typ, zieladresse)

    def add_firma(self, name: str, numbers: Iterable[tuple[str, str]] = ()) -> int:
        objid = self._new("Firma", {"name": name, "aktiv": True})
        self._numbers(objid, numbers)
        return objid

    def add_person(self, name: str, vorname: str, numbers: Iterable[tuple[str, str]] = (),
                   firma: int | None = None) -> int:
        """A Person; with ``firma`` also a Kontakt linking the two (see ``kontakte_of``)."""
        objid = self._new("Person", {"name": name, "vorname": vorname, "aktiv": True})
        self._numbers(objid, numbers)
        if firma is not None:
            self.add_kontakt(firma, person=objid)
        return objid

    def add_kontakt(self, firma: int, *, person: int | None = None, name: str = "",
                    vorname: str = "", numbers: Iterable[tuple[str, str]] = ()) -> int:
        """A Kontakt: a Firma plus person information (a linked Person or name/vorname)."""
        if person is not None and not (name or vorname):
            name, vorname = self.objects[person].values["name"], \
                self.objects[person].values["vorname"]
        objid = self._new("Kontakt", {"firma": firma, "person": person, "name": name,
                                      "vorname": vorname, "aktiv": True})
        self._numbers(objid, numbers)
        return objid

    def kontakte_of(self, objid: int) -> list[int]:
        return [o.objid for o in self._derived_list(self.objects[objid], "kontakte")]

    @property
    def activities(self) -> list[dict[str, Any]]:
        """Created Aktivitaet objects, oldest first: objid plus stored members."""
        with self._lock:
            return [{"objid": o.objid, **o.values} for o in self.objects.values()
                    if o.cls == "Aktivitaet"]

    # -------------------------------------------------------------------------------- HTTP
    def reply(self, http: BaseHTTPRequestHandler, status: int, data: bytes,
              content_type: str = "text/xml; charset=utf-8") -> None:
        try:
            http.send_response(status)
            http.send_header("Content-Type", content_type)
            http.send_header("Content-Length", str(len(data)))
            http.end_headers()
            http.wfile.write(data)
        except OSError:  # the client gave up (timeouts in tests); nothing to answer
            http.close_connection = True

    def handle(self, http: BaseHTTPRequestHandler, data: bytes) -> None:
        text = data.decode("utf-8", "replace")
        entry = LoggedRequest(http.command, http.path, dict(http.headers.items()), text,
                              re.findall(r"<(?:\w+:)?(Query|Create|Update|Delete)\b", text))
        with self._lock:
            self.requests.append(entry)
        if self.dead:
            self._closing.wait()
            http.close_connection = True
            return
        if self.slow_s:
            time.sleep(self.slow_s)
        if http.path.rstrip("/") != "/xml":
            self.reply(http, 404, b"Not Found", "text/plain")
            return
        try:
            root = parse_xml(data)
        except RequestError as e:
            root = None
            parse_error: RequestError | None = e
        else:
            parse_error = None
        auth = self._authenticate(http, root)
        if auth is not None:
            status, body, ctype = auth
            self.reply(http, status, body, ctype)
            return
        with self._lock:
            try:
                if parse_error is not None:
                    raise parse_error
                assert root is not None
                answer, created = self._process(root)
            except RequestError as e:
                self.reply(http, 200, self._fault("Client", "Error(s) in XML input",
                                                  [e.detail()]))
                return
            except Exception as e:  # an emulator bug: say so the way a server would
                self.reply(http, 200, self._fault("Server", "Internal error", [repr(e)]))
                return
            if created and self.fail_next_creates > 0:
                self.fail_next_creates -= 1
                http.close_connection = True
                with contextlib.suppress(OSError):
                    http.connection.shutdown(socket.SHUT_RDWR)
                return
        self.reply(http, 200, answer.encode("utf-8"))

    def _authenticate(self, http: BaseHTTPRequestHandler,
                      root: Node | None) -> tuple[int, bytes, str] | None:
        header = http.headers.get("Authorization", "")
        scheme, _, value = header.partition(" ")
        if scheme.lower() == "bearer" and value.strip() == self.token:
            return None
        basic = root.find("Header") if root is not None else None
        basic = basic.find("BasicAuth") if basic is not None else None
        if not header and basic is not None and self.legacy_basic_auth:
            name, password = basic.find("Name"), basic.find("Password")
            if name is not None and password is not None:
                if self.passwords.get(name.text.strip()) == password.text:
                    return None
                # Observed (VRAPI response-authentication-failure.xml).
                return 200, self._fault("Client", "Error(s) in XML input", [
                    f"Error: Authentication failure. Wrong User Name or Password. on line "
                    f"{name.line} col {name.col}"]), "text/xml; charset=utf-8"
        if self.auth_failure == "fault":
            return 200, self._fault("Client", "Error(s) in XML input", [
                f"Error: Authentication failure. {self.auth_failure_text}"]), \
                "text/xml; charset=utf-8"
        status = {"http400_text": 400, "http401": 401, "http403": 403}[self.auth_failure]
        return status, self.auth_failure_text.encode(), "text/plain; charset=utf-8"

    # ------------------------------------------------------------------------- processing
    def _process(self, root: Node) -> tuple[str, bool]:
        if root.tag != "Envelope":
            raise RequestError("Root element must be Envelope", root)
        body = root.find("Body")
        if body is None:
            raise RequestError("Envelope without Body", root)
        parts: list[str] = []
        created = False
        for command in body.children:
            kind = command.tag.lower()
            if kind == "query":
                parts.append(self._query(command))
            elif kind == "create":
                parts.append(self._create(command))
                created = True
            elif kind == "update":
                parts.append(self._update(command))
            elif kind == "delete":
                parts.append(self._delete(command))
            else:
                raise RequestError(f"Unknown request {command.tag}", command)
        return self._envelope("".join(parts)), created

    def _class(self, name: str, node: Node) -> str:
        cls = CLASS_NAMES.get(name.lower())
        if cls is None:
            raise RequestError(f"Class {name} not found", node)
        return cls

    def _member(self, cls: str, name: str) -> str | None:
        low = MEMBER_ALIASES.get(name.lower(), name.lower())
        spec = self.members.get(cls, {})
        return next((m for m in spec if m.lower() == low), None)

    # Query ------------------------------------------------------------------------------
    def _query(self, query: Node) -> str:
        selection = query.find("Selection")
        if selection is None:
            raise RequestError("Query without Selection", query)
        objs = self._select(selection)
        resultdef = query.find("Resultdef")
        items: list[str] = []
        for obj in objs:
            fields = [self._el("objid", str(obj.objid))]
            for spec in resultdef.children if resultdef is not None else []:
                fields.append(self._result_field(obj, spec))
            items.append(self._el(obj.cls, "".join(fields), raw=True))
        return self._el("QueryResponse", "".join(items), raw=True)

    def _select(self, selection: Node) -> list[Obj]:
        refs = selection.find_all("objref")
        ocl = selection.find("ocl")
        wheres = selection.find_all("sqlwhere")
        order = selection.find("sqlorder")
        result: list[Obj] = []
        bases: list[Obj] = []
        for ref in refs:
            try:
                bases.append(self.objects[int(ref.text.strip())])
            except (ValueError, KeyError):
                raise RequestError(f"Object with objref {ref.text.strip()} not found",
                                   ref) from None
        if wheres:
            if ocl is None or refs:
                raise RequestError("sqlwhere needs a class name in ocl", wheres[0])
            cls = self._class(ocl.text.strip(), ocl)
            filters = [SqlWhere(w.text, w, self, cls) for w in wheres]  # several: all apply
            result = [o for o in self._instances(cls) if all(f.matches(o) for f in filters)]
        elif ocl is not None:
            self._check_read(ocl)
            contexts: list[Obj | None] = list(bases) if bases else [None]
            for ctx in contexts:
                try:
                    value = self._eval(OclParser(ocl.text).parse(), ctx, ctx)
                except RequestError as e:
                    raise RequestError(e.message, ocl) from None
                values = self._items(value)
                if not all(isinstance(v, Obj) for v in values):
                    raise RequestError("0:The ocl expression in Selection must return objects",
                                       ocl)
                result.extend(v for v in values if isinstance(v, Obj))
        else:
            result = bases
        seen: set[int] = set()
        unique: list[Obj] = []
        for obj in result:
            if obj.objid not in seen:
                seen.add(obj.objid)
                unique.append(obj)
        if order is not None:
            unique = self._order(unique, order)
        return unique

    def _check_read(self, ocl: Node) -> None:
        first = re.match(r"\s*([A-Za-z_]\w*)", ocl.text)
        cls = CLASS_NAMES.get(first.group(1).lower()) if first else None
        if cls in self.read_denied_classes:
            # Observed (VRAPI response-permission-failure.xml).
            raise RequestError(f"read access denied on ocl expression {ocl.text.strip()}", ocl)

    def _order(self, objs: list[Obj], order: Node) -> list[Obj]:
        """``sqlorder``: comma-separated members, each optionally ``asc``/``desc``."""
        for part in reversed([p.split() for p in order.text.split(",") if p.strip()]):
            name, desc = part[0], len(part) > 1 and part[1].lower() == "desc"

            def key(o: Obj, name: str = name) -> tuple[bool, str]:
                member = self._member(o.cls, name)
                value = self._raw(o, member) if member else None
                return value is None, self.asstring(value).lower()

            objs = sorted(objs, key=key, reverse=desc)
        return objs

    def _instances(self, cls: str) -> list[Obj]:
        return [o for o in self.objects.values() if is_kind_of(o.cls, cls)]

    def _result_field(self, obj: Obj, spec: Node) -> str:
        kind = spec.tag.lower()
        if kind == "member":
            name = spec.text.strip()
            member = self._member(obj.cls, name)
            if member is None:
                raise RequestError(f"Member {name} not found in class {obj.cls}", spec)
            if (obj.cls, member) in self.read_denied:
                return self._el(member, "<accessdenied/>", raw=True)
            return self._render(member, self._value(obj, member), objects="objref",
                                kind=self.members[obj.cls][member])
        if kind == "expression":
            alias, ocl = spec.find("alias"), spec.find("ocl")
            if ocl is None:
                raise RequestError("expression Element without ocl", spec)  # observed text
            if alias is None or not alias.text.strip():
                raise RequestError("expression Element without alias", spec)
            try:
                value = self._eval(OclParser(ocl.text).parse(), obj, obj)
            except RequestError as e:
                raise RequestError(e.message, ocl) from None
            if isinstance(value, ClassRef):
                value = self._instances(value.name)
            return self._render(alias.text.strip(), value, objects=self.expression_objects)
        raise RequestError(f"Unknown Resultdef element {spec.tag}", spec)

    # values -----------------------------------------------------------------------------
    def _raw(self, obj: Obj, member: str) -> Any:
        if member == "objid":
            return obj.objid
        return obj.values.get(member)

    def _value(self, obj: Obj, member: str) -> Any:
        kind = self.members[obj.cls].get(member, "str")
        if member == "objid":
            return obj.objid
        if kind == "list":
            return self._derived_list(obj, member)
        if kind == "derived":
            letter = STANDARD[member.lower()]
            numbers = [k for k in self._derived_list(obj, "kommMittel")
                       if self.objects[k.values["typ"]].values["internertyp"] == letter]
            numbers.sort(key=lambda k: not k.values.get("priority"))
            return numbers[0].values["zieladresse"] if numbers else ""
        value = obj.values.get(member)
        if kind.startswith("link:"):
            return self.objects.get(value) if isinstance(value, int) else None
        if value is None:
            return {"bool": False}.get(kind, "" if kind == "str" else None)
        return value

    def _derived_list(self, obj: Obj, member: str) -> list[Obj]:
        low = member.lower()
        if low == "kommmittel":
            return [o for o in self.objects.values()
                    if o.cls == "KommMittel" and o.values.get("eintrag") == obj.objid]
        if low == "kontakte":
            link = "person" if obj.cls == "Person" else "firma"
            return [o for o in self.objects.values()
                    if o.cls == "Kontakt" and o.values.get(link) == obj.objid]
        if low == "adressaktivitaeten":
            return [o for o in self.objects.values()
                    if o.cls == "Aktivitaet" and o.values.get("adresseintrag") == obj.objid]
        raise RequestError(f"Member {member} not found in class {obj.cls}")

    def asstring(self, value: Any) -> str:
        """The string representation (kb/adresslayout: Person "Name Vorname", …)."""
        if value is None:
            return ""
        if isinstance(value, bool):
            return "Y" if value else "N"  # how Vertec displays booleans (kb/ocl)
        if isinstance(value, dt.datetime):
            return value.isoformat(timespec="seconds")
        if isinstance(value, list):
            return ", ".join(self.asstring(v) for v in value)
        if not isinstance(value, Obj):
            return str(value)
        v = value.values
        if value.cls == "Person":
            return f"{v.get('name', '')} {v.get('vorname', '')}".strip()
        if value.cls == "Kontakt":
            firma = self.objects.get(v.get("firma") or 0)
            person = f"{v.get('name', '')} {v.get('vorname', '')}".strip()
            return ", ".join(p for p in (self.asstring(firma), person) if p)
        if value.cls == "KommMittel":
            return str(v.get("zieladresse", ""))
        if value.cls in ("KommMittelTyp", "AktivitaetsTyp"):
            return str(v.get("bezeichnung", ""))
        if value.cls == "Aktivitaet":
            return str(v.get("titel", ""))
        return str(v.get("name", ""))

    def _render(self, name: str, value: Any, *, objects: str, kind: str = "") -> str:
        if isinstance(value, list):
            if objects == "string" and any(isinstance(v, Obj) for v in value):
                return self._el(name, self.asstring(value))
            refs = "".join(self._el("objref", str(v.objid)) for v in value
                           if isinstance(v, Obj))
            return self._el(name, self._el("objlist", refs, raw=True), raw=True)
        if isinstance(value, Obj):
            if objects == "string":
                return self._el(name, self.asstring(value))
            return self._el(name, self._el("objref", str(value.objid)), raw=True)
        if value is None and kind.startswith("link:"):
            return "" if self.null_link == "omit" else self._el(name, "")
        if isinstance(value, bool):
            return self._el(name, "1" if value else "0")
        if isinstance(value, dt.datetime):
            return self._el(name, value.isoformat(timespec="seconds"))
        if isinstance(value, dt.date):
            return self._el(name, value.isoformat())
        return self._el(name, "" if value is None else str(value))

    # OCL evaluation ---------------------------------------------------------------------
    def _eval(self, node: Any, ctx: Obj | None, outer: Obj | None) -> Any:
        op = node[0]
        if op == "lit":
            return node[1]
        if op == "self":
            return outer
        if op == "ctx":
            return ctx
        if op == "name":
            return self._resolve(node[1], ctx)
        if op == "and":
            return self._truth(self._eval(node[1], ctx, outer)) and \
                self._truth(self._eval(node[2], ctx, outer))
        if op == "or":
            return self._truth(self._eval(node[1], ctx, outer)) or \
                self._truth(self._eval(node[2], ctx, outer))
        if op == "not":
            return not self._truth(self._eval(node[1], ctx, outer))
        if op == "cmp":
            return self._compare(node[1], self._eval(node[2], ctx, outer),
                                 self._eval(node[3], ctx, outer))
        if op == "dot":
            return self._dot(self._eval(node[1], ctx, outer), node[2], node[3], ctx, outer)
        if op == "coll":
            return self._coll(self._eval(node[1], ctx, outer), node[2], node[3], outer)
        raise RequestError(f"0:Unsupported expression {op}")

    @staticmethod
    def _truth(value: Any) -> bool:
        if not isinstance(value, bool):
            raise RequestError("0:Boolean expected")
        return value

    def _resolve(self, name: str, ctx: Obj | None) -> Any:
        if ctx is not None:
            member = self._member(ctx.cls, name)
            if member is not None:
                if (ctx.cls, member) in self.read_denied:
                    raise RequestError(f"read access denied on member {member}")
                return self._value(ctx, member)
        cls = CLASS_NAMES.get(name.lower())
        if cls is not None:
            return ClassRef(cls)
        raise RequestError(f"0:This variable ({name}) has no value or type")

    def _items(self, value: Any) -> list[Any]:
        if isinstance(value, ClassRef):
            return list(self._instances(value.name))
        if isinstance(value, list):
            return value
        return [] if value is None else [value]

    def _dot(self, target: Any, name: str, args: list[Any], ctx: Obj | None,
             outer: Obj | None) -> Any:
        low = name.lower()
        if isinstance(target, ClassRef) and low == "allinstances":
            return self._instances(target.name)
        if isinstance(target, list | ClassRef):
            out: list[Any] = []
            for item in self._items(target):
                got = self._dot(item, name, args, ctx, outer)
                out.extend(got if isinstance(got, list) else [got])
            return out
        if low == "asstring":
            return self.asstring(target)
        if low in ("sqllike", "sqllikecaseinsensitive"):
            if len(args) != 1:
                raise RequestError(f"0:{name} needs one argument")
            pattern = self._eval(args[0], ctx, outer)
            return like(self.asstring(target), str(pattern), low != "sqllike")
        if low in ("ocliskindof", "oclistypeof", "oclastype"):
            if len(args) != 1 or args[0][0] != "name":
                raise RequestError(f"0:{name} needs a class name")
            cls = CLASS_NAMES.get(args[0][1].lower())
            if cls is None:
                raise RequestError(f"0:This variable ({args[0][1]}) has no value or type")
            if not isinstance(target, Obj):
                return False if low != "oclastype" else None
            if low == "ocliskindof":
                return is_kind_of(target.cls, cls)
            if low == "oclistypeof":
                return target.cls == cls
            return target if is_kind_of(target.cls, cls) else None
        if target is None:
            return None
        if not isinstance(target, Obj):
            raise RequestError(f"0:Operation {name} is not supported by the emulator")
        member = self._member(target.cls, name)
        if member is None:
            raise RequestError(f"0:{name} is not a member of {target.cls}")
        if (target.cls, member) in self.read_denied:
            raise RequestError(f"read access denied on member {member}")
        return self._value(target, member)

    def _coll(self, target: Any, name: str, args: list[Any], outer: Obj | None) -> Any:
        items = self._items(target)
        low = name.lower()
        if low == "size":
            return len(items)
        if low == "notempty":
            return bool(items)
        if low == "isempty":
            return not items
        if low == "first":
            return items[0] if items else None
        if low in ("select", "reject", "collect", "orderby"):
            if len(args) != 1:
                raise RequestError(f"0:{name} needs one argument")
            if low == "collect":
                out: list[Any] = []
                for item in items:
                    got = self._eval(args[0], item, outer)
                    out.extend(got if isinstance(got, list) else [got])
                return out
            if low == "orderby":
                return sorted(items, key=lambda i: self.asstring(
                    self._eval(args[0], i, outer)).lower())
            keep = low == "select"
            return [i for i in items if self._truth(self._eval(args[0], i, outer)) == keep]
        raise RequestError(f"0:Operation {name} is not supported by the emulator")

    def _compare(self, op: str, left: Any, right: Any) -> bool:
        if isinstance(left, Obj) or isinstance(right, Obj) or left is None or right is None:
            same = (left.objid if isinstance(left, Obj) else left) == \
                (right.objid if isinstance(right, Obj) else right)
            if op in ("=", "<>"):
                return same if op == "=" else not same
            raise RequestError(f"0:Operator {op} is not defined for objects")
        if isinstance(left, int | float) != isinstance(right, int | float):
            raise RequestError("0:Incompatible types in comparison")
        result: bool = {"=": left == right, "<>": left != right, "<": left < right,
                        ">": left > right, "<=": left <= right, ">=": left >= right}[op]
        return result

    # Create / Update / Delete ------------------------------------------------------------
    def _assign(self, cls: str, item: Node, values: dict[str, Any]) -> None:
        for member_node in item.children:
            if member_node.tag.lower() == "objref":
                continue
            member = self._member(cls, member_node.tag)
            kind = self.members[cls].get(member or "", "")
            if member is None or kind in ("list", "derived") or member in COMMON:
                raise RequestError(f"Member {member_node.tag} not found in class {cls}",
                                   member_node)
            values[member] = self._parse_value(cls, member, kind, member_node)

    def _parse_value(self, cls: str, member: str, kind: str, node: Node) -> Any:
        text = node.text.strip()
        if kind.startswith("link:"):
            ref = node.find("objref")
            if ref is None:
                if not text and not node.children:
                    return None
                raise RequestError(f"Link {member} needs an objref element", node)
            target = self.objects.get(int(ref.text.strip())) \
                if ref.text.strip().isdigit() else None
            if target is None or not is_kind_of(target.cls, kind[5:]):
                raise RequestError(f"Object with objref {ref.text.strip()} is not a "
                                   f"{kind[5:]} (member {cls}.{member})", ref)
            return target.objid
        if kind == "bool":
            if text not in ("0", "1"):
                raise RequestError(f"Invalid boolean value {text!r} for {member}", node)
            return text == "1"
        if kind in ("date", "datetime"):
            if not text:
                return None
            try:
                parsed = dt.datetime.fromisoformat(text)
            except ValueError:
                raise RequestError(f"Invalid date value {text!r} for {member}", node) from None
            return parsed.date() if kind == "date" and len(text) == 10 else parsed
        return node.text

    def _create(self, create: Node) -> str:
        out: list[str] = []
        for item in create.children:
            cls = self._class(item.tag, item)
            if cls not in ("Aktivitaet", "Person", "Firma", "Kontakt", "KommMittel"):
                raise RequestError(f"Creating {cls} is not supported by the emulator", item)
            values: dict[str, Any] = {}
            self._assign(cls, item, values)
            if cls == "KommMittel" and values.get("typ"):
                letter = self.objects[values["typ"]].values["internertyp"]
                values["NormalizedZiel"] = self.normalize(values.get("zieladresse", "")) \
                    if letter in ("T", "M", "F") else ""
            objid = self._new(cls, values)
            out.append(self._el(cls, self._el("objid", str(objid)) + self._el(
                "isValid", "1" if self.create_is_valid else "0"), raw=True))
        return self._el("CreateResponse", "".join(out), raw=True)

    def _update(self, update: Node) -> str:
        count = 0
        for item in update.children:
            cls = self._class(item.tag, item)
            ref = item.find("objref")
            obj = self.objects.get(int(ref.text.strip())) \
                if ref is not None and ref.text.strip().isdigit() else None
            if obj is None or not is_kind_of(obj.cls, cls):
                raise RequestError(f"Object {cls} to update not found", ref or item)
            self._assign(obj.cls, item, obj.values)
            obj.values["modifiedDateTime"] = dt.datetime.now().replace(microsecond=0)
            count += 1
        return self._el("UpdateResponse", self._el("text", f"Updated {count} Objects"),
                        raw=True)

    def _delete(self, delete: Node) -> str:
        refs = [r for r in delete.children if r.tag.lower() == "objref"]
        for item in delete.children:
            if item.tag.lower() != "objref":
                refs.extend(item.find_all("objref"))
        count = 0
        for ref in refs:
            text = ref.text.strip()
            if text.isdigit() and int(text) in self.objects:
                del self.objects[int(text)]
                count += 1
        return self._el("DeleteResponse", self._el("text", f"Deleted {count} Objects"),
                        raw=True)

    # XML out ----------------------------------------------------------------------------
    @staticmethod
    def _el(name: str, content: str, raw: bool = False) -> str:
        body = content if raw else escape(content)
        return f"<{name}>{body}</{name}>" if body else f"<{name}/>"

    def _envelope(self, inner: str) -> str:
        xml_text = f"<Envelope><Body>{inner}</Body></Envelope>"
        return pretty(xml_text, self.indent) if self.indent is not None else xml_text

    def _fault(self, code: str, string: str, details: list[str]) -> bytes:
        items = "".join(self._el("detailitem", d) for d in details)
        fault = self._el("Fault", self._el("faultcode", code) + self._el("faultstring", string)
                         + self._el("details", items, raw=True), raw=True)
        return self._envelope(fault).encode("utf-8")


def like(value: str, pattern: str, ignore_case: bool) -> bool:
    """SQL LIKE: ``%`` any run, ``_`` one character."""
    regex = "".join(".*" if c == "%" else "." if c == "_" else re.escape(c) for c in pattern)
    return re.fullmatch(regex, value, re.DOTALL | (re.IGNORECASE if ignore_case else 0)) \
        is not None


def pretty(xml_text: str, indent: str) -> str:
    """Indent elements that hold elements; ``<a>text</a>`` stays on one line, text untouched."""
    tokens = re.findall(r"<[^>]+>|[^<]+", xml_text)
    out: list[str] = []
    depth = 0
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.startswith("</"):
            depth -= 1
            out.append(indent * depth + token)
        elif token.endswith("/>"):
            out.append(indent * depth + token)
        elif token.startswith("<"):
            if i + 2 < len(tokens) and not tokens[i + 1].startswith("<") \
                    and tokens[i + 2].startswith("</"):
                out.append(indent * depth + token + tokens[i + 1] + tokens[i + 2])
                i += 3
                continue
            out.append(indent * depth + token)
            depth += 1
        else:
            out[-1] += token
        i += 1
    return "\n".join(out) + "\n"


# ------------------------------------------------------------------------------- sqlwhere

SQL_TOKEN = re.compile(r"\s*(?:(?P<str>'(?:[^']|'')*')|(?P<num>-?\d+(?:\.\d+)?)"
                       r"|(?P<op><>|!=|<=|>=|[=<>(),])|(?P<id>[A-Za-z_][A-Za-z0-9_]*))")


class SqlWhere:
    """The small sqlwhere subset: ``member op literal`` (``= <> != < > <= >=``), ``[NOT] LIKE``,
    ``IS [NOT] NULL``, ``AND``/``OR``/``NOT`` and parentheses; columns are member names of the
    queried class (case-insensitive). Anything else is refused with a Fault."""

    def __init__(self, text: str, node: Node, server: VertecServer, cls: str) -> None:
        self.node, self.server, self.cls = node, server, cls
        self.tokens: list[tuple[str, str]] = []
        pos = 0
        while text[pos:].strip():
            m = SQL_TOKEN.match(text, pos)
            if not m or m.end() == pos:
                self.fail(f"unexpected {text[pos:].strip()[:10]!r}")
            kind = m.lastgroup or ""
            self.tokens.append((kind, m.group(kind)))
            pos = m.end()
        self.i = 0
        self.tree = self.disj()
        if self.i != len(self.tokens):
            self.fail(f"unexpected {self.tokens[self.i][1]!r}")

    def fail(self, message: str) -> NoReturn:
        raise RequestError(f"SQL: {message} in sqlwhere", self.node)

    def peek(self) -> str:
        return self.tokens[self.i][1].lower() if self.i < len(self.tokens) else ""

    def take(self) -> tuple[str, str]:
        if self.i >= len(self.tokens):
            self.fail("unexpected end")
        self.i += 1
        return self.tokens[self.i - 1]

    def disj(self) -> Any:
        tree = self.conj()
        while self.peek() == "or":
            self.take()
            tree = ("or", tree, self.conj())
        return tree

    def conj(self) -> Any:
        tree = self.atom()
        while self.peek() == "and":
            self.take()
            tree = ("and", tree, self.atom())
        return tree

    def atom(self) -> Any:
        if self.peek() == "not":
            self.take()
            return ("not", self.atom())
        if self.peek() == "(":
            self.take()
            tree = self.disj()
            if self.take()[1] != ")":
                self.fail("')' expected")
            return tree
        kind, column = self.take()
        member = self.server._member(self.cls, column) if kind == "id" else None
        spec = self.server.members[self.cls].get(member or "", "")
        if member is None or (spec in ("list", "derived") and member != "objid"):
            self.fail(f"invalid column name '{column}'")
        op = self.take()[1].lower()
        if op == "is":
            negate = self.peek() == "not"
            if negate:
                self.take()
            if self.take()[1].lower() != "null":
                self.fail("NULL expected")
            return ("null", member, negate)
        negate = op == "not"
        if negate:
            op = self.take()[1].lower()
            if op != "like":
                self.fail("only NOT LIKE is supported")
        if op not in ("like", "=", "<>", "!=", "<", ">", "<=", ">="):
            self.fail(f"operator {op!r} is not supported")
        lit_kind, literal = self.take()
        if lit_kind not in ("str", "num"):
            self.fail(f"literal expected, found {literal!r}")
        value: Any = literal[1:-1].replace("''", "'") if lit_kind == "str" else \
            float(literal) if "." in literal else int(literal)
        return ("cmp", member, op, value, negate)

    def matches(self, obj: Obj) -> bool:
        return self.eval(self.tree, obj)

    def eval(self, tree: Any, obj: Obj) -> bool:
        if tree[0] == "or":
            return self.eval(tree[1], obj) or self.eval(tree[2], obj)
        if tree[0] == "and":
            return self.eval(tree[1], obj) and self.eval(tree[2], obj)
        if tree[0] == "not":
            return not self.eval(tree[1], obj)
        member = tree[1]
        value = obj.objid if member == "objid" else obj.values.get(member)
        if tree[0] == "null":
            return (value is None or value == "") != bool(tree[2])
        _, _, op, right, negate = tree
        if isinstance(value, bool):
            value = int(value)
        if op == "like":
            return like("" if value is None else str(value), str(right), True) != bool(negate)
        if value is None:
            return False
        if isinstance(value, dt.date):
            value = value.isoformat()
        if isinstance(right, str) and isinstance(value, str):
            value, right = value.lower(), right.lower()  # SQL Server's usual CI collation
        try:
            result: bool = {"=": value == right, "<>": value != right, "!=": value != right,
                            "<": value < right, ">": value > right, "<=": value <= right,
                            ">=": value >= right}[op]
        except TypeError:
            raise RequestError(f"SQL: cannot compare {tree[1]} with {right!r}",
                               self.node) from None
        return result
