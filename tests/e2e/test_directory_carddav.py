"""CardDAV: a real Radicale with htpasswd auth, the password in a real gnome-keyring, the
real command line (``sync``, ``lookup``) in its own process."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli_process import run_cli
from tests.servers.radicale_server import PASSWORD, USER, Radicale, make_vcard, need_radicale


def _profile(tmp_path: Path, url: str, user: str = USER) -> Path:
    profile = tmp_path / "profile"
    profile.mkdir()
    (profile / "config.toml").write_text(
        f'[location]\ncountry = "CH"\n[directory]\nsources = ["carddav"]\n'
        f'[directory.carddav]\nurl = "{url}"\nusername = "{user}"\n', encoding="utf-8")
    return profile


@pytest.fixture
def radicale() -> Iterator[Radicale]:
    need_radicale()
    with Radicale() as server:
        yield server


def _log(profile: Path) -> str:
    from desktop_client.core.profile import Profile

    return Profile.resolve(str(profile)).log_file.read_text(encoding="utf-8")


def _sync(profile: Path, env: dict[str, str]) -> tuple[int, list[dict[str, object]], str]:
    done = run_cli(profile, env, "sync", "--json")
    return done.returncode, json.loads(done.stdout or "[]"), done.stderr


def _lookup(profile: Path, env: dict[str, str], number: str,
            *extra: str) -> list[dict[str, object]]:
    done = run_cli(profile, env, "lookup", number, "--json", *extra)
    assert done.returncode == 0, done.stderr
    return list(json.loads(done.stdout))


def test_sync_follows_additions_changes_and_deletions(tmp_path: Path, radicale: Radicale,
                                                       keyring_env: dict[str, str]) -> None:
    profile = _profile(tmp_path, radicale.url)
    stored = run_cli(profile, keyring_env, "secret", "set", "directory.carddav.password",
                  stdin=PASSWORD + "\n")
    assert stored.returncode == 0, stored.stderr
    radicale.put_card("anna", make_vcard("anna", "Anna Meier", ["044 668 18 42"],
                                         org="Muster AG", tel_types=["WORK"]))
    radicale.put_card("ben", make_vcard("ben", "Ben Frei", ["+41 79 123 45 67"],
                                        tel_types=["CELL"]))
    code, [result], err = _sync(profile, keyring_env)
    assert code == 0, err
    assert (result["source"], result["ok"], result["entries"], result["added"]) == (
        "carddav", True, 2, 2)
    [anna] = _lookup(profile, keyring_env, "+41446681842", "--local")
    assert (anna["name"], anna["company"], anna["source"]) == ("Anna Meier", "Muster AG",
                                                               "carddav")
    # Ben's number changes, Anna is deleted, Cleo is new: an incremental sync (sync token).
    radicale.put_card("ben", make_vcard("ben", "Ben Frei", ["+41 79 765 43 21"],
                                        tel_types=["CELL"]))
    radicale.delete_card("anna")
    radicale.put_card("cleo", make_vcard("cleo", "Cleo Graf", ["043 555 12 12"]))
    code, [result], err = _sync(profile, keyring_env)
    assert code == 0, err
    assert (result["entries"], result["added"], result["changed"], result["removed"]) == (
        2, 1, 1, 1)
    assert _lookup(profile, keyring_env, "+41446681842", "--local") == []
    assert _lookup(profile, keyring_env, "+41791234567", "--local") == []
    [ben] = _lookup(profile, keyring_env, "079 765 43 21", "--local")
    assert ben["name"] == "Ben Frei" and ben["channel"]["kind"] == "mobile"  # type: ignore[index]
    [cleo] = _lookup(profile, keyring_env, "0435551212", "--local")
    assert cleo["source"] == "carddav"
    # No password in any file of the profile (config, database, log).
    for root, _dirs, files in os.walk(profile):
        for name in files:
            assert PASSWORD.encode() not in (Path(root) / name).read_bytes(), name


def test_a_card_added_since_the_sync_is_found_live(tmp_path: Path, radicale: Radicale,
                                                    keyring_env: dict[str, str]) -> None:
    profile = _profile(tmp_path, radicale.url)
    run_cli(profile, keyring_env, "secret", "set", "directory.carddav.password",
         stdin=PASSWORD + "\n")
    radicale.put_card("old", make_vcard("old", "Olga Alt", ["044 111 22 33"]))
    assert _sync(profile, keyring_env)[0] == 0
    radicale.put_card("new", make_vcard("new", "Nina Neu", ["+41 44 999 88 77"],
                                        org="Neu GmbH"))
    assert _lookup(profile, keyring_env, "0449998877", "--local") == []
    [nina] = _lookup(profile, keyring_env, "0449998877")  # asked live on the miss
    assert (nina["name"], nina["source"], nina["match"]) == ("Nina Neu", "carddav", "exact")
    # Stored now: the local directory knows her without asking.
    assert [m["name"] for m in _lookup(profile, keyring_env, "0449998877", "--local")] == [
        "Nina Neu"]


def test_wrong_password_and_dead_server_keep_the_contacts(tmp_path: Path, radicale: Radicale,
                                                           keyring_env: dict[str, str]) -> None:
    profile = _profile(tmp_path, radicale.url)
    run_cli(profile, keyring_env, "secret", "set", "directory.carddav.password",
         stdin=PASSWORD + "\n")
    radicale.put_card("anna", make_vcard("anna", "Anna Meier", ["044 668 18 42"]))
    assert _sync(profile, keyring_env)[0] == 0
    run_cli(profile, keyring_env, "secret", "set", "directory.carddav.password", stdin="wrong\n")
    code, [result], err = _sync(profile, keyring_env)
    assert code == 1 and result["ok"] is False and result["error_kind"] == "auth"
    assert "carddav" in str(result["error"]) and "password" in str(result["error"])
    assert "wrong" not in err and "wrong" not in str(result["error"])
    text = run_cli(profile, keyring_env, "sync")
    assert text.returncode == 1
    assert "sync failed: carddav: the server refused the password of anna" in text.stderr
    [anna] = _lookup(profile, keyring_env, "0446681842", "--local")
    assert anna["name"] == "Anna Meier"  # the last complete sync stays
    run_cli(profile, keyring_env, "secret", "set", "directory.carddav.password",
         stdin=PASSWORD + "\n")
    radicale.stop()
    code, [result], _err = _sync(profile, keyring_env)
    assert code == 1 and result["error_kind"] == "unreachable"
    assert [m["name"] for m in _lookup(profile, keyring_env, "0446681842", "--local")] == [
        "Anna Meier"]
    log = _log(profile)
    assert "sync of carddav failed" in log and PASSWORD not in log and "wrong" not in log
    doctor = run_cli(profile, keyring_env, "doctor").stdout
    assert "-- directory carddav: last sync " in doctor and ", 1 entries; failed at " in doctor
    assert "cannot reach 127.0.0.1" in doctor


def test_a_server_that_never_answers_fails_within_the_timeout(
        tmp_path: Path, radicale: Radicale, keyring_env: dict[str, str]) -> None:
    """SIGSTOP: the port accepts, nothing answers. The live lookup gives up by its deadline
    (1.5 s by default) and the command still answers from the local directory. Before the
    first sync a live lookup asks nothing (it would have to fetch the whole book)."""
    profile = _profile(tmp_path, radicale.url)
    run_cli(profile, keyring_env, "secret", "set", "directory.carddav.password",
            stdin=PASSWORD + "\n")
    radicale.pause()
    try:
        never_synced = run_cli(profile, keyring_env, "lookup", "0446681842", "--json")
    finally:
        radicale.resume()
    assert never_synced.returncode == 0 and json.loads(never_synced.stdout) == []
    assert "live lookup in carddav failed" not in _log(profile)
    assert _sync(profile, keyring_env)[0] == 0
    radicale.pause()
    try:
        done = run_cli(profile, keyring_env, "lookup", "0446681842", "--json")
    finally:
        radicale.resume()
    assert done.returncode == 0 and json.loads(done.stdout) == []
    assert "live lookup in carddav failed: carddav: 127.0.0.1" in _log(profile)


def test_garbage_cards_are_skipped_and_the_rest_synced(tmp_path: Path, radicale: Radicale,
                                                        keyring_env: dict[str, str]) -> None:
    profile = _profile(tmp_path, radicale.url)
    run_cli(profile, keyring_env, "secret", "set", "directory.carddav.password",
         stdin=PASSWORD + "\n")
    radicale.put_card("ok", make_vcard("ok", "Otto Gut", ["044 668 18 00"]))
    radicale.put_card("nonum", make_vcard("nonum", "Nora Ohne", []))
    radicale.put_card("evil", make_vcard("evil", "\u202eGA retsuM", ["not a number",
                                                                      "044 668 18 01"]))
    code, [result], err = _sync(profile, keyring_env)
    assert code == 0, err
    assert result["ok"] is True
    [evil] = _lookup(profile, keyring_env, "0446681801", "--local")
    assert "\u202e" not in str(evil["name"])
