"""AMI building blocks against the documented wire format, faults and injections included."""

from __future__ import annotations

import pytest

from desktop_client.core.calls import CallState
from desktop_client.phones.ami import wire as ami

DEVICE = ami.Device("PJSIP/101", "from-internal", "Anna <101>")


def test_decoder_banner_split_messages_and_limits() -> None:
    decoder = ami.Decoder()
    stream = (b"Asterisk Call Manager/7.0.3\r\nResponse: Success\r\nActionID: l1\r\n"
              b"Message: Authentication accepted\r\n\r\nEvent: FullyBooted\r\n\r\n")
    messages = [m for byte in stream for m in decoder.feed(bytes([byte]))]
    assert decoder.banner == "Asterisk Call Manager/7.0.3"
    assert messages == [{"Response": "Success", "ActionID": "l1",
                         "Message": "Authentication accepted"}, {"Event": "FullyBooted"}]
    with pytest.raises(ami.AmiError):
        ami.Decoder().feed(b"x" * 300)
    flood = ami.Decoder()
    flood.feed(b"Asterisk Call Manager/7\r\n")
    with pytest.raises(ami.AmiError):
        flood.feed(b"Key: " + b"v" * 20_000)


def test_originate_lets_only_digits_into_the_number() -> None:
    wire = ami.originate("o1", DEVICE, "+41446681800")
    assert wire == (b"Action: Originate\r\nActionID: o1\r\nChannel: PJSIP/101\r\n"
                    b"Context: from-internal\r\nExten: +41446681800\r\nPriority: 1\r\n"
                    b"Async: true\r\nCallerID: Anna <101>\r\n\r\n")
    for hostile in ("+41446681800\r\nAction: Originate", "123&RELEASE", "1;2", "", "*#06#"):
        with pytest.raises(ami.AmiError):
            ami.originate("o2", DEVICE, hostile)


def test_no_field_carries_a_line_break() -> None:
    with pytest.raises(ami.AmiError):
        ami.login("l1", "admin", "pw\r\nAction: Originate")
    with pytest.raises(ValueError, match="channel"):
        ami.Device("PJSIP/101\r\nAction: Command", "from-internal")
    assert ami.ping("p1") == b"Action: Ping\r\nActionID: p1\r\n\r\n"


def test_events_for_the_users_device() -> None:
    mapper = ami.EventMapper(DEVICE)
    assert mapper.map({"Event": "DialBegin", "DestChannel": "PJSIP/102-0001",
                       "DestUniqueid": "x", "CallerIDNum": "0441234567"}) is None
    ringing = mapper.map({"Event": "DialBegin", "Channel": "PJSIP/trunk-0000001f",
                          "DestChannel": "PJSIP/101-00000004",
                          "DestUniqueid": "1700000000.5", "CallerIDNum": "0446681842",
                          "CallerIDName": "Anna Meier"})
    assert ringing is not None
    assert (ringing.call_id, ringing.state, ringing.remote_number, ringing.remote_name) == (
        "ami:1700000000.5", CallState.RINGING, "0446681842", "Anna Meier")
    up = mapper.map({"Event": "Newstate", "Uniqueid": "1700000000.5",
                     "ChannelStateDesc": "Up"})
    assert up is not None and up.state == CallState.ANSWERED
    down = mapper.map({"Event": "Hangup", "Uniqueid": "1700000000.5", "Cause": "16"})
    assert down is not None and down.state == CallState.ENDED
    assert mapper.map({"Event": "Hangup", "Uniqueid": "1700000000.5"}) is None
    withheld = mapper.map({"Event": "DialBegin", "Channel": "PJSIP/trunk-0000001f",
                          "DestChannel": "PJSIP/101-9",
                          "DestUniqueid": "y", "CallerIDNum": "<unknown>",
                           "CallerIDName": "<unknown>"})
    assert withheld is not None and withheld.remote_number == "" and withheld.remote_name == ""


def test_a_caller_name_split_inside_a_character_survives() -> None:
    decoder = ami.Decoder()
    decoder.feed(b"Asterisk Call Manager/7.0.3\r\n")
    stream = "Event: DialBegin\r\nCallerIDName: M\u00fcller \u5f20\r\n\r\n".encode()
    messages = [m for byte in stream for m in decoder.feed(bytes([byte]))]
    assert messages == [{"Event": "DialBegin", "CallerIDName": "M\u00fcller \u5f20"}]


def test_wrong_credentials_do_not_retry_in_a_tight_loop() -> None:
    from desktop_client.core.backoff import Backoff

    backoff = Backoff(rng=lambda: 0.0)
    delays = [backoff.next_delay() for _ in range(6)]
    assert sum(delays) > 12  # six refused logins take more than 12 s, not a busy loop


def test_the_leg_an_originate_rings_first_is_not_an_incoming_call() -> None:
    """Asterisk dials the user's phone for an Originate with no calling channel (pbx.c:
    ast_dial_run(outgoing->dial, NULL, 0)); manager_channels.c then sends only Dest* fields,
    as in the trace of PAMI issue #120."""
    mapper = ami.EventMapper(ami.Device("PJSIP/101", "from-internal"))
    originate_leg = {"Event": "DialBegin", "Privilege": "call,all",
                     "DestChannel": "PJSIP/101-00000020", "DestChannelState": "0",
                     "DestChannelStateDesc": "Down", "DestCallerIDNum": "<unknown>",
                     "DestCallerIDName": "<unknown>", "DestConnectedLineNum": "<unknown>",
                     "DestConnectedLineName": "<unknown>", "DestLanguage": "en",
                     "DestAccountCode": "", "DestContext": "from-internal", "DestExten": "s",
                     "DestPriority": "1", "DestUniqueid": "1700000000.32",
                     "DestLinkedid": "1700000000.32", "DialString": "101"}
    assert mapper.map(originate_leg) is None
    for later in ({"Event": "Newstate", "Uniqueid": "1700000000.32",
                   "ChannelStateDesc": "Up"},
                  {"Event": "Hangup", "Uniqueid": "1700000000.32", "Cause": "16"}):
        assert mapper.map(later) is None
