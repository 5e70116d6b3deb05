"""Call control through the PBX, against the loopback emulators built from Asterisk's and
FreeSWITCH's own source (tests/emulators): Decline, Hang up and Transfer on the card become
AMI Hangup/Redirect and ESL uuid_kill/uuid_transfer of the right legs, and the PBX's refusals
(the call already gone, a refused action) show on the card in its words."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop_client.phones.ami.link import AmiLink
from desktop_client.phones.freeswitch.link import EslLink

if TYPE_CHECKING:
    from desktop_client.app import TrayApp

from collections.abc import Iterator
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from desktop_client.core.calls import CallAction
from tests.emulators.asterisk import AsteriskAmi
from tests.emulators.freeswitch import FreeSwitchEsl
from tests.fakes import keyring_holds


@pytest.fixture
def asterisk() -> Iterator[AsteriskAmi]:
    server = AsteriskAmi(username="desktop-client", secret="pw", device="PJSIP/101")
    yield server
    server.close()


@pytest.fixture
def freeswitch() -> Iterator[FreeSwitchEsl]:
    server = FreeSwitchEsl()
    yield server
    server.close()


def _ami_app(qtbot: QtBot, tray_app: TrayApp, asterisk: AsteriskAmi,
             monkeypatch: pytest.MonkeyPatch) -> Any:
    keyring_holds(monkeypatch, {"backends.ami.secret": "pw"})
    tray_app.save_settings(tray_app.config.with_values(
        dial__backend="ami", dial__countdown_s=0,
        backends__ami__address=f"127.0.0.1:{asterisk.port}", cti__sources=("ami",)))
    qtbot.waitUntil(lambda: isinstance(tray_app.connection, AmiLink)
                    and tray_app.connection.logged_in, timeout=5000)
    return tray_app


def _esl_app(qtbot: QtBot, tray_app: TrayApp, freeswitch: FreeSwitchEsl,
             monkeypatch: pytest.MonkeyPatch) -> Any:
    keyring_holds(monkeypatch, {"backends.freeswitch.password": "ClueCon"})
    tray_app.save_settings(tray_app.config.with_values(
        dial__backend="freeswitch", dial__countdown_s=0,
        backends__freeswitch__address=f"127.0.0.1:{freeswitch.port}",
        backends__freeswitch__extension="1001", cti__sources=("freeswitch",),
        location__internal_digits=4))  # 1002 is a colleague's extension
    qtbot.waitUntil(lambda: isinstance(tray_app.connection, EslLink)
                    and tray_app.connection.ready, timeout=5000)
    # Events reach only a connection whose "event plain …" FreeSWITCH has processed.
    qtbot.waitUntil(lambda: any(c.startswith("event plain") for c in freeswitch.commands),
                    timeout=5000)
    return tray_app


def _card(qtbot: QtBot, app: Any, ring: Any) -> tuple[Any, Any]:
    calls = app.calls.ensure_flow()
    with qtbot.waitSignal(calls.shown, timeout=10000) as shown:
        call = ring()
    return shown.args[0], call


def _visible(card: Any) -> set[CallAction]:
    return {a for a, b in card.control_buttons.items() if not b.isHidden()}


def _result(qtbot: QtBot, card: Any, text: str) -> None:
    qtbot.waitUntil(lambda: card.result.text() == text, timeout=10000)


def test_ami_decline_hangs_up_the_ringing_desk_phone_leg(
        qtbot: QtBot, tray_app: TrayApp, asterisk: AsteriskAmi,
        monkeypatch: pytest.MonkeyPatch) -> None:
    app = _ami_app(qtbot, tray_app, asterisk, monkeypatch)
    card, call = _card(qtbot, app, lambda: asterisk.ring("0446681842", "Anna Meier"))
    # A PBX cannot lift the handset: no Answer; Decline while it rings.
    assert _visible(card) == {CallAction.DECLINE}
    card.control_buttons[CallAction.DECLINE].click()
    qtbot.waitUntil(lambda: any(a.get("Action") == "Hangup" for a in asterisk.actions),
                    timeout=10000)
    [hangup] = [a for a in asterisk.actions if a.get("Action") == "Hangup"]
    assert (hangup["Channel"], hangup["Cause"]) == (call.callee_channel, "21")
    qtbot.waitUntil(lambda: len(app.ensure_journal().recent()) == 1, timeout=10000)
    [entry] = app.ensure_journal().recent()
    assert (entry.state, entry.control) == ("rejected", "decline")


def test_ami_transfer_redirects_the_callers_channel(
        qtbot: QtBot, tray_app: TrayApp, asterisk: AsteriskAmi,
        monkeypatch: pytest.MonkeyPatch) -> None:
    app = _ami_app(qtbot, tray_app, asterisk, monkeypatch)
    card, call = _card(qtbot, app, lambda: asterisk.ring("0446681842"))
    call.answer()
    qtbot.waitUntil(lambda: _visible(card) == {CallAction.HANGUP, CallAction.TRANSFER},
                    timeout=10000)
    card.control_buttons[CallAction.TRANSFER].click()
    dialog = app.calls.ask_transfer.dialog
    dialog.input.setText("079 123 45 67")
    dialog.dial_button.click()
    qtbot.waitUntil(lambda: len(app.ensure_journal().recent()) == 1, timeout=10000)
    [redirect] = [a for a in asterisk.actions if a.get("Action") == "Redirect"]
    assert (redirect["Channel"], redirect["Exten"], redirect["Context"],
            redirect["Priority"]) == (call.caller_channel, "+41791234567", "from-internal", "1")
    [entry] = app.ensure_journal().recent()
    assert (entry.state, entry.control, entry.transferred_to) == (
        "answered", "transfer", "+41791234567")


def test_ami_a_call_gone_meanwhile_and_a_refusal_are_said_on_the_card(
        qtbot: QtBot, tray_app: TrayApp, asterisk: AsteriskAmi,
        monkeypatch: pytest.MonkeyPatch) -> None:
    app = _ami_app(qtbot, tray_app, asterisk, monkeypatch)
    card, call = _card(qtbot, app, lambda: asterisk.ring("0446681842"))
    call.answer()
    qtbot.waitUntil(lambda: CallAction.HANGUP in _visible(card), timeout=10000)
    asterisk.refuse = {"redirect": "Redirect failed"}
    card.control_buttons[CallAction.TRANSFER].click()
    dialog = app.calls.ask_transfer.dialog
    dialog.input.setText("079 123 45 67")
    dialog.dial_button.click()
    _result(qtbot, card, "The phone system refused: Redirect failed")
    assert card.control_buttons[CallAction.HANGUP].isEnabled()  # try something else
    call.vanish(announce=False)  # gone, and the PBX did not say so
    card.control_buttons[CallAction.HANGUP].click()
    _result(qtbot, card, "The phone system refused: the call has ended")


def test_esl_decline_hang_up_and_transfer(qtbot: QtBot, tray_app: TrayApp,
                                          freeswitch: FreeSwitchEsl,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    app = _esl_app(qtbot, tray_app, freeswitch, monkeypatch)
    card, call = _card(qtbot, app, lambda: freeswitch.ring("0446681842", "Anna Meier"))
    assert _visible(card) == {CallAction.DECLINE}
    card.control_buttons[CallAction.DECLINE].click()
    qtbot.waitUntil(lambda: len(app.ensure_journal().recent()) == 1, timeout=10000)
    assert f"bgapi uuid_kill {call.callee_uuid} CALL_REJECTED\nJob-UUID: " in "\n".join(
        freeswitch.commands)
    card, call = _card(qtbot, app, lambda: freeswitch.ring("0446681843"))
    call.answer()
    qtbot.waitUntil(lambda: CallAction.TRANSFER in _visible(card), timeout=10000)
    card.control_buttons[CallAction.TRANSFER].click()
    dialog = app.calls.ask_transfer.dialog
    dialog.input.setText("1002")
    assert dialog.dial_button.isEnabled()
    dialog.dial_button.click()
    sent = f"bgapi uuid_transfer {call.caller_uuid} 1002 XML default\nJob-UUID: "
    qtbot.waitUntil(lambda: sent in "\n".join(freeswitch.commands), timeout=10000)
    qtbot.waitUntil(lambda: call.transferred_to is not None, timeout=10000)  # 1002 rings
    qtbot.waitUntil(lambda: len(app.ensure_journal().recent()) == 2, timeout=10000)
    transferred, declined = app.ensure_journal().recent()
    assert (declined.state, declined.control) == ("rejected", "decline")
    assert (transferred.control, transferred.transferred_to) == ("transfer", "1002")


def test_esl_a_call_gone_meanwhile_is_said(qtbot: QtBot, tray_app: TrayApp,
                                           freeswitch: FreeSwitchEsl,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    app = _esl_app(qtbot, tray_app, freeswitch, monkeypatch)
    card, call = _card(qtbot, app, lambda: freeswitch.ring("0446681842"))
    call.answer()
    qtbot.waitUntil(lambda: CallAction.HANGUP in _visible(card), timeout=10000)
    call.vanish(announce=False)  # gone, and FreeSWITCH did not say so
    card.control_buttons[CallAction.HANGUP].click()
    _result(qtbot, card, "The phone system refused: the call has ended")
