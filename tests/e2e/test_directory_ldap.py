"""LDAP / Active Directory: a real slapd (its own config on a loopback port), the bind password
in a real gnome-keyring, the real command line (``sync``, ``lookup``) in its own process."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli_process import run_cli
from tests.servers.slapd import Slapd, need_ldap3, need_slapd


def _profile(tmp_path: Path, server: Slapd, *, bind_dn: str | None = None,
             url: str | None = None, start_tls: bool = False) -> Path:
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    bind = server.reader_dn if bind_dn is None else bind_dn
    (profile / "config.toml").write_text(
        f'[location]\ncountry = "CH"\n[directory]\nsources = ["ldap"]\n'
        f'[directory.ldap]\nurl = "{url or server.url}"\nbase_dn = "{server.base_dn}"\n'
        f'bind_dn = "{bind}"\nstart_tls = {"true" if start_tls else "false"}\n',
        encoding="utf-8")
    return profile


@pytest.fixture
def slapd() -> Iterator[Slapd]:
    need_slapd()
    need_ldap3()
    with Slapd() as server:
        yield server


def _sync(profile: Path, env: dict[str, str]) -> tuple[int, dict[str, object], str]:
    done = run_cli(profile, env, "sync", "--json")
    results = json.loads(done.stdout or "[{}]")
    return done.returncode, results[0], done.stderr


def _lookup(profile: Path, env: dict[str, str], number: str,
            *extra: str) -> list[dict[str, object]]:
    done = run_cli(profile, env, "lookup", number, "--json", *extra)
    assert done.returncode == 0, done.stderr
    return list(json.loads(done.stdout))


def _store_password(profile: Path, env: dict[str, str], password: str) -> None:
    stored = run_cli(profile, env, "secret", "set", "directory.ldap.password",
                  stdin=password + "\n")
    assert stored.returncode == 0, stored.stderr


def _people(server: Slapd) -> None:
    server.add_people([
        {"cn": "Anna Meier", "givenName": "Anna", "sn": "Meier", "o": "Muster AG",
         "telephoneNumber": ["+41 44 668 18 42"], "mobile": "079 123 45 67"},
        # Active Directory's attributes: otherTelephone, ipPhone, company.
        {"cn": "Beat Graf", "givenName": "Beat", "sn": "Graf", "displayName": "Graf, Beat",
         "otherTelephone": ["043 555 12 12"], "company": "Graf Treuhand",
         "telephoneNumber": "+41 31 777 10 50"},
        {"cn": "Nur Name", "sn": "Name"},  # no number: not a contact
    ])
    server.add_organization("Muster AG", "+41 44 668 18 00")


def test_sync_people_ad_attributes_and_organizations(tmp_path: Path, slapd: Slapd,
                                                      keyring_env: dict[str, str]) -> None:
    _people(slapd)
    profile = _profile(tmp_path, slapd)
    _store_password(profile, keyring_env, slapd.reader_password)
    code, result, err = _sync(profile, keyring_env)
    assert code == 0, err
    assert (result["ok"], result["entries"], result["added"]) == (True, 3, 3)
    [anna] = _lookup(profile, keyring_env, "0791234567", "--local")
    assert (anna["name"], anna["company"], anna["source"]) == ("Anna Meier", "Muster AG", "ldap")
    assert anna["channel"]["kind"] == "mobile"  # type: ignore[index]
    assert anna["external_id"] == f"cn=Anna Meier,{slapd.people_dn}"
    [beat] = _lookup(profile, keyring_env, "+41 43 555 12 12", "--local")
    assert (beat["first_name"], beat["last_name"], beat["company"]) == (
        "Beat", "Graf", "Graf Treuhand")
    [company] = _lookup(profile, keyring_env, "044 668 18 00", "--local")
    assert (company["kind"], company["name"]) == ("company", "Muster AG")
    # A direct dial into the company's block: probably Muster AG (the synced company).
    [probable] = _lookup(profile, keyring_env, "044 668 18 99", "--local")
    assert (probable["match"], probable["name"]) == ("probable", "Muster AG")

    # Changes on the server: a number moves, a person leaves; an import stays untouched.
    vcf = tmp_path / "own.vcf"
    vcf.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Eigene Person\r\nN:Person;Eigene;;;\r\n"
                   "TEL:044 777 88 99\r\nEND:VCARD\r\n", encoding="utf-8")
    assert run_cli(profile, keyring_env, "import", str(vcf)).returncode == 0
    slapd.modify_phone("Anna Meier", "+41 44 668 18 43")
    slapd.delete("Beat Graf")
    code, result, err = _sync(profile, keyring_env)
    assert code == 0, err
    assert (result["entries"], result["changed"], result["removed"], result["unchanged"]) == (
        2, 1, 1, 1)
    assert _lookup(profile, keyring_env, "+41 43 555 12 12", "--local") == []
    assert [m["name"] for m in _lookup(profile, keyring_env, "0446681843", "--local")] == [
        "Anna Meier"]
    assert [m["source"] for m in _lookup(profile, keyring_env, "0447778899", "--local")] == [
        "local"]


def test_a_new_entry_is_found_live_and_stored(tmp_path: Path, slapd: Slapd,
                                              keyring_env: dict[str, str]) -> None:
    _people(slapd)
    profile = _profile(tmp_path, slapd)
    _store_password(profile, keyring_env, slapd.reader_password)
    assert _sync(profile, keyring_env)[0] == 0
    # Written the way people write numbers: spaces where the live search has none.
    slapd.add_people([{"cn": "Cleo Neu", "givenName": "Cleo", "sn": "Neu",
                       "telephoneNumber": "044 999 88 77", "o": "Neu GmbH"}])
    assert _lookup(profile, keyring_env, "+41449998877", "--local") == []
    [cleo] = _lookup(profile, keyring_env, "+41449998877")
    assert (cleo["name"], cleo["source"], cleo["match"]) == ("Cleo Neu", "ldap", "exact")
    assert [m["name"] for m in _lookup(profile, keyring_env, "+41449998877", "--local")] == [
        "Cleo Neu"]


def test_wrong_password_stopped_and_silent_server_keep_the_contacts(
        tmp_path: Path, slapd: Slapd, keyring_env: dict[str, str]) -> None:
    _people(slapd)
    profile = _profile(tmp_path, slapd)
    _store_password(profile, keyring_env, slapd.reader_password)
    assert _sync(profile, keyring_env)[0] == 0
    _store_password(profile, keyring_env, "wrong-secret")
    code, result, _err = _sync(profile, keyring_env)
    assert code == 1 and result["error_kind"] == "auth"
    assert result["error"] == f"ldap: the server refused the password of {slapd.reader_dn}"
    assert len(_lookup(profile, keyring_env, "0791234567", "--local")) == 1
    _store_password(profile, keyring_env, slapd.reader_password)
    slapd.pause()  # accepts connections, answers nothing
    try:
        assert _lookup(profile, keyring_env, "0449998877") == []  # the deadline gives up
    finally:
        slapd.resume()
    slapd.stop()
    code, result, _err = _sync(profile, keyring_env)
    assert code == 1 and result["error_kind"] == "unreachable"
    assert len(_lookup(profile, keyring_env, "0791234567", "--local")) == 1
    from desktop_client.core.profile import Profile

    log = Profile.resolve(str(profile)).log_file.read_text(encoding="utf-8")
    assert "sync of ldap failed" in log and "live lookup in ldap failed" in log
    assert slapd.reader_password not in log and "wrong-secret" not in log
    doctor = run_cli(profile, keyring_env, "doctor").stdout
    assert "-- directory ldap: last sync " in doctor and ", 3 entries; failed at " in doctor


def test_anonymous_bind_is_refused_by_a_closed_directory(tmp_path: Path, slapd: Slapd,
                                                         keyring_env: dict[str, str]) -> None:
    _people(slapd)
    profile = _profile(tmp_path, slapd, bind_dn="")
    code, result, _err = _sync(profile, keyring_env)
    assert code == 1 and result["ok"] is False
    assert "ldap:" in str(result["error"])
    assert _lookup(profile, keyring_env, "0791234567", "--local") == []


def test_a_large_directory_is_read_in_pages(tmp_path: Path, slapd: Slapd,
                                            keyring_env: dict[str, str]) -> None:
    """slapd answers at most 1000 entries to a search without paging (like AD): 5,000 come
    through only page by page."""
    slapd.bulk_load(5000)
    profile = _profile(tmp_path, slapd)
    _store_password(profile, keyring_env, slapd.reader_password)
    code, result, err = _sync(profile, keyring_env)
    assert code == 0, err
    assert result["entries"] == 5000 and result["added"] == 5000
    [entry] = _lookup(profile, keyring_env, "+41 79 200 49 99", "--local")
    assert entry["name"] == "Zoë Muster004999"
    code, result, err = _sync(profile, keyring_env)  # unchanged: nothing rewritten
    assert code == 0, err
    assert (result["unchanged"], result["changed"], result["added"]) == (5000, 0, 0)


def test_tls_is_verified(tmp_path: Path, keyring_env: dict[str, str]) -> None:
    need_slapd()
    need_ldap3()
    with Slapd(tls=True) as server:
        _people(server)
        assert server.ca_file is not None and server.ldaps_url is not None
        profile = _profile(tmp_path, server, url=server.ldaps_url)
        _store_password(profile, keyring_env, server.reader_password)
        # The server's CA is not in the system's trust store: refused.
        code, result, _err = _sync(profile, keyring_env)
        assert code == 1 and result["error_kind"] == "tls", result
        trusted = dict(keyring_env, SSL_CERT_FILE=str(server.ca_file))
        code, result, err = _sync(profile, trusted)
        assert code == 0, (err, result)
        assert result["entries"] == 3
        starttls = _profile(tmp_path, server, start_tls=True)
        code, result, err = _sync(starttls, trusted)
        assert code == 0, (err, result)
    assert os.environ.get("SSL_CERT_FILE") != str(server.ca_file)


def test_a_server_stopped_mid_sync_leaves_the_last_complete_sync(
        tmp_path: Path, slapd: Slapd, keyring_env: dict[str, str]) -> None:
    import subprocess
    import sys
    import time

    _people(slapd)
    profile = _profile(tmp_path, slapd)
    _store_password(profile, keyring_env, slapd.reader_password)
    assert _sync(profile, keyring_env)[0] == 0
    slapd.bulk_load(30_000)  # long enough to be stopped half way
    sync = subprocess.Popen([sys.executable, "-m", "desktop_client", "--profile", str(profile),
                             "sync", "--json"], env=keyring_env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    from desktop_client.core.profile import Profile

    log_file = Profile.resolve(str(profile)).log_file
    deadline = time.monotonic() + 120
    # slapd logs each page it sends; stop it once the sync is well under way.
    while slapd.output().count("SRCH base=") < 6 and time.monotonic() < deadline:
        time.sleep(0.05)
    slapd.stop()
    out, err = sync.communicate(timeout=300)
    assert sync.returncode == 1, (out, err)
    [result] = json.loads(out)
    assert result["ok"] is False and result["error_kind"] == "unreachable", result
    assert "sync of ldap failed" in log_file.read_text(encoding="utf-8")
    # Nothing of the half-read listing is kept, nothing of the complete one is lost.
    assert [m["name"] for m in _lookup(profile, keyring_env, "0791234567", "--local")] == [
        "Anna Meier"]
    assert _lookup(profile, keyring_env, "+41 79 200 00 05", "--local") == []
    doctor = run_cli(profile, keyring_env, "doctor").stdout
    assert ", 3 entries; failed at " in doctor


def test_a_size_limit_on_the_listing_fails_the_sync_and_deletes_nothing(
        tmp_path: Path, slapd: Slapd, keyring_env: dict[str, str]) -> None:
    """Active Directory's MaxResultSetSize, OpenLDAP's size.prtotal: the server stops a
    paged listing early. That is no complete listing: nobody may be deleted for it."""
    _people(slapd)
    slapd.add_people([{"cn": f"Mehr Person{i}", "telephoneNumber": f"+41 31 555 10 {i:02d}"}
                      for i in range(10)])
    profile = _profile(tmp_path, slapd)
    _store_password(profile, keyring_env, slapd.reader_password)
    code, result, err = _sync(profile, keyring_env)
    assert code == 0 and result["entries"] == 13, err
    slapd.stop()
    slapd.paged_total = 5
    slapd.config.write_text(slapd._config_text(), encoding="utf-8")
    slapd.start()
    code, result, _err = _sync(profile, keyring_env)
    assert code == 1 and result["error_kind"] == "answer", result
    assert "size or time limit cut the listing short" in str(result["error"])
    assert len(_lookup(profile, keyring_env, "+41 31 555 10 09", "--local")) == 1
    assert len(_lookup(profile, keyring_env, "0791234567", "--local")) == 1


def test_a_password_is_never_sent_in_clear_to_another_host(tmp_path: Path, slapd: Slapd,
                                                            keyring_env: dict[str, str]) -> None:
    profile = _profile(tmp_path, slapd, url="ldap://ldap.example.org")
    _store_password(profile, keyring_env, slapd.reader_password)
    code, result, _err = _sync(profile, keyring_env)
    assert code == 1 and result["error_kind"] == "setup"
    assert "use ldaps://ldap.example.org or switch on StartTLS" in str(result["error"])
