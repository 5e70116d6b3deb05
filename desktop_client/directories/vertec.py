"""Vertec over its XML interface: addresses with their phone, mobile and fax numbers, and
calls logged as activities.

``POST <Vertec address>/xml`` with ``Authorization: Bearer <API token>`` (Vertec 6.6+),
UTF-8, ``<Envelope><Body>…</Body></Envelope>``; namespaces ignored. A Query selects objects by
OCL, ``sqlwhere`` (evaluated in the database: better for large instances) or ``objref``; the
answer has one element per object named after its class, links as ``<objref>``. Errors come
as ``<Fault>`` (with HTTP 200). What Vertec does not document (the text form of
NormalizedZiel, the member names of an English-model instance) is a setting with a default;
the README says what an admin checks against their instance.
"""

from __future__ import annotations

import logging
import time
import xml.etree.ElementTree as ET  # only to build requests; answers are read by defusedxml
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from desktop_client.core.contacts import AddressRecord
from desktop_client.core.core_settings import VERTEC_LOOKUP_SQLWHERE, VERTEC_SYNC_OCL
from desktop_client.core.journal import JournalEntry
from desktop_client.core.numbers import Location, NormalizedNumber, NumberError, NumberKind
from desktop_client.core.numbers import normalize as our_normalize
from desktop_client.core.synced_contacts import SourceSync
from desktop_client.directories import web
from desktop_client.directories.base import ProbeResult, Progress, SourceError, fingerprint

log = logging.getLogger("desktop_client.directory")

NAME = "vertec"
#: Objects asked for by objref in one request.
BATCH = 500
#: KommMittel types that are numbers (internertyp): telephone, mobile, fax.
KINDS = {"T": "phone", "M": "mobile", "F": "fax"}


@dataclass(frozen=True, slots=True)
class VertecSettings:
    """``[directory.vertec]`` and the token from the keyring."""

    url: str
    token: str = ""
    sync_ocl: str = VERTEC_SYNC_OCL
    lookup_sqlwhere: str = VERTEC_LOOKUP_SQLWHERE
    normalized_member: str = "NormalizedZiel"
    activity_type: str = ""
    responsible: str = ""
    #: "Open in Vertec": a Web App link with {objid}.
    open_url: str = ""
    #: An address's activities (searched for a call's marker before it is sent).
    activities_member: str = "adressAktivitaeten"


@dataclass(frozen=True, slots=True)
class Number:
    """A KommMittel: its objid, the number as typed, its kind, Vertec's normalized form and
    the objid of the address it belongs to."""

    objid: str
    raw: str
    kind: str
    normalized: str
    owner: str


@dataclass(frozen=True, slots=True)
class Owner:
    """An address entry: its class (Person, Firma, Kontakt) and names."""

    cls: str
    name: str
    first_name: str = ""
    company: str = ""


class VertecSource:
    """One Vertec instance."""

    name = NAME

    def __init__(self, settings: VertecSettings, location: Location,
                 timeout_s: float = 60.0) -> None:
        if not settings.url:
            raise SourceError(NAME, "setup", "no Vertec address is set")
        web.check_url(NAME, settings.url, with_secret=bool(settings.token))
        if not settings.token:
            raise SourceError(NAME, "setup", "no API token is stored (desktop-client secret "
                                             "set directory.vertec.token)")
        self.settings = settings
        self.location = location
        self.endpoint = settings.url.rstrip("/") + "/xml"
        self.timeout_s = timeout_s
        #: Numbers Vertec normalized and we could not, and the reverse (the last sync).
        self.disagreements: list[str] = []

    # -- the protocol ----------------------------------------------------------------------

    def sync(self, target: SourceSync, token: str, progress: Progress) -> str:
        """Every phone, mobile and fax entry with its address: a complete listing."""
        numbers = self._numbers(self.settings.sync_ocl, None)
        progress(len(numbers))
        owners = self._owners({n.owner for n in numbers if n.owner}, None)
        self.disagreements = []
        for record in self._records(numbers, owners):
            target.put(record, fingerprint(record))
        target.remove_unseen()
        target.notes.extend(self.disagreements)
        for line in self.disagreements[:200]:
            log.warning("vertec: %s", line)
        if len(self.disagreements) > 200:
            log.warning("vertec: %d more numbers normalized differently",
                        len(self.disagreements) - 200)
        progress(len(numbers))
        return ""

    def lookup(self, number: NormalizedNumber, timeout_s: float,
               token: str) -> list[AddressRecord]:
        """The addresses whose entry has the number, by Vertec's normalized form."""
        if number.kind != NumberKind.PUBLIC:
            return []
        deadline = time.monotonic() + timeout_s
        national = "".join(c for c in number.national if c.isdigit())
        where = self.settings.lookup_sqlwhere.format(
            e164=_sql(number.key), national=_sql(national), digits=_sql(number.key[1:]))
        numbers = self._numbers(None, deadline, sqlwhere=where)
        owners = self._owners({n.owner for n in numbers if n.owner}, deadline)
        return list(self._records(numbers, owners))

    def test(self, timeout_s: float) -> ProbeResult:
        """Authenticate, count the phone entries, name one address."""
        deadline = time.monotonic() + timeout_s
        numbers = self._numbers(self.settings.sync_ocl, deadline)
        example = ""
        if numbers:
            first = numbers[0]
            owners = self._owners({first.owner}, deadline)
            owner = owners.get(first.owner)
            if owner is not None:
                example = f"{_display(owner)}: {first.raw}"
        return ProbeResult(len(numbers), example)

    # -- activities ------------------------------------------------------------------------

    def find_activity(self, address: str, marker: str, timeout_s: float) -> str | None:
        """An activity of the address whose text holds ``marker`` (a call sent before whose
        answer was lost, or logged from another desk): the address's own activities are
        read, and the marker is looked for here (no search of every activity's text)."""
        query = ET.Element("Query")
        selection = ET.SubElement(query, "Selection")
        ET.SubElement(selection, "objref").text = address
        ET.SubElement(selection, "ocl").text = self.settings.activities_member
        result = ET.SubElement(query, "Resultdef")
        ET.SubElement(result, "member").text = "text"
        body = self._request(query, time.monotonic() + timeout_s)
        for item in _results(body):
            if marker in _field(item, "text"):
                return item.findtext("objid") or None
        return None

    def create_activity(self, address: str, title: str, text: str, entry: JournalEntry,
                        timeout_s: float) -> str:
        """One Aktivitaet for the address (done, dated the call's day); its objid."""
        create = ET.Element("Create")
        activity = ET.SubElement(create, "Aktivitaet")
        ET.SubElement(activity, "titel").text = title[:250]
        ET.SubElement(activity, "text").text = text
        day = datetime.fromisoformat(entry.started_at).astimezone().date().isoformat()
        ET.SubElement(activity, "datum").text = day
        for member, objid in (("typ", self.settings.activity_type),
                              ("zustaendig", self.settings.responsible),
                              ("adresseintrag", address)):
            if objid:
                ET.SubElement(ET.SubElement(activity, member), "objref").text = objid
        ET.SubElement(activity, "erledigt").text = "1"
        body = self._request(create, time.monotonic() + timeout_s)
        created = next((e.text for e in body.iter() if _tag(e) == "objid" and e.text), None)
        if created is None:
            raise SourceError(NAME, "answer", "Vertec created no activity (no objid came back)")
        valid = next((e.text for e in body.iter() if _tag(e) == "isvalid"), "1")
        if valid == "0":
            log.warning("vertec: activity %s was created but Vertec calls it not valid "
                        "(check activity_type and responsible)", created)
        return created.strip()

    # -- queries ---------------------------------------------------------------------------

    def _numbers(self, ocl: str | None, deadline: float | None, *,
                 sqlwhere: str = "") -> list[Number]:
        query = ET.Element("Query")
        selection = ET.SubElement(query, "Selection")
        ET.SubElement(selection, "ocl").text = "KommMittel" if sqlwhere else ocl
        if sqlwhere:
            ET.SubElement(selection, "sqlwhere").text = sqlwhere
        result = ET.SubElement(query, "Resultdef")
        members = ["zieladresse", "eintrag"]
        if self.settings.normalized_member:
            members.append(self.settings.normalized_member)
        for member in members:
            ET.SubElement(result, "member").text = member
        expression = ET.SubElement(result, "expression")
        ET.SubElement(expression, "alias").text = "kind"
        ET.SubElement(expression, "ocl").text = "typ.internertyp.asstring"
        body = self._request(query, deadline)
        normalized = self.settings.normalized_member.lower()
        numbers = []
        for item in _results(body):
            kind = KINDS.get((_field(item, "kind") or "").strip().upper())
            if kind is None:
                continue  # e-mail, homepage, or a type this query was not meant to find
            numbers.append(Number(item.findtext("objid") or "", _field(item, "zieladresse"),
                                  kind, _field(item, normalized) if normalized else "",
                                  _objref(item, "eintrag")))
        return numbers

    def _owners(self, objids: set[str], deadline: float | None) -> dict[str, Owner]:
        """Names of the address entries: their classes first, then the members each has."""
        if not objids:
            return {}
        classes: dict[str, tuple[str, str]] = {}
        for item in self._by_objref(sorted(objids), ["name"], deadline):
            classes[item.findtext("objid") or ""] = (_tag(item, keep_case=True),
                                                      _field(item, "name"))
        first_names: dict[str, str] = {}
        companies: dict[str, str] = {}
        people = [o for o, (cls, _n) in classes.items() if cls in ("Person", "Kontakt")]
        for item in self._by_objref(people, ["vorname"], deadline):
            first_names[item.findtext("objid") or ""] = _field(item, "vorname")
        contacts = [o for o, (cls, _n) in classes.items() if cls == "Kontakt"]
        firms: dict[str, str] = {}
        for item in self._by_objref(contacts, ["firma"], deadline):
            firm = _objref(item, "firma")
            if firm:
                firms[item.findtext("objid") or ""] = firm
        unknown = sorted({f for f in firms.values() if f not in classes})
        firm_names = {o: name for o, (_cls, name) in classes.items()}
        for item in self._by_objref(unknown, ["name"], deadline):
            firm_names[item.findtext("objid") or ""] = _field(item, "name")
        for contact, firm in firms.items():
            companies[contact] = firm_names.get(firm, "")
        return {objid: Owner(cls, name, first_names.get(objid, ""), companies.get(objid, ""))
                for objid, (cls, name) in classes.items()}

    def _by_objref(self, objids: list[str], members: list[str],
                   deadline: float | None) -> Iterator[ET.Element]:
        for start in range(0, len(objids), BATCH):
            query = ET.Element("Query")
            selection = ET.SubElement(query, "Selection")
            for objid in objids[start:start + BATCH]:
                ET.SubElement(selection, "objref").text = objid
            result = ET.SubElement(query, "Resultdef")
            for member in members:
                ET.SubElement(result, "member").text = member
            yield from _results(self._request(query, deadline))

    def _records(self, numbers: list[Number],
                 owners: dict[str, Owner]) -> Iterator[AddressRecord]:
        by_owner: dict[str, list[Number]] = {}
        for number in numbers:
            if number.owner in owners:
                by_owner.setdefault(number.owner, []).append(number)
        for objid, entries in by_owner.items():
            owner = owners[objid]
            for entry in entries:
                self._compare(owner, entry)
            channels = tuple((n.kind, n.raw) for n in entries if n.raw.strip())
            if not channels:
                continue
            link = self.settings.open_url.replace("{objid}", objid) \
                if self.settings.open_url.startswith(("https://", "http://")) else ""
            if owner.cls == "Firma":
                yield AddressRecord("company", company=owner.name, external_id=objid,
                                    link_url=link, channels=channels)
            else:
                yield AddressRecord("person", owner.first_name, owner.name, owner.company,
                                    objid, link, channels)

    def _compare(self, owner: Owner, number: Number) -> None:
        """Note where Vertec's normalized form and ours disagree about a number."""
        if not self.settings.normalized_member:
            return
        try:
            ours = our_normalize(number.raw, self.location).key
        except NumberError as error:
            if number.normalized:
                self.disagreements.append(
                    f"{_display(owner)}: {number.raw!r} Vertec normalized it "
                    f"({number.normalized}), we could not ({error.reason})")
            return
        if not number.normalized:
            self.disagreements.append(f"{_display(owner)}: {number.raw!r} we normalized it "
                                      f"({ours}), Vertec left it blank")

    # -- the wire --------------------------------------------------------------------------

    def _request(self, command: ET.Element, deadline: float | None) -> ET.Element:
        """One request; the Body of the answer. Faults become SourceError."""
        import defusedxml.ElementTree as SafeET  # noqa: PLC0415 - loaded on first use

        envelope = ET.Element("Envelope")
        ET.SubElement(envelope, "Body").append(command)
        data = ET.tostring(envelope, encoding="utf-8", xml_declaration=True)
        timeout_s = self.timeout_s if deadline is None else deadline - time.monotonic()
        if timeout_s <= 0:
            raise SourceError(NAME, "unreachable", f"{web.host(self.endpoint)} did not "
                                                   "answer in time")
        headers = {"Content-Type": "text/xml; charset=utf-8",
                   "Authorization": f"Bearer {self.settings.token}"}
        try:
            answer = web.request(NAME, "POST", self.endpoint, body=data, headers=headers,
                                 timeout_s=timeout_s)
        except web.HttpStatus as status:
            if status.code in (401, 403) or (status.code == 400 and b"token" in status.body):
                raise SourceError(NAME, "auth", f"Vertec refused the API token (HTTP "
                                                f"{status.code}); make a new one on your "
                                                "user page and store it") from None
            raise SourceError(NAME, "answer", f"Vertec answered HTTP {status.code}") from None
        try:
            root = SafeET.fromstring(answer)
        except Exception as error:  # ParseError and defusedxml's refusals
            raise SourceError(NAME, "answer", f"Vertec's answer is not XML ({error})") from None
        body = next((e for e in root.iter() if _tag(e) == "body"), None)
        if body is None:
            raise SourceError(NAME, "answer", "Vertec's answer has no Body")
        fault = next((e for e in body.iter() if _tag(e) == "fault"), None)
        if fault is not None:
            raise _fault(fault)
        return body


def _fault(fault: ET.Element) -> SourceError:
    text = " ".join(t.strip() for t in (e.text or "" for e in fault.iter()
                                         if _tag(e) in ("faultstring", "detailitem"))
                    if t.strip())
    kind = "auth" if "authentication" in text.lower() or "token" in text.lower() else "answer"
    return SourceError(NAME, kind, f"Vertec refused the request: {text[:300]}")


def _tag(element: ET.Element, *, keep_case: bool = False) -> str:
    tag = str(element.tag).rpartition("}")[2].rpartition(":")[2]
    return tag if keep_case else tag.lower()


def _results(body: ET.Element) -> list[ET.Element]:
    response = next((e for e in body if _tag(e).endswith("response")), None)
    return list(response) if response is not None else []


def _field(item: ET.Element, name: str) -> str:
    low = name.lower()
    child = next((c for c in item if _tag(c) == low), None)
    return (child.text or "").strip() if child is not None else ""


def _objref(item: ET.Element, name: str) -> str:
    low = name.lower()
    child = next((c for c in item if _tag(c) == low), None)
    if child is None:
        return ""
    ref = next((e for e in child.iter() if _tag(e) == "objref"), None)
    return (ref.text or "").strip() if ref is not None else ""


def _sql(text: str) -> str:
    """A literal for sqlwhere: quotes doubled, nothing but what a number or marker has."""
    return "".join(c for c in text if c.isalnum() or c in "+-: .#").replace("'", "''")


def _display(owner: Owner) -> str:
    return " ".join(p for p in (owner.first_name, owner.name) if p) or owner.name
