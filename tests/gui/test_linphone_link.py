"""The linphone-daemon link under faults: dials answered once, a silent daemon times out, a
daemon that goes fails what is in flight, and the link comes back (supervision shared with
the TCP links). The real daemon is in tests/e2e/test_linphone.py."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop_client.core.backoff import Backoff
from desktop_client.phones.linphone import wire as linphone
from desktop_client.phones.linphone.link import LinphoneLink
from tests.emulators.linphone_daemon import LinphoneDaemon

CALL = linphone.call("+41446681800", "127.0.0.1:5098")


@pytest.fixture
def daemon(tmp_path: Path) -> Iterator[LinphoneDaemon]:
    peer = LinphoneDaemon(str(tmp_path / "linphone"))
    yield peer
    peer.close()


@pytest.fixture
def link(qtbot: QtBot, daemon: LinphoneDaemon) -> Iterator[LinphoneLink]:
    made = LinphoneLink(daemon.path, backoff=Backoff(start=0.1, maximum=0.2),
                        dial_timeout_s=1.0)
    made.start()
    qtbot.waitUntil(lambda: made.state == "connected", timeout=5000)
    yield made
    made.stop()
    made.deleteLater()


def test_a_dial_is_answered_once_and_events_are_drained(qtbot: QtBot, daemon: LinphoneDaemon,
                                                        link: LinphoneLink) -> None:
    answers: list[tuple[str, bool, str]] = []
    link.response.connect(lambda *args: answers.append(args))
    events: list[dict[str, str]] = []
    link.linphone_event.connect(events.append)
    daemon.events += ["Event: LinphoneCallIncomingReceived\nFrom: sip:+41791234567@pbx\nId: 7",
                      "Event: LinphoneCallReleased\nFrom: sip:+41791234567@pbx\nId: 7"]
    link.send_request("r1", CALL)
    link.send_request("r2", b"call nonsense\n")  # the daemon refuses it
    qtbot.waitUntil(lambda: len(answers) == 2 and len(events) == 2, timeout=5000)
    assert answers == [("r1", True, "linphone is calling"),
                       ("r2", False, "linphone refused: Call creation failed.")]
    assert [e["Event"] for e in events] == ["LinphoneCallIncomingReceived",
                                            "LinphoneCallReleased"]
    assert daemon.commands.count(CALL.decode().strip()) == 1


def test_a_silent_daemon_fails_the_dial_in_time(qtbot: QtBot, daemon: LinphoneDaemon,
                                               link: LinphoneLink) -> None:
    daemon.silent = True
    with qtbot.waitSignal(link.response, timeout=5000) as answer:
        link.send_request("r1", CALL)
    assert answer.args == ["r1", False, "linphone did not answer within 1 s"]


def test_a_daemon_that_goes_fails_the_dial_and_the_link_comes_back(
        qtbot: QtBot, daemon: LinphoneDaemon, link: LinphoneLink) -> None:
    states: list[str] = []
    link.state_changed.connect(states.append)
    daemon.silent = True
    with qtbot.waitSignal(link.response, timeout=5000) as answer:
        link.send_request("r1", CALL)
        qtbot.waitUntil(lambda: CALL.decode().strip() in daemon.commands, timeout=5000)
        daemon.hang_up()
    assert answer.args == ["r1", False, "the connection to linphone was lost"]
    daemon.silent = False
    qtbot.waitUntil(lambda: link.state == "connected", timeout=5000)
    assert any(s.startswith("retrying in") for s in states)
    with qtbot.waitSignal(link.response, timeout=5000) as again:
        link.send_request("r2", CALL)
    assert again.args == ["r2", True, "linphone is calling"]
    assert daemon.commands.count(CALL.decode().strip()) == 2  # r1 was not sent again


def test_the_link_waits_for_a_daemon_started_later_and_one_started_again(
        qtbot: QtBot, tmp_path: Path) -> None:
    path = str(tmp_path / "late")
    link = LinphoneLink(path, backoff=Backoff(start=0.1, maximum=0.2))
    link.start()  # nobody listens yet: no socket file at all
    try:
        qtbot.waitUntil(lambda: link.state.startswith("retrying"), timeout=5000)
        first = LinphoneDaemon(path)
        qtbot.waitUntil(lambda: link.state == "connected", timeout=5000)
        first.quit()  # the daemon exits: its clients are dropped, its socket file goes
        qtbot.waitUntil(lambda: link.state != "connected", timeout=5000)
        second = LinphoneDaemon(path)
        try:
            qtbot.waitUntil(lambda: link.state == "connected", timeout=5000)
            with qtbot.waitSignal(link.response, timeout=5000) as answer:
                link.send_request("r1", CALL)
            assert answer.args == ["r1", True, "linphone is calling"]
        finally:
            second.close()
    finally:
        link.stop()
        link.deleteLater()


def test_a_dial_still_queued_at_its_deadline_is_never_sent(
        qtbot: QtBot, daemon: LinphoneDaemon, link: LinphoneLink) -> None:
    daemon.slow_s = 1.6  # the daemon is slow with the event poll in front of the dial
    qtbot.waitUntil(lambda: "pop-event" in daemon.commands, timeout=5000)
    with qtbot.waitSignal(link.response, timeout=5000) as answer:
        link.send_request("r1", CALL)
    assert answer.args[:2] == ["r1", False]
    daemon.slow_s = 0.0
    qtbot.waitUntil(lambda: link.state == "connected", timeout=5000)
    qtbot.wait(2500)  # whatever was waiting has long been written by now
    assert CALL.decode().strip() not in daemon.commands
