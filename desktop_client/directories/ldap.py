"""LDAP and Active Directory: people and organizations with their phone numbers.

ldap3 (pure Python, well kept, paged results and StartTLS built in) speaks the protocol; we
map inetOrgPerson's and Active Directory's attributes to addresses. TLS is verified against
the system's trust store (``SSL_CERT_FILE`` names another bundle), with the host name
checked.
"""

from __future__ import annotations

import logging
import ssl
import urllib.parse
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from desktop_client.core.calls import clean_text
from desktop_client.core.contacts import AddressRecord
from desktop_client.core.numbers import NormalizedNumber, NumberKind
from desktop_client.core.synced_contacts import SourceSync
from desktop_client.directories.base import ProbeResult, Progress, SourceError, fingerprint
from desktop_client.directories.web import LOOPBACK

log = logging.getLogger("desktop_client.directory")

NAME = "ldap"
PAGE_SIZE = 500
#: Phone attributes and the channel kind each becomes (inetOrgPerson and AD).
PHONE_ATTRIBUTES = {
    "telephoneNumber": "phone",
    "otherTelephone": "phone",
    "ipPhone": "phone",
    "homePhone": "phone",
    "mobile": "mobile",
    "facsimileTelephoneNumber": "fax",
}
NAME_ATTRIBUTES = ("displayName", "cn", "givenName", "sn", "o", "company", "objectClass")
ATTRIBUTES = (*PHONE_ATTRIBUTES, *NAME_ATTRIBUTES)
#: LDAP result codes (RFC 4511) that end a listing early without an error from ldap3.
TIME_LIMIT_EXCEEDED = 3
SIZE_LIMIT_EXCEEDED = 4
#: Digits of the subscriber number a live search looks for (then the answer is normalized
#: and compared exactly).
TAIL_DIGITS = 7


@dataclass(frozen=True, slots=True)
class LdapSettings:
    """``[directory.ldap]`` and the password from the keyring."""

    url: str
    base_dn: str
    bind_dn: str = ""
    password: str = ""
    filter: str = "(objectClass=person)"
    start_tls: bool = False


class LdapSource:
    """An LDAP directory (OpenLDAP, Active Directory, …)."""

    name = NAME

    def __init__(self, settings: LdapSettings) -> None:
        if not settings.url.startswith(("ldap://", "ldaps://")):
            raise SourceError(NAME, "setup", "the server address must start with ldap:// or "
                                             "ldaps://")
        if not settings.base_dn:
            raise SourceError(NAME, "setup", "no search base (base_dn) is set")
        host = urllib.parse.urlsplit(settings.url).hostname or ""
        if settings.password and settings.url.startswith("ldap://") and not \
                settings.start_tls and host not in LOOPBACK:
            raise SourceError(NAME, "setup", f"the password is sent only encrypted: use "
                                             f"ldaps://{host} or switch on StartTLS")
        self.settings = settings

    # -- the protocol ----------------------------------------------------------------------

    def sync(self, target: SourceSync, token: str, progress: Progress) -> str:
        """A complete paged listing (LDAP has no change token here): all entries, then those
        no longer listed go."""
        count = 0
        for dn, attributes in self._search(self.settings.filter, 60.0):
            record = to_record(dn, attributes)
            if record is None:
                continue
            target.put(record, fingerprint(record))
            count += 1
            if count % 1000 == 0:
                progress(count)
        target.remove_unseen()
        progress(count)
        return ""

    def lookup(self, number: NormalizedNumber, timeout_s: float,
               token: str) -> list[AddressRecord]:
        """Entries with a phone attribute ending in the number's last digits."""
        if number.kind != NumberKind.PUBLIC:
            return []
        tail = number.key[-TAIL_DIGITS:]
        # Digits with wildcards between them: a value written "668 18 00" or "668-18-00"
        # matches on servers whose phone syntax keeps the spaces (Active Directory).
        pattern = "*" + "*".join(tail) + "*"
        wanted = "".join(f"({attribute}={pattern})" for attribute in PHONE_ATTRIBUTES)
        search = f"(&{self.settings.filter}(|{wanted}))"
        return [record for dn, attributes in self._search(search, timeout_s, limit=50)
                if (record := to_record(dn, attributes)) is not None]

    def test(self, timeout_s: float) -> ProbeResult:
        """Count the entries the filter finds and name the first."""
        count, example = 0, ""
        for dn, attributes in self._search(self.settings.filter, timeout_s):
            record = to_record(dn, attributes)
            if record is None:
                continue
            count += 1
            if not example:
                example = f"{record.display_name}: {record.channels[0][1]}"
        return ProbeResult(count, example)

    # -- the wire --------------------------------------------------------------------------

    def _search(self, search_filter: str, timeout_s: float,
                limit: int = 0) -> Iterator[tuple[str, Mapping[str, list[Any]]]]:
        import ldap3  # noqa: PLC0415 - loaded when a directory server is used
        from ldap3.core import exceptions  # noqa: PLC0415

        connection = self._connect(timeout_s)
        try:
            entries = connection.extend.standard.paged_search(
                self.settings.base_dn, search_filter, ldap3.SUBTREE, attributes=list(ATTRIBUTES),
                paged_size=PAGE_SIZE, generator=True, size_limit=limit)
            for entry in entries:
                if entry.get("type") != "searchResEntry":
                    continue
                yield entry["dn"], entry["attributes"]
            # ldap3 raises nothing for these two: the listing just ends early.
            code = (connection.result or {}).get("result")
            if code in (SIZE_LIMIT_EXCEEDED, TIME_LIMIT_EXCEEDED) and not limit:
                raise SourceError(NAME, "answer", "the server's size or time limit cut the "
                                                  "listing short; allow this user a paged "
                                                  "search of all entries")
        except exceptions.LDAPInvalidFilterError:
            raise SourceError(NAME, "setup", f"the search filter is not valid: "
                                             f"{self.settings.filter}") from None
        except exceptions.LDAPNoSuchObjectResult:
            raise SourceError(NAME, "setup", f"the search base {self.settings.base_dn} does "
                                             "not exist") from None
        except exceptions.LDAPSizeLimitExceededResult:
            if limit:
                return  # a live search asked for the first few only
            # A listing cut short must not count as complete: the rest would be deleted.
            raise SourceError(NAME, "answer", "the server's size limit cut the listing short; "
                                              "allow this user a paged search of all entries"
                              ) from None
        except (exceptions.LDAPSocketReceiveError, exceptions.LDAPSocketOpenError,
                exceptions.LDAPSessionTerminatedByServerError,
                exceptions.LDAPSocketSendError) as error:
            raise SourceError(NAME, "unreachable", f"the server stopped answering "
                                                   f"({_first_line(error)})") from None
        except exceptions.LDAPException as error:
            raise SourceError(NAME, "answer", _first_line(error)) from None
        finally:
            connection.unbind()

    def _connect(self, timeout_s: float) -> Any:
        import ldap3  # noqa: PLC0415
        from ldap3.core import exceptions  # noqa: PLC0415

        url = self.settings.url
        secure = url.startswith("ldaps://") or self.settings.start_tls
        tls = ldap3.Tls(validate=ssl.CERT_REQUIRED) if secure else None
        server = ldap3.Server(url, use_ssl=url.startswith("ldaps://"), tls=tls,
                              get_info=ldap3.NONE, connect_timeout=max(1, round(timeout_s)))
        connection = ldap3.Connection(
            server, user=self.settings.bind_dn or None,
            password=self.settings.password or None, receive_timeout=max(1, round(timeout_s)),
            raise_exceptions=True, read_only=True, auto_referrals=False)
        try:
            connection.open()
            if self.settings.start_tls and not url.startswith("ldaps://"):
                connection.start_tls()
            connection.bind()
        except exceptions.LDAPInvalidCredentialsResult:
            raise SourceError(NAME, "auth", f"the server refused the password of "
                                            f"{self.settings.bind_dn or 'anonymous'}") from None
        except (exceptions.LDAPSocketOpenError, exceptions.LDAPSocketReceiveError,
                exceptions.LDAPSessionTerminatedByServerError) as error:
            text = _first_line(error)
            kind = "tls" if "certificate" in text.lower() or "ssl" in text.lower() \
                else "unreachable"
            raise SourceError(NAME, kind, f"cannot reach {url} ({text})") from None
        except (exceptions.LDAPStartTLSError, exceptions.LDAPCertificateError,
                ssl.SSLError) as error:
            raise SourceError(NAME, "tls", f"TLS with {url} failed "
                                           f"({_first_line(error)})") from None
        except exceptions.LDAPException as error:
            raise SourceError(NAME, "answer", _first_line(error)) from None
        return connection


def to_record(dn: str, attributes: Mapping[str, list[Any]]) -> AddressRecord | None:
    """An address for an LDAP entry, or None when it has no phone number."""
    channels = tuple((kind, value) for attribute, kind in PHONE_ATTRIBUTES.items()
                     for value in _values(attributes, attribute) if value.strip())
    if not channels:
        return None
    classes = {c.lower() for c in _values(attributes, "objectClass")}
    organization = _first(attributes, "o")
    company = _first(attributes, "company") or organization
    if "organization" in classes and "person" not in classes:
        return AddressRecord("company", company=organization or _first(attributes, "cn"),
                             external_id=dn, channels=channels)
    first, last = _first(attributes, "givenName"), _first(attributes, "sn")
    if not (first or last):
        last = _first(attributes, "displayName") or _first(attributes, "cn")
    return AddressRecord("person", first, last, company, dn, "", channels)


def _values(attributes: Mapping[str, list[Any]], name: str) -> list[str]:
    value = attributes.get(name)
    if value is None:
        return []
    values = value if isinstance(value, list) else [value]
    return [v.decode("utf-8", "replace") if isinstance(v, bytes) else str(v) for v in values]


def _first(attributes: Mapping[str, list[Any]], name: str) -> str:
    values = _values(attributes, name)
    return values[0].strip() if values else ""


def _first_line(error: BaseException) -> str:
    """The first line of an error, which may quote the server: cleaned for a terminal."""
    return clean_text((str(error).splitlines() or [type(error).__name__])[0], 200)
