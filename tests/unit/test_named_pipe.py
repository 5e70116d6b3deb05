"""The Windows IPC: the pipe client's deadlines and errors, squatting, names; with a fake of
the Win32 calls (tests/win_fakes.py), since no Windows runs here."""

from __future__ import annotations

import json
import sys

import pytest

from desktop_client import forwarder, ipc
from desktop_client.platform import named_pipe
from tests.win_fakes import FakeMachine, FakePipes

OTHER_USER = "S-1-5-21-1-2-3-1077"


@pytest.fixture(autouse=True)
def windows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "win32")


@pytest.fixture
def machine() -> FakeMachine:
    return FakeMachine()


@pytest.fixture
def us(machine: FakeMachine) -> FakePipes:
    return FakePipes(machine)


def _app(us: FakePipes, name: str) -> list[ipc.Message]:
    """A running app of ours: claims the pipe, listens and answers like the real server."""
    got: list[ipc.Message] = []
    named_pipe.claim(us, name)
    us.machine.pipes[named_pipe.PIPE_PREFIX + name].listening = True

    def serve(data: bytes) -> bytes:
        message = ipc.decode(data.rstrip(b"\n"))
        got.append(message)
        return ipc.reply(True)

    us.machine.pipes[named_pipe.PIPE_PREFIX + name].server = serve
    return got


def test_names_carry_the_user_sid_and_the_session_id(
        us: FakePipes, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SESSIONNAME", "RDP-Tcp#7")
    name = ipc.server_name(r"C:\Users\anna\AppData\Roaming\desktop-client", pipes=us)
    assert name.startswith("desktop-client-S-1-5-21-1-2-3-1001-s2-")
    monkeypatch.setenv("SESSIONNAME", "Console")
    assert ipc.server_name(r"C:\Users\anna\AppData\Roaming\desktop-client", pipes=us) == name
    other_session = FakePipes(us.machine, session=3)
    assert ipc.server_name(r"C:\Users\anna\AppData\Roaming\desktop-client",
                           pipes=other_session) != name


def test_a_request_reaches_the_running_app(us: FakePipes) -> None:
    got = _app(us, "p")
    held = dict(us.connections)  # the app's own client on its first instance
    answer = ipc.send("p", ipc.Message("dial", text="tel:+41446681800"), pipes=us)
    assert answer == {"protocol_version": 1, "ok": True, "error": ""}
    assert got == [ipc.Message("dial", text="tel:+41446681800")]
    assert got[0].deadline > 0  # the app can tell a request its sender gave up on
    assert us.connections == held  # the request's handle was closed


def test_no_pipe_means_no_app_runs(us: FakePipes) -> None:
    with pytest.raises(ipc.NoInstanceError):
        ipc.send("p", ipc.Message("show"), pipes=us)


def test_a_busy_pipe_is_waited_for_not_taken_for_no_app(us: FakePipes) -> None:
    got = _app(us, "p")
    us.machine.pipes[named_pipe.PIPE_PREFIX + "p"].busy_opens = 2
    assert ipc.send("p", ipc.Message("show"), timeout=2.0, pipes=us)["ok"] is True
    assert len(us.waits) == 2 and all(0 < ms <= 2000 for ms in us.waits)
    assert [m.kind for m in got] == ["show"]


def test_a_pipe_busy_until_the_deadline_is_an_error_not_a_second_app(us: FakePipes) -> None:
    _app(us, "p")
    us.machine.pipes[named_pipe.PIPE_PREFIX + "p"].busy_opens = 10**9
    with pytest.raises(ipc.IpcError, match="busy") as caught:
        ipc.send("p", ipc.Message("show"), timeout=0.2, pipes=us)
    assert not isinstance(caught.value, ipc.NoInstanceError)
    assert us.waits and all(ms <= 200 for ms in us.waits)


def test_a_frozen_app_is_given_up_at_the_deadline(us: FakePipes) -> None:
    _app(us, "p")
    held = dict(us.connections)
    us.machine.pipes[named_pipe.PIPE_PREFIX + "p"].server = "hang"
    with pytest.raises(ipc.IpcError, match=r"did not answer within 0\.3 s") as caught:
        ipc.send("p", ipc.Message("dial", text="tel:+41446681800"), timeout=0.3, pipes=us)
    assert not isinstance(caught.value, ipc.NoInstanceError)
    assert us.io_timeouts and all(0 < t <= 0.3 for t in us.io_timeouts)
    assert us.connections == held


@pytest.mark.parametrize("answer", [b"", b"\n", b"[1, 2]\n", b"not json\n"])
def test_an_empty_or_foreign_answer_is_an_ipc_error(us: FakePipes, answer: bytes) -> None:
    _app(us, "p")
    us.machine.pipes[named_pipe.PIPE_PREFIX + "p"].server = lambda _data: answer
    with pytest.raises(ipc.IpcError, match="sent no answer"):
        ipc.send("p", ipc.Message("show"), pipes=us)


def test_a_pipe_squatted_by_another_user_gets_nothing(machine: FakeMachine,
                                                      us: FakePipes) -> None:
    """On a terminal server Mallory creates our pipe's name first, open to everybody."""
    mallory = FakePipes(machine, sid=OTHER_USER, session=5)
    mallory.squat(named_pipe.PIPE_PREFIX + "p", allow_everyone=True)
    machine.pipes[named_pipe.PIPE_PREFIX + "p"].server = lambda _data: ipc.reply(True)
    with pytest.raises(ipc.IpcError, match="belongs to another user"):
        ipc.send("p", ipc.Message("dial", text="tel:+41446681800"), pipes=us)
    assert us.written == []  # not a byte of the request
    with pytest.raises(named_pipe.PipeFailureError, match="exists already"):
        named_pipe.claim(us, "p")  # and our app refuses to listen beside it


def test_a_pipe_that_refuses_us_is_reported_and_starts_no_app(
        machine: FakeMachine, us: FakePipes, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    mallory = FakePipes(machine, sid=OTHER_USER, session=5)
    mallory.squat(named_pipe.PIPE_PREFIX + "p", allow_everyone=False)
    monkeypatch.setattr(forwarder, "_profile_dir", lambda _chosen: "C:\\profile")
    monkeypatch.setattr(ipc, "server_name", lambda _profile: "p")
    real_send = ipc.send
    monkeypatch.setattr(ipc, "send", lambda name, message: real_send(name, message, pipes=us))
    started: list[object] = []

    def start_a_twin(*args: object) -> dict[str, object]:
        started.append(args)
        return {"ok": True}

    monkeypatch.setattr(forwarder, "_start_and_send", start_a_twin)
    assert forwarder.deliver(None, ipc.Message("dial", text="tel:+41446681800")) == 1
    assert started == []
    assert "refuses this user" in capsys.readouterr().err


def test_claim_asks_for_the_first_instance_for_this_user_only(us: FakePipes) -> None:
    held = named_pipe.claim(us, "p")
    pipe = us.machine.pipes[named_pipe.PIPE_PREFIX + "p"]
    assert pipe.owner == us.sid and pipe.allowed == {us.sid}
    sddl = named_pipe.security_descriptor(us.sid)
    assert sddl == f"O:{us.sid}D:P(D;;GA;;;NU)(A;;GA;;;{us.sid})"
    assert sddl.index("(D;;GA;;;NU)") < sddl.index("(A;;"), "deny network logons first"
    second_tray = FakePipes(us.machine)
    with pytest.raises(named_pipe.PipeFailureError, match="exists already"):
        named_pipe.claim(second_tray, "p")
    held.release()
    assert named_pipe.PIPE_PREFIX + "p" not in us.machine.pipes


def test_a_client_never_lands_on_the_claimed_instance(us: FakePipes) -> None:
    """The first instance is connected to the app itself: a click goes to Qt's listeners
    (or waits for them), never to an instance that would not answer."""
    named_pipe.claim(us, "p")
    click = FakePipes(us.machine)
    with pytest.raises(ipc.IpcError, match="busy") as caught:
        ipc.send("p", ipc.Message("dial", text="tel:+41446681800"), timeout=0.2, pipes=click)
    assert not isinstance(caught.value, ipc.NoInstanceError)
    assert click.written == []


def test_a_click_racing_the_claim_does_not_keep_the_pipe_from_the_app(
        machine: FakeMachine, us: FakePipes) -> None:
    click = FakePipes(machine)
    raced: list[int] = []

    def a_click_connects(path: str) -> None:
        if not raced:
            raced.append(click.open(path))  # lands on the fresh first instance

    machine.on_create = a_click_connects
    held = named_pipe.claim(us, "p")
    assert len(us.created) == 2  # the first one was given up, a fresh one is held
    pipe = machine.pipes[named_pipe.PIPE_PREFIX + "p"]
    assert not pipe.first_free and pipe.owner == us.sid
    held.release()


def test_the_wire_form_carries_the_deadline() -> None:
    line = ipc.encode(ipc.Message("dial", text="tel:1", deadline=1_900_000_000.5))
    assert json.loads(line)["deadline"] == 1_900_000_000.5
    message = ipc.decode(line.rstrip(b"\n"))
    assert ipc.expired(message, 1_900_000_001.0)
    assert ipc.expired(message, 1_900_000_000.5 - ipc.EXPIRY_MARGIN_S + 0.01)  # too late
    assert not ipc.expired(message, 1_900_000_000.5 - ipc.EXPIRY_MARGIN_S - 0.01)
    assert not ipc.expired(ipc.decode(b'{"protocol_version": 1, "kind": "show"}'), 2e9)
    for bad in ('"soon"', "true", "-1", "1e300", "null"):
        with pytest.raises(ipc.IpcError, match="deadline"):
            ipc.decode(b'{"protocol_version": 1, "kind": "show", "deadline": '
                       + bad.encode() + b"}")
