"""The Asterisk 20 AMI emulator itself, spoken to with a raw socket (no client code)."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest

from tests.emulators.asterisk import AsteriskAmi


class Wire:
    """A bare AMI connection: banner, then blocks of 'Key: value' lines."""

    def __init__(self, port: int) -> None:
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=5)
        self.buffer = b""
        self.banner = self._line()

    def _line(self) -> str:
        while b"\r\n" not in self.buffer:
            self.buffer += self.sock.recv(4096)
        line, self.buffer = self.buffer.split(b"\r\n", 1)
        return line.decode()

    def send(self, **headers: str) -> None:
        self.sock.sendall("".join(f"{k}: {v}\r\n" for k, v in headers.items()).encode()
                          + b"\r\n")

    def read(self) -> list[tuple[str, str]]:
        while b"\r\n\r\n" not in self.buffer:
            data = self.sock.recv(4096)
            if not data:
                raise EOFError
            self.buffer += data
        block, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
        return [(k, v) for k, _, v in (line.partition(": ")
                                       for line in block.decode().split("\r\n"))]

    def message(self) -> dict[str, str]:
        return dict(self.read())

    def until(self, event: str) -> list[dict[str, str]]:
        seen = []
        while True:
            message = self.message()
            seen.append(message)
            if message.get("Event") == event:
                return seen

    def login(self, events: str = "on") -> dict[str, str]:
        self.send(Action="Login", ActionID="l1", Username="desk", Secret="pw", Events=events)
        return self.message()


@pytest.fixture
def pbx() -> Iterator[AsteriskAmi]:
    emulator = AsteriskAmi()
    emulator.auth_fail_delay = 0.0
    emulator.ring_seconds = 0.0
    emulator.talk_seconds = 0.0
    yield emulator
    emulator.close()


def test_banner_login_ping_and_errors(pbx: AsteriskAmi) -> None:
    wire = Wire(pbx.port)
    assert wire.banner == "Asterisk Call Manager/9.0.0"
    wire.send(Action="Ping", ActionID="p0")
    assert wire.message() == {"Response": "Error", "ActionID": "p0",
                              "Message": "Permission denied"}
    wire.send(Action="Login", ActionID="l1", Username="desk", Secret="pw")
    assert wire.read() == [("Response", "Success"), ("ActionID", "l1"),
                           ("Message", "Authentication accepted")]
    booted = wire.message()
    assert booted["Event"] == "FullyBooted" and booted["Privilege"] == "system,all"
    wire.send(Action="Ping", ActionID="p1")
    pong = wire.read()
    assert [k for k, _ in pong] == ["Response", "ActionID", "Ping", "Timestamp"]
    assert dict(pong)["Ping"] == "Pong" and "." in dict(pong)["Timestamp"]
    wire.send(Action="Frobnicate", ActionID="x")
    reply = wire.message()
    assert reply["Response"] == "Error"
    assert reply["Message"].startswith("Invalid/unknown command: Frobnicate.")
    assert [a["Action"] for a in pbx.actions] == ["Ping", "Login", "Ping", "Frobnicate"]


def test_wrong_secret_is_refused_and_the_session_closed(pbx: AsteriskAmi) -> None:
    wire = Wire(pbx.port)
    wire.send(Action="Login", ActionID="l1", Username="desk", Secret="nope")
    assert wire.message() == {"Response": "Error", "ActionID": "l1",
                              "Message": "Authentication failed"}
    with pytest.raises(EOFError):
        wire.message()


def test_silent_keeps_the_socket_open_but_answers_nothing(pbx: AsteriskAmi) -> None:
    wire = Wire(pbx.port)
    wire.login()
    wire.message()  # FullyBooted
    pbx.silent = True
    wire.send(Action="Ping", ActionID="p1")
    wire.sock.settimeout(0.3)
    with pytest.raises(TimeoutError):
        wire.message()
    assert pbx.actions[-1]["Action"] == "Ping"


def test_async_originate_follows_pbx_outgoing_attempt(pbx: AsteriskAmi) -> None:
    wire = Wire(pbx.port)
    wire.login("call")  # no system, no dialplan events
    wire.send(Action="Originate", ActionID="o1", Channel="PJSIP/101", Context="from-internal",
              Exten="0441234567", Priority="1", Async="true")
    assert wire.message() == {"Response": "Success", "ActionID": "o1",
                              "Message": "Originate successfully queued"}
    events = wire.until("OriginateResponse")
    names = [e["Event"] for e in events]
    assert names == ["Newchannel", "DialBegin", "Newstate", "DialState", "Newstate",
                     "DialEnd", "OriginateResponse"]
    new = events[0]
    assert new["Channel"].startswith("PJSIP/101-") and new["ChannelStateDesc"] == "Down"
    assert new["CallerIDNum"] == "<unknown>" and new["Uniqueid"] == new["Linkedid"]
    begin = events[1]
    assert "Channel" not in begin and "CallerIDNum" not in begin  # ast_dial_run(dial, NULL)
    assert begin["DestChannel"] == new["Channel"] and begin["DialString"] == "101"
    assert begin["Privilege"] == "call,all"
    assert (events[2]["ChannelState"], events[2]["ChannelStateDesc"]) == ("5", "Ringing")
    assert events[3]["DialStatus"] == "RINGING"
    assert events[5]["DialStatus"] == "ANSWER" and "Channel" not in events[5]
    response = events[6]
    assert response == {**response, "ActionID": "o1", "Response": "Success",
                        "Channel": new["Channel"], "Context": "from-internal",
                        "Exten": "0441234567", "Reason": "4", "Uniqueid": new["Uniqueid"],
                        "CallerIDNum": "<unknown>", "CallerIDName": "<unknown>"}
    rest = wire.until("Hangup")
    out = next(e for e in rest if e["Event"] == "DialBegin")
    assert out["Channel"] == new["Channel"] and out["DestChannel"].startswith("PJSIP/trunk-")
    assert out["DestCallerIDNum"] == "0441234567" and out["DestLinkedid"] == new["Uniqueid"]
    assert out["DialString"] == "0441234567@trunk"
    assert "Newexten" not in [e["Event"] for e in events + rest]  # dialplan class filtered
    last = wire.until("Hangup")[-1]
    assert last["Channel"] == new["Channel"] and last["Cause"] == "16"
    assert last["Cause-txt"] == "Normal Clearing"


def test_originate_not_answered_fails_with_reason_3(pbx: AsteriskAmi) -> None:
    pbx.device_answers = False
    wire = Wire(pbx.port)
    wire.login("call")
    wire.send(Action="Originate", ActionID="o2", Channel="PJSIP/101", Context="from-internal",
              Exten="200", Priority="1", Async="yes")
    wire.message()
    events = wire.until("OriginateResponse")
    assert "DialEnd" not in [e["Event"] for e in events]  # handle_timeout_trip()
    hangup = events[-2]
    assert (hangup["Event"], hangup["Cause"], hangup["TechCause"]) == ("Hangup", "19", "480")
    assert events[-1]["Response"] == "Failure" and events[-1]["Reason"] == "3"
    assert events[-1]["Channel"] == "PJSIP/101" and events[-1]["Uniqueid"] == "<unknown>"


def test_incoming_call_answered(pbx: AsteriskAmi) -> None:
    wire = Wire(pbx.port)
    wire.login()
    wire.message()
    pbx.incoming_call("01711234567", "Bob", answered=True)
    events = wire.until("Hangup") + wire.until("Hangup")
    names = [e["Event"] for e in events]
    assert names[:9] == ["Newchannel", "Newexten", "Newchannel", "Newexten", "NewCallerid",
                         "NewConnectedLine", "DialBegin", "Newstate", "DialState"]
    trunk, device = events[0], events[2]
    assert trunk["ChannelStateDesc"] == "Ring" and trunk["CallerIDNum"] == "01711234567"
    assert trunk["Exten"] == "0441234567" and device["Linkedid"] == trunk["Uniqueid"]
    assert device["Uniqueid"] != trunk["Uniqueid"]
    begin = events[6]
    assert begin["Channel"] == trunk["Channel"] and begin["DestChannel"] == device["Channel"]
    assert begin["CallerIDName"] == "Bob" and begin["DestConnectedLineNum"] == "01711234567"
    assert "DialEnd" in names and next(e for e in events
                                      if e["Event"] == "DialEnd")["DialStatus"] == "ANSWER"
    assert names.count("BridgeEnter") == 2 and names[-2:] == ["Hangup", "Hangup"]


def test_incoming_call_cancelled_and_event_filter(pbx: AsteriskAmi) -> None:
    calls = Wire(pbx.port)
    calls.login("call")
    quiet = Wire(pbx.port)
    quiet.login("off")
    pbx.incoming_call("030555", answered=False)
    events = calls.until("Hangup") + calls.until("Hangup")
    names = [e["Event"] for e in events]
    assert "Newexten" not in names and "BridgeCreate" not in names
    end = next(e for e in events if e["Event"] == "DialEnd")
    assert end["DialStatus"] == "CANCEL" and end["DestChannelStateDesc"] == "Ringing"
    assert end["CallerIDName"] == "<unknown>"
    assert [(e["Channel"].split("-")[0], e["Cause"]) for e in events[-2:]] == [
        ("PJSIP/101", "127"), ("PJSIP/trunk", "127")]
    quiet.sock.settimeout(0.2)
    with pytest.raises(TimeoutError):
        quiet.message()
