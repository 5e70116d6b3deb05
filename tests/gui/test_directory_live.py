"""An unknown caller in the real app: the card shows at once from the local directory, and
is updated in place when a directory server (a CRM over loopback HTTP) answers. A server
that never answers delays nothing."""

from __future__ import annotations

import contextlib
import json
import logging
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from desktop_client.core.calls import CallEvent, CallState
from tests.gui.conftest import write_config


class _SlowCrm(BaseHTTPRequestHandler):
    answered = threading.Event()
    delay_s = 0.8

    def do_GET(self) -> None:
        time.sleep(_SlowCrm.delay_s)
        body = json.dumps([{"name": "Anna Meier", "company": "Muster AG",
                            "url": "https://crm.example/c/42"}]).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(OSError):
            self.wfile.write(body)
        _SlowCrm.answered.set()

    def log_message(self, *_args: object) -> None:
        pass


def _app(tmp_path: Path, calls: Path, url: str) -> Any:
    from desktop_client import settings
    from desktop_client.app import TrayApp
    from desktop_client.core.profile import Profile, setup_logging

    profile = Profile.resolve(str(tmp_path / "profile"))
    write_config(profile.config_dir, calls, extra=(
        '[directory]\nsources = ["http"]\nsync_minutes = 0\n'
        f'[directory.http]\nurl = "{url}"\n'))
    handler = setup_logging(profile)
    config, problems = settings.load(profile.config_file)
    app = TrayApp(profile, config, problems)
    assert app.start() and app.finish_start_now() and app.ensure_flow()
    return app, handler


@pytest.fixture
def crm_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _SlowCrm)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _SlowCrm.answered.clear()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/lookup?phone={{number}}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def silent_url() -> Iterator[str]:
    """A server that accepts connections and never says a word."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/lookup?phone={{number}}"
    finally:
        listener.close()


def _texts(widget: Any) -> dict[str, str]:
    return {label.objectName(): label.text() for label in widget.findChildren(QLabel)}


def test_card_first_then_the_crm_answer_in_place(qtbot: QtBot, tmp_path: Path, calls: Path,
                                                 runtime: Path, crm_url: str) -> None:
    app, handler = _app(tmp_path, calls, crm_url)
    try:
        flow = app.calls.ensure_flow()
        with qtbot.waitSignal(flow.shown, timeout=5000) as first:
            flow.on_event(CallEvent("live1", CallState.RINGING, "+41 44 668 18 42", "",
                                    source="test"))
        assert not _SlowCrm.answered.is_set()  # painted before the server answered
        assert _texts(first.args[0])["title"] == "Unknown caller"
        with qtbot.waitSignal(flow.shown, timeout=10_000) as second:
            pass
        card = second.args[0]
        texts = _texts(card)
        assert (texts["title"], texts["subtitle"]) == ("Anna Meier", "Muster AG · phone")
        assert app.calls.flow.stack.cards["live1"] is card and card.isVisible()
        assert not first.args[0].isVisible()
        assert card.crm_button.isVisibleTo(card)  # the contact's own CRM link
        qtbot.wait(200)  # the replaced card's deferred deletion runs
        assert app.calls.flow.stack.cards == {"live1": card}  # it did not forget the new one
        flow.on_event(CallEvent("live1", CallState.ENDED, "+41 44 668 18 42", "",
                                source="test"))
        assert app.calls.flow.stack.cards == {} and not card.isVisible()
        [entry] = app.ensure_journal().recent()
        assert (entry.state, entry.contact_name) == ("missed", "Anna Meier")
    finally:
        app.close()
        logging.getLogger("desktop_client").removeHandler(handler)
        handler.close()


def test_a_server_that_never_answers_delays_nothing(qtbot: QtBot, tmp_path: Path, calls: Path,
                                                    runtime: Path, silent_url: str) -> None:
    app, handler = _app(tmp_path, calls, silent_url)
    try:
        flow = app.calls.ensure_flow()
        with qtbot.waitSignal(flow.shown, timeout=5000) as first:
            flow.on_event(CallEvent("dead1", CallState.RINGING, "+41 44 668 18 42", "",
                                    source="test"))
        assert _texts(first.args[0])["title"] == "Unknown caller"
        # The UI thread keeps running while the lookup waits for its deadline.
        ticks = []
        timer_started = time.monotonic()
        while time.monotonic() - timer_started < 2.5:
            qtbot.wait(50)
            ticks.append(time.monotonic())
        assert len(ticks) > 10
        with qtbot.assertNotEmitted(flow.shown, wait=200):
            pass
        assert "live lookup in http failed" in app.profile.log_file.read_text(encoding="utf-8")
        flow.on_event(CallEvent("dead1", CallState.ENDED, "+41 44 668 18 42", "",
                                source="test"))
        [entry] = app.ensure_journal().recent()
        assert entry.state == "missed" and entry.e164 == "+41446681842"
    finally:
        app.close()
        logging.getLogger("desktop_client").removeHandler(handler)
        handler.close()
