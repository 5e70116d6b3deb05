"""Call control from the card with real baresip and sipp: sipp calls, the card's buttons
answer, decline, hang up and transfer, and sipp sees 200 OK, 486, BYE and REFER."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot

from desktop_client.core.calls import CallAction
from tests.e2e.lab import Baresip, SippCaller, SippPbx
from tests.e2e.test_incoming_calls import _app


def _ringing_card(qtbot: QtBot, app: Any, phone: Baresip, tmp_path: Path, scenario: str,
                  *extra: str) -> tuple[Any, SippCaller]:
    qtbot.waitUntil(lambda: app.connection.connected, timeout=10000)
    flow = app.calls.ensure_flow()
    with qtbot.waitSignal(flow.shown, timeout=15000) as shown:
        caller = SippCaller(tmp_path / "caller", phone.sip_port, "+41441234567", scenario,
                            *extra)
    return shown.args[0], caller


def _finished(qtbot: QtBot, caller: SippCaller) -> int | None:
    """sipp's exit status, with Qt's event loop running meanwhile (the app must talk)."""
    qtbot.waitUntil(lambda: caller.process.poll() is not None, timeout=30000)
    return caller.process.poll()


def _visible(card: Any) -> set[CallAction]:
    return {action for action, button in card.control_buttons.items()
            if not button.isHidden()}


def test_answer_then_hang_up_from_the_card(qtbot: QtBot, tmp_path: Path, runtime: Path,
                                           pbx: SippPbx) -> None:
    phone = Baresip(tmp_path / "baresip", pbx.port)
    app = _app(tmp_path, phone)
    caller = None
    try:
        card, caller = _ringing_card(qtbot, app, phone, tmp_path, "uac_answer_hangup.xml")
        assert _visible(card) == {CallAction.ANSWER, CallAction.DECLINE}
        card.control_buttons[CallAction.ANSWER].click()
        # baresip answers (sipp gets its 200 OK and ACKs); the card stays for the call.
        qtbot.waitUntil(lambda: _visible(card) == {CallAction.HANGUP, CallAction.TRANSFER},
                        timeout=15000)
        assert app.calls.flow.stack.cards == {card.card.call_id: card}
        assert card.result.text() == "Answered"
        card.control_buttons[CallAction.HANGUP].click()
        assert _finished(qtbot, caller) == 0  # sipp received the BYE and answered it
        qtbot.waitUntil(lambda: app.calls.flow.stack.cards == {}, timeout=15000)
        qtbot.waitUntil(lambda: len(app.ensure_journal().recent()) == 1, timeout=10000)
        [entry] = app.ensure_journal().recent()
        assert (entry.direction, entry.state, entry.control, entry.contact_name) == (
            "incoming", "answered", "answer,hangup", "Anna Meier")
    finally:
        if caller is not None:
            caller.stop()
        app.close()
        phone.stop()


def test_decline_from_the_card_is_a_rejected_call_not_a_missed_one(
        qtbot: QtBot, tmp_path: Path, runtime: Path, pbx: SippPbx) -> None:
    phone = Baresip(tmp_path / "baresip", pbx.port)
    app = _app(tmp_path, phone)
    caller = None
    try:
        card, caller = _ringing_card(qtbot, app, phone, tmp_path, "uac_declined.xml")
        card.control_buttons[CallAction.DECLINE].click()
        assert _finished(qtbot, caller) == 0  # sipp received a 486/603 final answer
        qtbot.waitUntil(lambda: len(app.ensure_journal().recent()) == 1, timeout=10000)
        [entry] = app.ensure_journal().recent()
        assert (entry.state, entry.control) == ("rejected", "decline")
        assert app.tray.missed == 0
        assert app.calls.flow.stack.cards == {}
    finally:
        if caller is not None:
            caller.stop()
        app.close()
        phone.stop()


def test_transfer_from_the_card_sends_refer_to_the_chosen_number(
        qtbot: QtBot, tmp_path: Path, runtime: Path, pbx: SippPbx) -> None:
    phone = Baresip(tmp_path / "baresip", pbx.port)
    app = _app(tmp_path, phone)
    log = tmp_path / "caller" / "refer.log"
    caller = None
    try:
        card, caller = _ringing_card(qtbot, app, phone, tmp_path, "uac_transfer.xml",
                                     "-trace_logs", "-log_file", str(log))
        card.control_buttons[CallAction.ANSWER].click()
        qtbot.waitUntil(lambda: CallAction.TRANSFER in _visible(card), timeout=15000)
        card.control_buttons[CallAction.TRANSFER].click()
        dialog = app.calls.ask_transfer.dialog
        assert dialog is not None and dialog.windowTitle() == "Transfer Anna Meier to…"
        dialog.input.setText("079 123 45 67")
        assert dialog.dial_button.isEnabled()
        dialog.dial_button.click()
        assert _finished(qtbot, caller) == 0  # REFER received, accepted, call ended
        assert re.findall(r"REFERTO=(\S+)", log.read_text()) == ["+41791234567"]
        qtbot.waitUntil(lambda: len(app.ensure_journal().recent()) == 1, timeout=10000)
        [entry] = app.ensure_journal().recent()
        assert (entry.state, entry.control, entry.transferred_to) == (
            "answered", "answer,transfer", "+41791234567")
    finally:
        if caller is not None:
            caller.stop()
        app.close()
        phone.stop()


def test_a_refused_transfer_target_never_reaches_the_phone(
        qtbot: QtBot, tmp_path: Path, runtime: Path, pbx: SippPbx) -> None:
    phone = Baresip(tmp_path / "baresip", pbx.port)
    app = _app(tmp_path, phone)
    caller = None
    try:
        card, caller = _ringing_card(qtbot, app, phone, tmp_path, "uac_answer_hangup.xml")
        card.control_buttons[CallAction.ANSWER].click()
        qtbot.waitUntil(lambda: CallAction.TRANSFER in _visible(card), timeout=15000)
        card.control_buttons[CallAction.TRANSFER].click()
        dialog = app.calls.ask_transfer.dialog
        dialog.input.setText("tel:+41 44 668 18 00\u202e")  # a hidden bidi control
        assert not dialog.dial_button.isEnabled()
        outcome: list[tuple[str, str]] = []
        app.calls.ask_transfer.decide("tel:+41 44 668 18 00\u202e",
                                        lambda target, error: outcome.append((target, error)))
        [(target, error)] = outcome
        assert target == "" and "invisible" in error
        dialog.reject()  # cancelled: the buttons work again
        assert card.control_buttons[CallAction.HANGUP].isEnabled()
        card.control_buttons[CallAction.HANGUP].click()
        assert _finished(qtbot, caller) == 0
        qtbot.waitUntil(lambda: len(app.ensure_journal().recent()) == 1, timeout=10000)
        assert app.ensure_journal().recent()[0].transferred_to == ""
    finally:
        if caller is not None:
            caller.stop()
        app.close()
        phone.stop()


def test_a_call_that_is_gone_is_said_and_nothing_else_is_sent(
        qtbot: QtBot, tmp_path: Path, runtime: Path, pbx: SippPbx) -> None:
    phone = Baresip(tmp_path / "baresip", pbx.port)
    app = _app(tmp_path, phone)
    try:
        qtbot.waitUntil(lambda: app.connection.connected, timeout=10000)
        control = app.calls.controls["baresip"]
        outcome: list[str] = []
        control.perform("baresip:1-999@127.0.0.1", CallAction.DECLINE, "", outcome.append)
        qtbot.waitUntil(lambda: outcome != [], timeout=10000)
        assert outcome == ["the call has ended"]
        assert "rejecting" not in phone.output() and "terminate" not in phone.output()
    finally:
        app.close()
        phone.stop()


def test_a_transfer_the_far_end_refuses_is_said_and_not_journaled(
        qtbot: QtBot, tmp_path: Path, runtime: Path, pbx: SippPbx) -> None:
    phone = Baresip(tmp_path / "baresip", pbx.port)
    app = _app(tmp_path, phone)
    caller = None
    try:
        card, caller = _ringing_card(qtbot, app, phone, tmp_path, "uac_transfer_refused.xml",
                                     "-trace_err")
        card.control_buttons[CallAction.ANSWER].click()
        qtbot.waitUntil(lambda: CallAction.TRANSFER in _visible(card), timeout=15000)
        shown: list[str] = []
        show_result = card.show_result

        def record(text: str, *, error: bool) -> None:
            shown.append(text)
            show_result(text, error=error)

        card.show_result = record
        card.control_buttons[CallAction.TRANSFER].click()
        dialog = app.calls.ask_transfer.dialog
        dialog.input.setText("079 123 45 67")
        dialog.dial_button.click()
        # baresip sent the REFER (its "ok"), then reports the 403 as TRANSFER_FAILED …
        qtbot.waitUntil(lambda: "The phone system refused: 403 Forbidden" in shown,
                        timeout=15000)
        # … and ends the call itself, without a CALL_CLOSED (baresip 1.0, src/ua.c derefs
        # the call): the app asks baresip (callfind), learns it is gone, closes the card.
        assert _finished(qtbot, caller) == 0
        qtbot.waitUntil(lambda: app.calls.flow.stack.cards == {}, timeout=10000)
        qtbot.waitUntil(lambda: len(app.ensure_journal().recent()) == 1, timeout=10000)
        [entry] = app.ensure_journal().recent()
        assert (entry.state, entry.control, entry.transferred_to) == ("answered", "answer",
                                                                      "")
    finally:
        if caller is not None:
            caller.stop()
        app.close()
        phone.stop()
