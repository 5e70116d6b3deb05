"""The dial dialog, the tray menu, settings and the normalize run, as a user clicks them."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import keyring.backends.fail
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from desktop_client.core.directory import AddressRecord
from desktop_client.core.secrets import describe
from desktop_client.outgoing.policy import Source
from desktop_client.ui.icons import TrayState, tray_icon
from desktop_client.ui.settings_dialog import SettingsDialog
from tests.gui.conftest import click_save, read_calls


def _add_contacts(app: Any) -> None:
    with app.directory.transaction():
        app.directory.put(AddressRecord("person", "Anna", "Meier", "Muster AG", "P1",
                                        channels=(("phone", "044 668 18 42"),)),
                          app.config.location())
        app.directory.put(AddressRecord("company", company="Muster AG", external_id="C1",
                                        channels=(("phone", "044 668 18 00"),)),
                          app.config.location())


def test_dial_dialog_preview_and_enter(qtbot: QtBot, tray_app: Any, calls: Path) -> None:
    _add_contacts(tray_app)
    tray_app.open_dial_dialog()
    dialog = tray_app.dial_dialog
    QTest.keyClicks(dialog.input, "044 668")
    assert "too short for Switzerland" in dialog.preview.text()
    assert not dialog.dial_button.isEnabled()
    QTest.keyClicks(dialog.input, " 18 42")
    assert dialog.preview.text() == "+41 44 668 18 42 · fixed line · Anna Meier, Muster AG"
    with qtbot.waitSignal(tray_app.flow.completed, timeout=5000):
        QTest.keyClick(dialog.input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: read_calls(calls) == ["+41446681842"], timeout=5000)
    assert tray_app.dial_dialog is None  # closed and deleted, nothing left behind


def test_dial_dialog_name_search(qtbot: QtBot, tray_app: Any, calls: Path) -> None:
    _add_contacts(tray_app)
    tray_app.open_dial_dialog()
    dialog = tray_app.dial_dialog
    QTest.keyClicks(dialog.input, "mei")
    qtbot.waitUntil(lambda: dialog.hits.count() == 1, timeout=2000)
    assert dialog.hits.item(0).text() == "Anna Meier, Muster AG (phone) — +41 (44) 6681842"
    QTest.keyClicks(dialog.input, "x")
    qtbot.waitUntil(lambda: dialog.preview.text() == "No contact found", timeout=2000)
    dialog.input.setText("muster")
    qtbot.waitUntil(lambda: dialog.hits.count() == 2, timeout=2000)
    # Every name is readable: no scroll bar over the text while a few fit.
    assert dialog.hits.height() >= 2 * dialog.hits.sizeHintForRow(0)
    assert not dialog.hits.verticalScrollBar().isVisible()
    with qtbot.waitSignal(tray_app.flow.completed, timeout=5000):
        QTest.keyClick(dialog.input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(read_calls(calls)) == 1, timeout=5000)
    assert read_calls(calls)[0] in ("+41446681842", "+41446681800")


def test_clipboard_entry_shows_the_number_and_dials(qtbot: QtBot, tray_app: Any,
                                                    calls: Path) -> None:
    tray = tray_app.tray
    QGuiApplication.clipboard().setText("Hello world, nothing to dial")
    tray.refresh_menu()
    assert not tray.clipboard_action.isEnabled()
    QGuiApplication.clipboard().setText("Tel. 044 668 18 00")
    tray.refresh_menu()
    assert tray.clipboard_action.isEnabled()
    assert "+41 44 668 18 00" in tray.clipboard_action.text()
    with qtbot.waitSignal(tray_app.flow.completed, timeout=5000):
        tray.clipboard_action.trigger()
    qtbot.waitUntil(lambda: read_calls(calls) == ["+41446681800"], timeout=5000)
    # A number in a sentence, as copied from an e-mail: that number, not the sentence.
    QGuiApplication.clipboard().setText("Rufen Sie mich an: 061 555 12 34, ab 14 Uhr")
    tray.refresh_menu()
    assert tray.clipboard_action.isEnabled()
    assert tray.clipboard_action.text() == "Dial +41 61 555 12 34 from clipboard"
    with qtbot.waitSignal(tray_app.flow.completed, timeout=5000):
        tray.clipboard_action.trigger()
    qtbot.waitUntil(lambda: read_calls(calls) == ["+41446681800", "+41615551234"], timeout=5000)
    # Two numbers: which one is meant is the user's choice (the selection shortcut asks).
    QGuiApplication.clipboard().setText("Zentrale 044 668 18 00, direkt 061 555 12 34")
    tray.refresh_menu()
    assert not tray.clipboard_action.isEnabled()


def test_recent_calls_redial(qtbot: QtBot, tray_app: Any, calls: Path) -> None:
    now = [1000.0]
    tray_app.flow.service.limiter.clock = lambda: now[0]
    tray = tray_app.tray
    tray.refresh_menu()
    assert [a.text() for a in tray.recent_menu.actions()] == ["No calls yet"]
    with qtbot.waitSignal(tray_app.flow.completed, timeout=10000):
        tray_app.dial("044 668 18 00", Source.USER)
    tray.refresh_menu()
    [entry] = tray.recent_menu.actions()
    assert entry.text() == "→ +41446681800"  # no name: the number once
    with qtbot.waitSignal(tray_app.flow.rejected, timeout=2000) as refused:
        entry.trigger()  # the same number again within 3 s is dropped
    assert "again within 3 s" in refused.args[0]
    now[0] += 3.5
    with qtbot.waitSignal(tray_app.flow.completed, timeout=10000):
        entry.trigger()
    qtbot.waitUntil(lambda: read_calls(calls) == ["+41446681800"] * 2, timeout=10000)


def test_main_window_without_a_tray(qtbot: QtBot, tray_app: Any, calls: Path) -> None:
    from PySide6.QtWidgets import QCheckBox

    from desktop_client.outgoing.policy import Source

    tray = tray_app.tray
    assert tray.tray is None  # offscreen has no system tray
    window = tray.main_window
    assert window is not None and window is tray.window and window.isVisible()
    buttons = {b.objectName(): b for b in window.findChildren(QPushButton)}
    assert {"dial", "clipboard", "journal", "settings", "normalize", "quit"} <= buttons.keys()
    assert buttons["dial"].text() == "Dial…" and buttons["dial"].isDefault()
    assert window.calls.item(0).text() == "No calls yet"
    with qtbot.waitSignal(tray_app.ensure_flow().completed, timeout=10000):
        tray_app.dial("044 668 18 00", Source.USER)
    qtbot.waitUntil(lambda: window.calls.item(0).flags() != Qt.ItemFlag.NoItemFlags,
                    timeout=5000)  # the call is in the recent list at once
    assert "+41446681800" in window.calls.item(0).text()
    tray.set_missed(2)
    assert buttons["journal"].text() == "Call journal (2 missed)…"
    with qtbot.waitSignal(tray.dial_text_requested, timeout=1000) as redial:
        window.calls.itemActivated.emit(window.calls.item(0))
    assert redial.args == ["+41446681800"]
    dnd = window.findChild(QCheckBox, "dnd")
    dnd.click()
    assert tray.state == TrayState.DND and tray.dnd_action.isChecked()
    window.close()  # closing leaves the app running, and says so
    assert not window.isVisible() and not tray_app.closed
    assert tray.status.text().startswith("Telephony Client: Still running")
    tray.bring_forward()  # a second start from the application grid
    assert window.isVisible()
    with qtbot.waitSignal(tray.quit_requested, timeout=1000):
        buttons["quit"].click()


def test_do_not_disturb_and_icon_states(qtbot: QtBot, tray_app: Any) -> None:
    tray = tray_app.tray
    tray.dnd_action.setChecked(True)
    assert tray.state == TrayState.DND and "do not disturb" in tray.tooltip
    tray.set_backend(False, "baresip: retrying in 4 s")
    assert tray.state == TrayState.DND
    tray.dnd_action.setChecked(False)
    assert tray.state == TrayState.OFFLINE and "retrying in 4 s" in tray.tooltip
    tray.set_missed(3)
    assert "3 missed call(s)" in tray.tooltip
    images = {state: tray_icon(state).pixmap(32, 32).toImage() for state in TrayState}
    assert images[TrayState.READY] != images[TrayState.OFFLINE] != images[TrayState.DND]
    assert tray_icon(TrayState.READY, 2).pixmap(32, 32).toImage() != images[TrayState.READY]


def test_the_icon_of_a_start_is_the_drawn_one(qapp: object) -> None:
    """Every start shows the ready icon from a file (drawing it first costs ~40 ms before the
    icon appears): it is the drawn icon, pixel for pixel, at the sizes trays ask for."""
    from PySide6.QtGui import QImage, QPixmap

    from desktop_client.ui.icons import START_ICON, START_SIZE, drawn_tray_icon

    stored = tray_icon(TrayState.READY)
    assert stored.pixmap(START_SIZE, START_SIZE).toImage() == QPixmap(str(START_ICON)).toImage()
    drawn = drawn_tray_icon(TrayState.READY)
    same = QImage.Format.Format_ARGB32_Premultiplied
    for size in (16, 22, 24, 32, 48, START_SIZE):
        assert stored.pixmap(size, size).toImage().convertToFormat(same) == \
            drawn.pixmap(size, size).toImage().convertToFormat(same), (
                f"{START_ICON.name} is not the drawn icon at {size} px: save "
                "drawn_tray_icon(TrayState.READY).pixmap(START_SIZE, START_SIZE) over it")


def test_settings_round_trip(qtbot: QtBot, tray_app: Any) -> None:
    tray_app.open_settings()
    dialog = tray_app.settings_dialog
    dialog.editors["location.country"].setText("DE")
    dialog.editors["location.internal_digits"].setValue(3)
    combo = dialog.editors["dial.confirm"]
    assert isinstance(combo, QComboBox)
    assert combo.currentText() == "Only for risky numbers"  # a label, not the raw value
    _choose(combo, "always")
    _choose(dialog.editors["backends.handoff.scheme"], "callto")
    click_save(dialog)
    assert not dialog.isVisible()
    data = tomllib.loads(tray_app.profile.config_file.read_text(encoding="utf-8"))
    assert data["location"]["country"] == "DE" and data["location"]["internal_digits"] == 3
    assert data["dial"]["confirm"] == "always"
    assert data["backends"]["handoff"]["scheme"] == "callto"
    assert data["backends"]["command"]["argv"][-1] == "{number}"
    assert tray_app.config.location().country == "DE"


def _choose(combo: Any, value: str) -> None:
    index = combo.findData(value)
    assert index >= 0, value
    combo.setCurrentIndex(index)


def test_settings_are_pages_that_fit_a_small_screen(qtbot: QtBot, tray_app: Any) -> None:
    """The old dialog was one form of 454x2241 px: Save was off-screen at 800 px."""
    tray_app.open_settings()
    dialog = tray_app.settings_dialog
    qtbot.waitExposed(dialog)
    area = dialog.screen().availableGeometry()
    assert dialog.height() <= area.height() and dialog.width() <= area.width()
    assert dialog.height() <= 720 - 40
    pages = [dialog.page_list.item(i).text() for i in range(dialog.page_list.count())]
    assert pages == ["General", "Dialling", "Incoming calls", "Directory", "Call journal"]
    # Only the chosen phone system's fields show; a preset shows the command it runs.
    backends = dialog.backend_pages
    dialog.page_list.setCurrentRow(1)
    _choose(dialog.editors["dial.backend"], "ami")
    assert backends.currentWidget().objectName() == "section-backends.ami"
    assert dialog.secrets["backends.ami.secret"].isVisibleTo(dialog)
    _choose(dialog.editors["dial.backend"], "command")
    _choose(dialog.editors["backends.command.preset"], "linphone")
    assert dialog.preset_command.text() == "Runs: linphonecsh dial <number>"
    assert not dialog.editors["backends.command.argv"].isEnabled()


def test_settings_point_at_the_field_they_refuse(qtbot: QtBot, tray_app: Any) -> None:
    tray_app.open_settings()
    dialog = tray_app.settings_dialog
    dialog.page_list.setCurrentRow(0)
    dialog.editors["journal.retention_days"].setValue(-3)  # the spin box keeps 0
    assert dialog.values()["journal.retention_days"] == 0
    with pytest.raises(Exception, match="between 0 and 30"):
        tray_app.config.with_values(dial__countdown_s=-5)
    dialog.editors["location.area_code"].setText("44a")
    click_save(dialog)
    assert dialog.isVisible()
    assert dialog.page_list.currentRow() == 0
    assert "area code" in dialog.error.text()
    assert "c62828" in dialog.editors["location.area_code"].styleSheet()


def test_settings_refuse_a_bad_value(qtbot: QtBot, tray_app: Any) -> None:
    tray_app.open_settings()
    dialog = tray_app.settings_dialog
    before = tray_app.profile.config_file.read_text(encoding="utf-8")
    dialog.editors["location.country"].setText("Schweiz")
    click_save(dialog)
    assert dialog.isVisible()
    # The field is named by its label: the value came from here, not from config.toml.
    assert dialog.error.text() == ("Country: unknown country code 'Schweiz' (use ISO codes like "
                                   "CH, DE)")
    assert tray_app.profile.config_file.read_text(encoding="utf-8") == before
    # The user corrects it: the refusal goes at once, not only at the next Save.
    country = dialog.editors["location.country"]
    country.selectAll()
    QTest.keyClicks(country, "CH")
    assert dialog.error.text() == "" and country.styleSheet() == ""
    # Another field refused next: changing the country again does not clear that refusal.
    dialog.editors["location.area_code"].setText("44a")
    click_save(dialog)
    assert "area code" in dialog.error.text()
    QTest.keyClicks(country, "X")
    assert "area code" in dialog.error.text()


def test_settings_show_an_unusable_keyring(qtbot: QtBot, tray_app: Any) -> None:
    status = describe(keyring.backends.fail.Keyring())  # type: ignore[no-untyped-call]
    dialog = SettingsDialog(tray_app.config, status, lambda _config: None)
    qtbot.addWidget(dialog)
    assert "Passwords cannot be stored" in dialog.keyring_label.text()
    assert "no keyring service" in dialog.keyring_label.text()


def test_settings_test_button(qtbot: QtBot, tray_app: Any) -> None:
    tray_app.open_settings()
    dialog = tray_app.settings_dialog
    with qtbot.waitSignal(dialog.test_done, timeout=5000):
        dialog.test_button.click()
    assert dialog.test_result.text().startswith("OK: ")
    _choose(dialog.editors["dial.backend"], "baresip")
    dialog.editors["backends.baresip.address"].setText("127.0.0.1:9")
    with qtbot.waitSignal(dialog.test_done, timeout=10000):
        dialog.test_button.click()
    assert dialog.test_result.text().startswith("Problem: nothing listens on 127.0.0.1:9")


def test_normalize_from_the_tray(qtbot: QtBot, tray_app: Any) -> None:
    with tray_app.directory.transaction():
        tray_app.directory.put(AddressRecord("person", "Otto", "Ohne", channels=(
            ("phone", "044 668 18 00"), ("phone", "044 668"))), tray_app.config.location())
    tray_app.tray.normalize_action.trigger()
    question = tray_app.normalize_question
    assert tray_app.normalize_progress is None  # nothing starts before the user says so
    assert "all 2 phone, mobile and fax entries of 1 addresses" in question.text()
    question.button(QMessageBox.StandardButton.Yes).click()
    progress: Any = getattr(tray_app, "normalize_progress")  # noqa: B009 - mypy narrowed it
    qtbot.waitUntil(lambda: progress.summary is not None, timeout=10000)
    text = progress.summary.text()
    assert text.startswith("2 entries checked, 1 normalized, 0 changed, 1 could not be")
    assert str(tray_app.profile.log_file) in text
    log = tray_app.profile.log_file.read_text(encoding="utf-8")
    assert "address 'Otto Ohne'" in log and "'044 668' cannot be normalized" in log
    assert isinstance(progress.summary, QMessageBox)
    QApplication.processEvents()


def test_config_problems_are_shown_in_the_tray(qtbot: QtBot, tmp_path: Path,
                                               runtime: Path) -> None:
    from desktop_client import settings
    from desktop_client.app import TrayApp
    from desktop_client.core.profile import Profile

    profile = Profile.resolve(str(tmp_path / "broken"))
    config = settings.defaults().with_values(app__register_asked=True)
    app = TrayApp(profile, config, ["config.toml is not valid TOML; using defaults"])
    try:
        assert app.start() and app.finish_start_now()
        assert app.tray is not None
        assert "config.toml is not valid TOML" in app.tray.status.text()
    finally:
        app.close()


def test_the_menu_gets_standard_icons_when_first_shown(qtbot: QtBot, tray_app: Any) -> None:
    tray = tray_app.tray
    assert tray.quit_action.icon().isNull()  # nothing loaded at start-up
    tray.refresh_menu()
    for action in (tray.quit_action, tray.normalize_action, tray.journal_action):
        assert not action.icon().isNull(), action.text()  # the style's icon where no theme


def test_the_assistant_says_what_it_looked_for(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QLabel as Label

    from desktop_client.ui.setup_assistant import SetupAssistant

    assistant = SetupAssistant([], lambda _finding: "", missing=[
        "baresip: nothing listens on 127.0.0.1:4444", "softphone programs not found: twinkle"])
    qtbot.addWidget(assistant)
    shown = assistant.findChild(Label, "missing")
    assert shown is not None
    assert "nothing listens on 127.0.0.1:4444" in shown.text()
    assert assistant.selected() is None  # "another phone system: open Settings"


def test_settings_ask_the_keyring_through_the_command_line(qtbot: QtBot, tray_app: Any) -> None:
    """keyring (and cryptography) stay out of the tray app: `secret status --json` answers,
    and the password fields follow its answer."""
    tray_app.open_settings()
    dialog = tray_app.settings_dialog
    assert dialog.keyring_label.text() == "Asking the system keyring…"
    assert not dialog.secrets["backends.ami.secret"].isEnabled()
    qtbot.waitUntil(lambda: dialog.keyring_label.text() != "Asking the system keyring…",
                    timeout=30_000)
    import subprocess

    from desktop_client.qt.keyring_process import parse_status

    # What the user's own `desktop-client secret status --json` says (this test process may
    # have another keyring set by earlier tests).
    answer = subprocess.run([*tray_app.self_command(), "secret", "status", "--json"],
                            capture_output=True, text=True, timeout=60, check=False)
    expected = parse_status(answer.stdout)
    assert expected.backend not in ("", "?"), answer.stderr
    if expected.usable:
        assert expected.backend in dialog.keyring_label.text()
    else:
        assert expected.problem in dialog.keyring_label.text()
    assert dialog.secrets["backends.ami.secret"].isEnabled() == expected.usable


def test_every_secret_of_the_schema_has_its_password_field_in_its_section(
        qtbot: QtBot, tray_app: Any) -> None:
    from PySide6.QtWidgets import QGroupBox, QLineEdit

    tray_app.open_settings()
    dialog = tray_app.settings_dialog
    qtbot.waitExposed(dialog)
    assert len(dialog.schema.secrets) == 9
    for secret in dialog.schema.secrets:
        field = dialog.findChild(QLineEdit, secret.name)
        if not secret.field:  # made by the app (the action URL token): nothing to type
            assert field is None
            continue
        assert field is not None, secret.name
        assert field.echoMode() == QLineEdit.EchoMode.Password
        box = field.parent()
        while box is not None and not isinstance(box, QGroupBox):
            box = box.parent()
        assert box is not None and box.objectName() == f"section-{secret.section}"
