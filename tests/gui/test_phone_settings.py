"""The Settings dialog is generated from the schema the settings carry: a phone system's
page, its password field and its call source come from its settings module alone."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tests.gui.conftest import tray_of

if TYPE_CHECKING:
    from desktop_client.app import TrayApp


import pytest
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desktop_client import settings
from desktop_client.core import config as config_mod
from desktop_client.core.secrets import KeyringStatus
from desktop_client.ui.settings_dialog import SettingsDialog
from desktop_client.ui.settings_fields import SourceChecks
from tests.fakes import register_phone_system
from tests.gui.conftest import action_url_base
from tests.real import free_port


def test_a_new_phone_system_gets_its_page_field_and_source(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    register_phone_system(monkeypatch, "sipgate")
    config = config_mod.defaults(settings.assemble()).with_values(dial__backend="sipgate")
    saved: list[config_mod.Config] = []
    stored: dict[str, str] = {}

    def save_secret(key: str, value: str) -> str:
        stored[key] = value
        return ""

    dialog = SettingsDialog(config, KeyringStatus(True, "test"), saved.append,
                            save_secret=save_secret)
    qtbot.addWidget(dialog)
    chooser = dialog.editors["dial.backend"]
    assert isinstance(chooser, QComboBox)
    assert chooser.currentText() == "Sipgate (REST)"
    page = dialog.backend_pages.currentWidget()
    assert isinstance(page, QGroupBox)
    assert (page.objectName(), page.title()) == ("section-backends.sipgate", "Sipgate")
    device = page.findChild(QLineEdit, "backends.sipgate.device")
    timeout = page.findChild(QSpinBox, "backends.sipgate.timeout_s")
    token = page.findChild(QLineEdit, "backends.sipgate.token")
    assert device is not None and timeout is not None and token is not None
    assert token.echoMode() == QLineEdit.EchoMode.Password and token.isEnabled()
    assert timeout.maximum() == 60
    sources = dialog.editors["cti.sources"]
    assert isinstance(sources, SourceChecks)
    assert sources.boxes["sipgate"].text() == "Sipgate webhooks"

    device.setText("e12")
    token.setText("s3cret")
    sources.boxes["sipgate"].setChecked(True)
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.error.text() == ""
    assert saved[-1].values["backends.sipgate.device"] == "e12"
    assert saved[-1].strings("cti.sources") == ("sipgate",)
    assert stored == {"backends.sipgate.token": "s3cret"}


def test_the_incoming_page_shows_what_the_desk_phone_needs_under_its_title(
        qtbot: QtBot, tray_app: TrayApp) -> None:
    from desktop_client.app.calls import IncomingCalls
    from desktop_client.core.secrets import SecretStore
    from tests.fakes import MemoryKeyring

    config = tray_app.config.with_values(cti__sources=("action_url",),
                                         cti__action_url__port=free_port())
    calls = IncomingCalls(tray_app.profile, config, tray_of(tray_app),
                          journal=tray_app.ensure_journal, directory=tray_app.ensure_directory,
                          dial=lambda _n: None, secrets=SecretStore(MemoryKeyring()))
    calls.start(None)
    try:
        dialog = SettingsDialog(config, KeyringStatus(True, "test"), lambda _config: None,
                                setups=calls.setups)
        qtbot.addWidget(dialog)
        page = dialog.findChild(QWidget, "page-incoming")
        assert page is not None
        titles = [label.text() for label in page.findChildren(QLabel)]
        shown = [edit.toPlainText() for edit in page.findChildren(QPlainTextEdit)]
        assert "Action URLs to paste into the desk phone:" in titles
        assert len(shown) == 1 and action_url_base(shown[0]) in shown[0]
        assert "/incoming?number=" in shown[0]
    finally:
        calls.stop()
