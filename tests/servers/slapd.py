"""A real OpenLDAP slapd on loopback, per test: own config, own MDB database, own ports.

Packages: Debian ``slapd`` (the server; ``slapadd`` is slapd itself in tool mode) and, for the
client side, ``pip install ldap3`` (``types-ldap3`` for mypy).  ``ldap-utils`` is only handy
for poking at a running server by hand (``ldapsearch -x -H <url> ...``).

Everything lives in one folder (a fresh temporary one unless ``folder=`` is given):

* ``slapd.conf``: the classic config file, read with ``-f`` (slapd 2.5 still reads it; no
  cn=config tree is made).  Schemas core, cosine, inetorgperson and nis from
  ``/etc/ldap/schema`` and ``ad.schema`` written here (see below).
* ``db/``: one MDB database for ``dc=example,dc=org``; root DN ``cn=admin,dc=example,dc=org``
  (password ``admin-secret``).  ``ou=people`` holds inetOrgPerson entries, ``ou=orgs``
  organization entries, ``cn=reader`` is a read-only user (password ``reader-secret``).
* ``slapd.pid``, ``slapd.args``, ``slapd.log`` (slapd's stderr at log level *stats*).
* with ``tls=True``: ``ca.crt``/``ca.key`` (a self-signed CA) and ``server.crt``/``server.key``
  (CN 127.0.0.1, SAN IP:127.0.0.1 and DNS:localhost), made with ``openssl``.

slapd runs in the foreground (``-d``) as the current user, in its own process group, and
listens only on ``ldap://127.0.0.1:<free port>`` (StartTLS there when ``tls=True``) and, with
``tls=True``, on ``ldaps://127.0.0.1:<second free port>``.

Size limits (``sizelimit`` of the database, for every identity but the root DN), chosen to
behave like Active Directory's MaxPageSize=1000::

    sizelimit size.soft=1000 size.hard=1000 size.pr=unlimited size.prtotal=unlimited

* a search *without* the paged results control returns at most ``size_limit`` (1000) entries
  and then ends with ``sizeLimitExceeded`` (4), even if the client asks for a larger size
  limit (hard = soft; AD does the same);
* a *paged* search (RFC 2696, always enabled in slapd) may return any number of entries in
  total (``size.prtotal=unlimited``) and any page size (``size.pr=unlimited``).  AD would cut
  a page to 1000 entries; pass ``max_page_size=1000`` for that limit, but note that slapd then
  *refuses* a larger page request (adminLimitExceeded, "illegal pagedResults page size")
  instead of cutting it.

AD-like attributes: AD's schema cannot be loaded into slapd, so ``ad.schema`` defines
``otherTelephone`` (multi-valued), ``ipPhone`` and ``company`` (single-valued) under the
private arc 1.3.6.1.4.1.99999 and an AUXILIARY objectClass ``adPerson`` that may carry them.
As in AD (Unicode String syntax) they are Directory Strings with case-ignore matching: unlike
``telephoneNumber`` in OpenLDAP (telephoneNumberMatch ignores spaces and hyphens; AD does not)
``(otherTelephone=+41446681800)`` does not match ``+41 44 668 18 00``.  ``telephoneNumber``,
``mobile`` etc. keep OpenLDAP's Printable String syntax, so values with ``#``, ``*`` or ``;``
are refused by slapd (AD would take them), and ``facsimileTelephoneNumber`` has no matching
rule at all (only ``(facsimileTelephoneNumber=*)`` works).  There is no ``objectCategory``:
an AD-style filter ``(objectCategory=person)`` finds nothing here; use
``(objectClass=person)``, which both understand.

Anonymous access: with ``anonymous=False`` (the default) an anonymous bind succeeds but the
database says ``require authc``, so an anonymous search under dc=example,dc=org fails with
unwillingToPerform (53) "authentication required" (AD answers operationsError, 1, there), and
the ACL gives anonymous clients nothing but ``auth`` on userPassword.  The root DSE stays readable,
as in AD.  With ``anonymous=True`` anonymous clients may read everything but passwords.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import importlib.util
import os
import re
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import time
import weakref
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING

import pytest

from tests.real import free_port, need

if TYPE_CHECKING:
    import ldap3  # type: ignore[import-untyped, unused-ignore]

SCHEMA_DIR = Path("/etc/ldap/schema")
SCHEMAS = ("core", "cosine", "inetorgperson", "nis")
# Debian, then the usual prefixes of a build from source.
SLAPD_CANDIDATES = ("/usr/sbin/slapd", "/usr/local/sbin/slapd", "/usr/local/libexec/slapd",
                    "/usr/libexec/slapd")
MODULE_DIRS = ("/usr/lib/ldap", "/usr/local/libexec/openldap", "/usr/lib64/openldap",
               "/usr/lib/openldap")

BASE_DN = "dc=example,dc=org"
ADMIN_DN = f"cn=admin,{BASE_DN}"
ADMIN_PASSWORD = "admin-secret"
READER_DN = f"cn=reader,{BASE_DN}"
READER_PASSWORD = "reader-secret"
PEOPLE_DN = f"ou=people,{BASE_DN}"
ORGS_DN = f"ou=orgs,{BASE_DN}"

PERSON_CLASSES = ("top", "person", "organizationalPerson", "inetOrgPerson")
AD_ATTRIBUTES = frozenset({"otherTelephone", "ipPhone", "company"})

AD_SCHEMA = """\
# Look-alikes of Active Directory attributes (AD: otherTelephone 1.2.840.113556.1.4.18,
# ipPhone 1.2.840.113556.1.4.721, company 1.2.840.113556.1.2.146), private OIDs.
attributetype ( 1.3.6.1.4.1.99999.1.1 NAME 'otherTelephone'
    DESC 'like AD otherTelephone: further office numbers'
    EQUALITY caseIgnoreMatch
    SUBSTR caseIgnoreSubstringsMatch
    SYNTAX 1.3.6.1.4.1.1466.115.121.1.15{64} )
attributetype ( 1.3.6.1.4.1.99999.1.2 NAME 'ipPhone'
    DESC 'like AD ipPhone: the IP phone number or extension'
    EQUALITY caseIgnoreMatch
    SUBSTR caseIgnoreSubstringsMatch
    SYNTAX 1.3.6.1.4.1.1466.115.121.1.15{64}
    SINGLE-VALUE )
attributetype ( 1.3.6.1.4.1.99999.1.3 NAME 'company'
    DESC 'like AD company'
    EQUALITY caseIgnoreMatch
    SUBSTR caseIgnoreSubstringsMatch
    SYNTAX 1.3.6.1.4.1.1466.115.121.1.15{64}
    SINGLE-VALUE )
objectclass ( 1.3.6.1.4.1.99999.2.1 NAME 'adPerson'
    DESC 'auxiliary class for the AD look-alike attributes'
    SUP top AUXILIARY
    MAY ( otherTelephone $ ipPhone $ company ) )
"""

# Equality and substrings on every number (a caller lookup), equality only on names: substring
# indexes on 6 name attributes would make bulk_load(100000) take 3 times as long, and substring
# filters on names still work unindexed (slapd then tests every entry in scope).
INDEXES = (
    "objectClass eq",
    "cn,sn,givenName,displayName,o,company eq",
    # facsimileTelephoneNumber has no equality/substrings rule in core.schema: only
    # presence filters (facsimileTelephoneNumber=*) work on it, in AD it is a plain string.
    "telephoneNumber,mobile,homePhone eq,sub",
    "otherTelephone,ipPhone eq,sub",
)

FIRST_NAMES = ("Anna", "Beat", "Claudia", "Daniel", "Eva", "Fabian", "Gabriela", "Hans",
               "Irene", "Jürg", "Karin", "Lukas", "Monika", "Nicolas", "Olivia", "Peter",
               "Regula", "Stefan", "Ursula", "Zoë")

# RFC 4514 characters to escape; RFC 2849 SAFE-STRING (printable ASCII here) not ending in space.
_RDN_SPECIAL = re.compile(r'[,+"\\<>;=\x00]|^[# ]| $')
_LDIF_SAFE = re.compile(r"(?:[!-9;=-~][ -~]*)?(?<! )")

Value = str | Sequence[str]
Attributes = Mapping[str, Value]


def find_slapd() -> str | None:
    """The slapd binary (on PATH, else the usual sbin/libexec places), or None."""
    found = shutil.which("slapd")
    if found:
        return found
    for candidate in SLAPD_CANDIDATES:
        if os.access(candidate, os.X_OK):
            return candidate
    return None


def need_slapd() -> str:
    """The slapd binary; skip the test without it (fail with CI=true), as tests.real.need."""
    found = find_slapd()
    if found is None:
        return need("slapd")  # skips or fails with tests.real's message
    return found


def need_ldap3() -> None:
    """Skip (fail with CI=true) unless the ldap3 client library is installed.

    At module level this skips the whole module (``allow_module_level``).
    """
    if importlib.util.find_spec("ldap3") is None:
        message = "ldap3 is not installed (pip install ldap3)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message, allow_module_level=True)


def bulk_entry(index: int) -> dict[str, str | list[str]]:
    """The attributes of the index-th entry that bulk_load() makes (index < 8,000,000).

    cn ``<first name> Muster<index:06>``, telephoneNumber ``+41 44 2xx xx xx``, mobile
    ``+41 79 2xx xx xx`` (the same 7 digits, 2000000 + index), o ``Firma <index % 500:03>``;
    every 10th entry (index % 10 == 0) is also an adPerson with ipPhone ``<index:07>``,
    otherTelephone ``+41 43 2xx xx xx`` and company (equal to o).
    """
    if not 0 <= index < 8_000_000:
        raise ValueError(f"bulk index out of range: {index}")
    digits = f"{2_000_000 + index:07d}"
    local = f"{digits[:3]} {digits[3:5]} {digits[5:]}"
    given, surname = FIRST_NAMES[index % len(FIRST_NAMES)], f"Muster{index:06d}"
    entry: dict[str, str | list[str]] = {
        "cn": f"{given} {surname}", "givenName": given, "sn": surname,
        "displayName": f"{surname}, {given}", "o": f"Firma {index % 500:03d}",
        "telephoneNumber": [f"+41 44 {local}"], "mobile": f"+41 79 {local}",
    }
    if index % 10 == 0:
        entry |= {"ipPhone": f"{index:07d}", "otherTelephone": [f"+41 43 {local}"],
                  "company": f"Firma {index % 500:03d}"}
    return entry


def ssha(password: str) -> str:
    """A ``{SSHA}`` userPassword value (salted SHA-1, what slappasswd makes by default)."""
    salt = os.urandom(8)
    digest = hashlib.sha1(password.encode() + salt, usedforsecurity=False).digest()
    return "{SSHA}" + base64.b64encode(digest + salt).decode()


def escape_rdn(value: str) -> str:
    """An attribute value escaped for a DN (RFC 4514 section 2.4)."""
    if not _RDN_SPECIAL.search(value):
        return value
    out = []
    for position, char in enumerate(value):
        if char in ',+"\\<>;=' or (position == 0 and char in "# ") or (
                position == len(value) - 1 and char == " "):
            out.append("\\" + char)
        elif char == "\0":
            out.append("\\00")
        else:
            out.append(char)
    return "".join(out)


def _values(value: Value) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def _ldif_line(name: str, value: str) -> str:
    """``name: value``, or base64 (``name:: ...``) where LDIF (RFC 2849) requires it."""
    if _LDIF_SAFE.fullmatch(value):
        return f"{name}: {value}\n"
    return f"{name}:: {base64.b64encode(value.encode()).decode()}\n"


def ldif_record(dn: str, attributes: Mapping[str, Sequence[str]]) -> str:
    """One LDIF content record."""
    lines = [_ldif_line("dn", dn)]
    for name, values in attributes.items():
        lines.extend(_ldif_line(name, value) for value in values)
    return "".join(lines) + "\n"


def person_record(entry: Attributes) -> tuple[str, dict[str, list[str]]]:
    """(dn, attributes) of a person under ou=people; AD look-alike keys add adPerson."""
    attributes = {name: _values(value) for name, value in entry.items() if name != "dn"}
    attributes = {name: values for name, values in attributes.items() if values}
    if "cn" not in attributes:
        raise ValueError(f"a person needs a cn: {dict(entry)!r}")
    cn = attributes["cn"][0]
    attributes.setdefault("sn", [cn.split()[-1]])  # inetOrgPerson must have one
    classes = list(PERSON_CLASSES)
    if AD_ATTRIBUTES & attributes.keys():
        classes.append("adPerson")
    extra = [c for c in attributes.pop("objectClass", []) if c not in classes]
    return f"cn={escape_rdn(cn)},{PEOPLE_DN}", {"objectClass": classes + extra, **attributes}


def organization_record(o: str, telephone_number: Value,
                        more: Attributes | None = None) -> tuple[str, dict[str, list[str]]]:
    """(dn, attributes) of an organization under ou=orgs."""
    attributes = {"objectClass": ["top", "organization"], "o": [o],
                  "telephoneNumber": _values(telephone_number)}
    attributes |= {name: _values(value) for name, value in (more or {}).items()}
    return f"o={escape_rdn(o)},{ORGS_DN}", attributes


def _module_dir() -> str | None:
    for folder in MODULE_DIRS:
        if any(Path(folder).glob("back_mdb*")):
            return folder
    return None  # back_mdb built in


@dataclass
class _Running:
    """What must be ended and removed even if a Slapd is never closed (see weakref.finalize)."""

    process: subprocess.Popen[bytes] | None = None
    log: IO[bytes] | None = None
    remove: Path | None = None
    paused: bool = False

    def end_process(self, timeout: float = 10) -> None:
        process, self.process = self.process, None
        if process is not None and process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                if self.paused:  # a stopped process does not act on SIGTERM
                    os.killpg(process.pid, signal.SIGCONT)
                os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout)
        self.paused = False
        if self.log is not None:
            self.log.close()
            self.log = None

    def __call__(self) -> None:
        self.end_process()
        if self.remove is not None:
            shutil.rmtree(self.remove, ignore_errors=True)
            self.remove = None


class Slapd:
    """A real slapd on 127.0.0.1 with dc=example,dc=org; started by the constructor.

    ``with Slapd() as server:`` ends slapd and removes its folder on exit (``close()``).
    """

    base_dn = BASE_DN
    people_dn = PEOPLE_DN
    orgs_dn = ORGS_DN
    admin_dn = ADMIN_DN
    admin_password = ADMIN_PASSWORD
    reader_dn = READER_DN
    reader_password = READER_PASSWORD

    def __init__(self, *, anonymous: bool = False, tls: bool = False, size_limit: int = 1000,
                 max_page_size: int | None = None, paged_total: int | None = None,
                 folder: Path | None = None,
                 start_timeout: float = 30) -> None:
        self.binary = need_slapd()
        self.anonymous = anonymous
        self.tls = tls
        self.size_limit = size_limit
        self.max_page_size = max_page_size
        #: size.prtotal: the most entries a paged search returns in all (None: unlimited),
        #: like Active Directory's MaxResultSetSize.
        self.paged_total = paged_total
        self.start_timeout = start_timeout
        self._state = _Running()
        if folder is None:
            self.folder = Path(tempfile.mkdtemp(prefix="slapd-"))
            self._state.remove = self.folder
        else:
            self.folder = folder
            folder.mkdir(parents=True, exist_ok=True)
        self._finalizer = weakref.finalize(self, self._state)
        self.port = free_port()
        self.ldaps_port: int | None = free_port() if tls else None
        self._bulk_next = 0
        try:
            if tls:
                self._make_certificates()
            (self.folder / "db").mkdir(exist_ok=True)
            (self.folder / "ad.schema").write_text(AD_SCHEMA, encoding="utf-8")
            self.config.write_text(self._config_text(), encoding="utf-8")
            self._slapadd(self._base_records())
            self._start_first()
        except BaseException:
            self.close()
            raise

    # -- addresses ------------------------------------------------------------------------

    @property
    def url(self) -> str:
        """``ldap://127.0.0.1:<port>`` (StartTLS there with tls=True)."""
        return f"ldap://127.0.0.1:{self.port}"

    @property
    def ldaps_url(self) -> str | None:
        """``ldaps://127.0.0.1:<port2>`` with tls=True, else None."""
        return None if self.ldaps_port is None else f"ldaps://127.0.0.1:{self.ldaps_port}"

    @property
    def ca_file(self) -> Path | None:
        """The PEM file of the CA that signed the server certificate (tls=True), else None."""
        return self.folder / "ca.crt" if self.tls else None

    @property
    def config(self) -> Path:
        return self.folder / "slapd.conf"

    @property
    def log_path(self) -> Path:
        return self.folder / "slapd.log"

    @property
    def pid(self) -> int | None:
        """The pid of the running slapd (also its process group), or None."""
        process = self._state.process
        return process.pid if process is not None and process.poll() is None else None

    @property
    def running(self) -> bool:
        return self.pid is not None

    def output(self) -> str:
        """What slapd wrote to stderr so far (all starts)."""
        if self._state.log is not None:
            self._state.log.flush()
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return ""

    # -- life cycle -----------------------------------------------------------------------

    def __enter__(self) -> Slapd:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """End slapd and remove the folder (if it was made here)."""
        self._finalizer()

    def start(self) -> None:
        """Start slapd (again) on the same ports with the same data; wait until it listens."""
        if self.running:
            return
        self._state.end_process()  # reap one that died on its own
        listeners = self.url + "/"
        if self.ldaps_url is not None:
            listeners += " " + self.ldaps_url + "/"
        self._state.log = self.log_path.open("ab")
        self._state.process = subprocess.Popen(
            # -d keeps slapd in the foreground; 256 = "stats": one line per operation/result.
            [self.binary, "-d", "256", "-f", str(self.config), "-h", listeners],
            stdin=subprocess.DEVNULL, stdout=self._state.log, stderr=subprocess.STDOUT,
            cwd=self.folder, start_new_session=True)
        self._wait_listening()

    def stop(self, timeout: float = 10) -> None:
        """End slapd (SIGTERM to its process group, SIGKILL after ``timeout``) and wait."""
        self._state.end_process(timeout)

    def pause(self) -> None:
        """SIGSTOP: the ports still accept connections, but nothing is ever answered."""
        pid = self._require_running()
        os.killpg(pid, signal.SIGSTOP)
        self._state.paused = True

    def resume(self) -> None:
        """SIGCONT after pause()."""
        pid = self._require_running()
        os.killpg(pid, signal.SIGCONT)
        self._state.paused = False

    # -- data -----------------------------------------------------------------------------

    def add_people(self, entries: Iterable[Attributes]) -> list[str]:
        """Add inetOrgPerson entries under ou=people; returns their DNs.

        Each entry is a dict of attribute -> str or list of str, without a dn: ``cn`` (required,
        also the RDN), givenName, sn (default: the last word of cn), displayName, o,
        telephoneNumber, mobile, homePhone, facsimileTelephoneNumber, ...; any of
        otherTelephone, ipPhone, company adds the auxiliary class adPerson.  Over LDAP as the
        root DN while slapd runs, else with slapadd.
        """
        return self._add([person_record(entry) for entry in entries])

    def add_organization(self, o: str, telephoneNumber: Value,  # noqa: N803 (LDAP's name)
                         **more: Value) -> str:
        """Add an organization ``o=<o>,ou=orgs,...`` with its number(s); returns its DN."""
        return self._add([organization_record(o, telephoneNumber, more)])[0]

    def bulk_load(self, n: int) -> range:
        """Add n generated people (see bulk_entry()) with slapadd; returns their indexes.

        slapd is stopped for it (slapadd needs the database to itself) and started again if it
        was running.  A further call continues the numbering.
        """
        start = self._bulk_next
        indexes = range(start, start + n)
        self._bulk_next += n
        was_running = self.running
        self.stop()
        self._slapadd(person_record(bulk_entry(index)) for index in indexes)
        if was_running:
            self.start()
        return indexes

    def person_dn(self, cn: str) -> str:
        return f"cn={escape_rdn(cn)},{PEOPLE_DN}"

    def modify_phone(self, cn: str, new_number: Value) -> None:
        """Replace the telephoneNumber of the person ``cn`` (over LDAP; slapd must run)."""
        import ldap3  # type: ignore[import-untyped, unused-ignore]

        with self._admin() as connection:
            ok = connection.modify(  # type: ignore[no-untyped-call, unused-ignore]
                self.person_dn(cn),
                {"telephoneNumber": [(ldap3.MODIFY_REPLACE, _values(new_number))]})
            if not ok:
                raise RuntimeError(f"modify {cn!r}: {connection.result}")

    def delete(self, cn: str) -> None:
        """Delete the person ``cn`` (over LDAP; slapd must run)."""
        self.delete_dn(self.person_dn(cn))

    def delete_dn(self, dn: str) -> None:
        """Delete one (leaf) entry (over LDAP; slapd must run)."""
        with self._admin() as connection:
            if not connection.delete(dn):  # type: ignore[no-untyped-call, unused-ignore]
                raise RuntimeError(f"delete {dn!r}: {connection.result}")

    # -- clients --------------------------------------------------------------------------

    def connect(self, who: str = "reader", *, start_tls: bool = False, ldaps: bool = False,
                timeout: float = 10) -> ldap3.Connection:
        """A bound ldap3 connection as ``reader``, ``admin`` or ``anonymous``.

        ``start_tls``/``ldaps`` (tls=True) verify the server against ca_file.  The bind result
        is in ``connection.bound`` / ``connection.result``; nothing is raised.
        """
        import ldap3  # type: ignore[import-untyped, unused-ignore]

        tls = None
        if start_tls or ldaps:
            if self.ca_file is None or self.ldaps_port is None:
                raise RuntimeError("this Slapd was made without tls=True")
            tls = ldap3.Tls(ca_certs_file=str(self.ca_file), validate=ssl.CERT_REQUIRED)
        port = self.ldaps_port if ldaps else self.port
        server = ldap3.Server("127.0.0.1", port=port, use_ssl=ldaps, tls=tls,
                              connect_timeout=timeout, get_info=ldap3.NONE)
        credentials = {"reader": (self.reader_dn, self.reader_password),
                       "admin": (self.admin_dn, self.admin_password),
                       "anonymous": (None, None)}[who]
        connection = ldap3.Connection(server, user=credentials[0], password=credentials[1],
                                      receive_timeout=timeout, raise_exceptions=False)
        connection.open()
        if start_tls:
            connection.start_tls()
        connection.bind()
        return connection

    # -- internals ------------------------------------------------------------------------

    @contextlib.contextmanager
    def _admin(self) -> Iterator[ldap3.Connection]:
        self._require_running()
        connection = self.connect("admin")
        try:
            if not connection.bound:
                raise RuntimeError(f"bind as {self.admin_dn}: {connection.result}")
            yield connection
        finally:
            connection.unbind()

    def _add(self, records: list[tuple[str, dict[str, list[str]]]]) -> list[str]:
        if not self.running:
            self._slapadd(records)
            return [dn for dn, _ in records]
        with self._admin() as connection:
            for dn, attributes in records:
                if not connection.add(  # type: ignore[no-untyped-call, unused-ignore]
                        dn, attributes=attributes):
                    raise RuntimeError(f"add {dn!r}: {connection.result}")
        return [dn for dn, _ in records]

    def _require_running(self) -> int:
        pid = self.pid
        if pid is None:
            raise RuntimeError("slapd is not running")
        return pid

    def _slapadd(self, records: Iterable[tuple[str, Mapping[str, Sequence[str]]]]) -> None:
        """Load LDIF records with slapd's tool mode (slapadd); slapd must not run."""
        if self.running:
            raise RuntimeError("slapadd while slapd runs")
        ldif = self.folder / "load.ldif"
        with ldif.open("w", encoding="utf-8") as out:
            for dn, attributes in records:
                out.write(ldif_record(dn, attributes))
        # -T add = slapadd; -q: no consistency checks (the records are ours), much faster.
        result = subprocess.run(
            [self.binary, "-T", "add", "-q", "-f", str(self.config), "-l", str(ldif)],
            capture_output=True, text=True, cwd=self.folder, check=False)
        ldif.unlink()
        if result.returncode != 0:
            raise RuntimeError(f"slapadd failed ({result.returncode}): {result.stderr}")

    def _start_first(self) -> None:
        """start(), with new ports if another process took a chosen one meanwhile."""
        for attempt in range(3):
            try:
                self.start()
                return
            except RuntimeError:
                self._state.end_process()
                if attempt == 2 or "Address already in use" not in self.output():
                    raise
                self.port = free_port()
                self.ldaps_port = free_port() if self.tls else None

    def _wait_listening(self) -> None:
        deadline = time.monotonic() + self.start_timeout
        ports = [self.port] + ([self.ldaps_port] if self.ldaps_port is not None else [])
        process = self._state.process
        assert process is not None
        while ports:
            if process.poll() is not None:
                raise RuntimeError(f"slapd exited ({process.returncode}): {self.output()}")
            try:
                with socket.create_connection(("127.0.0.1", ports[0]), timeout=0.5):
                    ports.pop(0)
                    continue
            except OSError:
                if time.monotonic() > deadline:
                    self._state.end_process()
                    raise RuntimeError(
                        f"slapd did not listen on {ports[0]} within {self.start_timeout} s: "
                        + self.output()) from None
                time.sleep(0.02)

    def _base_records(self) -> list[tuple[str, dict[str, list[str]]]]:
        return [
            (BASE_DN, {"objectClass": ["top", "dcObject", "organization"], "dc": ["example"],
                       "o": ["Example"]}),
            (PEOPLE_DN, {"objectClass": ["top", "organizationalUnit"], "ou": ["people"]}),
            (ORGS_DN, {"objectClass": ["top", "organizationalUnit"], "ou": ["orgs"]}),
            (READER_DN, {"objectClass": ["top", "organizationalRole", "simpleSecurityObject"],
                         "cn": ["reader"], "userPassword": [ssha(READER_PASSWORD)],
                         "description": ["read-only bind user for tests"]}),
        ]

    def _config_text(self) -> str:
        folder = self.folder
        lines = [f"include {SCHEMA_DIR / name}.schema" for name in SCHEMAS]
        lines += [
            f"include {folder / 'ad.schema'}",
            f"pidfile {folder / 'slapd.pid'}",
            f"argsfile {folder / 'slapd.args'}",
            "loglevel stats",
            "tool-threads 2",
        ]
        modules = _module_dir()
        if modules is not None:
            lines += [f"modulepath {modules}", "moduleload back_mdb"]
        if self.tls:
            lines += [
                f"TLSCACertificateFile {folder / 'ca.crt'}",
                f"TLSCertificateFile {folder / 'server.crt'}",
                f"TLSCertificateKeyFile {folder / 'server.key'}",
            ]
        page = "unlimited" if self.max_page_size is None else str(self.max_page_size)
        anonymous = "read" if self.anonymous else "none"
        lines += [
            "",
            "database mdb",
            f'suffix "{BASE_DN}"',
            f'rootdn "{ADMIN_DN}"',
            f"rootpw {ADMIN_PASSWORD}",
            f"directory {folder / 'db'}",
            "maxsize 4294967296",  # 4 GiB of address space; the file grows as needed
            "dbnosync",
            # Soft = hard: a plain search stops after size_limit entries (sizeLimitExceeded)
            # whatever the client asks; paged searches may return everything.
            f"sizelimit size.soft={self.size_limit} size.hard={self.size_limit} "
            f"size.pr={page} size.prtotal="
            f"{'unlimited' if self.paged_total is None else self.paged_total}",
            *[f"index {index}" for index in INDEXES],
            "access to attrs=userPassword",
            "  by anonymous auth",
            "  by * none",
            "access to *",
            "  by users read",
            f"  by anonymous {anonymous}",
            "  by * none",
        ]
        if not self.anonymous:
            lines.append("require authc")
        return "\n".join(lines) + "\n"

    def _make_certificates(self) -> None:
        """A self-signed CA and a server certificate for 127.0.0.1/localhost (openssl)."""
        openssl = need("openssl")
        folder = self.folder
        ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]

        def run(*args: str) -> None:
            result = subprocess.run([openssl, *args], capture_output=True, text=True,
                                    cwd=folder, check=False)
            if result.returncode != 0:
                raise RuntimeError(f"openssl {args[0]} failed: {result.stderr}")

        run("req", "-x509", *ec, "-keyout", "ca.key", "-out", "ca.crt", "-days", "7",
            "-subj", "/CN=slapd test CA",
            "-addext", "basicConstraints=critical,CA:TRUE",
            "-addext", "keyUsage=critical,keyCertSign,cRLSign")
        run("req", *ec, "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1")
        (folder / "server.ext").write_text(
            "basicConstraints=critical,CA:FALSE\n"
            "keyUsage=critical,digitalSignature,keyEncipherment\n"
            "extendedKeyUsage=serverAuth\n"
            "subjectKeyIdentifier=hash\n"
            "authorityKeyIdentifier=keyid\n"
            "subjectAltName=IP:127.0.0.1,DNS:localhost\n", encoding="utf-8")
        run("x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
            "-CAcreateserial", "-out", "server.crt", "-days", "7", "-extfile", "server.ext")
