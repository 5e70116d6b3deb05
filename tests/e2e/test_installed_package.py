"""The .deb as a user gets it: installed by .ci/run (python packaging/build.py deb, then
apt-get install ./dist/…deb), run from /usr/bin/desktop-client, never from this checkout."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest

from tests.e2e.desktop import virtual_desktop
from tests.real import need

INSTALLED = Path("/usr/bin/desktop-client")
ROOT = Path(__file__).resolve().parents[2]
APPLICATIONS = Path("/usr/share/applications/desktop-client.desktop")
METAINFO = Path("/usr/share/metainfo/ch.desktopclient.TelephonyClient.metainfo.xml")


@pytest.fixture
def installed() -> Path:
    if not INSTALLED.exists():
        message = ("the desktop-client package is not installed (.ci/run builds it with "
                   "'python packaging/build.py deb' and installs it)")
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return INSTALLED


def _env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DESKTOP_CLIENT_HOME", "QT_QPA_PLATFORM", "PYTHONPATH")}
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / ".local" / "share"),
               XDG_CONFIG_HOME=str(home / ".config"), XDG_RUNTIME_DIR=str(home / "run"),
               **extra)
    (home / "run").mkdir(parents=True, exist_ok=True, mode=0o700)
    return env


def test_the_installed_program_is_the_bundle(installed: Path, tmp_path: Path) -> None:
    assert installed.resolve() == Path("/opt/desktop-client/desktop-client")
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))[
        "project"]["version"]
    env = _env(tmp_path)
    shown = subprocess.run([str(installed), "--version"], env=env, capture_output=True,
                           text=True, timeout=60, check=False)
    assert shown.stdout.strip() == f"desktop-client {version}", shown.stderr
    number = subprocess.run([str(installed), "--profile", str(tmp_path / "p"), "number",
                             "--json", "tel:+41-44-668-18-00;ext=12"], env=env,
                            capture_output=True, text=True, timeout=60, check=False)
    assert number.returncode == 0, number.stderr
    assert '"e164": "+41446681800"' in number.stdout and '"extension": "12"' in number.stdout


def test_the_installed_files_pass_the_validators(installed: Path) -> None:
    desktop = subprocess.run([need("desktop-file-validate"), str(APPLICATIONS)],
                             capture_output=True, text=True, timeout=60, check=False)
    assert desktop.returncode == 0, desktop.stdout + desktop.stderr
    assert "MimeType=x-scheme-handler/tel;x-scheme-handler/callto;" in \
        APPLICATIONS.read_text(encoding="utf-8")
    appstream = subprocess.run([need("appstreamcli"), "validate", "--no-net", str(METAINFO)],
                               capture_output=True, text=True, timeout=60, check=False)
    assert appstream.returncode == 0, appstream.stdout + appstream.stderr
    assert Path("/usr/share/icons/hicolor/scalable/apps/desktop-client.svg").is_file()


def test_tray_register_and_a_tel_link_through_xdg_open(installed: Path,
                                                       tmp_path: Path) -> None:
    """The tray starts from /usr/bin under a real X server with a tray; register points the
    tel: handler at the installed program; xdg-open hands a link to it; the softphone (a
    recorder program) gets the number."""
    xdg_open = need("xdg-open")
    home, profile, calls = tmp_path / "home", tmp_path / "profile", tmp_path / "calls.txt"
    recorder = tmp_path / "softphone.py"
    recorder.write_text("import pathlib, sys\n"
                        "pathlib.Path(sys.argv[1]).open('a').write(sys.argv[2] + '\\n')\n",
                        encoding="utf-8")
    profile.mkdir()
    (profile / "config.toml").write_text(
        f'[dial]\nbackend = "command"\ncountdown_s = 0\n[backends.command]\n'
        f'argv = ["{sys.executable}", "{recorder}", "{calls}", "{{number}}"]\n'
        '[app]\nregister_asked = true\n', encoding="utf-8")
    with virtual_desktop() as display:
        env = _env(home, DISPLAY=display)
        app = subprocess.Popen([str(installed), "--profile", str(profile), "run"], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            log = profile / "desktop-client.log"
            deadline = time.monotonic() + 60
            while "accepting requests" not in (log.read_text(encoding="utf-8")
                                               if log.exists() else ""):
                assert app.poll() is None, app.stderr.read() if app.stderr else ""
                assert time.monotonic() < deadline, "the installed app did not start"
                time.sleep(0.1)
            assert "ready: tray icon shown" in log.read_text(encoding="utf-8")
            registered = subprocess.run([str(installed), "--profile", str(profile), "register"],
                                        env=env, capture_output=True, text=True, timeout=60,
                                        check=False)
            assert registered.returncode == 0, registered.stderr
            entry = (home / ".local" / "share" / "applications" / "desktop-client.desktop")
            assert "Exec=/opt/desktop-client/desktop-client --profile " in \
                entry.read_text(encoding="utf-8")
            subprocess.run([xdg_open, "tel:+41446681800"], env=env, timeout=60, check=True)
            deadline = time.monotonic() + 30
            while not (calls.exists() and calls.read_text(encoding="utf-8")):
                assert time.monotonic() < deadline, log.read_text(encoding="utf-8")
                time.sleep(0.1)
            assert calls.read_text(encoding="utf-8").split() == ["+41446681800"]
        finally:
            app.terminate()
            try:
                app.wait(15)
            except subprocess.TimeoutExpired:
                app.kill()
                app.wait(5)
            if app.stderr is not None:
                app.stderr.close()
