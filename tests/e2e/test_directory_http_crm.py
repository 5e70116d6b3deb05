"""A CRM over HTTP, described in settings (URL template, token, JSON paths): the real command
line against a loopback JSON endpoint, the token in a real gnome-keyring.

The endpoint is a stand-in for any CRM's REST lookup (there is no one vendor format: the
settings describe it, as 3CX's CRM templates do); it checks the bearer token, answers 401
without it, 404 for an unknown number, and can be slow, broken or hostile.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
import time
import urllib.parse
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.cli_process import run_cli
from tests.keyring_session import secret_service

TOKEN = "crm-token-4711"
CONTACTS = {
    "+41446681842": [{"contact": {"displayName": "Anna Meier", "account": "Muster AG",
                                  "type": "Person", "links": {"web": "https://crm.example/c/42"}}}],
    "+41446681800": [{"contact": {"displayName": "", "account": "Muster AG",
                                  "type": "Account", "links": {"web": "javascript:alert(1)"}}}],
    "+41449998877": [{"contact": {"displayName": "<img src=http://evil/x>",
                                  "account": "", "type": "Person"}}],
}


class _Crm(BaseHTTPRequestHandler):
    asked: list[str] = []  # noqa: RUF012 - shared by the test on purpose
    mode = "normal"

    def do_GET(self) -> None:
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
        number = query.get("phone", [""])[0]
        _Crm.asked.append(number)
        if _Crm.mode == "slow":
            time.sleep(5)
        if self.headers.get("Authorization") != f"Bearer {TOKEN}":
            self._answer(401, b'{"error": "unauthorized"}')
        elif _Crm.mode == "garbage":
            self._answer(200, b"<html>login</html>")
        elif number in CONTACTS:
            self._answer(200, json.dumps({"data": {"items": CONTACTS[number]}}).encode())
        else:
            self._answer(404, b'{"data": {"items": []}}')

    def _answer(self, status: int, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(OSError):  # the client gave up (the slow case)
            self.wfile.write(body)

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture
def crm() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Crm)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Crm.asked, _Crm.mode = [], "normal"
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/api/lookup?phone={{number}}"
    finally:
        server.shutdown()
        server.server_close()


def _profile(tmp_path: Path, url: str) -> Path:
    profile = tmp_path / "profile"
    profile.mkdir()
    (profile / "config.toml").write_text(
        '[location]\ncountry = "CH"\n[directory]\nsources = ["http"]\n'
        f'[directory.http]\nurl = "{url}"\nresults_path = "data.items"\n'
        'name_path = "contact.displayName"\ncompany_path = "contact.account"\n'
        'kind_path = "contact.type"\nurl_path = "contact.links.web"\n', encoding="utf-8")
    return profile


def _lookup(profile: Path, env: dict[str, str], number: str) -> list[dict[str, object]]:
    done = run_cli(profile, env, "lookup", number, "--json")
    assert done.returncode == 0, done.stderr
    return list(json.loads(done.stdout))


def test_the_crm_is_asked_on_a_miss_with_its_token(tmp_path: Path, crm: str) -> None:
    profile = _profile(tmp_path, crm)
    with secret_service(tmp_path / "home") as env:
        assert run_cli(profile, env, "secret", "set", "directory.http.token",
                    stdin=TOKEN + "\n").returncode == 0
        [anna] = _lookup(profile, env, "044 668 18 42")
        assert (anna["name"], anna["company"], anna["kind"], anna["source"]) == (
            "Anna Meier", "Muster AG", "person", "http")
        assert anna["link_url"] == "https://crm.example/c/42"
        assert _Crm.asked == ["+41446681842"]  # E.164, URL-encoded by us, decoded by it
        [company] = _lookup(profile, env, "+41 44 668 18 00")
        assert (company["kind"], company["name"], company["link_url"]) == (
            "company", "Muster AG", "")  # a javascript: link is never kept
        [hostile] = _lookup(profile, env, "+41 44 999 88 77")
        assert hostile["name"] == "<img src=http://evil/x>"  # text, shown as plain text
        assert _lookup(profile, env, "+41 44 123 45 67") == []  # 404: nobody
        # Stored after the first answer: asked again, the local directory answers.
        asked = len(_Crm.asked)
        assert _lookup(profile, env, "044 668 18 42")[0]["source"] == "http"
        assert len(_Crm.asked) == asked
        # `sync` has nothing to list from a CRM and says so by succeeding.
        synced = run_cli(profile, env, "sync", "--json")
        assert synced.returncode == 0, synced.stderr
        assert json.loads(synced.stdout)[0]["ok"] is True


def test_refused_token_slow_and_broken_crm(tmp_path: Path, crm: str) -> None:
    profile = _profile(tmp_path, crm)
    with secret_service(tmp_path / "home") as env:
        run_cli(profile, env, "secret", "set", "directory.http.token", stdin="wrong\n")
        assert _lookup(profile, env, "044 668 18 42") == []
        from desktop_client.core.profile import Profile

        log_file = Profile.resolve(str(profile)).log_file
        assert "the CRM refused the token (HTTP 401)" in log_file.read_text(encoding="utf-8")
        run_cli(profile, env, "secret", "set", "directory.http.token", stdin=TOKEN + "\n")
        _Crm.mode = "garbage"
        assert _lookup(profile, env, "044 668 18 42") == []
        assert "the CRM's answer is not JSON" in log_file.read_text(encoding="utf-8")
        _Crm.mode = "slow"  # answers after 5 s: the 1.5 s deadline gives up first
        assert _lookup(profile, env, "044 668 18 42") == []
        assert "did not answer" in log_file.read_text(encoding="utf-8")
        log = log_file.read_text(encoding="utf-8")
        assert TOKEN not in log and "wrong" not in log


def test_a_token_is_never_sent_over_plain_http_to_another_host(tmp_path: Path) -> None:
    profile = _profile(tmp_path, "http://crm.example/api?phone={number}")
    with secret_service(tmp_path / "home") as env:
        run_cli(profile, env, "secret", "set", "directory.http.token", stdin=TOKEN + "\n")
        done = run_cli(profile, env, "sync")
        assert done.returncode == 1
        assert "a password or token is sent only over https://" in done.stderr


class _Drip(BaseHTTPRequestHandler):
    """Sends a valid answer one byte every 0.3 s (about 20 s in all)."""

    mode = "drip"

    def do_GET(self) -> None:
        body = (b"[" * 100_000) if _Drip.mode == "deep" else \
            json.dumps([{"name": "Langsam"}]).encode() + b" " * 40
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(OSError):
            if _Drip.mode == "deep":
                self.wfile.write(body)
                return
            for byte in body:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(0.3)

    def log_message(self, *_args: object) -> None:
        pass


def test_a_dripping_or_absurd_answer_does_not_stretch_the_deadline(tmp_path: Path) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Drip)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/lookup?phone={{number}}"
        profile = _profile(tmp_path, url)
        env = dict(os.environ, PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring")
        _Drip.mode = "drip"
        # Each byte comes well within a socket timeout; the whole answer takes ~20 s, far
        # past the 1.5 s deadline: nothing is taken from it.
        assert _lookup(profile, env, "044 668 18 42") == []
        from desktop_client.core.profile import Profile

        log_file = Profile.resolve(str(profile)).log_file
        assert "did not answer" in log_file.read_text(encoding="utf-8")
        _Drip.mode = "deep"  # 100,000 nested lists: refused, not a crash
        assert _lookup(profile, env, "044 668 18 43") == []
        assert "the CRM's answer is not JSON we can read" in log_file.read_text(encoding="utf-8")
    finally:
        server.shutdown()
        server.server_close()
