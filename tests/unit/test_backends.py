"""Dial backends build exactly one clean number into their requests."""

from __future__ import annotations

import json
import socket
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_client.core import netstring
from desktop_client.core.dial import DialError, NumberStyle, check_dial_string, new_request_id
from desktop_client.core.numbers import Location
from desktop_client.outgoing.policy import DialSettings, RateLimiter, Source, decide
from desktop_client.phones.baresip.dial import BaresipBackend, Command, send_once
from desktop_client.phones.command import dial as command
from desktop_client.phones.handoff.dial import HandoffBackend

CH = Location("CH")


def _target(text: str) -> object:
    decision = decide(text, Source.USER, CH, DialSettings(), RateLimiter())
    assert decision.target is not None
    return decision.target


@pytest.mark.parametrize(("style", "text", "expected"), [
    (NumberStyle("e164"), "044 668 18 00", "+41446681800"),
    (NumberStyle("national"), "044 668 18 00", "0446681800"),
    (NumberStyle("national"), "+49 30 1234567", "0049301234567"),
    (NumberStyle("international_00"), "044 668 18 00", "0041446681800"),
    (NumberStyle("national", outside_line="0"), "044 668 18 00", "00446681800"),
    (NumberStyle("e164", outside_line="0"), "044 668 18 00", "+41446681800"),
])
def test_number_styles(style: NumberStyle, text: str, expected: str) -> None:
    assert style.write(_target(text), CH) == expected  # type: ignore[arg-type]


def test_internal_numbers_are_sent_as_they_are() -> None:
    location = Location("CH", internal_digits=3)
    decision = decide("742", Source.USER, location, DialSettings(), RateLimiter())
    assert decision.target is not None
    assert NumberStyle("national", outside_line="0").write(decision.target, location) == "742"


@pytest.mark.parametrize("bad", ["-e", "/c", "+41 44", "1;2", "", "+", "1" * 30, "１２３"])
def test_last_guard_refuses_anything_but_digits(bad: str) -> None:
    with pytest.raises(DialError):
        check_dial_string(bad)


def test_command_argv_has_the_number_as_one_element() -> None:
    backend = command.CommandBackend(
        command.check_template(["microsip.exe", "{number}"]), NumberStyle(), CH)
    request = backend.build(_target("tel:+41-44-668-18-00;ext=12"))  # type: ignore[arg-type]
    assert request.payload.as_json() == {"argv": ["microsip.exe", "+41446681800"]}
    assert request.number == "+41446681800"
    placeholders = command.CommandBackend(
        command.check_template(["softphone", "--call", "sip:{digits}@pbx", "{national}",
                                "{extension}"]), NumberStyle(), CH)
    request = placeholders.build(_target("tel:+41446681800;ext=12"))  # type: ignore[arg-type]
    argv = request.payload_as(command.CommandLine).argv
    assert argv == ["softphone", "--call", "sip:41446681800@pbx", "0446681800", "12"]


@pytest.mark.parametrize(("preset", "argv"), [
    ("microsip", ["microsip.exe", "+41446681800"]),
    ("linphone", ["linphonecsh", "dial", "+41446681800"]),
    ("twinkle", ["twinkle", "--call", "+41446681800"]),
    ("zoiper", ["zoiper5", "callto:+41446681800"]),
])
def test_presets(preset: str, argv: list[str]) -> None:
    backend = command.CommandBackend(command.PRESETS[preset], NumberStyle(), CH)
    assert backend.build(_target("044 668 18 00")).payload_as(command.CommandLine).argv == argv  # type: ignore[arg-type]


@pytest.mark.parametrize(("template", "message"), [
    ([], "non-empty list"),
    (["{number}"], "first element"),
    (["phone", "{nummer}"], "unknown placeholder"),
    (["phone", "{number!r}"], "unknown placeholder"),
    (["phone", "{number.__class__}"], "unknown placeholder"),
    (["phone", "call"], "needs a number placeholder"),
])
def test_bad_command_templates_are_refused(template: list[str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        command.check_template(template)


def test_command_start_runs_the_program_without_a_shell(tmp_path: Path) -> None:
    out = tmp_path / "args.txt"
    backend = command.CommandBackend(
        ("python3", "-c", f"import sys; open({str(out)!r}, 'w').write(repr(sys.argv[1:]))",
         "{number}"), NumberStyle(), CH)
    started = command.start(backend.build(_target("044 668 18 00")))  # type: ignore[arg-type]
    assert command.watch(started, "python3") == "started python3"
    deadline = time.monotonic() + 10
    while not out.exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(0.1)
    assert out.read_text() == "['+41446681800']"


def test_command_start_names_a_missing_program() -> None:
    backend = command.CommandBackend(("no-such-softphone", "{number}"), NumberStyle(), CH)
    with pytest.raises(DialError, match="'no-such-softphone' was not found"):
        command.start(backend.build(_target("044 668 18 00")))  # type: ignore[arg-type]


def _program(code: str) -> command.CommandBackend:
    return command.CommandBackend((sys.executable, "-c", code, "{number}"), NumberStyle(), CH)


def test_a_program_that_fails_at_once_is_a_failed_call() -> None:
    backend = _program("import sys; print('starting', file=sys.stderr); "
                       "print('ERROR: Failed to connect pipe: No such file or directory', "
                       "file=sys.stderr); sys.exit(255)")
    started = command.start(backend.build(_target("044 668 18 00")))  # type: ignore[arg-type]
    with pytest.raises(DialError, match=r"^softphone failed: ERROR: Failed to connect pipe: "
                                        r"No such file or directory$"):
        command.watch(started, "softphone", grace_s=30)
    assert started.process.returncode == 255  # reaped, no zombie


def test_a_program_that_runs_on_placed_the_call_and_is_reaped(tmp_path: Path) -> None:
    """It may run on for the whole call (or after this app quit): its stderr is a file, so a
    message written after we stopped listening does not kill it with SIGPIPE."""
    done = tmp_path / "done"
    backend = _program("import sys, time; time.sleep(1.0); "
                       "print('still here', file=sys.stderr, flush=True); "
                       f"open({str(done)!r}, 'w').write('ok')")
    started = command.start(backend.build(_target("044 668 18 00")))  # type: ignore[arg-type]
    process = started.process
    assert command.watch(started, "softphone", grace_s=0.2) == "started softphone"
    deadline = time.monotonic() + 30
    while process.returncode is None and time.monotonic() < deadline:
        time.sleep(0.05)  # the reaper waits for it in the background
    assert process.returncode == 0  # lived to write after the grace period
    assert done.read_text() == "ok"
    assert not Path(f"/proc/{process.pid}").exists()  # no zombie left behind


def test_a_program_that_fails_silently_names_its_exit_status() -> None:
    started = command.start(_program("raise SystemExit(3)").build(
        _target("044 668 18 00")))  # type: ignore[arg-type]
    with pytest.raises(DialError, match="exit status 3"):
        command.watch(started, "softphone", grace_s=30)


def test_baresip_message_and_wire() -> None:
    request = BaresipBackend("127.0.0.1:4444", NumberStyle(), CH).build(
        _target("044 668 18 00"))  # type: ignore[arg-type]
    message = request.payload_as(Command).message
    assert message == {"command": "dial", "params": "+41446681800", "token": request.id}
    frame = netstring.Decoder().feed(request.payload_as(Command).on_wire())
    assert json.loads(frame[0]) == message


def test_handoff_uri() -> None:
    request = HandoffBackend("callto", NumberStyle(), CH).build(
        _target("044 668 18 00"))  # type: ignore[arg-type]
    assert request.payload.as_json() == {"uri": "callto:+41446681800", "scheme": "callto"}
    with pytest.raises(ValueError, match="scheme"):
        HandoffBackend("http", NumberStyle(), CH)


def test_requests_have_ids_and_deadlines() -> None:
    backend = HandoffBackend("sip", NumberStyle(), CH)
    first, second = (backend.build(_target("044 668 18 00")) for _ in range(2))  # type: ignore[arg-type]
    assert first.id != second.id
    assert not first.expired()


# -- send_once against a loopback peer speaking ctrl_tcp's documented framing, faults included


@pytest.fixture
def peer() -> Iterator[tuple[int, list[bytes], dict[str, str]]]:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    received: list[bytes] = []
    mode = {"mode": "ok"}

    def serve() -> None:
        conn, _ = server.accept()
        with conn:
            data = conn.recv(4096)
            received.append(data)
            token = json.loads(netstring.Decoder().feed(data)[0])["token"]
            if mode["mode"] == "silent":
                time.sleep(1.5)
                return
            event = {"event": True, "type": "CALL_OUTGOING", "class": "call"}
            conn.sendall(netstring.encode(json.dumps(event).encode())[:7])  # split frame
            time.sleep(0.05)
            conn.sendall(netstring.encode(json.dumps(event).encode())[7:])
            ok = mode["mode"] == "ok"
            reply = {"response": True, "ok": ok, "data": "" if ok else "invalid number",
                     "token": token}
            conn.sendall(netstring.encode(json.dumps(reply).encode()))

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1], received, mode
    thread.join(5)
    server.close()


def test_send_once_waits_for_the_answer_with_its_token(peer: tuple[int, list[bytes],
                                                                   dict[str, str]]) -> None:
    port, received, _mode = peer
    request = BaresipBackend(f"127.0.0.1:{port}", NumberStyle(), CH).build(
        _target("044 668 18 00"))  # type: ignore[arg-type]
    assert send_once(request)["ok"] is True
    assert received == [request.payload_as(Command).on_wire()]


def test_send_once_reports_a_refusal(peer: tuple[int, list[bytes], dict[str, str]]) -> None:
    port, _received, mode = peer
    mode["mode"] = "refuse"
    request = BaresipBackend(f"127.0.0.1:{port}", NumberStyle(), CH).build(
        _target("044 668 18 00"))  # type: ignore[arg-type]
    with pytest.raises(DialError, match="refused the call: invalid number"):
        send_once(request)


def test_send_once_times_out(peer: tuple[int, list[bytes], dict[str, str]]) -> None:
    port, _received, mode = peer
    mode["mode"] = "silent"
    request = BaresipBackend(f"127.0.0.1:{port}", NumberStyle(), CH).build(
        _target("044 668 18 00"))  # type: ignore[arg-type]
    with pytest.raises(DialError, match="did not answer within 1 s"):
        send_once(request, timeout=1.0)


def test_send_once_nobody_listening() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    request = BaresipBackend(f"127.0.0.1:{port}", NumberStyle(), CH).build(
        _target("044 668 18 00"))  # type: ignore[arg-type]
    with pytest.raises(DialError, match="not listening"):
        send_once(request)


def test_netstring_decoder_limits() -> None:
    decoder = netstring.Decoder(max_frame=10)
    with pytest.raises(netstring.FramingError):
        decoder.feed(b"11:")
    with pytest.raises(netstring.FramingError):
        netstring.Decoder().feed(b"12345678")
    with pytest.raises(netstring.FramingError):
        netstring.Decoder().feed(b"3:abc;")
    decoder = netstring.Decoder()
    assert [f for b in b"5:M\xc3\xbcll,2:er," for f in decoder.feed(bytes([b]))] == [
        "Müll".encode(), b"er"]


def test_request_ids_are_random_version_4_uuids() -> None:
    """The id some protocols carry on the wire: what uuid.uuid4().hex gives, never twice."""
    ids = [new_request_id() for _ in range(2000)]
    assert len(set(ids)) == len(ids)
    for made in ids:
        parsed = uuid.UUID(hex=made)
        assert (parsed.hex, parsed.version, parsed.variant) == (made, 4, uuid.RFC_4122)
