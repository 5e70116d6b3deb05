"""The one command that starts the app: tel: handler, start at login and the forwarder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_client import forwarder, ipc
from desktop_client.platform import launcher, windows

APP_DIR = r"C:\Users\anna\AppData\Local\Programs\TelephonyClient"
FROZEN_EXE = APP_DIR + r"\desktop-client.exe"


@pytest.fixture
def frozen_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    """The PyInstaller build on Windows, as the OS starts it."""
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", FROZEN_EXE)


@pytest.mark.usefixtures("frozen_windows")
def test_frozen_windows_build_registers_its_own_program() -> None:
    assert launcher(None) == [FROZEN_EXE]
    registry = windows.MemoryRegistry()
    windows.register(registry, launcher(None), open_settings=False)
    assert registry.get(r"Software\Classes\DesktopClient.Url\shell\open\command", "") == \
        f'"{FROZEN_EXE}" --uri "%1"'
    windows.set_autostart(registry, launcher(None), True)
    assert registry.get(windows.RUN_KEY, "Telephony Client") == f'"{FROZEN_EXE}" run'


@pytest.mark.usefixtures("frozen_windows")
def test_frozen_build_never_takes_a_program_from_the_current_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    planted = tmp_path / "desktop-client.EXE"
    planted.write_bytes(b"MZ")
    planted.chmod(0o755)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PATHEXT", ".EXE")
    assert launcher(None) == [FROZEN_EXE]


def test_windows_venv_finds_the_exe_console_script(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    scripts = tmp_path / "venv" / "Scripts"
    scripts.mkdir(parents=True)
    (scripts / "python.exe").write_bytes(b"MZ")
    (scripts / "desktop-client.exe").write_bytes(b"MZ")
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(sys, "executable", str(scripts / "python.exe"))
    monkeypatch.delattr(sys, "frozen", raising=False)
    monkeypatch.setenv("PATH", "")
    assert launcher(None) == [str(scripts / "desktop-client.exe")]


def test_a_script_in_the_current_folder_is_never_the_handler(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Python 3.11's shutil.which looks in the current folder first on Windows."""
    home = tmp_path / "python"
    home.mkdir()
    (home / "python.exe").write_bytes(b"MZ")
    here = tmp_path / "downloads"
    here.mkdir()
    planted = here / "desktop-client.EXE"
    planted.write_bytes(b"MZ")
    planted.chmod(0o755)
    monkeypatch.chdir(here)
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(sys, "executable", str(home / "python.exe"))
    monkeypatch.delattr(sys, "frozen", raising=False)
    monkeypatch.setenv("PATH", os.pathsep.join([".", ""]))
    monkeypatch.setenv("PATHEXT", ".EXE")
    command = launcher(None)
    assert command == [str(home / "python.exe"), "-m", "desktop_client"]
    assert all(str(here) not in part and not part.startswith(".") for part in command)


def test_profile_is_made_absolute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    command = launcher("office")
    assert command[-2:] == ["--profile", str(tmp_path / "office")]
    assert os.path.isabs(command[0])


def test_forwarder_starts_the_app_with_the_same_command(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The frozen program the click found no app for is started as the handler says."""
    record = tmp_path / "argv.txt"
    program = tmp_path / "bundle" / "desktop-client"
    program.parent.mkdir()
    program.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > {record}\n'
                       'echo "desktop-client: no display" >&2\nexit 1\n')
    program.chmod(0o755)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(program))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    profile = "profile"
    (tmp_path / profile).mkdir()
    name = ipc.server_name(str(tmp_path / profile))
    with pytest.raises(ipc.IpcError, match="could not start: no display"):
        forwarder._start_and_send(profile, name, ipc.Message("dial", text="tel:+41446681800"))
    assert record.read_text().splitlines() == [*launcher(profile)[1:], "run"]
    assert launcher(profile)[0] == str(program)


def test_the_handler_command_runs_from_any_folder(tmp_path: Path) -> None:
    """What register() writes starts the real program when run from an unrelated folder."""
    command = launcher(tmp_path / "p")
    result = subprocess.run([*command, "--version"], cwd="/", capture_output=True, text=True,
                            timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("desktop-client")
