"""The app with its phone systems: one connection kept, and what the user hears when a system
cannot send (the dial executor, with each system's own way of sending)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from desktop_client.phones.baresip.link import BaresipLink
from tests.gui.conftest import tray_of

if TYPE_CHECKING:
    from desktop_client.app import TrayApp

from typing import Any

from pytestqt.qtbot import QtBot

from desktop_client.core.dial import DialRequest, Payload
from desktop_client.phones.ami.dial import Originate
from desktop_client.phones.handoff.dial import HandoffUri
from desktop_client.phones.linphone.dial import Call
from desktop_client.qt.dial_executor import DialExecutor


def test_a_source_whose_connection_is_not_kept_is_reported(
        qtbot: QtBot, tray_app: TrayApp, monkeypatch: pytest.MonkeyPatch) -> None:
    """baresip dials, Asterisk should report calls: the app keeps baresip's connection and
    says that Asterisk's calls will not show, instead of dropping them without a word."""
    said: list[str] = []
    tray = tray_of(tray_app)
    original = tray.notify

    def notify(title: str, message: str, error: bool = False) -> None:
        said.append(message)
        original(title, message, error)

    monkeypatch.setattr(tray, "notify", notify)
    tray_app.save_settings(tray_app.config.with_values(
        dial__backend="baresip", backends__baresip__address="127.0.0.1:9",
        cti__sources=("ami",)))
    assert tray_app.links is not None and tray_app.links.system is not None
    assert tray_app.links.system.name == "baresip"
    assert isinstance(tray_app.connection, BaresipLink)  # the one kept, not the PBX's
    assert any("Calls from Asterisk are not shown" in m and "baresip" in m for m in said), said


def _executor(qtbot: QtBot, **options: Any) -> tuple[DialExecutor, list[tuple[bool, str]]]:
    executor = DialExecutor(**options)
    results: list[tuple[bool, str]] = []
    executor.finished.connect(lambda _id, ok, message: results.append((ok, message)))
    return executor, results


def test_what_the_executor_says_when_a_system_cannot_send(qtbot: QtBot) -> None:
    executor, results = _executor(qtbot, handler_is_us=lambda scheme: scheme == "sip")
    try:
        executor.execute(DialRequest("ami", "+41446681800", Originate("pbx:5038", "x")))
        executor.execute(DialRequest("linphone", "+41446681800", Call("/tmp/l", "call x")))
        executor.execute(DialRequest("skype", "+41446681800", Payload()))
        executor.execute(DialRequest("handoff", "+41446681800",
                                     HandoffUri("sip:+41446681800", "sip")))
        qtbot.waitUntil(lambda: len(results) == 4, timeout=5000)
        assert results == [
            (False, "the PBX connection is not set up"),
            (False, "the linphone connection is not set up"),
            (False, "unknown backend 'skype'"),
            (False, "the system would open sip: links with this app again; choose a "
                    "softphone as the handler or another backend")]
    finally:
        executor.deleteLater()


def test_a_request_goes_out_once_and_never_late(qtbot: QtBot) -> None:
    executor, results = _executor(qtbot)
    try:
        request = DialRequest("skype", "+41446681800", Payload())
        executor.execute(request)
        executor.execute(request)
        late = DialRequest("ami", "+41446681800", Originate("pbx:5038", "x"), deadline=0.0)
        executor.execute(late)
        qtbot.waitUntil(lambda: len(results) == 3, timeout=5000)
        assert results[1:] == [(False, "this request was already sent"),
                               (False, "the request expired before it was sent")]
    finally:
        executor.deleteLater()
