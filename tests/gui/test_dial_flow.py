"""Dialling through the real app object: countdown, confirmation, refusal, journal."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from desktop_client.outgoing.policy import Source
from tests.fakes import keyring_holds
from tests.gui.conftest import read_calls


def test_tel_link_dials_after_the_countdown(qtbot: QtBot, tray_app: Any, calls: Path) -> None:
    tray_app.dial("tel:+41-44-668-18-00", Source.OUTSIDE)
    toast = tray_app.flow.toast
    assert toast is not None and toast.isVisible()
    assert read_calls(calls) == []  # not before the countdown ran out
    with qtbot.waitSignal(tray_app.flow.completed, timeout=5000) as done:
        pass
    assert done.args[1] is True
    qtbot.waitUntil(lambda: read_calls(calls) == ["+41446681800"], timeout=5000)
    entries = tray_app.journal.recent()
    assert [(e.direction, e.state, e.e164, e.source) for e in entries] == [
        ("outgoing", "dialled", "+41446681800", "outside")]


def test_the_directory_is_asked_once_per_call(qtbot: QtBot, tray_app: Any,
                                             calls: Path) -> None:
    """Toast, journal entry and card all name the contact found once (a directory server's
    live lookup is not asked twice per click)."""
    flow = tray_app.ensure_flow()
    asked: list[str] = []

    def names(number: Any) -> str:
        asked.append(number.key)
        return "Muster AG"

    flow.service.names = names
    tray_app.dial("tel:+41-44-668-18-00", Source.OUTSIDE)
    assert flow.toast is not None and "Muster AG" in flow.toast.windowTitle() + \
        " ".join(label.text() for label in flow.toast.findChildren(QLabel))
    with qtbot.waitSignal(flow.completed, timeout=5000):
        pass
    assert asked == ["+41446681800"]
    assert tray_app.journal.recent()[0].contact_name == "Muster AG"


def test_cancel_during_the_countdown_dials_nothing(qtbot: QtBot, tray_app: Any,
                                                   calls: Path) -> None:
    tray_app.dial("tel:+41446681800", Source.OUTSIDE)
    with qtbot.assertNotEmitted(tray_app.flow.completed, wait=1600):
        QTest.mouseClick(tray_app.flow.toast.cancel_button, Qt.MouseButton.LeftButton)
    assert read_calls(calls) == []
    assert "Call cancelled" in tray_app.tray.status.text()
    assert tray_app.journal.recent() == []


def test_premium_number_asks_and_cancel_dials_nothing(qtbot: QtBot, tray_app: Any,
                                                      calls: Path) -> None:
    tray_app.dial("tel:0900123456", Source.OUTSIDE)
    dialog = tray_app.flow.confirm
    assert dialog is not None and dialog.isVisible()
    texts = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "+41 900 123 456" in texts and "premium-rate number" in texts
    assert "another program" in texts
    assert dialog.cancel_button.isDefault()
    with qtbot.assertNotEmitted(tray_app.flow.completed, wait=300):
        dialog.cancel_button.click()
    assert read_calls(calls) == []


def test_the_extension_sent_to_the_phone_is_shown(qtbot: QtBot, tray_app: Any,
                                                  calls: Path) -> None:
    tray_app.dial("tel:+41446681800;ext=12", Source.OUTSIDE)
    toast = tray_app.flow.toast
    assert toast is not None
    shown = " ".join(label.text() for label in toast.findChildren(QLabel))
    assert "+41 44 668 18 00, extension 12" in shown
    toast.cancel_button.click()
    tray_app.dial("tel:0900123456;ext=7", Source.OUTSIDE)
    dialog = tray_app.flow.confirm
    assert dialog is not None
    texts = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "+41 900 123 456, extension 7" in texts
    dialog.cancel_button.click()
    assert read_calls(calls) == []


def test_premium_number_dials_after_the_click(qtbot: QtBot, tray_app: Any, calls: Path) -> None:
    tray_app.dial("tel:0900123456", Source.OUTSIDE)
    with qtbot.waitSignal(tray_app.flow.completed, timeout=5000):
        tray_app.flow.confirm.dial_button.click()
    qtbot.waitUntil(lambda: read_calls(calls) == ["+41900123456"], timeout=5000)


def test_hostile_uri_is_refused_with_a_notification(qtbot: QtBot, tray_app: Any,
                                                    calls: Path) -> None:
    with qtbot.waitSignal(tray_app.flow.rejected, timeout=1000) as refused:
        tray_app.dial('tel:1" -platformpluginpath /tmp/x "', Source.OUTSIDE)
    assert "Not dialled" in refused.args[0]
    assert "Not dialled" in tray_app.tray.status.text()
    assert tray_app.flow.toast is None and tray_app.flow.confirm is None
    qtbot.wait(200)
    assert read_calls(calls) == []


def test_one_dialog_at_a_time(qtbot: QtBot, tray_app: Any) -> None:
    tray_app.dial("tel:0900123456", Source.OUTSIDE)
    with qtbot.waitSignal(tray_app.flow.rejected, timeout=1000) as refused:
        tray_app.dial("tel:+41446681800", Source.OUTSIDE)
    assert "waiting" in refused.args[0]


def test_the_users_own_dial_is_immediate(qtbot: QtBot, tray_app: Any, calls: Path) -> None:
    with qtbot.waitSignal(tray_app.flow.completed, timeout=5000):
        tray_app.dial("044 668 18 00", Source.USER)
    assert tray_app.flow.toast is None
    qtbot.waitUntil(lambda: read_calls(calls) == ["+41446681800"], timeout=5000)


def test_a_failing_softphone_is_reported_and_journaled(qtbot: QtBot, tray_app: Any) -> None:
    from desktop_client import settings

    broken = tray_app.config.with_values(backends__command__argv=("no-such-phone", "{number}"))
    settings.save(broken, tray_app.profile.config_file)
    tray_app.save_settings(broken)
    assert tray_app.ensure_flow() is not None
    with qtbot.waitSignal(tray_app.flow.completed, timeout=5000) as done:
        tray_app.dial("044 668 18 00", Source.USER)
    assert done.args[1] is False and "not found" in done.args[2]
    assert "Call failed" in tray_app.tray.status.text()
    assert tray_app.journal.recent()[0].state == "failed"


def test_macos_file_open_event_takes_the_same_path(qtbot: QtBot, tray_app: Any,
                                                   calls: Path) -> None:
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QFileOpenEvent
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    assert app is not None
    if sys.platform != "darwin":
        # Only macOS sends FileOpen: elsewhere no application-wide filter costs every event.
        assert not tray_app.FILE_OPEN_EVENTS
        QApplication.sendEvent(app, QFileOpenEvent(QUrl("tel:+41446681800")))
        assert tray_app.flow.toast is None
        tray_app.watch_file_open()  # what start() does on macOS
    QApplication.sendEvent(app, QFileOpenEvent(QUrl("tel:+41446681800")))
    assert tray_app.flow.toast is not None  # from outside: the countdown
    qtbot.waitUntil(lambda: read_calls(calls) == ["+41446681800"], timeout=5000)


def test_first_start_offers_registration_once(qtbot: QtBot, tray_app: Any,
                                              monkeypatch: Any) -> None:
    from PySide6.QtWidgets import QMessageBox

    asked: list[str] = []
    registered: list[object] = []

    def question(*args: Any) -> QMessageBox.StandardButton:
        asked.append(args[2])
        return QMessageBox.StandardButton.Yes

    def register(profile: object, **_: object) -> str:
        registered.append(profile)
        return "registered"

    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr("desktop_client.platform.registration.register", register)
    tray_app.config = tray_app.config.with_values(app__register_asked=False)
    tray_app.offer_registration()
    assert len(asked) == 1 and "tel: and callto:" in asked[0]
    assert registered == [tray_app.profile.config_dir]
    assert "register_asked = true" in tray_app.profile.config_file.read_text()
    assert "registered" in tray_app.tray.status.text()


def test_desk_phone_dialling_from_the_app(qtbot: QtBot, tray_app: Any,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import threading
    from http.server import ThreadingHTTPServer

    from tests.unit.test_deskphone import PASSWORD, PhoneHandler

    PhoneHandler.requests = []
    PhoneHandler.mode = "digest"
    server = ThreadingHTTPServer(("127.0.0.1", 0), PhoneHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        config = tray_app.config.with_values(
            dial__backend="deskphone", backends__deskphone__vendor="yealink",
            backends__deskphone__address=f"http://127.0.0.1:{server.server_address[1]}")
        tray_app.save_settings(config)
        flow = tray_app.ensure_flow()
        keyring_holds(monkeypatch, {"backends.deskphone.password": PASSWORD})
        with qtbot.waitSignal(flow.completed, timeout=10000) as done:
            tray_app.dial("044 668 18 00", Source.USER)
        assert done.args[1:] == [True, "the phone answered HTTP 200"]
        assert PhoneHandler.requests[-1][0] == "/servlet?key=number=%2B41446681800"
        assert tray_app.ensure_journal().recent()[0].state == "dialled"
    finally:
        server.shutdown()
        server.server_close()
