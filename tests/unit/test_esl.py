"""FreeSWITCH event-socket building blocks against the documented wire format."""

from __future__ import annotations

import pytest

from desktop_client.core.calls import CallState
from desktop_client.phones.freeswitch import wire as esl


def _event(**fields: str) -> bytes:
    body = "".join(f"{k.replace('_', '-')}: {v}\n" for k, v in fields.items())
    return (f"Content-Length: {len(body.encode())}\nContent-Type: text/event-plain\n\n"
            f"{body}").encode()


def test_decoder_frames_split_anywhere() -> None:
    stream = (b"Content-Type: auth/request\n\n"
              b"Content-Type: command/reply\nReply-Text: +OK accepted\n\n"
              + _event(Event_Name="CHANNEL_CREATE", Unique_ID="u1",
                       Caller_Caller_ID_Name="M%C3%BCller"))
    decoder = esl.Decoder()
    frames = [f for byte in stream for f in decoder.feed(bytes([byte]))]
    assert [h.get("Content-Type") for h, _ in frames] == [
        "auth/request", "command/reply", "text/event-plain"]
    assert "Caller-Caller-ID-Name: M%C3%BCller" in frames[2][1]
    with pytest.raises(esl.EslError):
        esl.Decoder().feed(b"Content-Length: 99999999\n\n")


def test_commands_refuse_injection() -> None:
    assert esl.originate("j1", "user/1001", "+41446681800") == (
        b"bgapi originate user/1001 +41446681800 XML default\nJob-UUID: j1\n\n")
    for hostile in ("+41446681800\n\napi shutdown", "123 &park", ""):
        with pytest.raises(esl.EslError):
            esl.originate("j2", "user/1001", hostile)
    with pytest.raises(esl.EslError):
        esl.originate("j3", "user/1001 &echo", "123")
    with pytest.raises(esl.EslError):
        esl.auth("pw\n\napi shutdown")


def test_events_for_the_users_extension() -> None:
    """The caller's leg (inbound, to 1001) is not followed; the leg bridged to the user's
    phone (outbound, to 1001, with its originator) is."""
    mapper = esl.EventMapper("1001")
    def body(**fields: str) -> str:
        return "".join(f"{k.replace('_', '-')}: {v}\n" for k, v in fields.items())
    assert mapper.map(body(Event_Name="CHANNEL_CREATE", Unique_ID="a",
                           Caller_Destination_Number="1001", Call_Direction="inbound",
                           Caller_Caller_ID_Number="0446681842")) is None
    assert mapper.map(body(Event_Name="CHANNEL_CREATE", Unique_ID="x",
                           Caller_Destination_Number="1002", Call_Direction="outbound",
                           Other_Type="originator", Other_Leg_Unique_ID="a")) is None
    ringing = mapper.map(body(Event_Name="CHANNEL_CREATE", Unique_ID="b",
                              Channel_Name="sofia/internal/sip%3A1001%40192.168.0.51%3A5060",
                              Caller_Destination_Number="1001", Call_Direction="outbound",
                              Caller_Caller_ID_Number="0446681842",
                              Caller_Caller_ID_Name="Anna%20M%C3%BCller",
                              Other_Type="originator", Other_Leg_Unique_ID="a"))
    assert ringing is not None
    assert (ringing.call_id, ringing.state, ringing.remote_number, ringing.remote_name) == (
        "esl:a", CallState.RINGING, "0446681842", "Anna Müller")
    assert mapper.map(body(Event_Name="CHANNEL_ANSWER", Unique_ID="a")) is None  # voicemail
    answered = mapper.map(body(Event_Name="CHANNEL_ANSWER", Unique_ID="b"))
    assert answered is not None and answered.state == CallState.ANSWERED
    ended = mapper.map(body(Event_Name="CHANNEL_HANGUP_COMPLETE", Unique_ID="b"))
    assert ended is not None and ended.state == CallState.ENDED
    assert mapper.map(body(Event_Name="CHANNEL_HANGUP_COMPLETE", Unique_ID="b")) is None


def test_a_user_with_two_registered_phones_is_one_call() -> None:
    """user/1001 with a desk phone and a softphone rings two legs; when one answers the other
    ends with LOSE_RACE: the call lasts until the answering leg hangs up."""
    mapper = esl.EventMapper("1001")

    def leg(event: str, uuid: str) -> str:
        return (f"Event-Name: {event}\nUnique-ID: {uuid}\nCall-Direction: outbound\n"
                "Caller-Destination-Number: 1001\nCaller-Caller-ID-Number: 0446681842\n"
                "Other-Type: originator\nOther-Leg-Unique-ID: caller\n")

    first = mapper.map(leg("CHANNEL_CREATE", "desk"))
    assert first is not None and first.state == CallState.RINGING
    assert mapper.map(leg("CHANNEL_CREATE", "soft")) is None
    answered = mapper.map(leg("CHANNEL_ANSWER", "soft"))
    assert answered is not None and answered.state == CallState.ANSWERED
    assert mapper.map(leg("CHANNEL_HANGUP_COMPLETE", "desk")) is None  # LOSE_RACE
    ended = mapper.map(leg("CHANNEL_HANGUP_COMPLETE", "soft"))
    assert ended is not None and ended.state == CallState.ENDED and ended.call_id == "esl:caller"


def test_an_originate_through_loopback_is_ours_whatever_order_its_legs_come_in() -> None:
    """mod_loopback starts -b's thread before -a's own CHANNEL_CREATE: -b may come first."""
    mapper = esl.EventMapper("1001")

    def create(uuid: str, name: str, direction: str, other: str = "") -> str:
        head = (f"Event-Name: CHANNEL_CREATE\nUnique-ID: {uuid}\nChannel-Name: {name}\n"
                f"Call-Direction: {direction}\nCaller-Destination-Number: 1001\n"
                "Caller-Caller-ID-Number: 0000000000\n")
        return head + (f"Other-Type: originator\nOther-Leg-Unique-ID: {other}\n"
                       if other else "")

    for order in (("a", "b"), ("b", "a")):
        legs = {"a": create("A" + order[0], "loopback/1001-a", "outbound"),
                "b": create("B" + order[0], "loopback/1001-b", "inbound")}
        for leg in order:
            assert mapper.map(legs[leg]) is None
        phone = create("P" + order[0], "sofia/internal/sip:1001@192.168.0.51:5060",
                       "outbound", other="B" + order[0])
        assert mapper.map(phone) is None, order  # the user's own click-to-dial
