"""The FreeSWITCH event-socket emulator against the source facts it claims (raw sockets only)."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from urllib.parse import unquote

import pytest

from tests.emulators.freeswitch import FreeSwitchEsl, FsCall, cause_name, serialize, url_encode

Frame = tuple[dict[str, str], str]


class Client:
    """A bare inbound ESL client: reads frames exactly as mod_event_socket writes them."""

    def __init__(self, port: int) -> None:
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=5)
        self.buffer = b""

    def frame(self) -> Frame:
        while b"\n\n" not in self.buffer:
            data = self.sock.recv(65536)
            if not data:
                raise EOFError
            self.buffer += data
        head, self.buffer = self.buffer.split(b"\n\n", 1)
        headers = dict(line.split(": ", 1) for line in head.decode().split("\n"))
        length = int(headers.get("Content-Length", "0"))
        while len(self.buffer) < length:
            data = self.sock.recv(65536)
            if not data:
                raise EOFError
            self.buffer += data
        body, self.buffer = self.buffer[:length], self.buffer[length:]
        return headers, body.decode()

    def send(self, command: str) -> Frame:
        self.sock.sendall(f"{command}\n\n".encode())
        return self.frame()

    def events(self, until: int = 0) -> list[dict[str, str]]:
        """Events until the socket goes quiet; each dict holds decoded headers + _body."""
        out: list[dict[str, str]] = []
        self.sock.settimeout(0.3 if not until else 5)
        try:
            while True:
                headers, text = self.frame()
                assert headers["Content-Type"] == "text/event-plain"
                out.append(parse_event(text))
                if until and len(out) >= until:
                    break
        except (TimeoutError, EOFError):
            pass
        return out

    def close(self) -> None:
        self.sock.close()


def parse_event(text: str) -> dict[str, str]:
    head, _, rest = text.partition("\n\n")
    event = {}
    for line in head.split("\n"):
        name, value = line.split(": ", 1)
        event[name] = unquote(value)
    event["_body"] = rest
    return event


@pytest.fixture
def fs() -> Iterator[FreeSwitchEsl]:
    server = FreeSwitchEsl()
    yield server
    server.close()


def connect(fs: FreeSwitchEsl, events: str = "ALL") -> Client:
    client = Client(fs.port)
    assert client.frame() == ({"Content-Type": "auth/request"}, "")
    headers, _ = client.send("auth ClueCon")
    assert headers == {"Content-Type": "command/reply", "Reply-Text": "+OK accepted"}
    headers, _ = client.send(f"event plain {events}")
    assert headers["Reply-Text"] == "+OK event listener enabled plain"
    return client


def named(events: list[dict[str, str]], name: str) -> list[dict[str, str]]:
    return [e for e in events if e["Event-Name"] == name]


def test_url_encoding_matches_switch_url_encode() -> None:
    assert url_encode("sofia/internal/sip:1001@1.2.3.4:5060") == \
        "sofia/internal/sip%3A1001%401.2.3.4%3A5060"
    assert url_encode("Outbound Call") == "Outbound%20Call"
    assert url_encode("a,b/c'(d)") == "a,b/c'(d)"
    assert serialize([("A", "")]) == "A: _undef_\n\n"
    assert serialize([("A", "x")], "+OK\n") == "A: x\nContent-Length: 4\n\n+OK\n"


def test_wrong_password_is_rejected_and_disconnected(fs: FreeSwitchEsl) -> None:
    client = Client(fs.port)
    client.frame()
    assert client.send("api status")[0]["Reply-Text"] == "-ERR command not found"
    assert client.send("auth nope")[0]["Reply-Text"] == "-ERR invalid"
    headers, body = client.frame()
    assert headers["Content-Type"] == "text/disconnect-notice"
    assert body.startswith("Disconnected, goodbye.")
    with pytest.raises(EOFError):
        client.frame()
    assert fs.commands == ["api status", "auth nope"]


def test_api_status_and_unknown_commands(fs: FreeSwitchEsl) -> None:
    client = connect(fs)
    headers, body = client.send("api status")
    assert headers["Content-Type"] == "api/response"
    assert int(headers["Content-Length"]) == len(body.encode())
    assert body.startswith("UP 0 years, 0 days")
    assert "is ready" in body
    assert client.send("frobnicate")[0]["Reply-Text"] == "-ERR command not found"
    assert client.send("event plain")[0]["Reply-Text"] == "-ERR no keywords supplied"


def test_only_subscribed_events_are_sent(fs: FreeSwitchEsl) -> None:
    client = connect(fs, "CHANNEL_ANSWER")
    fs.inbound_did_call("0791112233")
    events = client.events()
    assert {e["Event-Name"] for e in events} == {"CHANNEL_ANSWER"}
    quiet = Client(fs.port)  # authenticated only, never subscribed
    quiet.frame()
    quiet.send("auth ClueCon")
    fs.inbound_did_call("0791112233")
    assert quiet.events() == []


def test_did_call_answered(fs: FreeSwitchEsl) -> None:
    client = connect(fs)
    fs.inbound_did_call("0791112233", "Anna Muster", did="0441234567")
    events = client.events()
    creates = named(events, "CHANNEL_CREATE")
    a, b = creates[0], creates[1]
    # 00_inbound_did.xml: the call lands in public with the DID, not the extension
    assert a["Call-Direction"] == "inbound"
    assert a["Caller-Destination-Number"] == "0441234567"
    assert a["Caller-Context"] == "public"
    assert a["Channel-Name"] == "sofia/external/0791112233@203.0.113.5"
    assert a["Caller-Caller-ID-Name"] == "Anna Muster"
    # Local_Extension bridges user/1001: outbound leg carrying the caller's id
    assert b["Call-Direction"] == "outbound"
    assert b["Channel-Name"].startswith("sofia/internal/sip:1001@")
    assert b["Caller-Caller-ID-Number"] == "0791112233"
    assert b["Caller-Caller-ID-Name"] == "Anna Muster"
    assert b["Caller-Destination-Number"] == "1001"
    assert b["Caller-Callee-ID-Name"] == "Outbound Call"
    assert b["Other-Type"] == "originator"
    assert b["Other-Leg-Unique-ID"] == a["Unique-ID"]
    assert b["Other-Leg-Destination-Number"] == "1001"  # after the transfer
    assert b["Other-Leg-RDNIS"] == "0441234567"
    assert ":bl_xfer:1001/default/XML" in b["Other-Leg-Transfer-Source"]
    order = [(e["Event-Name"], e["Unique-ID"]) for e in events]
    assert order.index(("CHANNEL_ANSWER", b["Unique-ID"])) < \
        order.index(("CHANNEL_ANSWER", a["Unique-ID"]))
    bridge = named(events, "CHANNEL_BRIDGE")
    assert len(bridge) == 1
    assert bridge[0]["Unique-ID"] == a["Unique-ID"]
    assert bridge[0]["Bridge-B-Unique-ID"] == b["Unique-ID"]
    assert bridge[0]["Other-Type"] == "originatee"
    done = {e["Unique-ID"]: e for e in named(events, "CHANNEL_HANGUP_COMPLETE")}
    assert done[a["Unique-ID"]]["Hangup-Cause"] == "NORMAL_CLEARING"
    assert done[a["Unique-ID"]]["Answer-State"] == "hangup"
    assert done[b["Unique-ID"]]["Channel-Call-UUID"] == a["Unique-ID"]
    sequence = [int(e["Event-Sequence"]) for e in events]
    assert sequence == sorted(sequence)


def test_did_call_voicemail(fs: FreeSwitchEsl) -> None:
    client = connect(fs)
    fs.inbound_did_call("0791112233", outcome="voicemail")
    events = client.events()
    a, b = named(events, "CHANNEL_CREATE")[:2]
    assert a["Caller-Caller-ID-Name"] == "0791112233"  # sofia: no display name -> from_user
    order = [(e["Event-Name"], e["Unique-ID"], e.get("Hangup-Cause")) for e in events]
    b_gone = order.index(("CHANNEL_HANGUP_COMPLETE", b["Unique-ID"], "NO_ANSWER"))
    a_answer = order.index(("CHANNEL_ANSWER", a["Unique-ID"], None))
    assert b_gone < a_answer
    assert not [e for e in named(events, "CHANNEL_ANSWER") if e["Unique-ID"] == b["Unique-ID"]]
    bridge = named(events, "CHANNEL_BRIDGE")[0]
    assert bridge["Unique-ID"] == a["Unique-ID"]
    assert bridge["Other-Leg-Channel-Name"] == "loopback/voicemail-a"
    assert named(events, "CHANNEL_HANGUP_COMPLETE")[-1]["Answer-State"] == "hangup"


def test_did_call_caller_hangs_up(fs: FreeSwitchEsl) -> None:
    client = connect(fs)
    fs.inbound_did_call("0791112233", outcome="caller_hangup")
    events = client.events()
    a, b = named(events, "CHANNEL_CREATE")[:2]
    assert named(events, "CHANNEL_ANSWER") == []
    done = {e["Unique-ID"]: e["Hangup-Cause"] for e in named(events, "CHANNEL_HANGUP_COMPLETE")}
    assert done == {a["Unique-ID"]: "NORMAL_CLEARING", b["Unique-ID"]: "ORIGINATOR_CANCEL"}


def test_internal_call_uses_effective_caller_id(fs: FreeSwitchEsl) -> None:
    client = connect(fs)
    fs.internal_call("1003")
    a, b = named(client.events(), "CHANNEL_CREATE")[:2]
    assert a["Caller-Caller-ID-Number"] == "1003"
    assert a["Caller-Destination-Number"] == "1001"
    assert b["Caller-Caller-ID-Name"] == "Extension 1003"  # effective_caller_id_name
    assert b["Caller-Orig-Caller-ID-Name"] == "1003"


def test_bgapi_originate_user(fs: FreeSwitchEsl) -> None:
    client = connect(fs)
    job = "7f4db78a-17d7-11dd-b7a0-db4edd065621"
    headers, _ = client.send(f"bgapi originate user/1001 0441234567 XML default\nJob-UUID: {job}")
    assert headers == {"Content-Type": "command/reply",
                       "Reply-Text": f"+OK Job-UUID: {job}", "Job-UUID": job}
    events = client.events()
    phone = named(events, "CHANNEL_CREATE")[0]
    assert phone["Call-Direction"] == "outbound"
    assert phone["Channel-Name"] == "sofia/internal/sip:1001@192.168.0.51:5060"
    assert phone["Caller-Caller-ID-Number"] == "0000000000"  # SWITCH_DEFAULT_CLID_NUMBER
    assert "Caller-Caller-ID-Name" not in phone             # SWITCH_DEFAULT_CLID_NAME ""
    assert phone["Caller-Destination-Number"] == "1001"
    assert phone["Caller-Callee-ID-Name"] == "Outbound Call"
    names = [e["Event-Name"] for e in events]
    assert names.index("CHANNEL_ANSWER") < names.index("BACKGROUND_JOB")
    result = named(events, "BACKGROUND_JOB")[0]
    assert result["Job-UUID"] == job
    assert result["Job-Command"] == "originate"
    assert result["Job-Command-Arg"] == "user/1001 0441234567 XML default"
    assert result["_body"] == f"+OK {phone['Unique-ID']}\n"
    remote = named(events, "CHANNEL_CREATE")[1]
    assert names.index("BACKGROUND_JOB") < events.index(remote)
    assert remote["Caller-Destination-Number"] == "0441234567"
    assert remote["Caller-Caller-ID-Number"] == "0000000000"  # outbound_caller_id (vars.xml)
    assert remote["Other-Leg-Unique-ID"] == phone["Unique-ID"]


def test_bgapi_originate_to_extension_shows_user_caller_id(fs: FreeSwitchEsl) -> None:
    client = connect(fs)
    client.send("bgapi originate user/1001 1002 XML default\nJob-UUID: j1")
    remote = named(client.events(), "CHANNEL_CREATE")[1]
    assert remote["Channel-Name"] == "sofia/internal/sip:1002@192.168.0.51:5060"
    assert remote["Caller-Caller-ID-Name"] == "Extension 1001"


def test_bgapi_originate_no_answer(fs: FreeSwitchEsl) -> None:
    fs.originate_outcome = "NO_ANSWER"
    client = connect(fs)
    client.send("bgapi originate user/1001 0441234567 XML default\nJob-UUID: j2")
    events = client.events()
    assert [e["Event-Name"] for e in events] == [
        "CHANNEL_CREATE", "CHANNEL_ORIGINATE", "CHANNEL_HANGUP", "BACKGROUND_JOB",
        "CHANNEL_HANGUP_COMPLETE"]
    assert named(events, "BACKGROUND_JOB")[0]["_body"] == "-ERR NO_ANSWER\n"


def test_bgapi_originate_loopback(fs: FreeSwitchEsl) -> None:
    client = connect(fs)
    client.send("bgapi originate loopback/1001 0441234567 XML default\nJob-UUID: j3")
    events = client.events()
    creates = named(events, "CHANNEL_CREATE")
    assert [(e["Channel-Name"], e["Call-Direction"]) for e in creates[:3]] == [
        ("loopback/1001-a", "outbound"), ("loopback/1001-b", "inbound"),
        ("sofia/internal/sip:1001@192.168.0.51:5060", "outbound")]
    assert named(events, "BACKGROUND_JOB")[0]["_body"] == f"+OK {creates[0]['Unique-ID']}\n"


def test_loopback_no_answer_still_reports_ok(fs: FreeSwitchEsl) -> None:
    fs.originate_outcome = "NO_ANSWER"
    client = connect(fs)
    client.send("bgapi originate loopback/1001 0441234567 XML default\nJob-UUID: j4")
    events = client.events()
    assert named(events, "BACKGROUND_JOB")[0]["_body"].startswith("+OK ")


def test_background_job_needs_subscription(fs: FreeSwitchEsl) -> None:
    client = connect(fs, "CHANNEL_CREATE")
    client.send("bgapi originate user/1001 0441234567 XML default\nJob-UUID: j5")
    assert "BACKGROUND_JOB" not in {e["Event-Name"] for e in client.events()}


def test_drop_before_job_and_silent(fs: FreeSwitchEsl) -> None:
    fs.drop_before_job = True
    client = connect(fs)
    headers, _ = client.send("bgapi originate user/1001 1 XML default\nJob-UUID: j6")
    assert headers["Reply-Text"] == "+OK Job-UUID: j6"
    with pytest.raises(EOFError):
        client.frame()
    fs.silent = True
    other = Client(fs.port)
    other.frame()
    other.sock.sendall(b"auth ClueCon\n\n")
    other.sock.settimeout(0.3)
    with pytest.raises(TimeoutError):
        other.frame()
    assert fs.commands[-1] == "auth ClueCon"


# -- call control: ring / answer, uuid_answer, uuid_kill, uuid_transfer --------------------


def ringing(fs: FreeSwitchEsl, client: Client) -> FsCall:
    call = fs.ring("0791112233", "Anna Muster")
    events = client.events(until=3)
    assert [e["Event-Name"] for e in events] == [
        "CHANNEL_CREATE", "CHANNEL_CREATE", "CHANNEL_ORIGINATE"]
    return call


def api(client: Client, command: str) -> str:
    headers, body = client.send(f"api {command}")
    assert headers["Content-Type"] == "api/response"
    return body


def test_ring_keeps_ringing_until_the_phone_answers(fs: FreeSwitchEsl) -> None:
    client = connect(fs)
    call = fs.ring("0791112233", "Anna Muster")
    events = client.events()
    assert [(e["Event-Name"], e["Unique-ID"]) for e in events] == [
        ("CHANNEL_CREATE", call.caller_uuid), ("CHANNEL_CREATE", call.callee_uuid),
        ("CHANNEL_ORIGINATE", call.callee_uuid)]
    assert call.caller_name == "sofia/external/0791112233@203.0.113.5"
    assert call.callee_name == "sofia/internal/sip:1001@192.168.0.51:5060"
    assert events[1]["Other-Leg-Unique-ID"] == call.caller_uuid
    assert call.state == "ringing" and client.events() == []
    call.answer()
    events = client.events()
    assert [(e["Event-Name"], e["Unique-ID"]) for e in events] == [
        ("CHANNEL_ANSWER", call.callee_uuid), ("CHANNEL_ANSWER", call.caller_uuid),
        ("CHANNEL_BRIDGE", call.caller_uuid)]
    assert events[2]["Bridge-B-Unique-ID"] == call.callee_uuid
    call.caller_hangs_up()
    done = {e["Unique-ID"]: e["Hangup-Cause"]
            for e in named(client.events(), "CHANNEL_HANGUP_COMPLETE")}
    assert done == {call.caller_uuid: "NORMAL_CLEARING", call.callee_uuid: "NORMAL_CLEARING"}
    assert call.state == "gone"


def test_uuid_kill_replies(fs: FreeSwitchEsl) -> None:
    client = connect(fs)
    assert api(client, "uuid_kill") == "-USAGE: <uuid> [cause]\n"
    assert api(client, "uuid_kill 5e4c-no-such") == "-ERR No such channel!\n"
    call = ringing(fs, client)
    call.vanish(announce=False)  # gone on the switch; the client has not seen it yet
    assert api(client, f"uuid_kill {call.callee_uuid}") == "-ERR No such channel!\n"
    assert client.events() == []
    assert fs.commands[-1] == f"api uuid_kill {call.callee_uuid}"


def test_uuid_kill_of_the_ringing_caller_declines(fs: FreeSwitchEsl) -> None:
    client = connect(fs)
    call = ringing(fs, client)
    assert api(client, f"uuid_kill {call.caller_uuid} CALL_REJECTED") == "+OK\n"
    events = client.events()
    assert [(e["Event-Name"], e["Unique-ID"], e["Hangup-Cause"]) for e in events] == [
        ("CHANNEL_HANGUP", call.caller_uuid, "CALL_REJECTED"),
        ("CHANNEL_HANGUP", call.callee_uuid, "ORIGINATOR_CANCEL"),
        ("CHANNEL_HANGUP_COMPLETE", call.callee_uuid, "ORIGINATOR_CANCEL"),
        ("CHANNEL_HANGUP_COMPLETE", call.caller_uuid, "CALL_REJECTED")]
    assert events[0]["Answer-State"] == "hangup"
    assert events[0]["Event-Calling-Function"] == "switch_channel_perform_hangup"


def test_uuid_kill_of_the_ringing_phone_leg_goes_to_voicemail(fs: FreeSwitchEsl) -> None:
    client = connect(fs)
    call = ringing(fs, client)
    assert api(client, f"uuid_kill {call.callee_uuid} 17") == "+OK\n"  # atoi -> USER_BUSY
    events = client.events()
    assert [(e["Event-Name"], e["Unique-ID"]) for e in events[:3]] == [
        ("CHANNEL_HANGUP", call.callee_uuid), ("CHANNEL_HANGUP_COMPLETE", call.callee_uuid),
        ("CHANNEL_ANSWER", call.caller_uuid)]
    assert events[0]["Hangup-Cause"] == "USER_BUSY"
    bridge = named(events, "CHANNEL_BRIDGE")[0]
    assert bridge["Other-Leg-Channel-Name"] == "loopback/voicemail-a"
    assert call.state == "voicemail"
    assert api(client, f"uuid_kill {call.callee_uuid}") == "-ERR No such channel!\n"
    assert api(client, f"uuid_kill {call.caller_uuid} no_such_cause") == "+OK\n"
    done = named(client.events(), "CHANNEL_HANGUP_COMPLETE")
    assert [e["Hangup-Cause"] for e in done] == ["NORMAL_CLEARING"] * 3


def test_uuid_kill_of_an_answered_leg(fs: FreeSwitchEsl) -> None:
    client = connect(fs)
    call = ringing(fs, client)
    call.answer()
    client.events()
    assert api(client, f"uuid_kill {call.callee_uuid} CALL_REJECTED") == "+OK\n"
    events = client.events()
    assert [(e["Event-Name"], e["Unique-ID"]) for e in events] == [
        ("CHANNEL_HANGUP", call.callee_uuid), ("CHANNEL_UNBRIDGE", call.caller_uuid),
        ("CHANNEL_HANGUP", call.caller_uuid), ("CHANNEL_HANGUP_COMPLETE", call.callee_uuid),
        ("CHANNEL_HANGUP_COMPLETE", call.caller_uuid)]
    # hangup_after_bridge=true: the caller is hung up with the peer's cause
    assert {e["Hangup-Cause"] for e in named(events, "CHANNEL_HANGUP")} == {"CALL_REJECTED"}
    second = ringing(fs, client)
    second.answer()
    client.events()
    assert api(client, f"uuid_kill {second.caller_uuid}") == "+OK\n"
    hangups = [(e["Unique-ID"], e["Hangup-Cause"])
               for e in named(client.events(), "CHANNEL_HANGUP")]
    assert hangups == [(second.caller_uuid, "NORMAL_CLEARING"),
                       (second.callee_uuid, "NORMAL_CLEARING")]


def test_uuid_answer(fs: FreeSwitchEsl) -> None:
    client = connect(fs)
    assert api(client, "uuid_answer") == "-ERROR\n"
    assert api(client, "uuid_answer 5e4c-no-such") == "-ERROR\n"
    call = ringing(fs, client)
    # switch_channel_perform_answer() on an outbound leg: SUCCESS, nothing happens
    assert api(client, f"uuid_answer {call.callee_uuid}") == "+OK\n"
    assert client.events() == [] and call.state == "ringing"
    assert api(client, f"uuid_answer {call.caller_uuid}") == "+OK\n"
    events = client.events()
    assert [(e["Event-Name"], e["Unique-ID"], e["Answer-State"]) for e in events] == [
        ("CHANNEL_ANSWER", call.caller_uuid, "answered")]
    assert api(client, f"uuid_answer {call.caller_uuid}") == "+OK\n"  # already answered
    assert client.events() == []
    call.answer()  # the caller was answered already: no second CHANNEL_ANSWER for it
    assert [(e["Event-Name"], e["Unique-ID"]) for e in client.events()] == [
        ("CHANNEL_ANSWER", call.callee_uuid), ("CHANNEL_BRIDGE", call.caller_uuid)]
    call.vanish(linger=True)
    assert api(client, f"uuid_answer {call.caller_uuid}") == "-ERROR\n"
    assert api(client, f"uuid_kill {call.caller_uuid}") == "+OK\n"
    assert api(client, f"uuid_transfer {call.caller_uuid} 1002") == "+OK\n"
    assert client.events() == []
    call.vanish()
    assert len(named(client.events(), "CHANNEL_HANGUP_COMPLETE")) == 2


def test_uuid_transfer_of_the_answered_caller(fs: FreeSwitchEsl) -> None:
    client = connect(fs)
    call = ringing(fs, client)
    call.answer()
    client.events()
    assert api(client, f"uuid_transfer {call.caller_uuid} 1002") == "+OK\n"
    fs.join()
    events = client.events()
    assert [(e["Event-Name"], e["Unique-ID"]) for e in events[:4]] == [
        ("CHANNEL_UNBRIDGE", call.caller_uuid), ("CHANNEL_HANGUP", call.callee_uuid),
        ("CHANNEL_HANGUP_COMPLETE", call.callee_uuid), ("CHANNEL_EXECUTE", call.caller_uuid)]
    unbridge = events[0]
    assert unbridge["Caller-Destination-Number"] == "1002"
    assert unbridge["Caller-Context"] == "default" and unbridge["Caller-Dialplan"] == "XML"
    assert unbridge["Caller-RDNIS"] == "1001"
    assert unbridge["Caller-Transfer-Source"].endswith(":bl_xfer:1002/default/XML")
    assert unbridge["Caller-Profile-Index"] == "3"
    assert events[1]["Hangup-Cause"] == "NORMAL_CLEARING"
    execute = events[3]
    assert execute["Application"] == "bridge"
    assert execute["Application-Data"] == "user/1002@192.168.0.10"
    assert execute["Event-Calling-Function"] == "switch_core_session_exec"
    new = named(events, "CHANNEL_CREATE")[0]
    assert new["Channel-Name"] == "sofia/internal/sip:1002@192.168.0.51:5060"
    assert new["Caller-Caller-ID-Number"] == "0791112233"
    assert new["Other-Leg-Unique-ID"] == call.caller_uuid
    moved = call.transferred_to
    assert moved is not None and moved.state == "up" and moved.caller_uuid == call.caller_uuid
    assert named(events, "CHANNEL_BRIDGE")[0]["Bridge-B-Unique-ID"] == moved.callee_uuid


def test_uuid_transfer_bleg_both_and_errors(fs: FreeSwitchEsl) -> None:
    fs.transfer_answers = False
    client = connect(fs)
    usage = "-USAGE: <uuid> [-bleg|-both] <dest-exten> [<dialplan>] [<context>]\n"
    assert api(client, "uuid_transfer") == usage
    assert api(client, "uuid_transfer onlyone") == usage
    assert api(client, "uuid_transfer 5e4c-no-such 1002") == "-ERR No such channel!\n"
    call = ringing(fs, client)
    call.answer()
    client.events()
    # -bleg from the phone leg names the caller (bridge_uuid)
    assert api(client, f"uuid_transfer {call.callee_uuid} -bleg 1003 XML default") == "+OK\n"
    fs.join()
    events = client.events()
    assert named(events, "CHANNEL_HANGUP")[0]["Unique-ID"] == call.callee_uuid
    assert named(events, "CHANNEL_EXECUTE")[0]["Unique-ID"] == call.caller_uuid
    moved = call.transferred_to
    assert moved is not None and moved.state == "ringing"
    moved.answer()
    client.events()
    assert api(client, f"uuid_transfer {moved.caller_uuid} -both 1004") == "+OK\n"
    fs.join()
    executes = named(client.events(), "CHANNEL_EXECUTE")
    assert [(e["Unique-ID"], e["Application-Data"]) for e in executes] == [
        (moved.callee_uuid, "user/1004@192.168.0.10"),
        (moved.caller_uuid, "user/1004@192.168.0.10")]


def test_uuid_transfer_of_the_phone_leg_drops_the_caller(fs: FreeSwitchEsl) -> None:
    client = connect(fs)
    call = ringing(fs, client)
    call.answer()
    client.events()
    assert api(client, f"uuid_transfer {call.callee_uuid} 1002") == "+OK\n"
    fs.join()
    events = client.events()
    hangup = named(events, "CHANNEL_HANGUP")[0]
    assert (hangup["Unique-ID"], hangup["Hangup-Cause"]) == (call.caller_uuid,
                                                             "NORMAL_CLEARING")
    assert named(events, "CHANNEL_EXECUTE")[0]["Unique-ID"] == call.callee_uuid


def test_uuid_transfer_while_ringing_no_route_and_max_forwards(fs: FreeSwitchEsl) -> None:
    client = connect(fs)
    call = ringing(fs, client)
    assert api(client, f"uuid_transfer {call.caller_uuid} 0795550000") == "+OK\n"
    fs.join()
    events = client.events()
    assert [(e["Event-Name"], e["Unique-ID"], e["Hangup-Cause"]) for e in events] == [
        ("CHANNEL_HANGUP", call.callee_uuid, "ORIGINATOR_CANCEL"),
        ("CHANNEL_HANGUP_COMPLETE", call.callee_uuid, "ORIGINATOR_CANCEL"),
        ("CHANNEL_HANGUP", call.caller_uuid, "NO_ROUTE_DESTINATION"),
        ("CHANNEL_HANGUP_COMPLETE", call.caller_uuid, "NO_ROUTE_DESTINATION")]
    assert events[2]["Caller-Destination-Number"] == "0795550000"
    other = ringing(fs, client)
    other.a.variables["max_forwards"] = "1"
    assert api(client, f"uuid_transfer {other.caller_uuid} 1002") == "-ERR\n"
    hangup = named(client.events(), "CHANNEL_HANGUP")[0]
    assert (hangup["Unique-ID"], hangup["Hangup-Cause"]) == (other.caller_uuid,
                                                             "EXCHANGE_ROUTING_ERROR")


def test_bgapi_call_control_jobs(fs: FreeSwitchEsl) -> None:
    client = connect(fs)
    call = ringing(fs, client)
    call.answer()
    client.events()
    headers, _ = client.send(f"bgapi uuid_transfer {call.caller_uuid} 1002\nJob-UUID: t1")
    assert headers["Reply-Text"] == "+OK Job-UUID: t1"
    fs.join()
    events = client.events()
    assert events[0]["Event-Name"] == "BACKGROUND_JOB"  # the transfer happens afterwards
    assert (events[0]["Job-Command"], events[0]["_body"]) == ("uuid_transfer", "+OK\n")
    moved = call.transferred_to
    assert moved is not None
    client.send(f"bgapi uuid_kill {moved.callee_uuid} USER_BUSY\nJob-UUID: k1")
    fs.join()
    events = client.events()
    assert events[0]["Event-Name"] == "CHANNEL_HANGUP"  # fired inside the api call
    job = named(events, "BACKGROUND_JOB")[0]
    assert (job["Job-UUID"], job["Job-Command-Arg"], job["_body"]) == (
        "k1", f"{moved.callee_uuid} USER_BUSY", "+OK\n")
    client.send("bgapi uuid_kill 5e4c-no-such\nJob-UUID: k2")
    fs.join()
    assert named(client.events(), "BACKGROUND_JOB")[0]["_body"] == "-ERR No such channel!\n"


def test_refused_commands(fs: FreeSwitchEsl) -> None:
    fs.esl_users = {"desk@192.168.0.10": ("secret", "uuid_answer,status")}
    client = Client(fs.port)
    client.frame()
    headers, _ = client.send("userauth desk@192.168.0.10:secret")
    assert headers == {"Content-Type": "command/reply", "Reply-Text": "+OK accepted",
                       "Allowed-Events": "all", "Allowed-API": "uuid_answer,status",
                       "Allowed-LOG": "true"}
    client.send("event plain ALL")
    call = ringing(fs, client)
    assert client.send(f"api uuid_kill {call.caller_uuid}")[0] == {
        "Content-Type": "command/reply", "Reply-Text": "-ERR permission denied"}
    assert client.send("bgapi uuid_transfer x 1002")[0]["Reply-Text"] == (
        "-ERR permission denied")
    assert api(client, f"uuid_answer {call.caller_uuid}") == "+OK\n"
    assert client.events()[0]["Event-Name"] == "CHANNEL_ANSWER"
    fs.refuse = {"uuid_answer": "-ERROR\n"}
    assert api(client, f"uuid_answer {call.callee_uuid}") == "-ERROR\n"
    bad = Client(fs.port)
    bad.frame()
    assert bad.send("userauth desk@192.168.0.10:wrong")[0]["Reply-Text"] == "-ERR invalid"
    assert bad.frame()[0]["Content-Type"] == "text/disconnect-notice"


def test_cause_names() -> None:
    assert cause_name("") == "NORMAL_CLEARING"
    assert cause_name("call_rejected") == "CALL_REJECTED"  # strcasecmp
    assert cause_name("21") == "CALL_REJECTED" and cause_name("17x") == "USER_BUSY"
    assert cause_name("5") == "UNKNOWN" and cause_name("nonsense") == "NORMAL_CLEARING"
