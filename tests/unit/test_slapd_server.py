"""The real-slapd fixture (tests/servers/slapd.py) does what the directory tests rely on.

Needs Debian's slapd and the ldap3 client; skipped without them, a failure with CI=true.
"""

from __future__ import annotations

import os
import socket
import ssl
from collections.abc import Iterator

import pytest

from tests.servers.slapd import Slapd, bulk_entry, find_slapd, need_ldap3

need_ldap3()

import ldap3  # type: ignore[import-untyped, unused-ignore]  # noqa: E402
from ldap3.core.exceptions import LDAPException  # type: ignore[import-untyped, unused-ignore]  # noqa: E402


@pytest.fixture
def server() -> Iterator[Slapd]:
    with Slapd() as running:
        yield running


def reader(server: Slapd) -> ldap3.Connection:
    """A connection bound as cn=reader, made with ldap3 as the product would."""
    connection = ldap3.Connection(
        ldap3.Server("127.0.0.1", port=server.port, connect_timeout=5),
        user=server.reader_dn, password=server.reader_password, receive_timeout=5)
    assert connection.bind(), connection.result
    return connection


def names(connection: ldap3.Connection) -> set[str]:
    return {str(entry.cn) for entry in connection.entries}


def test_find_slapd_is_an_executable() -> None:
    found = find_slapd()
    assert found is not None and os.access(found, os.X_OK)


def test_reader_finds_people_and_organizations_by_number(server: Slapd) -> None:
    server.add_people([
        {"cn": "Hans Muster", "givenName": "Hans", "sn": "Muster", "displayName": "Muster, Hans",
         "o": "Beispiel AG", "telephoneNumber": ["+41 44 668 18 00", "+41 44 668 18 01"],
         "mobile": "+41 79 123 45 67", "homePhone": "+41 44 111 22 33",
         "facsimileTelephoneNumber": "+41 44 668 18 09"},
        {"cn": "Zoë Müller", "telephoneNumber": ["+41 43 555 66 77"],
         "otherTelephone": ["+41 43 555 66 78", "+41 43 555 66 79"], "ipPhone": "6677",
         "company": "Example GmbH"},
    ])
    server.add_organization("Pizzeria Napoli", "+41 44 222 33 44")
    connection = reader(server)

    # telephoneNumberMatch ignores the spaces.
    assert connection.search(server.people_dn, "(telephoneNumber=+41446681801)",
                             attributes=["cn", "mobile", "homePhone", "o"])
    assert names(connection) == {"Hans Muster"}
    assert str(connection.entries[0].mobile) == "+41 79 123 45 67"
    assert connection.search(server.base_dn, "(|(telephoneNumber=*222 3344)(mobile=*2223344))",
                             attributes=["o"])
    assert [str(entry.o) for entry in connection.entries] == ["Pizzeria Napoli"]

    # The AD look-alikes: adPerson, case-ignore string matching as in AD.
    assert connection.search(server.people_dn, "(otherTelephone=+41 43 555 66 79)",
                             attributes=["cn", "ipPhone", "company", "objectClass"])
    (entry,) = connection.entries
    assert str(entry.cn) == "Zoë Müller"
    assert str(entry.ipPhone) == "6677" and str(entry.company) == "Example GmbH"
    assert "adPerson" in entry.objectClass.values
    assert not connection.search(server.people_dn, "(otherTelephone=+41435556679)")
    assert connection.result["description"] == "success" and connection.entries == []
    connection.unbind()


def test_paged_search_returns_every_bulk_entry(server: Slapd) -> None:
    indexes = server.bulk_load(5000)
    assert indexes == range(5000)
    connection = reader(server)

    # Without paging the soft = hard limit of 1000 ends the search, asked-for limit or not.
    for size_limit in (0, 5000):
        connection.search(server.people_dn, "(objectClass=inetOrgPerson)", attributes=["cn"],
                          size_limit=size_limit)
        assert connection.result["description"] == "sizeLimitExceeded"
        assert len(connection.entries) == server.size_limit

    found = {
        entry["dn"] for entry in connection.extend.standard.paged_search(
            server.people_dn, "(objectClass=inetOrgPerson)", attributes=["telephoneNumber"],
            paged_size=500, generator=True)
        if entry["type"] == "searchResEntry"}
    assert len(found) == 5000
    assert connection.result["description"] == "success"

    sample = bulk_entry(4711)
    assert connection.search(server.people_dn, f"(telephoneNumber={sample['telephoneNumber'][0]})",
                             attributes=["cn"])
    assert names(connection) == {sample["cn"]}
    connection.unbind()


def test_anonymous_cannot_read_by_default(server: Slapd) -> None:
    anonymous = ldap3.Connection(ldap3.Server("127.0.0.1", port=server.port))
    assert anonymous.bind()  # as in AD the bind itself succeeds ...
    assert not anonymous.search(server.base_dn, "(objectClass=*)")
    assert anonymous.result["description"] == "unwillingToPerform"  # ... reading does not
    assert anonymous.entries == []
    anonymous.unbind()

    wrong = ldap3.Connection(ldap3.Server("127.0.0.1", port=server.port),
                             user=server.reader_dn, password="wrong")
    assert not wrong.bind()
    assert wrong.result["description"] == "invalidCredentials"


def test_anonymous_reads_when_allowed_but_never_passwords() -> None:
    with Slapd(anonymous=True) as server:
        server.add_people([{"cn": "Anna Beispiel", "telephoneNumber": "+41 31 000 00 00"}])
        anonymous = ldap3.Connection(ldap3.Server("127.0.0.1", port=server.port),
                                     auto_bind=True)
        assert anonymous.search(server.base_dn, "(|(cn=Anna Beispiel)(cn=reader))",
                                attributes=["cn", "userPassword"])
        assert names(anonymous) == {"Anna Beispiel", "reader"}
        assert all(not entry.userPassword for entry in anonymous.entries)
        anonymous.unbind()


def test_stop_and_start_keep_the_data_and_the_port(server: Slapd) -> None:
    server.add_people([{"cn": "Hans Muster", "telephoneNumber": "+41 44 668 18 00"},
                       {"cn": "Eva Weg", "telephoneNumber": "+41 44 668 18 02"}])
    server.modify_phone("Hans Muster", "+41 44 999 00 00")
    server.delete("Eva Weg")
    port, first_pid = server.port, server.pid

    server.stop()
    assert not server.running
    with pytest.raises(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
        pass
    server.start()
    assert server.port == port and server.pid not in (None, first_pid)

    connection = reader(server)
    assert connection.search(server.people_dn, "(objectClass=person)",
                             attributes=["cn", "telephoneNumber"])
    assert names(connection) == {"Hans Muster"}
    assert connection.entries[0].telephoneNumber.values == ["+41 44 999 00 00"]
    connection.unbind()


def test_people_added_while_stopped_are_there_after_start(server: Slapd) -> None:
    server.stop()
    server.add_people([{"cn": "Offline Person", "telephoneNumber": "+41 61 000 00 00"}])
    server.start()
    connection = reader(server)
    assert connection.search(server.people_dn, "(telephoneNumber=+41610000000)",
                             attributes=["cn"])
    assert names(connection) == {"Offline Person"}
    connection.unbind()


def test_a_paused_server_accepts_but_never_answers(server: Slapd) -> None:
    server.pause()
    silent = ldap3.Connection(ldap3.Server("127.0.0.1", port=server.port, connect_timeout=1),
                              user=server.reader_dn, password=server.reader_password,
                              receive_timeout=1)
    with pytest.raises(LDAPException):
        silent.bind()
    server.resume()
    reader(server).unbind()


def test_start_tls_and_ldaps_with_the_ca_file() -> None:
    with Slapd(tls=True) as server:
        assert server.ca_file is not None and server.ca_file.is_file()
        assert server.ldaps_url is not None and server.ldaps_port is not None
        trusting = ldap3.Tls(ca_certs_file=str(server.ca_file), validate=ssl.CERT_REQUIRED)

        start_tls = ldap3.Connection(
            ldap3.Server("127.0.0.1", port=server.port, tls=trusting),
            user=server.reader_dn, password=server.reader_password)
        start_tls.open()
        assert start_tls.start_tls()
        assert start_tls.tls_started
        assert start_tls.bind()
        assert start_tls.search(server.base_dn, "(cn=reader)")
        start_tls.unbind()

        ldaps = ldap3.Connection(
            ldap3.Server("127.0.0.1", port=server.ldaps_port, use_ssl=True, tls=trusting),
            user=server.reader_dn, password=server.reader_password)
        assert ldaps.bind()
        ldaps.unbind()

        # Without our CA the certificate is not trusted.
        default_cas = ldap3.Tls(validate=ssl.CERT_REQUIRED)
        untrusted = ldap3.Connection(
            ldap3.Server("127.0.0.1", port=server.port, tls=default_cas),
            user=server.reader_dn, password=server.reader_password)
        untrusted.open()
        with pytest.raises(LDAPException):
            untrusted.start_tls()  # the socket is gone after this


def test_close_ends_slapd_and_removes_its_folder() -> None:
    server = Slapd()
    pid, folder = server.pid, server.folder
    assert pid is not None and (folder / "slapd.conf").is_file()
    assert (folder / "slapd.pid").read_text().strip() == str(pid)
    server.pause()  # even a stopped process is ended
    server.close()
    assert not folder.exists()
    assert not os.path.exists(f"/proc/{pid}")
