"""The FreeSWITCH event-socket emulator against the source facts it claims (raw sockets only)."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from urllib.parse import unquote

import pytest

from tests.emulators.freeswitch import FreeSwitchEsl, serialize, url_encode

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
