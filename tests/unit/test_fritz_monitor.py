"""The FRITZ!Box call monitor's documented line format."""

from __future__ import annotations

from desktop_client.core.calls import CallState
from desktop_client.incoming.tracker import CallTracker
from desktop_client.phones.fritzbox.monitor import MonitorParser

# A real box's monitor over one morning (ConnectionIDs as observed: the lowest free one, so
# almost always 0; the lines follow traces published by FHEM's 72_FB_CALLMONITOR users and
# other call-monitor clients, e.g. "21.11.13 22:36:08;RING;0;01606685404;3005988;SIP0;").
A_MORNING = """\
28.11.26 08:02:11;RING;0;0446681842;6681800;SIP0;
28.11.26 08:02:30;DISCONNECT;0;0;
28.11.26 08:15:40;CALL;0;10;6681800;0449998877;SIP0;
28.11.26 08:15:44;CONNECT;0;10;0449998877;
28.11.26 08:17:02;DISCONNECT;0;78;
28.11.26 09:41:05;RING;0;0791234567;6681800;SIP0;
28.11.26 09:41:09;CONNECT;0;10;0791234567;
28.11.26 09:44:09;DISCONNECT;0;180;
28.11.26 10:05:55;RING;0;0446681842;6681800;SIP0;
28.11.26 10:05:58;RING;1;0317654321;6681800;SIP0;
28.11.26 10:06:20;DISCONNECT;1;0;
28.11.26 10:06:21;CONNECT;0;10;0446681842;
28.11.26 10:07:21;DISCONNECT;0;60;
"""


def test_incoming_call_ring_connect_disconnect() -> None:
    parser = MonitorParser()
    ring = parser.parse("26.11.26 14:01:02;RING;0;0446681842;6681800;SIP0;")
    assert ring is not None
    assert (ring.state, ring.remote_number, ring.local_line, ring.source) == (
        CallState.RINGING, "0446681842", "6681800", "fritzbox")
    assert ring.call_id.startswith("fritz:") and ring.call_id.endswith(":0")
    answered = parser.parse("26.11.26 14:01:05;CONNECT;0;10;0446681842;")
    assert answered is not None and answered.state == CallState.ANSWERED
    ended = parser.parse("26.11.26 14:02:05;DISCONNECT;0;60;")
    assert ended is not None and ended.state == CallState.ENDED
    assert answered.call_id == ended.call_id == ring.call_id
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


def test_reused_connection_ids_are_new_calls_every_time() -> None:
    """The box reuses ConnectionID 0 for nearly every call: each RING is a call of its own."""
    parser = MonitorParser()
    tracker = CallTracker()
    outcomes = []
    for line in A_MORNING.splitlines():
        event = parser.parse(line)
        transition = tracker.feed(event) if event is not None else None
        if transition is not None and transition.kind == "ended":
            outcomes.append((transition.call.first.remote_number, transition.outcome,
                             transition.duration_s))
    assert outcomes == [("0446681842", "missed", 0), ("0791234567", "answered", 180),
                        ("0317654321", "missed", 0), ("0446681842", "answered", 60)]


def test_a_restarted_parser_never_repeats_a_call_id() -> None:
    first = MonitorParser().parse("28.11.26 08:02:11;RING;0;0446681842;6681800;SIP0;")
    second = MonitorParser()
    second._epoch += 1  # a restart a second later
    again = second.parse("28.11.26 08:02:11;RING;0;0446681842;6681800;SIP0;")
    assert first is not None and again is not None and first.call_id != again.call_id
