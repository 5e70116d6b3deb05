"""A real Radicale 3 CalDAV/CardDAV server in a subprocess, for tests of the CardDAV client.

``python -m radicale`` (the same interpreter as the tests, ``sys.executable``) listens on
``127.0.0.1:<free port>`` with a private config, htpasswd file and storage in a temp folder:

- users ``anna`` / ``anna-secret`` and ``bob`` / ``bob-secret`` (htpasswd, ``plain``: no bcrypt
  needed); ``[rights] type = owner_only``, so bob gets ``403 Forbidden`` on anna's collections;
- anna's address book ``/anna/contacts/`` is made with an extended MKCOL (RFC 5689) whose
  resourcetype is ``DAV:collection`` + ``CARDDAV:addressbook``;
- ``[auth] delay`` (Radicale sleeps that long before each 401/403) is 0 here, not Radicale's
  default 1 s, so tests of wrong passwords stay fast; pass ``auth_delay=1`` to see the real one.

Everything here speaks HTTP with the standard library only, never through the product's code.
Radicale's built-in server answers ``HTTP/1.0`` and closes the connection after each response.

Card hrefs: ``put_card`` stores ``<uid>.vcf``; ``put_many`` uploads all cards as one .vcf onto
the collection and Radicale picks the href, which is the same ``<uid>.vcf`` for any UID that is
a safe file name (no ``/``, not ``.``/``..``).  ``card_url`` assumes that.

Storage goes to /dev/shm when it is there (Radicale fsyncs every file it writes; on tmpfs
that costs nothing, which halves the time of a 5,000-card upload).
"""

from __future__ import annotations

import base64
import importlib.metadata
import importlib.util
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http.client import HTTPConnection, HTTPMessage
from pathlib import Path
from types import TracebackType

import pytest

from tests.real import free_port

USER = "anna"
PASSWORD = "anna-secret"
OTHER_USER = "bob"
OTHER_PASSWORD = "bob-secret"
COLLECTION = "/anna/contacts/"
REALM = "Radicale - Password Required"

DAV = "DAV:"
CARDDAV = "urn:ietf:params:xml:ns:carddav"
CALSERVER = "http://calendarserver.org/ns/"

MKCOL_ADDRESSBOOK = (
    '<?xml version="1.0" encoding="utf-8"?>\n'
    '<D:mkcol xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:carddav">'
    "<D:set><D:prop>"
    "<D:resourcetype><D:collection/><C:addressbook/></D:resourcetype>"
    "<D:displayname>Contacts</D:displayname>"
    "</D:prop></D:set></D:mkcol>"
)

PROPPATCH_DISPLAYNAME = (
    '<?xml version="1.0" encoding="utf-8"?>\n'
    '<D:propertyupdate xmlns:D="DAV:"><D:set><D:prop>'
    "<D:displayname>Contacts</D:displayname>"
    "</D:prop></D:set></D:propertyupdate>"
)

SYNC_COLLECTION = (
    '<?xml version="1.0" encoding="utf-8"?>\n'
    '<D:sync-collection xmlns:D="DAV:">'
    "<D:sync-token>{token}</D:sync-token><D:sync-level>1</D:sync-level>"
    "<D:prop><D:getetag/></D:prop></D:sync-collection>"
)


def find_radicale() -> str | None:
    """Radicale's version if ``python -m radicale`` can run with this interpreter, else None."""
    if importlib.util.find_spec("radicale") is None:
        return None
    try:
        return importlib.metadata.version("radicale")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def need_radicale() -> str:
    """Radicale's version; skip without it (fail with ``CI=true``), as tests/real.py's need()."""
    version = find_radicale()
    if version is None:
        message = "radicale is not installed (pip install radicale)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return version


def _escape(value: str) -> str:
    """vCard 3.0 TEXT escaping (RFC 2426 section 4)."""
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def _fold(line: str) -> str:
    """Fold a content line at 75 octets (RFC 2425 section 5.8.1), never inside a character."""
    out: list[str] = []
    current = ""
    limit = 75
    for char in line:
        if len((current + char).encode("utf-8")) > limit:
            out.append(current)
            current = " "
            limit = 75
        current += char
    out.append(current)
    return "\r\n".join(out)


def make_vcard(uid: str, fn: str, tel_list: Sequence[str], org: str | None = None,
               tel_types: Sequence[str | None] | None = None) -> str:
    """A vCard 3.0 with CRLF line ends.

    ``N`` is derived from ``fn`` (last word = family name); ``tel_types[i]`` is the TYPE
    parameter of ``tel_list[i]`` (e.g. ``"CELL"`` or ``"WORK,VOICE"``), None for none.
    """
    words = fn.split()
    family, given = (words[-1], " ".join(words[:-1])) if words else ("", "")
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"UID:{uid}", f"FN:{_escape(fn)}",
             f"N:{_escape(family)};{_escape(given)};;;"]
    if org is not None:
        lines.append(f"ORG:{_escape(org)}")
    for index, number in enumerate(tel_list):
        kind = tel_types[index] if tel_types is not None and index < len(tel_types) else None
        lines.append(f"TEL;TYPE={kind}:{number}" if kind else f"TEL:{number}")
    lines.append("END:VCARD")
    return "".join(_fold(line) + "\r\n" for line in lines)


def split_cards(text: str) -> dict[str, str]:
    """A .vcf with many cards -> uid -> that card's text (CRLF); cards without UID dropped."""
    found: dict[str, str] = {}
    card: list[str] = []
    for line in text.replace("\r\n", "\n").split("\n"):
        if line.upper() == "BEGIN:VCARD":
            card = []
        card.append(line)
        if line.upper() == "END:VCARD":
            unfolded = "\n".join(card).replace("\n ", "").replace("\n\t", "").split("\n")
            uid = next((entry.split(":", 1)[1] for entry in unfolded
                        if entry.upper().startswith(("UID:", "UID;")) and ":" in entry), None)
            if uid is not None:
                found[uid] = "".join(entry + "\r\n" for entry in card)
            card = []
    return found


@dataclass
class Response:
    """One HTTP answer."""

    status: int
    reason: str
    headers: HTTPMessage
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


@dataclass
class SyncResult:
    """A parsed sync-collection answer: new token, changed href -> etag, removed hrefs."""

    token: str
    changed: dict[str, str] = field(default_factory=dict)
    removed: list[str] = field(default_factory=list)


class RadicaleError(RuntimeError):
    """Radicale did not start, or answered a helper's request with an error."""


class Radicale:
    """A Radicale subprocess with anna's address book; a context manager.

    >>> with Radicale() as server:                              # doctest: +SKIP
    ...     etag = server.put_card("c1", make_vcard("c1", "Carl One", ["+49 30 1234"]))
    """

    def __init__(self, *, port: int | None = None, auth_delay: float = 0.0,
                 log_level: str = "warning", start_timeout: float = 20.0) -> None:
        self.port = port or free_port()
        self.host = "127.0.0.1"
        self.base_url = f"http://{self.host}:{self.port}"
        self.url = self.base_url + COLLECTION
        self.collection = COLLECTION
        self.auth_delay = auth_delay
        self.log_level = log_level
        self.start_timeout = start_timeout
        self._folder: Path | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self._paused = False

    # -- files -------------------------------------------------------------------------

    @property
    def folder(self) -> Path:
        if self._folder is None:
            shm = Path("/dev/shm")
            parent = str(shm) if shm.is_dir() and os.access(shm, os.W_OK) else None
            self._folder = Path(tempfile.mkdtemp(prefix="radicale-test-", dir=parent))
        return self._folder

    @property
    def storage(self) -> Path:
        """Radicale's ``filesystem_folder`` (collections live under ``collection-root/``)."""
        return self.folder / "collections"

    @property
    def log_path(self) -> Path:
        return self.folder / "radicale.log"

    def log_text(self) -> str:
        try:
            return self.log_path.read_text("utf-8", "replace")
        except FileNotFoundError:
            return ""

    def _write_config(self) -> Path:
        users = self.folder / "users"
        users.write_text(f"{USER}:{PASSWORD}\n{OTHER_USER}:{OTHER_PASSWORD}\n", "utf-8")
        config = self.folder / "config"
        config.write_text(
            "[server]\n"
            f"hosts = {self.host}:{self.port}\n"
            "[auth]\n"
            "type = htpasswd\n"
            f"htpasswd_filename = {users}\n"
            "htpasswd_encryption = plain\n"
            f"delay = {self.auth_delay}\n"
            "[rights]\n"
            "type = owner_only\n"
            "[storage]\n"
            f"filesystem_folder = {self.storage}\n"
            "[web]\n"
            "type = none\n"
            "[logging]\n"
            f"level = {self.log_level}\n",
            "utf-8")
        return config

    # -- process -----------------------------------------------------------------------

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def start(self) -> None:
        """Start (or start again, same port and storage) and wait until it answers HTTP."""
        if self.running:
            return
        config = self._write_config()
        log = self.log_path.open("ab")
        try:
            self._process = subprocess.Popen(
                [sys.executable, "-m", "radicale", "--config", str(config)],
                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
        finally:
            log.close()
        self._paused = False
        self._wait_ready()
        self._ensure_collection()

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + self.start_timeout
        while True:
            assert self._process is not None
            if self._process.poll() is not None:
                raise RadicaleError(
                    f"radicale exited with {self._process.returncode}:\n{self.log_text()}")
            try:
                connection = HTTPConnection(self.host, self.port, timeout=2)
                try:
                    connection.request("OPTIONS", "/")
                    connection.getresponse().read()
                    return
                finally:
                    connection.close()
            except OSError:
                if time.monotonic() > deadline:
                    self.stop()
                    raise RadicaleError(
                        f"radicale did not answer within {self.start_timeout} s:\n"
                        f"{self.log_text()}") from None
                time.sleep(0.05)

    def _ensure_collection(self) -> None:
        probe = self.request("PROPFIND", self.url, headers={"Depth": "0"})
        if probe.status == 207:
            return
        made = self.request("MKCOL", self.url, MKCOL_ADDRESSBOOK,
                            {"Content-Type": "application/xml; charset=utf-8"})
        if made.status != 201:
            raise RadicaleError(f"MKCOL {self.url}: {made.status} {made.text}")

    def stop(self) -> None:
        """End the process (continued first if paused); storage and port stay for start()."""
        process, self._process = self._process, None
        if process is None:
            return
        if process.poll() is None:
            if self._paused:
                process.send_signal(signal.SIGCONT)
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
        self._paused = False

    def pause(self) -> None:
        """SIGSTOP: connections are still accepted by the kernel but never answered."""
        if self._process is None or self._process.poll() is not None:
            raise RadicaleError("radicale is not running")
        self._process.send_signal(signal.SIGSTOP)
        self._paused = True

    def resume(self) -> None:
        """SIGCONT: answers again (also what was sent while paused)."""
        if self._process is not None and self._paused:
            self._process.send_signal(signal.SIGCONT)
        self._paused = False

    def close(self) -> None:
        """Stop and remove the temp folder."""
        self.stop()
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None

    def __enter__(self) -> Radicale:
        try:
            self.start()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    # -- HTTP --------------------------------------------------------------------------

    def request(self, method: str, url: str, body: str | bytes | None = None,
                headers: Mapping[str, str] | None = None, *, user: str | None = USER,
                password: str = PASSWORD, timeout: float = 30.0) -> Response:
        """One request (``url`` absolute or a path); Basic auth unless ``user`` is None."""
        parts = urllib.parse.urlsplit(url)
        path = parts.path or "/"
        if parts.query:
            path += "?" + parts.query
        sent = dict(headers or {})
        if user is not None:
            token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
            sent["Authorization"] = f"Basic {token}"
        data = body.encode("utf-8") if isinstance(body, str) else body
        connection = HTTPConnection(self.host, self.port, timeout=timeout)
        try:
            connection.request(method, path, data, sent)
            answer = connection.getresponse()
            return Response(answer.status, answer.reason, answer.headers, answer.read())
        finally:
            connection.close()

    def card_url(self, uid: str) -> str:
        return self.url + urllib.parse.quote(uid, safe="@") + ".vcf"

    def card_href(self, uid: str) -> str:
        """The href as Radicale lists it (path only)."""
        return urllib.parse.urlsplit(self.card_url(uid)).path

    def put_card(self, uid: str, vcard_text: str) -> str:
        """Create or replace ``<uid>.vcf``; the new ETag (with its quotes)."""
        answer = self.request("PUT", self.card_url(uid), vcard_text,
                              {"Content-Type": "text/vcard; charset=utf-8"})
        if answer.status not in (201, 204):
            raise RadicaleError(f"PUT {uid}: {answer.status} {answer.text}")
        return answer.headers.get("ETag", "")

    def put_many(self, cards: Mapping[str, str] | Iterable[tuple[str, str]], *,
                 keep_existing: bool = True, one_by_one: bool = False,
                 workers: int = 4) -> None:
        """Store many ``(uid, vcard_text)`` cards (a mapping uid -> text works too).

        Default: ONE PUT of all cards as one .vcf onto the collection (Radicale's
        whole-collection upload; 5,000 cards take seconds).  With ``keep_existing`` the
        current cards are fetched first (GET on the collection) and uploaded again, so
        nothing is lost; a given UID replaces its old card.  The upload re-creates the
        collection: its sync history starts anew, so sync tokens handed out before now answer
        ``403`` with ``<valid-sync-token/>`` (RFC 6578 3.2), and the getctag changes.
        The displayname is set again.

        ``one_by_one=True``: one PUT per card, ``workers`` in parallel, as other clients
        change a book: sync tokens stay valid.  Radicale checks the UID against every card
        of the collection on each PUT, so this costs ~20-50 ms per card: fine for tens.
        """
        pairs = list(cards.items()) if isinstance(cards, Mapping) else list(cards)
        if one_by_one:
            self._put_one_by_one(pairs, workers)
            return
        merged: dict[str, str] = {}
        if keep_existing:
            current = self.request("GET", self.url, timeout=600)
            if current.status != 200:
                raise RadicaleError(f"GET {self.url}: {current.status} {current.text}")
            merged.update(split_cards(current.text))
        for uid, text in pairs:
            merged.pop(uid, None)
            merged[uid] = text if text.endswith("\r\n") else text + "\r\n"
        answer = self.request("PUT", self.url, "".join(merged.values()),
                              {"Content-Type": "text/vcard; charset=utf-8"}, timeout=600)
        if answer.status not in (201, 204):
            raise RadicaleError(f"PUT {self.url}: {answer.status} {answer.text}")
        named = self.request("PROPPATCH", self.url, PROPPATCH_DISPLAYNAME,
                             {"Content-Type": "application/xml; charset=utf-8"})
        if named.status != 207:
            raise RadicaleError(f"PROPPATCH {self.url}: {named.status} {named.text}")

    def _put_one_by_one(self, pairs: list[tuple[str, str]], workers: int) -> None:
        lock = threading.Lock()
        failures: list[str] = []

        def put(pair: tuple[str, str]) -> None:
            try:
                self.put_card(*pair)
            except (RadicaleError, OSError) as error:
                with lock:
                    failures.append(str(error))

        with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
            list(pool.map(put, pairs))
        if failures:
            raise RadicaleError(f"{len(failures)} PUTs failed, first: {failures[0]}")

    def delete_card(self, uid: str) -> None:
        answer = self.request("DELETE", self.card_url(uid))
        if answer.status not in (200, 204):
            raise RadicaleError(f"DELETE {uid}: {answer.status} {answer.text}")

    def get_card(self, uid: str) -> Response:
        return self.request("GET", self.card_url(uid))

    def sync_collection(self, token: str = "", *, user: str = USER,
                        password: str = PASSWORD) -> SyncResult:
        """REPORT sync-collection (RFC 6578) with ``token`` ('' = initial); parsed."""
        answer = self.request("REPORT", self.url, SYNC_COLLECTION.format(token=token),
                              {"Depth": "1", "Content-Type": "application/xml; charset=utf-8"},
                              user=user, password=password, timeout=300)
        if answer.status != 207:
            raise RadicaleError(f"sync-collection: {answer.status} {answer.text}")
        root = ET.fromstring(answer.body)
        result = SyncResult(token=root.findtext(f"{{{DAV}}}sync-token") or "")
        for response in root.iter(f"{{{DAV}}}response"):
            href = response.findtext(f"{{{DAV}}}href") or ""
            status = response.findtext(f"{{{DAV}}}status")
            if status is not None and " 404 " in status:
                result.removed.append(href)
                continue
            result.changed[href] = response.findtext(f".//{{{DAV}}}getetag") or ""
        return result
