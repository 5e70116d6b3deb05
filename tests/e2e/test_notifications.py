"""Calls as the desktop's own notifications, with a real notification service (dunst, on a
private D-Bus and X display), real baresip and sipp: what the notice says, hostile names
escaped, Answer from the notice, the answered call replacing the ringing notice, and "Call
back" from a missed call placing a real call."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from desktop_client.core.calls import CallEvent, CallState
from desktop_client.core.contacts import AddressRecord
from tests.e2e.conftest import baresip_config
from tests.e2e.lab import Baresip, SippCaller, SippPbx
from tests.e2e.notification_daemon import Dunst, notification_daemon


@pytest.fixture
def dunst(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Dunst]:
    with notification_daemon(tmp_path / "dunst") as service:
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", service.env["DBUS_SESSION_BUS_ADDRESS"])
        yield service


def _app(tmp_path: Path, phone: Baresip, style: str = "native") -> Any:
    from desktop_client import settings
    from desktop_client.app import TrayApp
    from desktop_client.core.profile import Profile

    profile = Profile.resolve(str(tmp_path / "profile"))
    baresip_config(profile.config_dir, phone.address)
    with (profile.config_dir / "config.toml").open("a", encoding="utf-8") as config:
        config.write(f'[popup]\nstyle = "{style}"\n')
    config_values, problems = settings.load(profile.config_file)
    app: Any = TrayApp(profile, config_values, problems)
    assert app.start() and app.finish_start_now()
    directory = app.ensure_directory()
    with directory.transaction():
        directory.put(AddressRecord("person", "Anna", "Meier", "Muster AG", "P1",
                                    channels=(("phone", "044 123 45 67"),)),
                      config_values.location())
    return app


def _shown(qtbot: QtBot, dunst: Dunst, count: int = 1) -> None:
    qtbot.waitUntil(lambda: dunst.displayed() == count, timeout=10000)


def test_a_ringing_call_is_a_notice_with_the_callers_name_and_number(
        qtbot: QtBot, tmp_path: Path, runtime: Path, dunst: Dunst, baresip: Baresip) -> None:
    app = _app(tmp_path, baresip)
    try:
        flow = app.calls.ensure_flow()
        assert flow.notices is not None and app.calls.notifier.ready
        app.calls.on_event(CallEvent("hook:1", CallState.RINGING, "0441234567",
                                     source="hook"))
        _shown(qtbot, dunst)
        assert flow.stack.cards == {}  # native only: no card
        dunst.ctl("close-all")
        [notice] = dunst.history()
        assert (notice["summary"], notice["body"]) == (
            "Incoming call", "Anna Meier\nMuster AG · phone\n+41 44 123 45 67")
        assert (notice["category"], notice["appname"]) == ("x-desktop-client.call",
                                                            "desktop-client")
    finally:
        app.close()


def test_hostile_names_arrive_escaped(qtbot: QtBot, tmp_path: Path, runtime: Path,
                                      dunst: Dunst, baresip: Baresip) -> None:
    app = _app(tmp_path, baresip)
    hostile = '<img src="http://127.0.0.1:9/x.png"> <b>Chef</b> & <a href="http://x">Co</a>'
    try:
        app.calls.on_event(CallEvent("hook:2", CallState.RINGING, "+49 30 1234567",
                                     hostile, source="hook"))
        _shown(qtbot, dunst)
        dunst.ctl("close-all")
        [notice] = dunst.history()
        first = notice["body"].split("\n")[0]
        assert first == ("&lt;img src=\"http://127.0.0.1:9/x.png\"&gt; &lt;b&gt;Chef&lt;/b&gt;"
                         " &amp; &lt;a href=\"http://x\"&gt;Co&lt;/a&gt;")
        assert "<" not in notice["body"]
    finally:
        app.close()


def test_answer_from_the_notice_and_the_answered_call_replaces_it(
        qtbot: QtBot, tmp_path: Path, runtime: Path, dunst: Dunst, pbx: SippPbx) -> None:
    phone = Baresip(tmp_path / "baresip", pbx.port)
    app = _app(tmp_path, phone)
    caller = None
    try:
        qtbot.waitUntil(lambda: app.connection.connected, timeout=10000)
        caller = SippCaller(tmp_path / "caller", phone.sip_port, "+41441234567",
                            "uac_answer_hangup.xml")
        _shown(qtbot, dunst)
        dunst.choose("Answer")  # from the notice's menu, as a user picks it
        journal = app.ensure_journal
        flow = app.calls.ensure_flow()
        qtbot.waitUntil(lambda: len(flow.service.tracker) > 0 and next(
            iter(flow.service.tracker)).state == CallState.ANSWERED,
            timeout=15000)
        qtbot.wait(300)
        assert dunst.displayed() == 1  # replaced in place, not a second notice
        dunst.choose("Hang up")
        qtbot.waitUntil(lambda: caller.process.poll() is not None, timeout=20000)
        assert caller.process.poll() == 0  # sipp got its 200 OK, then the BYE
        qtbot.waitUntil(lambda: len(journal().recent()) == 1, timeout=10000)
        [entry] = journal().recent()
        assert (entry.state, entry.control) == ("answered", "answer,hangup")
        qtbot.waitUntil(lambda: dunst.displayed() == 0, timeout=10000)  # closed at the end
        summaries = [n["summary"] for n in dunst.history()]
        assert summaries == ["Call in progress"]  # the ringing notice became this one
    finally:
        if caller is not None:
            caller.stop()
        app.close()
        phone.stop()


def test_call_back_from_a_missed_call_places_the_call(
        qtbot: QtBot, tmp_path: Path, runtime: Path, dunst: Dunst, pbx: SippPbx) -> None:
    phone = Baresip(tmp_path / "baresip", pbx.port)
    app = _app(tmp_path, phone)
    caller = None
    try:
        qtbot.waitUntil(lambda: app.connection.connected, timeout=10000)
        caller = SippCaller(tmp_path / "caller", phone.sip_port, "+41441234567",
                            "uac_ring_cancel.xml")
        qtbot.waitUntil(lambda: app.ensure_journal().unseen_missed() == 1, timeout=20000)
        qtbot.waitUntil(lambda: dunst.displayed() == 1, timeout=10000)
        dunst.ctl("action", "0")  # a click on the missed-call notice: its default action
        qtbot.waitUntil(lambda: pbx.dialled() != [], timeout=20000)
        assert pbx.dialled() == ["+41441234567"]
        dunst.ctl("close-all")
        missed = [n for n in dunst.history() if n["summary"] == "Missed call"]
        assert missed and missed[0]["body"].startswith("Anna Meier\n")
    finally:
        if caller is not None:
            caller.stop()
        app.close()
        phone.stop()
