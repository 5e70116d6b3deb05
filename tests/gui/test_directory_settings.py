"""The Directory page of Settings against a real Radicale: passwords typed there are tested
(not saved) by the Test button, saved to the keyring (never config.toml) by Save."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop_client import settings
from desktop_client.app import services as app_services
from desktop_client.core import config as config_mod
from desktop_client.core.secrets import KeyringStatus, SecretStore
from desktop_client.ui.settings_dialog import SettingsDialog
from tests.gui.conftest import click_save
from tests.servers.radicale_server import PASSWORD, USER, Radicale, make_vcard, need_radicale


@pytest.mark.qt_log_ignore("does not support raise")
def test_directory_page_tests_and_saves_the_password(qtbot: QtBot, tmp_path: Path) -> None:
    need_radicale()
    with Radicale() as server:
        server.put_card("anna", make_vcard("anna", "Anna Meier", ["044 668 18 42"]))
        server.put_card("ben", make_vcard("ben", "Ben Frei", ["079 123 45 67"]))
        path = tmp_path / "config.toml"
        path.write_text(f'[directory]\nsources = ["carddav"]\n[directory.carddav]\n'
                        f'url = "{server.url}"\nusername = "{USER}"\n', encoding="utf-8")
        config, _problems = settings.load(path)
        saved: list[config_mod.Config] = []
        secrets: dict[str, str] = {}

        def save_secret(key: str, value: str) -> str:
            secrets[key] = value
            return ""

        dialog = SettingsDialog(config, KeyringStatus(True, "test"), saved.append,
                                save_secret=save_secret,
                                test_directory=lambda config, typed:
                                app_services.test_directory_servers(config, typed,
                                                                    SecretStore()))
        qtbot.addWidget(dialog)
        extras = dialog.directory
        field = extras.fields["directory.carddav.password"]
        assert field.isEnabled() and field.echoMode() == field.EchoMode.Password
        field.setText("not-the-password")
        with qtbot.waitSignal(extras.tested, timeout=30_000):
            extras.button.click()
        assert extras.result.text() == (
            "carddav: failed: carddav: the server refused the password of anna")
        field.setText(PASSWORD)
        with qtbot.waitSignal(extras.tested, timeout=30_000):
            extras.button.click()
        text = extras.result.text()
        assert text.startswith("carddav: 2 entries · for example ")
        assert "Anna Meier: 044 668 18 42" in text or "Ben Frei: 079 123 45 67" in text
        assert secrets == {}  # testing saves nothing
        click_save(dialog)
        assert secrets == {"directory.carddav.password": PASSWORD}
        assert saved and saved[0].strings("directory.sources") == ("carddav",)
        assert PASSWORD not in path.read_text(encoding="utf-8")


@pytest.mark.qt_log_ignore("does not support raise")
def test_directory_servers_are_ticked_and_keep_their_lookup_order(qtbot: QtBot,
                                                                  tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[directory]\nsources = ["http", "vertec", "ldap"]\n', encoding="utf-8")
    config, _problems = settings.load(path)
    saved: list[config_mod.Config] = []
    dialog = SettingsDialog(config, KeyringStatus(True, "test"), saved.append)
    qtbot.addWidget(dialog)
    checks = dialog.editors["directory.sources"]
    boxes = checks.boxes  # type: ignore[attr-defined]
    assert [b.text() for b in boxes.values()] == [
        "Vertec", "LDAP / Active Directory", "CardDAV address book", "CRM over HTTP"]
    assert all(boxes[s].isChecked() for s in ("http", "vertec", "ldap"))
    boxes["carddav"].setChecked(True)
    boxes["http"].setChecked(False)
    click_save(dialog)
    # The order stays; the newly ticked one comes last.
    assert saved[0].strings("directory.sources") == ("vertec", "ldap", "carddav")
