"""The dial shortcut set up in GNOME's own settings: real gsettings (keyfile backend in a
private folder, as dconf would keep it), GNOME's own media-keys schema."""

from __future__ import annotations

import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop_client.platform import shortcut
from tests.real import need


@pytest.fixture
def gsettings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    program = need("gsettings")
    monkeypatch.setenv("GSETTINGS_BACKEND", "keyfile")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    schemas = subprocess.run([program, "list-schemas"], capture_output=True, text=True,
                             check=True).stdout.split()
    if shortcut.SCHEMA not in schemas:
        need("gnome-settings-daemon's schemas (package gnome-settings-daemon-common)")
    return program


def _get(program: str, *args: str) -> str:
    return subprocess.run([program, "get", *args], capture_output=True, text=True,
                          check=True).stdout.strip()


def test_our_shortcut_joins_the_users_own_and_is_set_once(gsettings: str,
                                                          tmp_path: Path) -> None:
    users = "/org/gnome/settings-daemon/plugins/media-keys/custom-keybindings/custom0/"
    subprocess.run([gsettings, "set", shortcut.SCHEMA, "custom-keybindings", f"['{users}']"],
                   check=True)
    command = ["/opt/desktop client/desktop-client", "--profile",
                str(tmp_path / "it's mine"), "dial", "--selection"]
    message = shortcut.bind_gnome(command)
    assert message.startswith("Ctrl+Alt+D dials the selected number")
    shortcut.bind_gnome(command)  # again: still one entry
    assert _get(gsettings, shortcut.SCHEMA, "custom-keybindings") == (
        f"['{users}', '{shortcut.PATH}']")
    binding, stored = shortcut.gnome_binding() or ("", "")
    assert binding == "<Primary><Alt>d"
    assert shlex.split(stored) == command  # GNOME runs it through the shell's quoting
    relocatable = f"{shortcut.SCHEMA}.custom-keybinding:{shortcut.PATH}"
    assert _get(gsettings, relocatable, "name") == "'Dial the selected number'"


def test_where_the_shortcut_can_be_set_up() -> None:
    assert shortcut.kind({}, "win32") == "windows"
    assert shortcut.kind({"XDG_CURRENT_DESKTOP": "KDE"}, "linux") == ""
    assert shortcut.kind({"XDG_CURRENT_DESKTOP": "XFCE"}, "linux") == ""
    assert shortcut.kind({"XDG_CURRENT_DESKTOP": "ubuntu:GNOME"}, "linux") == (
        "gnome" if shutil.which("gsettings") else "")
    assert shortcut.kind({"XDG_CURRENT_DESKTOP": "GNOME"}, "darwin") == ""


def test_the_assistant_offers_the_shortcut_or_shows_the_command(qtbot: QtBot) -> None:
    from desktop_client.ui.setup_assistant import SetupAssistant, SetupChoice

    offered = SetupAssistant([], lambda _f: "", shortcut="Ctrl+Alt+D",
                             shortcut_command="desktop-client dial --selection")
    qtbot.addWidget(offered)
    offered.show()
    assert offered.selection_box.isVisible() and offered.selection_box.isChecked()
    assert offered.selection_box.text() == ("Dial the number in the selected text with "
                                            "Ctrl+Alt+D, in any program")
    with qtbot.waitSignal(offered.chosen) as chosen:
        offered.done_button.click()
    assert isinstance(chosen.args[0], SetupChoice) and chosen.args[0].selection_key
    by_hand = SetupAssistant([], lambda _f: "", shortcut="",
                             shortcut_command="desktop-client dial --selection")
    qtbot.addWidget(by_hand)
    by_hand.show()
    assert not by_hand.selection_box.isVisible()
    hint = next(label for label in by_hand.findChildren(type(by_hand.result_label))
                if label.objectName() == "shortcutHint")
    assert hint.text().endswith("\ndesktop-client dial --selection")
    with qtbot.waitSignal(by_hand.chosen) as chosen:
        by_hand.done_button.click()
    assert not chosen.args[0].selection_key
