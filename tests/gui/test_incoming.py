"""Incoming calls in the real app object: cards, actions, DND, the journal window, a storm."""

from __future__ import annotations

import logging
import socket
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from desktop_client.core.calls import CallEvent, CallState
from desktop_client.core.contacts import AddressRecord
from desktop_client.outgoing.policy import Source
from desktop_client.phones.deskphone.action_url_server import ActionUrlServer
from desktop_client.ui.popup import MAX_CARDS, CallerCardWidget
from tests.gui.conftest import action_url_base, click_save, read_calls


def _contacts(app: Any) -> None:
    directory = app.ensure_directory()
    location = app.config.location()
    with directory.transaction():
        directory.put(AddressRecord("company", company="Muster AG", external_id="C1",
                                    channels=(("phone", "044 668 18 00"),)), location)
        directory.put(AddressRecord("person", "Anna", "Meier", "Muster AG", "P1",
                                    channels=(("phone", "044 668 18 42"),)), location)
        directory.put(AddressRecord("person", "Hans", "Meier", "", "P2",
                                    channels=(("phone", "044 555 66 77"),)), location)
        directory.put(AddressRecord("person", "Eva", "Meier", "", "P3",
                                    channels=(("mobile", "044 555 66 77"),)), location)


def _ring(app: Any, call_id: str, number: str, name: str = "") -> None:
    app.calls.on_event(CallEvent(call_id, CallState.RINGING, number, name, source="test"))


def _texts(widget: CallerCardWidget) -> dict[str, str]:
    return {label.objectName(): label.text() for label in widget.findChildren(QLabel)}


def test_known_caller_card_never_takes_focus(qtbot: QtBot, tray_app: Any) -> None:
    _contacts(tray_app)
    with qtbot.waitSignal(tray_app.calls.ensure_flow().shown, timeout=2000) as shown:
        _ring(tray_app, "c1", "+41446681842", "<b>ANNA</b>")
    card: CallerCardWidget = shown.args[0]
    texts = _texts(card)
    assert texts["title"] == "Anna Meier"
    assert texts["subtitle"] == "Muster AG · phone"
    assert texts["number"] == "+41 44 668 18 42"
    assert card.isVisible()
    assert card.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    assert card.windowFlags() & Qt.WindowType.WindowDoesNotAcceptFocus
    assert all(label.textFormat() == Qt.TextFormat.PlainText
               for label in card.findChildren(QLabel))
    focused = QApplication.focusWidget()
    assert focused is None or focused.window() is not card
    assert not card.crm_button.isVisible()  # no [popup] open_url configured


def test_unknown_caller_with_markup_and_bidi_is_shown_as_text(qtbot: QtBot,
                                                             tray_app: Any) -> None:
    hostile = '<img src="http://attacker/x">\u202e' + "x" * 10_000
    with qtbot.waitSignal(tray_app.calls.ensure_flow().shown, timeout=2000) as shown:
        _ring(tray_app, "c2", "+49 30 1234567", hostile)
    texts = _texts(shown.args[0])
    assert texts["title"].startswith('<img src="http://attacker/x">xxx')
    assert "\u202e" not in texts["title"] and len(texts["title"]) <= 121
    assert texts["subtitle"] == "Berlin, Germany · fixed line"
    assert shown.args[0].add_button.isVisibleTo(shown.args[0])


def test_probable_and_several_matches(qtbot: QtBot, tray_app: Any) -> None:
    _contacts(tray_app)
    flow = tray_app.calls.ensure_flow()
    with qtbot.waitSignal(flow.shown, timeout=2000) as probable:
        _ring(tray_app, "c3", "0446681899")
    assert _texts(probable.args[0])["subtitle"] == "probably, by the company's number"
    with qtbot.waitSignal(flow.shown, timeout=2000) as several:
        _ring(tray_app, "c4", "0445556677")
    card = several.args[0]
    assert _texts(card)["title"] == "2 possible contacts"
    assert card.choices.count() == 2
    card.choices.itemClicked.emit(card.choices.item(1))
    assert _texts(card)["title"] == "Eva Meier"
    tray_app.calls.on_event(CallEvent("c4", CallState.ENDED, "0445556677"))
    with qtbot.waitSignal(flow.shown, timeout=2000) as remembered:
        _ring(tray_app, "c5", "0445556677")
    assert _texts(remembered.args[0])["title"] == "Eva Meier"


def test_card_closes_when_answered_and_missed_calls_count(qtbot: QtBot, tray_app: Any) -> None:
    _contacts(tray_app)
    flow = tray_app.calls.ensure_flow()
    _ring(tray_app, "a", "+41446681842")
    qtbot.waitUntil(lambda: "a" in flow.stack.cards, timeout=2000)  # at the end of the pass
    tray_app.calls.on_event(CallEvent("a", CallState.ANSWERED, "+41446681842"))
    assert "a" not in flow.stack.cards
    tray_app.calls.on_event(CallEvent("a", CallState.ENDED, "+41446681842"))
    _ring(tray_app, "m", "+41446681800")
    with qtbot.waitSignal(flow.missed_count, timeout=2000) as missed:
        tray_app.calls.on_event(CallEvent("m", CallState.ENDED, "+41446681800"))
    assert missed.args == [1]
    assert tray_app.tray.missed == 1 and "1 missed call(s)" in tray_app.tray.tooltip
    assert "Missed call: Muster AG" in tray_app.tray.status.text()
    states = [(e.state, e.contact_name) for e in tray_app.ensure_journal().recent()]
    assert states == [("missed", "Muster AG"), ("answered", "Anna Meier")]


def test_card_actions(qtbot: QtBot, tray_app: Any, calls: Path) -> None:
    _contacts(tray_app)
    flow = tray_app.calls.ensure_flow()
    with qtbot.waitSignal(flow.shown, timeout=2000) as shown:
        _ring(tray_app, "x", "+41446681842")
    card = shown.args[0]
    card.copy_button.click()
    assert QGuiApplication.clipboard().text() == "+41446681842"
    with qtbot.waitSignal(tray_app.flow.completed, timeout=10000):
        card.call_button.click()
    qtbot.waitUntil(lambda: read_calls(calls) == ["+41446681842"], timeout=10000)
    card.dismiss_button.click()
    assert "x" not in flow.stack.cards


def _add_caller(qtbot: QtBot, tray_app: Any, call_id: str, number: str, first: str,
                last: str) -> Any:
    """Ring from an unknown number, click Add contact… on its card, fill in and save; the
    card shown after the save."""
    flow = tray_app.calls.ensure_flow()
    with qtbot.waitSignal(flow.shown, timeout=2000) as shown:
        _ring(tray_app, call_id, number)
    shown.args[0].add_button.click()
    dialog = tray_app.calls.add_dialog
    dialog.first.setText(first)
    dialog.last.setText(last)
    with qtbot.waitSignal(flow.shown, timeout=2000) as renewed:
        click_save(dialog)
    return renewed.args[0]


def test_add_contact_for_an_unknown_caller(qtbot: QtBot, tray_app: Any) -> None:
    card = _add_caller(qtbot, tray_app, "u", "+41 31 123 45 67", "Neu", "Kunde")
    matches = tray_app.ensure_directory().lookup("031 123 45 67", tray_app.config.location())
    assert [m.address.display_name for m in matches] == ["Neu Kunde"]
    # The card of the ringing call now names the contact, and has no Add contact… button.
    assert card.card.known and tray_app.calls.flow.stack.cards["u"] is card
    assert card.card.matches[0].address.display_name == "Neu Kunde"
    assert card.isVisible() and card.add_button.isHidden()
    tray_app.calls.on_event(CallEvent("u", CallState.ENDED, "+41 31 123 45 67"))
    assert tray_app.ensure_journal().recent()[0].contact_name == "Neu Kunde"


def test_a_mobile_caller_added_is_filed_as_mobile(qtbot: QtBot, tray_app: Any) -> None:
    _add_caller(qtbot, tray_app, "m", "+41 79 000 00 00", "Lisa", "Grün")
    (match,) = tray_app.ensure_directory().lookup("079 000 00 00", tray_app.config.location())
    assert (match.address.display_name, match.channel.kind) == ("Lisa Grün", "mobile")


def test_do_not_disturb_is_silent_but_the_journal_records(qtbot: QtBot, tray_app: Any) -> None:
    flow = tray_app.calls.ensure_flow()
    tray_app.tray.dnd_action.setChecked(True)
    with qtbot.assertNotEmitted(flow.shown, wait=100):
        _ring(tray_app, "d", "+41446681800")
    assert flow.stack.cards == {}
    status_before = tray_app.tray.status.text()
    tray_app.calls.on_event(CallEvent("d", CallState.ENDED, "+41446681800"))
    assert tray_app.tray.status.text() == status_before  # no notification
    assert tray_app.ensure_journal().recent()[0].state == "missed"


def test_a_storm_of_500_calls(qtbot: QtBot, tray_app: Any) -> None:
    _contacts(tray_app)
    flow = tray_app.calls.ensure_flow()
    # How fast this goes is bench/'s business (incoming_popup); here: nothing lost, bounded.
    for phase in (CallState.RINGING, CallState.ENDED):
        for i in range(500):
            tray_app.calls.on_event(CallEvent(f"s{i}", phase, f"+4144668{i % 100:04d}",
                                              "Sturm <i>", source="storm"))
            QApplication.processEvents()  # the UI keeps answering between events
            assert len(flow.stack.cards) <= MAX_CARDS
    assert flow.stack.cards == {}
    missed = tray_app.ensure_journal().query(state="missed", limit=1000)
    assert len(missed) == 500
    assert tray_app.tray.missed == 500


def test_journal_window(qtbot: QtBot, tray_app: Any, calls: Path) -> None:
    journal = tray_app.ensure_journal()
    journal.add(direction="incoming", state="missed", number="+41446681842",
                e164="+41446681842", contact_name="Anna Meier")
    journal.add(direction="outgoing", state="dialled", number="+41446681800",
                e164="+41446681800", contact_name="Muster AG")
    tray_app.tray.set_missed(journal.unseen_missed())
    tray_app.tray.journal_action.trigger()
    window = tray_app.calls.journal_window
    assert window.table.rowCount() == 2
    window.state.setCurrentIndex(window.state.findData("missed"))
    assert window.table.rowCount() == 1 and window.table.item(0, 3).text() == "Anna Meier"
    window.state.setCurrentIndex(0)
    window.search.setText("muster")
    qtbot.waitUntil(lambda: window.table.rowCount() == 1, timeout=2000)
    assert window.table.item(0, 4).text() == "+41446681800"
    window.search.clear()
    qtbot.waitUntil(lambda: window.table.rowCount() == 2, timeout=2000)
    window.table.selectRow(0)
    window.seen_button.click()
    assert journal.unseen_missed() == 0 and tray_app.tray.missed == 0
    window.table.selectRow(1)
    with qtbot.waitSignal(tray_app.flow.completed if tray_app.flow else
                          tray_app.ensure_flow().completed, timeout=10000):
        window.redial_button.click()


def test_the_journal_says_what_was_done_from_the_card(qtbot: QtBot, tray_app: Any) -> None:
    journal = tray_app.ensure_journal()
    journal.add(direction="incoming", state="answered", number="+41446681842",
                e164="+41446681842", contact_name="Anna Meier", control="answer,transfer",
                transferred_to="+41791234567", started_at="2026-11-27T09:00:00+00:00")
    journal.add(direction="incoming", state="rejected", number="+41446681843",
                e164="+41446681843", control="decline",
                started_at="2026-11-27T10:00:00+00:00")
    tray_app.tray.journal_action.trigger()
    window = tray_app.calls.journal_window
    assert [window.table.item(row, 2).text() for row in range(2)] == [
        "declined here",
        "answered · answered here · transferred to +41791234567"]


def test_an_open_journal_shows_new_calls_at_once(qtbot: QtBot, tray_app: Any) -> None:
    """It used to show them only after something was typed into its search box."""
    tray_app.tray.journal_action.trigger()
    window = tray_app.calls.journal_window
    assert window.table.rowCount() == 0
    _ring(tray_app, "live-1", "+41446681842")
    tray_app.calls.on_event(CallEvent("live-1", CallState.ENDED, "+41446681842"))
    qtbot.waitUntil(lambda: window.table.rowCount() == 1, timeout=5000)
    with qtbot.waitSignal(tray_app.ensure_flow().completed, timeout=10000):
        tray_app.dial("044 668 18 00", Source.USER)
    qtbot.waitUntil(lambda: window.table.rowCount() == 2, timeout=5000)


def test_action_url_listener_over_http(qtbot: QtBot, tray_app: Any, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop_client.app.calls import IncomingCalls
    from desktop_client.core.secrets import SecretStore
    from tests.fakes import MemoryKeyring

    port = _free_port()
    config = tray_app.config.with_values(cti__sources=("action_url",),
                                         cti__action_url__port=port)
    calls = IncomingCalls(tray_app.profile, config, tray_app.tray, journal=tray_app.ensure_journal,
                          directory=tray_app.ensure_directory, dial=lambda _n: None,
                          secrets=SecretStore(MemoryKeyring()))
    calls.start(None)
    token = action_url_base(calls.setups[0][1]).rsplit("/", 1)[1]
    try:
        flow = calls.ensure_flow()
        with qtbot.waitSignal(flow.shown, timeout=5000):
            status = _http(qtbot, port, f"/{token}/incoming?number=0446681842&name=Anna"
                                        "&call_id=9")
        assert status.startswith("HTTP/1.1 200")
        assert _http(qtbot, port, "/wrong/incoming?number=1").startswith("HTTP/1.1 403")
        assert _http(qtbot, port, f"/{token}/incoming").startswith("HTTP/1.1 400")
        assert _http(qtbot, port, None, raw=b"BLAH\r\n\r\n").startswith("HTTP/1.1 400")
        assert list(flow.stack.cards) == ["action:9"]
    finally:
        calls.stop()


def test_a_flood_of_refused_action_urls_cannot_rotate_the_log_away(
        qtbot: QtBot, tray_app: Any, caplog: pytest.LogCaptureFixture) -> None:
    from desktop_client.app.calls import IncomingCalls
    from desktop_client.core.secrets import SecretStore
    from tests.fakes import MemoryKeyring

    port = _free_port()
    config = tray_app.config.with_values(cti__sources=("action_url",),
                                         cti__action_url__port=port)
    calls = IncomingCalls(tray_app.profile, config, tray_app.tray, journal=tray_app.ensure_journal,
                          directory=tray_app.ensure_directory, dial=lambda _n: None,
                          secrets=SecretStore(MemoryKeyring()))
    calls.start(None)
    try:
        with caplog.at_level(logging.WARNING, "desktop_client.incoming"):
            for _ in range(200):
                assert _http(qtbot, port, "/wrong/incoming?number=1").startswith(
                    "HTTP/1.1 403")
        refused = [r for r in caplog.records if "action URL refused" in r.getMessage()]
        assert len(refused) == 20  # the rest are counted, and summed up at the minute
        [server] = [s for s in calls.sources if isinstance(s, ActionUrlServer)]
        assert server._refusals.suppressed == 180
        server._refusals.flush()
        assert "180 more action URLs refused in the last minute" in caplog.text
    finally:
        calls.stop()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _http(qtbot: QtBot, port: int, target: str | None, raw: bytes | None = None) -> str:
    data = raw or f"GET {target} HTTP/1.1\r\nHost: pc\r\n\r\n".encode()
    answer: list[bytes] = []
    with socket.create_connection(("127.0.0.1", port), timeout=5) as conn:
        conn.setblocking(False)
        conn.sendall(data)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            qtbot.wait(20)
            try:
                chunk = conn.recv(4096)
            except BlockingIOError:
                continue
            if not chunk:
                break
            answer.append(chunk)
    return b"".join(answer).decode()


def test_journal_clean_up_is_deferred_and_stops_with_the_app(qtbot: QtBot,
                                                             tray_app: Any) -> None:
    journal = tray_app.ensure_journal()
    journal.add(direction="incoming", state="missed", number="+41446681800",
                started_at="2000-01-01T00:00:00+00:00")
    calls = tray_app.calls
    assert calls.purge_timer.isActive()  # not at start-up, a minute later
    calls.purge_journal()
    assert journal.recent() == []
    calls.stop()
    assert not calls.purge_timer.isActive()


@pytest.mark.qt_log_ignore("does not support raise")  # the offscreen platform's limit
@pytest.mark.parametrize(("icon", "top", "left"), [
    ((790, 0, 24, 24), True, False),  # a top panel on the right (GNOME, trayer)
    ((790, 570, 24, 24), False, False),  # a task bar at the bottom right (Windows, KDE)
    ((0, 570, 24, 24), False, True),
    (None, False, False),  # no tray: bottom right
])
def test_cards_open_at_the_tray_icons_corner(qtbot: QtBot, icon: tuple[int, ...] | None,
                                             top: bool, left: bool) -> None:
    from PySide6.QtCore import QRect

    from desktop_client.core.calls import CallerCard
    from desktop_client.ui.popup import PopupStack

    area = QGuiApplication.primaryScreen().availableGeometry()
    rect = QRect(*icon) if icon else QRect()
    if icon:  # the same place relative to whatever screen the offscreen platform has
        rect.moveTo(area.right() - 34 if icon[0] else area.left(),
                    area.top() if icon[1] == 0 else area.bottom() - 24)
    stack = PopupStack(anchor=lambda: rect)
    first = stack.show_card(CallerCard("a", "0446681842", "+41 44 668 18 42", "+41446681842",
                                       "FIXED_LINE"))
    second = stack.show_card(CallerCard("b", "0446681843", "+41 44 668 18 43", "+41446681843",
                                        "FIXED_LINE"))
    try:
        assert stack.corner() == (top, left)
        if top:
            assert first.y() < second.y() and first.y() <= area.top() + 20
        else:
            assert first.y() > second.y()
            assert first.y() + first.sizeHint().height() >= area.bottom() - 20
        assert (first.x() < area.center().x()) == left
    finally:
        stack.close_all()


def test_every_card_has_the_same_button_rows(qtbot: QtBot, tray_app: Any) -> None:
    """Known, unknown and several-matches cards used to lay their buttons out differently."""
    _contacts(tray_app)
    flow = tray_app.calls.ensure_flow()
    for call_id, number in (("k", "+41446681842"), ("u", "+41791234567"),
                            ("m", "+41445556677")):
        _ring(tray_app, call_id, number)
    qtbot.waitUntil(lambda: len(flow.stack.cards) == 3, timeout=2000)  # at the pass's end
    cards = [flow.stack.cards[c] for c in ("k", "u", "m")]
    for card in cards:
        qtbot.waitExposed(card)
    geometry = {(c.call_button.x(), c.call_button.width(), c.dismiss_button.x(),
                 c.dismiss_button.width()) for c in cards}
    assert len(geometry) == 1, geometry  # the same places on every card
    assert all(c.call_button.width() < c.width() * 0.6 for c in cards)  # never full width


def test_one_address_cannot_take_every_action_url_slot(qtbot: QtBot) -> None:
    """A host on the LAN that opens connections and sends nothing holds at most a few;
    a desk phone at another address is still answered."""
    import threading

    from desktop_client.phones.deskphone.action_url_server import MAX_PER_ADDRESS, ActionUrlServer

    server = ActionUrlServer("token")
    port = _free_port()
    server.listen("127.0.0.1", port)
    idle: list[socket.socket] = []
    outcome: dict[str, bytes] = {}

    def clients() -> None:
        for _ in range(MAX_PER_ADDRESS + 1):
            sock = socket.create_connection(("127.0.0.1", port), timeout=5,
                                            source_address=("127.0.0.2", 0))
            idle.append(sock)
        try:
            outcome["extra"] = idle[-1].recv(10)  # b"": closed by the listener
        except ConnectionResetError:
            outcome["extra"] = b""  # aborted by the listener
        except TimeoutError:
            outcome["extra"] = b"still open"
        with socket.create_connection(("127.0.0.1", port), timeout=5) as phone:
            phone.sendall(b"BLAH\r\n\r\n")
            outcome["phone"] = phone.recv(100)

    worker = threading.Thread(target=clients)
    worker.start()
    try:
        qtbot.waitUntil(lambda: not worker.is_alive(), timeout=15_000)
    finally:
        for sock in idle:
            sock.close()
        server.close()
        # Deleted here, on the UI thread: left to Python's cycle collector it may go in any
        # thread, later, while a later test runs (a Qt object must die in its own thread).
        server.deleteLater()
        qtbot.wait(50)
    assert outcome["extra"] == b""
    assert outcome["phone"].startswith(b"HTTP/1.1 400")
