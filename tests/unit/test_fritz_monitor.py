"""The FRITZ!Box call monitor's documented line format."""

from __future__ import annotations

from desktop_client.core.calls import CallState
from desktop_client.cti.fritz_monitor import MonitorParser


def test_incoming_call_ring_connect_disconnect() -> None:
    parser = MonitorParser()
    ring = parser.parse("26.11.26 14:01:02;RING;0;0446681842;6681800;SIP0;")
    assert ring is not None
    assert (ring.call_id, ring.state, ring.remote_number, ring.local_line, ring.source) == (
        "fritz:0", CallState.RINGING, "0446681842", "6681800", "fritzbox")
    answered = parser.parse("26.11.26 14:01:05;CONNECT;0;10;0446681842;")
    assert answered is not None and answered.state == CallState.ANSWERED
    ended = parser.parse("26.11.26 14:02:05;DISCONNECT;0;60;")
    assert ended is not None and ended.state == CallState.ENDED
    assert ended.at - ring.at == 63


def test_withheld_caller_and_outgoing_calls() -> None:
    parser = MonitorParser()
    withheld = parser.parse("26.11.26 14:01:02;RING;1;;6681800;SIP0;")
    assert withheld is not None and withheld.remote_number == ""
    assert parser.parse("26.11.26 14:03:00;CALL;2;10;6681800;0441234567;SIP0;") is None
    assert parser.parse("26.11.26 14:03:05;CONNECT;2;10;0441234567;") is None
    assert parser.parse("26.11.26 14:04:05;DISCONNECT;2;60;") is None


def test_garbage_lines_are_ignored() -> None:
    parser = MonitorParser()
    for line in ("", "hello", "x;RING;a;1;2;SIP0;", "26.11.26 14:01:02;RING;0;" + "9" * 600,
                 "26.11.26 14:01:02;DISCONNECT;7;0;"):
        assert parser.parse(line) is None
    odd_date = parser.parse("yesterday;RING;3;0446681842;6681800;SIP0;")
    assert odd_date is not None and odd_date.state == CallState.RINGING
