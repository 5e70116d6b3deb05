"""Take the README's screenshots: the app under Xvfb with trayer, clicked with xdotool.

    python packaging/screenshots.py [--language de|en]

Needs Xvfb, trayer, xdotool, xclip and ImageMagick
(Debian: xvfb trayer xdotool xclip imagemagick).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.e2e.desktop import screenshot, virtual_desktop  # noqa: E402

OUT = ROOT / "resources" / "screenshots"
WIDTH, HEIGHT = 1280, 720
CONTROL_ROW_Y = 112  # a card's Answer / Hang up button, below heading, name, company, number
CONTACTS = """ID;Firma;Vorname;Nachname;Telefon;Mobil
C1;Muster AG;;;044 668 18 00;
P1;Muster AG;Anna;Meier;044 668 18 42;079 123 45 67
P2;Muster AG;Beat;Meierhans;044 668 18 43;
P3;Beispiel GmbH;Claudia;Meister;+49 30 1234567;
P4;;Eva;Beispiel;044 668 18 43;
"""


def _xdotool(env: dict[str, str], *args: str) -> None:
    subprocess.run(["xdotool", *args], env=env, check=True, timeout=20)


def _crop(source: Path, target: Path, geometry: str) -> None:
    subprocess.run(["convert", str(source), "-crop", geometry, "+repage", str(target)],
                   check=True)


def main() -> None:
    """Start the app, click through it, save PNGs."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--language", default="en", choices=("en", "de"))
    language = parser.parse_args().language
    OUT.mkdir(parents=True, exist_ok=True)
    # 1280x720, a small office screen; positions below are relative to its right edge.
    dx = WIDTH - 1024
    with tempfile.TemporaryDirectory() as tmp, virtual_desktop(WIDTH, HEIGHT) as display:
        profile = Path(tmp) / "profile"
        profile.mkdir()
        (profile / "config.toml").write_text(
            f'[dial]\nbackend = "command"\n[backends.command]\npreset = "linphone"\n'
            f'[ui]\nlanguage = "{language}"\n[app]\nregister_asked = true\n', encoding="utf-8")
        contacts = Path(tmp) / "contacts.csv"
        contacts.write_text(CONTACTS, encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
        env.update(DISPLAY=display, XDG_RUNTIME_DIR=tmp)
        base = [sys.executable, "-m", "desktop_client", "--profile", str(profile)]
        subprocess.run([*base, "import", str(contacts)], env=env, check=True)
        app = subprocess.Popen([*base, "run"], env=env)
        try:
            time.sleep(3)
            shot = Path(tmp) / "screen.png"
            subprocess.run(["xclip", "-selection", "clipboard"], input=b"Tel. 044 668 18 00",
                           env=env, check=False)
            _xdotool(env, "mousemove", str(1010 + dx), "16", "click", "3")
            time.sleep(1)
            screenshot(display, str(shot))
            _crop(shot, OUT / f"tray-menu-{language}.png", f"420x300+{604 + dx}+0")
            _xdotool(env, "key", "Escape")
            time.sleep(0.3)
            subprocess.run([*base, "run"], env=env, check=True)  # brings the dial dialog up
            time.sleep(1.5)
            _xdotool(env, "search", "--sync", "--onlyvisible", "--class", "desktop-client",
                     "windowfocus", "--sync")
            _xdotool(env, "type", "--delay", "40", "044 668 18 42")
            time.sleep(0.5)
            screenshot(display, str(shot))
            _crop(shot, OUT / f"dial-dialog-number-{language}.png",
                  _window(env, "Wählen" if language == "de" else "Dial"))
            _xdotool(env, "key", "ctrl+a", "BackSpace")
            _xdotool(env, "type", "--delay", "40", "mei")
            time.sleep(1)
            screenshot(display, str(shot))
            _crop(shot, OUT / f"dial-dialog-search-{language}.png",
                  _window(env, "Wählen" if language == "de" else "Dial"))
            _xdotool(env, "key", "Escape")
            for call_id, number, name in (("s1", "0446681842", "ANNA M"),
                                          ("s2", "+49 89 9876543", "Fremd GmbH"),
                                          ("s3", "0446681843", "")):
                subprocess.run([*base, "incoming", number, "--name", name, "--call-id",
                                call_id], env=env, check=True)
                time.sleep(0.7)
            time.sleep(0.5)
            screenshot(display, str(shot))
            _crop(shot, OUT / f"caller-cards-{language}.png", f"372x600+{652 + dx}+0")
            for call_id, number in (("s1", "0446681842"), ("s2", "+49 89 9876543"),
                                    ("s3", "0446681843")):
                subprocess.run([*base, "incoming", number, "--call-id", call_id, "--state",
                                "ended"], env=env, check=True)
            time.sleep(0.5)
            _xdotool(env, "mousemove", str(1010 + dx), "16", "click", "3")
            time.sleep(0.8)
            _xdotool(env, "mousemove", str(850 + dx), "93", "click", "1")
            time.sleep(1.2)
            screenshot(display, str(shot))
            _crop(shot, OUT / f"journal-{language}.png", "760x420+0+0")
            _xdotool(env, "key", "Escape")
            _settings_pages(env, base, shot, language)
        finally:
            app.terminate()
            app.wait(10)
        _assistant(env, Path(tmp), shot, language)
        _call_control(env, Path(tmp), shot, language)
    with tempfile.TemporaryDirectory() as tmp:
        _without_a_tray(Path(tmp), language)


def _without_a_tray(tmp: Path, language: str) -> None:
    """A desktop without a tray, with a notification service (dunst): the main window, and
    a ringing and a missed call as the desktop's notifications."""
    from tests.e2e.notification_daemon import notification_daemon

    profile = tmp / "profile"
    profile.mkdir()
    (profile / "config.toml").write_text(
        f'[dial]\nbackend = "command"\n[backends.command]\npreset = "linphone"\n'
        f'[ui]\nlanguage = "{language}"\n[app]\nregister_asked = true\n', encoding="utf-8")
    (tmp / "contacts.csv").write_text(CONTACTS, encoding="utf-8")
    with notification_daemon(tmp / "dunst", tray=False, size=(WIDTH, HEIGHT)) as dunst:
        env = {k: v for k, v in dunst.env.items() if k != "QT_QPA_PLATFORM"}
        env["XDG_RUNTIME_DIR"] = str(tmp)
        base = [sys.executable, "-m", "desktop_client", "--profile", str(profile)]
        subprocess.run([*base, "import", str(tmp / "contacts.csv")], env=env, check=True)
        app = subprocess.Popen([*base, "run"], env=env)
        shot = tmp / "screen.png"
        try:
            time.sleep(3)
            for state in ("ringing", "ended"):  # a missed call first, for the journal
                subprocess.run([*base, "incoming", "0446681843", "--call-id", "w1",
                                "--state", state], env=env, check=True)
            time.sleep(1)
            dunst.ctl("close-all")
            subprocess.run([*base, "incoming", "0446681842", "--name", "ANNA M",
                            "--call-id", "w2"], env=env, check=True)
            time.sleep(1.2)
            screenshot(dunst.env["DISPLAY"], str(shot))
            _crop(shot, OUT / f"notification-ringing-{language}.png",
                  f"330x92+{WIDTH - 334}+50")
            subprocess.run([*base, "incoming", "0446681842", "--call-id", "w2", "--state",
                            "ended"], env=env, check=True)
            time.sleep(1.2)
            screenshot(dunst.env["DISPLAY"], str(shot))
            _crop(shot, OUT / f"notification-missed-{language}.png",
                  f"330x92+{WIDTH - 334}+50")
            dunst.ctl("close-all")
            title = "Telefonie-Client" if language == "de" else "Telephony Client"
            box = _window(env, title)
            time.sleep(0.5)
            screenshot(dunst.env["DISPLAY"], str(shot))
            _crop(shot, OUT / f"main-window-{language}.png", box)
        finally:
            app.terminate()
            app.wait(10)


def _call_control(env: dict[str, str], tmp: Path, shot: Path, language: str) -> None:
    """A real call (sipp -> baresip) on a card with call control, ringing and answered; and
    the picker for a selection with two numbers."""
    from tests.e2e.lab import Baresip, SippCaller, SippPbx

    pbx = SippPbx(tmp / "pbx")
    phone = Baresip(tmp / "baresip", pbx.port)
    profile = tmp / "control"
    profile.mkdir()
    (profile / "config.toml").write_text(
        f'[dial]\nbackend = "baresip"\n[backends.baresip]\naddress = "{phone.address}"\n'
        f'[ui]\nlanguage = "{language}"\n[app]\nregister_asked = true\n', encoding="utf-8")
    base = [sys.executable, "-m", "desktop_client", "--profile", str(profile)]
    subprocess.run([*base, "import", str(tmp / "contacts.csv")], env=env, check=True)
    app = subprocess.Popen([*base, "run"], env=env)
    caller = None
    try:
        time.sleep(3)
        caller = SippCaller(tmp / "caller", phone.sip_port, "+41446681842",
                            "uac_answer_hangup.xml")
        x, y, width, height = _window_box(env, "Eingehender Anruf" if language == "de"
                                          else "Incoming call")
        time.sleep(0.8)
        screenshot(env["DISPLAY"], str(shot))
        _crop(shot, OUT / f"call-control-ringing-{language}.png",
              f"{width}x{height}+{x}+{y}")
        _xdotool(env, "mousemove", str(x + width // 4), str(y + CONTROL_ROW_Y), "click", "1")
        time.sleep(2)
        x, y, width, height = _window_box(env, "Eingehender Anruf" if language == "de"
                                          else "Incoming call")
        screenshot(env["DISPLAY"], str(shot))
        _crop(shot, OUT / f"call-control-answered-{language}.png",
              f"{width}x{height}+{x}+{y}")
        _xdotool(env, "mousemove", str(x + width // 4), str(y + CONTROL_ROW_Y), "click", "1")
        caller.wait(30)
        owner = subprocess.Popen(["xclip", "-quiet", "-selection", "primary"],
                                 stdin=subprocess.PIPE, env=env)
        assert owner.stdin is not None
        owner.stdin.write(b"Tel. +41 44 668 18 00 | Mobil 079 123 45 67")
        owner.stdin.close()
        time.sleep(0.5)
        subprocess.run([*base, "dial", "--selection"], env=env, check=True)
        box = _window(env, "Welche Nummer wählen\\?" if language == "de"
                      else "Dial which number\\?")
        time.sleep(0.8)
        screenshot(env["DISPLAY"], str(shot))
        _crop(shot, OUT / f"number-picker-{language}.png", box)
        _xdotool(env, "key", "Escape")
        owner.terminate()
        owner.wait(5)
    finally:
        if caller is not None:
            caller.stop()
        app.terminate()
        app.wait(10)
        phone.stop()
        pbx.stop()


def _assistant(env: dict[str, str], tmp: Path, shot: Path, language: str) -> None:
    """The first-run assistant of a fresh profile (it finds the linphonecsh program here)."""
    fresh = tmp / "fresh"
    fresh.mkdir()
    (fresh / "config.toml").write_text(f'[ui]\nlanguage = "{language}"\n', encoding="utf-8")
    app = subprocess.Popen([sys.executable, "-m", "desktop_client", "--profile", str(fresh),
                            "run"], env=env)
    try:
        title = "Telefonie-Client einrichten" if language == "de" else \
            "Set up the Telephony Client"
        box = _window(env, title)  # waits for the window
        time.sleep(0.8)
        screenshot(env["DISPLAY"], str(shot))
        _crop(shot, OUT / f"setup-assistant-{language}.png", box)
    finally:
        app.terminate()
        app.wait(10)


def _window_box(env: dict[str, str], title: str) -> tuple[int, int, int, int]:
    """x, y, width, height of the visible window with this title (waits for it)."""
    found = subprocess.run(["xdotool", "search", "--sync", "--onlyvisible", "--name",
                            f"^{title}$"], env=env, capture_output=True, text=True,
                           check=True, timeout=30).stdout.split()
    geometry = dict(line.split("=", 1) for line in subprocess.run(
        ["xdotool", "getwindowgeometry", "--shell", found[0]], env=env, capture_output=True,
        text=True, check=True, timeout=20).stdout.split())
    return (int(geometry["X"]), int(geometry["Y"]), int(geometry["WIDTH"]),
            int(geometry["HEIGHT"]))


def _window(env: dict[str, str], title: str) -> str:
    """The crop geometry (WxH+X+Y) of the visible window with this title."""
    x, y, width, height = _window_box(env, title)
    return f"{width}x{height}+{x}+{y}"


def _settings_pages(env: dict[str, str], base: list[str], shot: Path, language: str) -> None:
    """Every page of Settings, opened with `desktop-client settings`, clicked in its list."""
    subprocess.run([*base, "settings"], env=env, check=True)
    time.sleep(1.5)
    title = "Einstellungen" if language == "de" else "Settings"
    x, y, width, height = _window_box(env, title)
    for row, page in enumerate(("general", "dialling", "incoming", "directory", "journal")):
        _xdotool(env, "mousemove", str(x + 40), str(y + 18 + row * 14), "click", "1")
        time.sleep(0.7)
        screenshot(env["DISPLAY"], str(shot))
        _crop(shot, OUT / f"settings-{page}-{language}.png", f"{width}x{height}+{x}+{y}")
    _xdotool(env, "key", "Escape")


if __name__ == "__main__":
    main()
