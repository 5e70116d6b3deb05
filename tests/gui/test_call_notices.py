"""What the call notices say and offer, and what happens when the notification service
fails, against a recording stand-in for the service's Qt side (dunst itself is in
tests/e2e/test_notifications.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tests.gui.conftest import incoming_of

if TYPE_CHECKING:
    from desktop_client.app import TrayApp

from typing import Any

from PySide6.QtCore import QObject, Signal
from pytestqt.qtbot import QtBot

from desktop_client.core.calls import CallAction, CallerCard, CallEvent, CallState
from desktop_client.core.contacts import Address, ChannelEntry, Match
from desktop_client.core.notices import CallNotice
from desktop_client.ui.call_notices import CallNotices

ALL = frozenset(CallAction)


class Recorder(QObject):
    """The NativeNotifier's Qt face, recording what it is asked to show."""

    action = Signal(str, str)
    failed = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[CallNotice] = []
        self.closed: list[str] = []

    def show(self, notice: CallNotice) -> None:
        self.shown.append(notice)

    def close_call(self, call_id: str) -> None:
        self.closed.append(call_id)


def _match(first: str, address_id: int) -> Match:
    address = Address(address_id, "person", first, "Meier", "Muster AG", f"P{address_id}", "")
    return Match(address, ChannelEntry("phone", "044 668 18 00"), "exact")


def _card(call_id: str = "c1", matches: tuple[Match, ...] = (), **extra: Any) -> CallerCard:
    values: dict[str, Any] = {"number": "0446681800", "display_number": "+41 44 668 18 00",
                              "e164": "+41446681800", "type": "FIXED_LINE",
                              "source": "baresip"}
    values.update(extra)
    return CallerCard(call_id, matches=matches, **values)


def test_open_in_crm_only_for_one_contact_and_withheld_callers_say_so(qtbot: QtBot) -> None:
    recorder = Recorder()
    notices = CallNotices(recorder, can_open_crm=True)  # type: ignore[arg-type]
    notices.ringing(_card("one", (_match("Anna", 1),)), ALL)
    notices.ringing(_card("two", (_match("Anna", 1), _match("Beat", 2))), ALL)
    notices.ringing(_card("anon", number="", display_number="", e164=None,
                          remote_name="+41 44 668 18 00"), ALL)
    one, two, anon = recorder.shown
    assert [key for key, _label in one.actions] == ["answer", "decline", "open-crm"]
    assert [key for key, _label in two.actions] == ["answer", "decline"]  # no guessing
    assert two.body.startswith("2 possible contacts\nAnna Meier, Beat Meier")
    # A display name alone could pass for the number: it is said to be withheld.
    assert anon.body == "+41 44 668 18 00\nThe caller withheld the number"


def test_a_late_directory_answer_does_not_bring_back_the_ringing_notice(
        qtbot: QtBot) -> None:
    recorder = Recorder()
    notices = CallNotices(recorder, can_open_crm=False)  # type: ignore[arg-type]
    notices.ringing(_card("c1"), ALL)
    notices.updated(_card("c1", (_match("Anna", 1),)))  # while it rings: named at once
    assert [n.kind for n in recorder.shown] == ["ringing", "ringing"]
    assert recorder.shown[-1].body.startswith("Anna Meier\n")
    notices.answered("c1")
    notices.updated(_card("c1", (_match("Beat", 2),)))  # too late: it is answered now
    assert [n.kind for n in recorder.shown] == ["ringing", "ringing", "answered"]
    assert [key for key, _l in recorder.shown[-1].actions] == ["hangup", "transfer"]
    notices.ended("c1")
    assert recorder.closed == ["c1"]
    notices.missed(_card("m1"))
    notices.missed(_card("m2"))
    assert [key for key, _l in recorder.shown[-1].actions] == ["default", "call-back"]
    notices.missed_seen()  # the journal's "Mark seen": the missed notices have done their job
    assert recorder.closed == ["c1", "m1", "m2"]


def test_when_the_service_fails_calls_show_as_cards(qtbot: QtBot, tray_app: TrayApp) -> None:
    recorder = Recorder()
    flow = incoming_of(tray_app).ensure_flow()
    flow.notices = CallNotices(recorder, can_open_crm=False)  # type: ignore[arg-type]
    flow.show_cards = False
    flow.on_event(CallEvent("hook:1", CallState.RINGING, "0446681800", source="hook"))
    qtbot.waitUntil(lambda: len(recorder.shown) == 1, timeout=1000)  # at the pass's end
    assert flow.stack.cards == {} and len(recorder.shown) == 1
    with qtbot.waitSignal(flow.notify, timeout=1000) as said:
        flow.notices_failed("org.freedesktop.DBus.Error.ServiceUnknown")
    assert said.args[0] == "Incoming calls" and said.args[2] is True
    with qtbot.waitSignal(flow.shown, timeout=1000):
        flow.on_event(CallEvent("hook:2", CallState.RINGING, "0446681801", source="hook"))
    assert list(flow.stack.cards) == ["hook:2"] and len(recorder.shown) == 1
