"""FreeSWITCH event-socket building blocks against the documented wire format."""

from __future__ import annotations

import pytest

from desktop_client.core.calls import CallState
from desktop_client.cti import esl


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
    mapper = esl.EventMapper("1001")
    def body(**fields: str) -> str:
        return "".join(f"{k.replace('_', '-')}: {v}\n" for k, v in fields.items())
    assert mapper.map(body(Event_Name="CHANNEL_CREATE", Unique_ID="a",
                           Caller_Destination_Number="1002", Call_Direction="inbound")) is None
    ringing = mapper.map(body(Event_Name="CHANNEL_CREATE", Unique_ID="b",
                              Caller_Destination_Number="1001", Call_Direction="inbound",
                              Caller_Caller_ID_Number="0446681842",
                              Caller_Caller_ID_Name="Anna%20M%C3%BCller"))
    assert ringing is not None
    assert (ringing.state, ringing.remote_number, ringing.remote_name) == (
        CallState.RINGING, "0446681842", "Anna Müller")
    answered = mapper.map(body(Event_Name="CHANNEL_ANSWER", Unique_ID="b"))
    assert answered is not None and answered.state == CallState.ANSWERED
    ended = mapper.map(body(Event_Name="CHANNEL_HANGUP_COMPLETE", Unique_ID="b"))
    assert ended is not None and ended.state == CallState.ENDED
    assert mapper.map(body(Event_Name="CHANNEL_HANGUP_COMPLETE", Unique_ID="b")) is None
