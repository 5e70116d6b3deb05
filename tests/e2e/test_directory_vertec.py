"""Vertec as the directory, against a loopback emulator of Vertec's XML interface (written
from Vertec's documentation and public traces: tests/emulators/vertec_xml.py and
tests/fixtures/vertec/README.md), the API token in a real gnome-keyring, the real command
line and the real tray app in their own processes."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.cli_process import run_cli
from tests.emulators.vertec_xml import VertecServer


@pytest.fixture
def vertec() -> Iterator[VertecServer]:
    with VertecServer() as server:
        yield server


def _profile(tmp_path: Path, server: VertecServer, extra: str = "") -> Path:
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    (profile / "config.toml").write_text(
        f'[location]\ncountry = "CH"\n[directory]\nsources = ["vertec"]\nsync_minutes = 0\n'
        f'[directory.vertec]\nurl = "{server.url}"\n{extra}'
        '[app]\nregister_asked = true\nsetup_done = true\n', encoding="utf-8")
    return profile


def _token(profile: Path, env: dict[str, str], token: str) -> None:
    stored = run_cli(profile, env, "secret", "set", "directory.vertec.token",
                     stdin=token + "\n")
    assert stored.returncode == 0, stored.stderr


def _sync(profile: Path, env: dict[str, str]) -> tuple[int, dict[str, Any], str]:
    done = run_cli(profile, env, "sync", "--json")
    return done.returncode, json.loads(done.stdout or "[{}]")[0], done.stderr


def _lookup(profile: Path, env: dict[str, str], number: str,
            *extra: str) -> list[dict[str, Any]]:
    done = run_cli(profile, env, "lookup", number, "--json", *extra)
    assert done.returncode == 0, done.stderr
    return list(json.loads(done.stdout))


def _office(server: VertecServer) -> dict[str, int]:
    firma = server.add_firma("Muster AG", [("T", "044 668 18 00"), ("E", "info@muster.ch"),
                                           ("H", "https://muster.ch")])
    anna = server.add_person("Meier", "Anna", [("T", "+41 44 668 18 42"),
                                               ("M", "079 123 45 67")], firma=firma)
    kontakt = server.add_kontakt(firma, name="Graf", vorname="Beat",
                                 numbers=[("T", "044 668 18 50")])
    odd = server.add_person("Sonderfall", "Otto", [("T", "0800 FLOWER"), ("F", "12")])
    return {"firma": firma, "anna": anna, "kontakt": kontakt, "odd": odd}


def test_sync_fills_the_directory_and_reports_normalization_differences(
        tmp_path: Path, vertec: VertecServer, keyring_env: dict[str, str]) -> None:
    ids = _office(vertec)
    profile = _profile(tmp_path, vertec,
                       extra='open_url = "https://firma.vertec.example/adr/{objid}"\n')
    _token(profile, keyring_env, vertec.token)
    code, result, err = _sync(profile, keyring_env)
    assert code == 0, err
    assert result["ok"] and result["entries"] == 4, result  # e-mail and homepage left out
    [firma] = _lookup(profile, keyring_env, "+41446681800", "--local")
    assert (firma["kind"], firma["name"], firma["source"], firma["external_id"]) == (
        "company", "Muster AG", "vertec", str(ids["firma"]))
    assert firma["link_url"] == f"https://firma.vertec.example/adr/{ids['firma']}"  # Open in
    [anna] = _lookup(profile, keyring_env, "0791234567", "--local")
    assert (anna["first_name"], anna["last_name"], anna["channel"]["kind"]) == (
        "Anna", "Meier", "mobile")
    [beat] = _lookup(profile, keyring_env, "0446681850", "--local")
    assert (beat["name"], beat["company"]) == ("Beat Graf", "Muster AG")  # a Kontakt
    from desktop_client.core.profile import Profile

    log = Profile.resolve(str(profile)).log_file.read_text(encoding="utf-8")
    # "0800 FLOWER": we read the letters, Vertec left it blank; "12" neither can split.
    difference = ("Otto Sonderfall: '0800 FLOWER' we normalized it (+41800356937), Vertec "
                  "left it blank")
    assert difference in log
    assert difference in result["notes"]  # the sync report says it too
    assert vertec.token not in log


def test_a_wrong_token_fails_the_sync_and_loses_nothing(
        tmp_path: Path, vertec: VertecServer, keyring_env: dict[str, str]) -> None:
    _office(vertec)
    profile = _profile(tmp_path, vertec)
    _token(profile, keyring_env, vertec.token)
    assert _sync(profile, keyring_env)[0] == 0
    _token(profile, keyring_env, "not-the-token")
    code, result, err = _sync(profile, keyring_env)
    assert code == 1 and result["error_kind"] == "auth", result
    assert "sync failed: vertec: Vertec refused the API token" in run_cli(
        profile, keyring_env, "sync").stderr
    assert len(_lookup(profile, keyring_env, "0446681800", "--local")) == 1
    assert "not-the-token" not in err


def test_a_new_number_is_found_live(tmp_path: Path, vertec: VertecServer,
                                    keyring_env: dict[str, str]) -> None:
    _office(vertec)
    profile = _profile(tmp_path, vertec)
    _token(profile, keyring_env, vertec.token)
    assert _sync(profile, keyring_env)[0] == 0
    vertec.add_person("Neu", "Nina", [("T", "044 999 88 77")])
    assert _lookup(profile, keyring_env, "0449998877", "--local") == []
    [nina] = _lookup(profile, keyring_env, "0449998877")
    assert (nina["name"], nina["source"], nina["match"]) == ("Nina Neu", "vertec", "exact")
    where = [r for r in vertec.requests if "sqlwhere" in r.body.lower()]
    assert where, "the live lookup asks the database, not every object"


def test_a_slow_or_dead_server_delays_no_lookup(tmp_path: Path, keyring_env: dict[str, str]
                                                ) -> None:
    with VertecServer(dead=True) as dead:
        profile = _profile(tmp_path, dead)
        _token(profile, keyring_env, dead.token)
        assert _lookup(profile, keyring_env, "0449998877") == []
        code, result, _err = _sync(profile, keyring_env)
        assert code == 1 and result["error_kind"] == "unreachable"


def _start_app(profile: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    app_env = dict(env, QT_QPA_PLATFORM="offscreen")
    process = subprocess.Popen([sys.executable, "-m", "desktop_client", "--profile",
                                str(profile), "run"], env=app_env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    from desktop_client.core.profile import Profile

    log_file = Profile.resolve(str(profile)).log_file
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if log_file.exists() and "accepting requests on" in log_file.read_text(
                encoding="utf-8"):
            return process
        time.sleep(0.1)
    process.terminate()
    raise AssertionError("the app did not start")


def _wait(condition: Any, what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"waited in vain for {what}")


def test_a_call_is_logged_once_as_an_activity(tmp_path: Path, vertec: VertecServer,
                                              keyring_env: dict[str, str]) -> None:
    ids = _office(vertec)
    profile = _profile(tmp_path, vertec, extra=(
        f'log_calls = true\nactivity_type = "{vertec.activity_type}"\n'
        f'responsible = "{vertec.user}"\n'))
    _token(profile, keyring_env, vertec.token)
    assert _sync(profile, keyring_env)[0] == 0
    env = dict(keyring_env, QT_QPA_PLATFORM="offscreen")
    # The first Create is stored by Vertec but its answer never arrives: the retry must
    # find it instead of creating a second one.
    vertec.fail_next_creates = 1
    app = _start_app(profile, env)
    try:
        for state in ("ringing", "answered"):
            assert run_cli(profile, env, "incoming", "+41 44 668 18 42", "--call-id", "v1",
                           "--state", state).returncode == 0
        time.sleep(1.2)
        assert run_cli(profile, env, "incoming", "+41 44 668 18 42", "--call-id", "v1",
                       "--state", "ended").returncode == 0
        # An unknown caller is never logged.
        for state in ("ringing", "ended"):
            run_cli(profile, env, "incoming", "+41 31 000 00 01", "--call-id", "v2",
                    "--state", state)
        _wait(lambda: len(vertec.activities) >= 1, "the activity")
        # The retry (every few minutes; here: the next journaled call) must not duplicate.
        for state in ("ringing", "ended"):
            run_cli(profile, env, "incoming", "+41 44 668 18 00", "--call-id", "v3",
                    "--state", state)
        _wait(lambda: len(vertec.activities) >= 2, "the second activity")
        time.sleep(1.0)
    finally:
        app.terminate()
        app.wait(20)
    activities = vertec.activities
    assert len(activities) == 2, activities
    first, second = activities
    assert first["adresseintrag"] == ids["anna"]
    assert first["titel"] == "Call from Anna Meier"
    assert "Number: +41446681842" in first["text"] and "Outcome: answered" in first["text"]
    assert (first["typ"], first["zustaendig"], first["erledigt"]) == (
        vertec.activity_type, vertec.user, True)
    assert second["adresseintrag"] == ids["firma"]
    assert second["titel"] == "Missed call from Muster AG"
