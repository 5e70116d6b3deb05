"""The Asterisk 20 AMI emulator itself, spoken to with a raw socket (no client code)."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest

from tests.emulators.asterisk import (
    EVENT_FLAG_CALL,
    EVENT_FLAG_SYSTEM,
    AmiCall,
    AsteriskAmi,
    get_perm,
)


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


# -- call control: ring / answer, Hangup, Redirect ------------------------------------------


def quiet(wire: Wire, seconds: float = 0.2) -> list[dict[str, str]]:
    """Whatever arrives until the socket has been quiet for ``seconds``."""
    wire.sock.settimeout(seconds)
    seen = []
    try:
        while True:
            seen.append(wire.message())
    except TimeoutError:
        pass
    wire.sock.settimeout(5)
    return seen


def ringing(pbx: AsteriskAmi, wire: Wire) -> AmiCall:
    call = pbx.ring("0791112233", "Anna")
    names = [e["Event"] for e in wire.until("DialState")]
    assert names[-1] == "DialState" and "DialEnd" not in names
    return call


def answered(pbx: AsteriskAmi, wire: Wire) -> AmiCall:
    call = ringing(pbx, wire)
    call.answer()
    wire.until("BridgeEnter")
    wire.until("BridgeEnter")
    return call


@pytest.fixture
def wire(pbx: AsteriskAmi) -> Iterator[Wire]:
    connection = Wire(pbx.port)
    connection.login("call,dialplan")
    yield connection
    connection.sock.close()


def test_ring_keeps_ringing_until_the_device_answers(pbx: AsteriskAmi, wire: Wire) -> None:
    call = ringing(pbx, wire)
    assert call.state == "ringing"
    assert call.caller_channel.startswith("PJSIP/trunk-")
    assert call.callee_channel.startswith("PJSIP/101-")
    assert call.linkedid == call.caller_uniqueid != call.callee_uniqueid
    assert pbx.channel_names() == [call.caller_channel, call.callee_channel]
    assert quiet(wire) == []  # Dial(PJSIP/101,30) keeps ringing; nothing else happens
    call.answer()
    events = wire.until("BridgeEnter") + wire.until("BridgeEnter")
    assert [e["Event"] for e in events] == [
        "Newstate", "DialEnd", "Newstate", "BridgeCreate", "Newexten", "BridgeEnter",
        "BridgeEnter"]
    assert events[0]["Channel"] == call.callee_channel and events[0]["ChannelState"] == "6"
    assert events[1]["DialStatus"] == "ANSWER"
    assert events[2]["Channel"] == call.caller_channel
    assert events[2]["ChannelStateDesc"] == "Up"
    # app_dial cleared the callee's exten at answer; the bridge snapshot carries it
    assert events[4]["Channel"] == call.callee_channel and events[4]["Exten"] == ""
    assert events[4]["Application"] == "AppDial"
    assert events[5]["Channel"] == call.callee_channel and events[5]["BridgeNumChannels"] == "1"
    assert events[6]["Channel"] == call.caller_channel and events[6]["BridgeNumChannels"] == "2"
    assert events[6]["BridgeUniqueid"] == events[3]["BridgeUniqueid"] == call.bridge
    assert call.state == "up" and quiet(wire) == []
    call.caller_hangs_up()
    names = [e["Event"] for e in wire.until("Hangup") + wire.until("Hangup")]
    assert names == ["HangupRequest", "BridgeLeave", "BridgeLeave", "BridgeDestroy", "Hangup",
                     "Hangup"]
    assert call.state == "gone" and pbx.channel_names() == []


def test_hangup_of_the_ringing_device_channel(pbx: AsteriskAmi, wire: Wire) -> None:
    call = ringing(pbx, wire)
    wire.send(Action="Hangup", ActionID="h1", Channel=call.callee_channel, Cause="17")
    assert wire.message() == {"Response": "Success", "ActionID": "h1",
                              "Message": "Channel Hungup"}
    events = wire.until("Hangup") + wire.until("Hangup")
    # ast_softhangup_nolock(): no HangupRequest / SoftHangupRequest for the target
    assert [e["Event"] for e in events] == ["DialEnd", "Hangup", "Newstate", "HangupRequest",
                                            "Hangup"]
    end, device, busy, request, trunk = events
    assert end["DialStatus"] == "BUSY" and end["DestChannel"] == call.callee_channel
    assert (device["Channel"], device["Cause"], device["Cause-txt"], device["TechCause"]) == (
        call.callee_channel, "17", "User busy", "486")
    # Dial() has no priority 2: autofallthrough indicate_busy() -> state Busy, 486 to the trunk
    assert busy["Channel"] == call.caller_channel and busy["ChannelStateDesc"] == "Busy"
    assert (request["Cause"], request["TechCause"]) == ("17", "486")
    assert (trunk["Channel"], trunk["Cause"], trunk["TechCause"]) == (
        call.caller_channel, "17", "486")
    assert pbx.actions[-1] == {"Action": "Hangup", "ActionID": "h1",
                               "Channel": call.callee_channel, "Cause": "17"}


def test_hangup_of_the_ringing_caller_channel_declines_the_call(pbx: AsteriskAmi,
                                                                wire: Wire) -> None:
    call = ringing(pbx, wire)
    wire.send(Action="Hangup", ActionID="h2", Channel=call.caller_channel, Cause="21")
    assert wire.message()["Message"] == "Channel Hungup"
    events = wire.until("Hangup") + wire.until("Hangup")
    assert [e["Event"] for e in events] == ["DialEnd", "Hangup", "Hangup"]
    assert events[0]["DialStatus"] == "CANCEL"
    assert [(e["Channel"], e["Cause"], e["Cause-txt"], e["TechCause"]) for e in events[1:]] == [
        (call.callee_channel, "21", "Call Rejected", "403"),
        (call.caller_channel, "21", "Call Rejected", "403")]


def test_hangup_without_cause_of_the_ringing_device(pbx: AsteriskAmi, wire: Wire) -> None:
    call = ringing(pbx, wire)
    wire.send(Action="Hangup", Channel=call.callee_channel.lower(), Cause="300")  # 0..127
    assert wire.message() == {"Response": "Success", "Message": "Channel Hungup"}
    events = wire.until("Hangup") + wire.until("Hangup")
    assert events[0]["DialStatus"] == "NOANSWER"
    assert [(e["Cause"], e["Cause-txt"], "TechCause" in e) for e in events[1:]] == [
        ("0", "Unknown", False), ("0", "Unknown", False)]


def test_hangup_of_an_answered_call(pbx: AsteriskAmi, wire: Wire) -> None:
    call = answered(pbx, wire)
    wire.send(Action="Hangup", ActionID="h3", Channel=call.callee_uniqueid)  # uniqueid works
    assert wire.message()["Message"] == "Channel Hungup"
    events = wire.until("Hangup") + wire.until("Hangup")
    assert [e["Event"] for e in events] == ["BridgeLeave", "BridgeLeave", "BridgeDestroy",
                                            "Hangup", "Hangup"]
    assert [e["Channel"] for e in events[:2]] == [call.callee_channel, call.caller_channel]
    assert [(e["Channel"], e["Cause"]) for e in events[3:]] == [
        (call.callee_channel, "16"), (call.caller_channel, "16")]
    assert "TechCause" not in events[3]


def test_hangup_errors_and_a_call_already_gone(pbx: AsteriskAmi, wire: Wire) -> None:
    wire.send(Action="Hangup", ActionID="e1")
    assert wire.message() == {"Response": "Error", "ActionID": "e1",
                              "Message": "No channel specified"}
    call = ringing(pbx, wire)
    call.vanish(announce=False)  # gone on the PBX; the client has not seen it yet
    wire.send(Action="Hangup", ActionID="e2", Channel=call.callee_channel)
    assert wire.message() == {"Response": "Error", "ActionID": "e2",
                              "Message": "No such channel"}
    wire.send(Action="Redirect", ActionID="e3", Channel=call.caller_channel,
              Context="from-internal", Exten="102", Priority="1")
    assert wire.message() == {"Response": "Error", "ActionID": "e3",
                              "Message": f"Channel does not exist: {call.caller_channel}"}
    assert quiet(wire) == []


def test_a_lingering_channel_takes_hangup_but_not_redirect(pbx: AsteriskAmi,
                                                           wire: Wire) -> None:
    call = answered(pbx, wire)
    call.vanish(linger=True)
    wire.send(Action="Hangup", ActionID="l1", Channel=call.caller_channel)
    assert wire.message()["Message"] == "Channel Hungup"
    wire.send(Action="Redirect", ActionID="l2", Channel=call.caller_channel,
              Context="from-internal", Exten="102", Priority="1")
    assert wire.message() == {"Response": "Error", "ActionID": "l2",
                              "Message": "Redirect failed, channel not up."}
    assert quiet(wire) == []
    call.vanish()
    assert wire.until("Hangup")[0]["Event"] == "HangupRequest"


def test_hangup_by_regex(pbx: AsteriskAmi, wire: Wire) -> None:
    call = ringing(pbx, wire)
    wire.send(Action="Hangup", ActionID="r1", Channel="/^PJSIP/101-/")
    assert wire.read() == [("Response", "Success"), ("ActionID", "r1"), ("EventList", "start"),
                           ("Message", "Channels hung up will follow")]
    assert wire.read() == [("Event", "ChannelHungup"), ("Channel", call.callee_channel),
                           ("ActionID", "r1")]
    assert wire.read() == [("Event", "ChannelsHungupListComplete"), ("ActionID", "r1"),
                           ("EventList", "Complete"), ("ListItems", "1")]
    assert wire.until("Hangup")[-1]["Channel"] == call.callee_channel
    assert wire.until("Hangup")[-1]["Channel"] == call.caller_channel
    wire.send(Action="Hangup", ActionID="r2", Channel="/PJSIP")
    assert wire.message()["Message"] == "Regex format invalid, Channel param should be /regex/"
    wire.send(Action="Hangup", ActionID="r3", Channel="/(/")
    assert wire.message()["Message"] == "Regex compile failed on: /(/"


def test_redirect_of_the_answered_caller_is_a_blind_transfer(pbx: AsteriskAmi,
                                                             wire: Wire) -> None:
    call = answered(pbx, wire)
    wire.send(Action="Redirect", ActionID="x1", Channel=call.caller_channel,
              Context="from-internal", Exten="102", Priority="1")
    assert wire.message() == {"Response": "Success", "ActionID": "x1",
                              "Message": "Redirect successful"}
    events = wire.until("BridgeEnter") + wire.until("BridgeEnter")
    names = [e["Event"] for e in events]
    assert names[:6] == ["BridgeLeave", "BridgeLeave", "BridgeDestroy", "Newexten", "Hangup",
                         "Newchannel"]
    leave = events[0]
    assert leave["Channel"] == call.caller_channel and leave["Context"] == "from-trunk"
    assert events[1]["Channel"] == call.callee_channel
    new = events[3]
    assert (new["Channel"], new["Context"], new["Exten"], new["Priority"]) == (
        call.caller_channel, "from-internal", "102", "1")
    assert (new["Application"], new["AppData"]) == ("Dial", "PJSIP/101,30")  # still in Dial
    assert (events[4]["Channel"], events[4]["Cause"]) == (call.callee_channel, "16")
    begin = next(e for e in events if e["Event"] == "DialBegin")
    assert begin["Channel"] == call.caller_channel
    assert begin["DestChannel"].startswith("PJSIP/102-") and begin["DialString"] == "102"
    assert begin["DestLinkedid"] == call.linkedid
    # one Newexten for the redirected channel: the Dial at 102 changes no context/exten/prio
    assert [e["Event"] for e in events if e.get("Channel") == call.caller_channel
            and e["Event"] == "Newexten"] == ["Newexten"]
    pbx.join()
    moved = call.transferred_to
    assert moved is not None and moved.state == "up"
    assert moved.caller_channel == call.caller_channel
    assert moved.callee_channel == begin["DestChannel"]
    assert pbx.channel_names() == [moved.caller_channel, moved.callee_channel]


def test_redirect_of_the_ringing_caller(pbx: AsteriskAmi, wire: Wire) -> None:
    pbx.transfer_answers = False
    call = ringing(pbx, wire)
    wire.send(Action="Redirect", Channel=call.caller_uniqueid, Context="from-internal",
              Exten="0795550000", Priority="1")
    assert wire.message()["Message"] == "Redirect successful"
    events = wire.until("DialState")
    assert [e["Event"] for e in events[:4]] == ["DialEnd", "Hangup", "Newexten", "Newchannel"]
    assert events[0]["DialStatus"] == "CANCEL"
    assert (events[1]["Channel"], events[1]["Cause"]) == (call.callee_channel, "16")
    assert (events[2]["Exten"], events[2]["Application"], events[2]["AppData"]) == (
        "0795550000", "Dial", "PJSIP/0795550000@trunk,60")
    assert events[3]["Channel"].startswith("PJSIP/trunk-")
    pbx.join()
    moved = call.transferred_to
    assert moved is not None and moved.state == "ringing"
    assert quiet(wire) == []
    moved.answer()
    assert wire.until("BridgeEnter")[-1]["Channel"] == moved.callee_channel


def test_redirect_of_the_device_leaves_the_caller_hung_up(pbx: AsteriskAmi,
                                                          wire: Wire) -> None:
    call = answered(pbx, wire)
    wire.send(Action="Redirect", Channel=call.callee_channel, Context="from-internal",
              Exten="102", Priority="1")
    assert wire.message()["Message"] == "Redirect successful"
    events = wire.until("Hangup")
    assert events[-1]["Channel"] == call.caller_channel  # the outside party is dropped
    moved = next(e for e in events if e["Event"] == "Newexten")
    assert moved["Channel"] == call.callee_channel and moved["Application"] == "AppDial"
    assert wire.until("DialBegin")[-1]["Channel"] == call.callee_channel


def test_redirect_errors(pbx: AsteriskAmi, wire: Wire) -> None:
    call = ringing(pbx, wire)
    base = {"Channel": call.caller_channel, "Context": "from-internal", "Exten": "102",
            "Priority": "1"}
    cases: list[tuple[dict[str, str], str]] = [
        ({}, "Channel not specified"),
        ({"Channel": base["Channel"]}, "Context not specified"),
        ({"Channel": base["Channel"], "Context": "c"}, "Exten not specified"),
        ({**base, "Priority": ""}, "Priority not specified"),
        ({**base, "Priority": "0"}, "Priority is invalid"),
        ({**base, "Priority": "start"}, "Priority is invalid"),  # no such label
        ({**base, "ExtraChannel": call.callee_channel, "ExtraContext": "c"},
         "ExtraExten not specified"),
        ({**base, "ExtraChannel": "x", "ExtraContext": "c", "ExtraExten": "1"},
         "ExtraPriority not specified"),
        ({**base, "ExtraChannel": "x", "ExtraContext": "c", "ExtraExten": "1",
          "ExtraPriority": "-1"}, "ExtraPriority is invalid"),
        ({**base, "Channel": "PJSIP/101-ffffffff"},
         "Channel does not exist: PJSIP/101-ffffffff"),
        ({**base, "ExtraChannel": "PJSIP/nope-1"}, "ExtraChannel does not exist: PJSIP/nope-1"),
        ({**base, "Channel": call.callee_channel}, "Redirect failed"),  # yank: not emulated
    ]
    for i, (headers, message) in enumerate(cases):
        wire.send(Action="Redirect", ActionID=f"v{i}", **headers)
        assert wire.message() == {"Response": "Error", "ActionID": f"v{i}",
                                  "Message": message}, headers
    assert quiet(wire) == [] and call.state == "ringing"


def test_redirect_twice_and_to_a_missing_extension(pbx: AsteriskAmi, wire: Wire) -> None:
    pbx.invalid_extens = {"199"}
    call = answered(pbx, wire)
    pbx.step_seconds = 0.05  # the first Redirect is still under way when the second comes
    wire.send(Action="Redirect", ActionID="t1", Channel=call.caller_channel,
              Context="from-internal", Exten="199", Priority="1")
    wire.send(Action="Redirect", ActionID="t2", Channel=call.caller_channel,
              Context="from-internal", Exten="102", Priority="1")
    replies = [m for m in quiet(wire, 0.5) if "Response" in m]
    assert [r["Message"] for r in replies] == ["Redirect successful",
                                               "Redirect failed, channel not up."]
    pbx.join()
    assert call.transferred_to is None
    assert pbx.channel_names() == []


def test_dual_redirect_of_both_bridged_channels(pbx: AsteriskAmi, wire: Wire) -> None:
    pbx.transfer_answers = False
    call = answered(pbx, wire)
    wire.send(Action="Redirect", ActionID="d1", Channel=call.caller_channel,
              Context="from-internal", Exten="102", Priority="1",
              ExtraChannel=call.callee_channel, ExtraContext="from-internal",
              ExtraExten="103", ExtraPriority="1")
    assert wire.message()["Message"] == "Dual Redirect successful"
    pbx.join()
    events = quiet(wire)
    assert "Hangup" not in [e["Event"] for e in events]
    newexten = [(e["Channel"], e["Exten"]) for e in events if e["Event"] == "Newexten"
                and e["Channel"] in (call.caller_channel, call.callee_channel)]
    assert newexten == [(call.caller_channel, "102"), (call.callee_channel, "103")]
    assert sorted(c.split("-")[0] for c in pbx.channel_names()) == [
        "PJSIP/101", "PJSIP/102", "PJSIP/103", "PJSIP/trunk"]


def test_write_permission_and_refusal(pbx: AsteriskAmi) -> None:
    assert get_perm("system,call") == EVENT_FLAG_SYSTEM | EVENT_FLAG_CALL
    assert get_perm("all") == 0x7FFFFFFF and get_perm("") == 0
    assert get_perm("cal,x") & EVENT_FLAG_CALL  # ast_instring() compares a prefix
    system_only = AsteriskAmi(write="system")
    system_only.auth_fail_delay = 0.0
    try:
        wire = Wire(system_only.port)
        wire.login("call")
        call = ringing(system_only, wire)
        wire.send(Action="Redirect", ActionID="p1", Channel=call.caller_channel,
                  Context="from-internal", Exten="102", Priority="1")
        assert wire.message() == {"Response": "Error", "ActionID": "p1",
                                  "Message": "Permission denied"}
        wire.send(Action="Originate", ActionID="p2", Channel="PJSIP/101", Exten="1",
                  Context="c", Priority="1")
        assert wire.message()["Message"] == "Permission denied"
        wire.send(Action="Hangup", ActionID="p3", Channel=call.callee_channel)  # system|call
        assert wire.message()["Message"] == "Channel Hungup"
    finally:
        system_only.close()
    wire = Wire(pbx.port)
    wire.login("call")
    call = ringing(pbx, wire)
    pbx.refuse = {"redirect": "Redirect failed"}
    wire.send(Action="Redirect", ActionID="p4", Channel=call.caller_channel,
              Context="from-internal", Exten="102", Priority="1")
    assert wire.message() == {"Response": "Error", "ActionID": "p4",
                              "Message": "Redirect failed"}
    assert quiet(wire) == [] and call.state == "ringing"
    assert pbx.actions[-1]["Action"] == "Redirect"


def test_the_device_rejects_and_a_client_hangup_during_a_scenario(pbx: AsteriskAmi,
                                                                  wire: Wire) -> None:
    call = ringing(pbx, wire)
    call.callee_hangs_up()  # the phone answers 486 Busy Here
    events = wire.until("Hangup") + wire.until("Hangup")
    assert [e["Event"] for e in events] == ["HangupRequest", "DialEnd", "Hangup", "Newstate",
                                            "HangupRequest", "Hangup"]
    assert events[1]["DialStatus"] == "BUSY"
    # Long enough for the Hangup below to arrive while it rings, also on a busy machine.
    pbx.ring_seconds = 2.0
    pbx.incoming_call("0791112233", answered=True, background=True)
    device = next(e for e in wire.until("DialState") if e["Event"] == "Newchannel"
                  and e["Channel"].startswith("PJSIP/101-"))["Channel"]
    wire.send(Action="Hangup", ActionID="b1", Channel=device, Cause="21")
    assert wire.message()["Message"] == "Channel Hungup"
    pbx.join()
    hangups = [e for e in quiet(wire) if e["Event"] == "Hangup"]
    assert [e["Cause"] for e in hangups] == ["21", "21"]  # the scenario's answer: a no-op
