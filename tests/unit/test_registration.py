"""tel:/callto: handler registration: Linux with the real xdg-mime, Windows with a registry
in memory (the same layout the real one gets)."""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_client.platform import linux, windows
from tests.real import need


@pytest.fixture
def xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    need("xdg-mime")
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME"):
        folder = tmp_path / name.lower()
        folder.mkdir()
        monkeypatch.setenv(name, str(folder))
    monkeypatch.setenv("XDG_DATA_DIRS", str(tmp_path / "nodata"))
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "noconfig"))
    monkeypatch.delenv("XDG_CURRENT_DESKTOP", raising=False)
    monkeypatch.delenv("DESKTOP_SESSION", raising=False)
    return tmp_path


def _query(scheme: str) -> str:
    return subprocess.run(["xdg-mime", "query", "default", f"x-scheme-handler/{scheme}"],
                          capture_output=True, text=True, check=True).stdout.strip()


def test_register_doctor_unregister_with_real_xdg_mime(xdg: Path) -> None:
    command = ["/opt/My Apps/desktop-client", "--profile", "/home/u/Tele fon"]
    path = linux.register(command)
    assert path == xdg / "xdg_data_home" / "applications" / "desktop-client.desktop"
    text = path.read_text(encoding="utf-8")
    exec_line = next(line for line in text.splitlines() if line.startswith("Exec="))
    assert exec_line == 'Exec="/opt/My Apps/desktop-client" --profile "/home/u/Tele fon" ' \
                       "--uri %u"
    assert shlex.split(exec_line[5:])[-2:] == ["--uri", "%u"]
    assert "MimeType=x-scheme-handler/tel;x-scheme-handler/callto;" in text
    assert _query("tel") == "desktop-client.desktop"
    assert _query("callto") == "desktop-client.desktop"
    assert _query("sip") == ""  # off by default
    reports = {r.scheme: r for r in linux.doctor()}
    assert reports["tel"].is_us and reports["callto"].is_us and not reports["sip"].is_us
    assert linux.handler_is_us("callto")

    removed = linux.unregister()
    assert str(path) in removed
    assert not path.exists()
    assert _query("tel") == ""
    assert not any(r.is_us for r in linux.doctor())


def test_sip_is_optional(xdg: Path) -> None:
    linux.register(["desktop-client"], ("tel", "callto", "sip"))
    assert _query("sip") == "desktop-client.desktop"


def test_unregister_keeps_other_handlers(xdg: Path) -> None:
    mimeapps = xdg / "xdg_config_home" / "mimeapps.list"
    mimeapps.write_text("[Default Applications]\nx-scheme-handler/mailto=thunderbird.desktop\n"
                        "text/html=firefox.desktop\n", encoding="utf-8")
    linux.register(["desktop-client"])
    linux.unregister()
    text = mimeapps.read_text(encoding="utf-8")
    assert "x-scheme-handler/mailto=thunderbird.desktop" in text
    assert "text/html=firefox.desktop" in text
    assert "desktop-client" not in text


def test_cli_register_and_doctor(xdg: Path, tmp_path: Path) -> None:
    env_profile = str(tmp_path / "prof")
    run = [sys.executable, "-m", "desktop_client", "--profile", env_profile]
    registered = subprocess.run([*run, "register"], capture_output=True, text=True, check=False)
    assert registered.returncode == 0, registered.stderr
    doctor = subprocess.run([*run, "doctor"], capture_output=True, text=True, check=False)
    assert doctor.returncode == 0
    assert "ok tel: opens with desktop-client.desktop" in doctor.stdout
    assert "-- sip: opens with (none)" in doctor.stdout
    desktop = (xdg / "xdg_data_home" / "applications" / "desktop-client.desktop").read_text()
    assert f"--profile {env_profile} --uri %u" in desktop
    subprocess.run([*run, "unregister"], check=True, capture_output=True)
    after = subprocess.run([*run, "doctor"], capture_output=True, text=True, check=False)
    assert after.returncode == 1


def test_autostart_entry(xdg: Path) -> None:
    linux.set_autostart(["desktop-client"], True)
    entry = linux.autostart_path().read_text(encoding="utf-8")
    assert "Exec=desktop-client run" in entry and "MimeType" not in entry
    linux.set_autostart(["desktop-client"], False)
    assert not linux.autostart_path().exists()


@pytest.mark.parametrize(("arg", "quoted"), [
    ("plain", "plain"), ("with space", '"with space"'), ('q"uote', '"q\\"uote"'),
    ("$HOME", '"\\$HOME"'), ("100%", "100%%"),
])
def test_exec_quoting(arg: str, quoted: str) -> None:
    assert linux.exec_quote(arg) == quoted


def test_windows_registry_layout() -> None:
    registry = windows.MemoryRegistry()
    command = [r"C:\Program Files\Telephony Client\desktop-client.exe"]
    windows.register(registry, command, open_settings=False)
    prog = r"Software\Classes\DesktopClient.Url"
    assert registry.get(prog, "URL Protocol") == ""
    assert registry.get(prog + r"\shell\open\command", "") == \
        '"C:\\Program Files\\Telephony Client\\desktop-client.exe" --uri "%1"'
    caps = r"Software\DesktopClient\Capabilities"
    assert registry.get(caps + r"\URLAssociations", "tel") == "DesktopClient.Url"
    assert registry.get(caps + r"\URLAssociations", "callto") == "DesktopClient.Url"
    assert registry.get(r"Software\RegisteredApplications", "Telephony Client") == caps
    reports = {r.scheme: r for r in windows.doctor(registry)}
    assert not reports["tel"].is_us and "not chosen as default" in reports["tel"].detail
    registry.set(r"Software\Microsoft\Windows\Shell\Associations\UrlAssociations\tel"
                 r"\UserChoice", "ProgId", "DesktopClient.Url")
    assert {r.scheme: r.is_us for r in windows.doctor(registry)} == {"tel": True,
                                                                     "callto": False}
    windows.unregister(registry)
    assert registry.get(prog, "URL Protocol") is None
    assert registry.get(caps, "ApplicationName") is None
    assert registry.get(r"Software\RegisteredApplications", "Telephony Client") is None


def test_windows_autostart() -> None:
    registry = windows.MemoryRegistry()
    windows.set_autostart(registry, ["C:\\dc.exe"], True)
    assert registry.get(windows.RUN_KEY, "Telephony Client") == '"C:\\dc.exe" run'
    windows.set_autostart(registry, ["C:\\dc.exe"], False)
    assert registry.get(windows.RUN_KEY, "Telephony Client") is None
