"""linphone-daemon's answers and events, as the real daemon prints them."""

from __future__ import annotations

import pytest

from desktop_client.core.calls import CallState
from desktop_client.phones.linphone import wire as linphone


def test_call_command_refuses_injection() -> None:
    assert linphone.call("+41446681800", "pbx.example.com:5060") == (
        b"call sip:+41446681800@pbx.example.com:5060\n")
    for number in ("+41446681800\nterminate", "1@evil", ""):
        with pytest.raises(linphone.LinphoneError):
            linphone.call(number, "pbx")
    with pytest.raises(linphone.LinphoneError):
        linphone.call("123", "pbx\nquit")


def test_events_from_pop_event() -> None:
    mapper = linphone.EventMapper()
    ok, ring = linphone.parse("Status: Ok\n\nSize: 0\nEvent-type: call-state-changed\n\n"
                              "Event: LinphoneCallIncomingReceived\n"
                              "From: sip:+41441234567@127.0.0.1:59997\nId: 1\n\n\n\n")
    assert ok
    ringing = mapper.map(ring)
    assert ringing is not None and (ringing.state, ringing.remote_number) == (
        CallState.RINGING, "+41441234567")
    _ok, end = linphone.parse("Status: Ok\n\nSize: 1\nEvent-type: call-state-changed\n\n"
                              "Event: LinphoneCallEnd\nFrom: sip:+41441234567@x\nId: 1\n\n")
    ended = mapper.map(end)
    assert ended is not None and ended.state == CallState.ENDED
    _ok, released = linphone.parse("Status: Ok\n\nEvent: LinphoneCallReleased\nId: 1\n")
    assert mapper.map(released) is None  # already ended
    assert linphone.parse("Status: Error\nReason: No call")[0] is False
