"""Call control on a desk phone, against tests/emulators/deskphone.py (a loopback Snom and
Yealink written from their documents; no phone runs here): the phone reports the call by its
Action URLs, the card's buttons press its documented keys, and its faults reach the card."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tests.gui.conftest import tray_of

if TYPE_CHECKING:
    from desktop_client.app import TrayApp

import socket
from collections.abc import Iterator
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from desktop_client.core.calls import CallAction
from tests.emulators.deskphone import DeskPhone
from tests.gui.conftest import action_url_base


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def phone_calls(tray_app: TrayApp) -> Iterator[Any]:
    calls: list[Any] = []

    def start(phone: DeskPhone, vendor: str, password: str = "s3cret") -> Any:
        from desktop_client.app.calls import IncomingCalls
        from desktop_client.core.secrets import SecretStore
        from desktop_client.phones.deskphone.dial import PASSWORD_KEY
        from tests.fakes import MemoryKeyring

        store = SecretStore(MemoryKeyring())
        store.set(PASSWORD_KEY, password)
        config = tray_app.config.with_values(
            dial__backend="deskphone", backends__deskphone__vendor=vendor,
            backends__deskphone__address=phone.base_url,
            backends__deskphone__username="admin", cti__sources=("action_url",),
            cti__action_url__port=_free_port())
        incoming = IncomingCalls(tray_app.profile, config, tray_of(tray_app),
                                 journal=tray_app.ensure_journal,
                                 directory=tray_app.ensure_directory,
                                 dial=lambda _n: None, secrets=store)
        incoming.start(None)
        calls.append(incoming)
        base = action_url_base(incoming.setups[0][1])  # as the settings show it
        call_id = "$call-id" if vendor == "snom" else "$call_id"
        phone.set_action_urls(
            incoming=f"{base}/incoming?number=$remote&name=$display_remote&call_id={call_id}",
            connected=f"{base}/answered?number=$remote&call_id={call_id}",
            disconnected=f"{base}/ended?number=$remote&call_id={call_id}")
        return incoming

    yield start
    for incoming in calls:
        incoming.stop()
        incoming.deleteLater()  # on the UI thread, not by the cycle collector in any thread


def _card(qtbot: QtBot, incoming: Any, phone: DeskPhone, number: str) -> Any:
    flow = incoming.ensure_flow()
    with qtbot.waitSignal(flow.shown, timeout=10000) as shown:
        phone.ring(number, "Anna Meier")
    return shown.args[0]


def _visible(card: Any) -> set[CallAction]:
    return {a for a, b in card.control_buttons.items() if not b.isHidden()}


def test_snom_answer_then_hang_up(qtbot: QtBot, tray_app: TrayApp, phone_calls: Any) -> None:
    with DeskPhone("snom") as phone:
        incoming = phone_calls(phone, "snom")
        card = _card(qtbot, incoming, phone, "0446681842")
        assert _visible(card) == {CallAction.ANSWER, CallAction.DECLINE}  # no transfer
        card.control_buttons[CallAction.ANSWER].click()
        qtbot.waitUntil(lambda: _visible(card) == {CallAction.HANGUP}, timeout=10000)
        assert phone.keys == ["ENTER"] and phone.state == "connected"
        card.control_buttons[CallAction.HANGUP].click()
        qtbot.waitUntil(lambda: len(tray_app.ensure_journal().recent()) == 1, timeout=10000)
        assert phone.keys == ["ENTER", "CANCEL"]
        assert str(phone.state) == "idle"  # the state moved on since the check above
        [entry] = tray_app.ensure_journal().recent()
        assert (entry.state, entry.control, entry.e164) == ("answered", "answer,hangup",
                                                            "+41446681842")
        # Each key press: asked without credentials, challenged, sent again with them; the
        # password is in the Authorization header only, never in a URL.
        assert [auth.split()[0] for _path, auth, _ip in phone.requests if auth] == [
            "Basic", "Basic"]
        assert not any("s3cret" in path for path, _auth, _ip in phone.requests)


def test_yealink_decline_is_a_rejected_call(qtbot: QtBot, tray_app: TrayApp,
                                            phone_calls: Any) -> None:
    with DeskPhone("yealink") as phone:
        incoming = phone_calls(phone, "yealink")
        card = _card(qtbot, incoming, phone, "0446681842")
        card.control_buttons[CallAction.DECLINE].click()
        qtbot.waitUntil(lambda: len(tray_app.ensure_journal().recent()) == 1, timeout=10000)
        assert phone.keys == ["CALLEND"] and phone.declined
        [entry] = tray_app.ensure_journal().recent()
        assert (entry.state, entry.control) == ("rejected", "decline")
        assert tray_app.ensure_journal().unseen_missed() == 0


def test_the_phones_refusals_reach_the_card(qtbot: QtBot, tray_app: TrayApp,
                                            phone_calls: Any) -> None:
    with DeskPhone("yealink", trusted_ips=("192.0.2.7",)) as phone:
        incoming = phone_calls(phone, "yealink")
        card = _card(qtbot, incoming, phone, "0446681842")
        card.control_buttons[CallAction.ANSWER].click()
        qtbot.waitUntil(lambda: "403" in card.result.text(), timeout=10000)
        assert card.result.text().startswith("The phone system refused: ")
        assert phone.keys == [] and phone.state == "ringing"
        assert card.control_buttons[CallAction.ANSWER].isEnabled()  # try again later
    with DeskPhone("snom") as phone:
        incoming = phone_calls(phone, "snom", password="wrong")
        card = _card(qtbot, incoming, phone, "0446681843")
        card.control_buttons[CallAction.DECLINE].click()
        qtbot.waitUntil(lambda: "401" in card.result.text() or "password" in
                        card.result.text(), timeout=10000)
        assert phone.keys == [] and phone.state == "ringing"


def test_with_two_calls_on_the_phone_no_key_is_pressed(qtbot: QtBot, tray_app: TrayApp,
                                                       phone_calls: Any) -> None:
    import threading
    import urllib.request

    with DeskPhone("snom") as phone:
        incoming = phone_calls(phone, "snom")
        card = _card(qtbot, incoming, phone, "0446681842")
        base = action_url_base(incoming.setups[0][1])
        flow = incoming.ensure_flow()
        # A second line rings on the same phone (as its Action URL reports it).
        with qtbot.waitSignal(flow.shown, timeout=10000):
            threading.Thread(target=lambda: urllib.request.urlopen(
                f"{base}/incoming?number=0446681843&call_id=second", timeout=5).read(),
                daemon=True).start()
        card.control_buttons[CallAction.DECLINE].click()
        assert card.result.text() == "Two calls are on the phone: use its own keys."
        qtbot.wait(300)
        assert phone.keys == [] and phone.state == "ringing"
