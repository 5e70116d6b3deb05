"""``click_to_dial`` and ``startup``: the tray app as the OS and the user meet it.

click_to_dial: ``desktop-client tel:…`` as a second process, until the running app has handed
the request to its backend. The backend is baresip's ctrl_tcp protocol, spoken by a loopback
peer in this process that notes the moment the dial command arrives. Baseline: a process that
runs ``python -c "import socket"``.

startup: spawn to "tray icon shown" (the app logs it), against a minimal PySide6 tray app;
idle RSS after 5 s against the same. Under Xvfb with trayer when they are installed (a real
tray), else on the offscreen platform (the window fallback), which the figure's name says.

The app runs with its bytecode compiled, as installed (see :func:`installed_bytecode`).
"""

from __future__ import annotations

import compileall
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import desktop_client
from bench.figures import Figure
from desktop_client.core import netstring
from tests.emulators.loopback import LoopbackServer

#: The baseline app. It says "ready" the way ours does, as a line in a log file that the bench
#: polls (_wait_log): both starts pay the same polling and the same file write.
MINIMAL_TRAY = """
import sys
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QApplication, QMenu, QSystemTrayIcon, QWidget
app = QApplication([sys.argv[0]])
pixmap = QPixmap(64, 64)
pixmap.fill()
if QSystemTrayIcon.isSystemTrayAvailable():
    tray = QSystemTrayIcon(QIcon(pixmap))
    menu = QMenu()
    menu.addAction("Quit")
    tray.setContextMenu(menu)
    tray.show()
else:
    window = QWidget()
    window.show()
with open(sys.argv[1], "a", encoding="utf-8") as log:
    log.write("ready\\n")
app.exec()
"""


class CtrlPeer(LoopbackServer):
    """Speaks ctrl_tcp: answers every command ok, and notes when each dial arrived."""

    def __init__(self) -> None:
        self.arrivals: dict[str, float] = {}
        self.arrived = threading.Condition()
        super().__init__()

    def talk(self, conn: socket.socket) -> None:
        decoder = netstring.Decoder()
        with conn:
            while data := conn.recv(4096):
                for frame in decoder.feed(data):
                    now = time.perf_counter()
                    command = json.loads(frame)
                    with self.arrived:
                        self.arrivals[str(command.get("params"))] = now
                        self.arrived.notify_all()
                    reply = {"response": True, "ok": True, "data": "",
                             "token": command.get("token")}
                    conn.sendall(netstring.encode(json.dumps(reply).encode()))

    def wait_for(self, number: str, timeout: float = 20) -> float:
        """When the dial command for ``number`` arrived."""
        with self.arrived:
            self.arrived.wait_for(lambda: number in self.arrivals, timeout)
        return self.arrivals[number]


def installed_bytecode() -> None:
    """Compile the package's bytecode (its __pycache__ folders), as every install has it: pip
    compiles on install, the .deb and the bundle ship .pyc files. With PYTHONDONTWRITEBYTECODE
    in the environment (CI, these machines) each start of the app would otherwise compile all
    its modules again (~30 ms before the tray icon), which no user's start does. The
    baselines have no modules of their own to compile."""
    compileall.compile_dir(Path(desktop_client.__file__).parent, quiet=1)


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DESKTOP_CLIENT_HOME"}
    env.update(extra)
    return env


def _wait_log(log: Path, marker: str, timeout: float = 30) -> float:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if log.exists() and marker in log.read_text(encoding="utf-8", errors="replace"):
            return time.perf_counter()
        time.sleep(0.002)
    raise RuntimeError(f"{marker!r} did not appear in {log}")


def run_click_to_dial(scale: float) -> list[Figure]:
    """Median over repeated clicks, baseline interleaved."""
    installed_bytecode()
    rounds = max(5, int(15 * scale))
    peer = CtrlPeer()
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp) / "profile"
        profile.mkdir()
        (profile / "config.toml").write_text(
            f'[dial]\nbackend = "baresip"\ncountdown_s = 0\nper_minute = 120\n'
            f'[backends.baresip]\naddress = "127.0.0.1:{peer.port}"\n'
            '[app]\nregister_asked = true\n', encoding="utf-8")
        env = _env(QT_QPA_PLATFORM="offscreen", XDG_RUNTIME_DIR=tmp)
        app = subprocess.Popen([sys.executable, "-m", "desktop_client", "--profile",
                                str(profile), "run"], env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
        try:
            _wait_log(profile / "desktop-client.log", "connected to baresip")
            ours, base = [], []
            for index in range(rounds + 1):
                number = f"+4144668{index:04d}"
                started = time.perf_counter()
                subprocess.run([sys.executable, "-m", "desktop_client", "--profile",
                                str(profile), f"tel:{number}"], env=env, check=True)
                arrived = peer.wait_for(number)
                started_base = time.perf_counter()
                subprocess.run([sys.executable, "-c", "import socket"], check=True)
                if index:  # the first round warms caches
                    ours.append(arrived - started)
                    base.append(time.perf_counter() - started_base)
        finally:
            app.terminate()
            app.wait(10)
            peer.close()
    return [Figure("click_to_dial", statistics.median(ours) * 1000, "ms",
                   statistics.median(base) * 1000, 'python -c "import socket"', target=2.5)]


@contextmanager
def _display() -> Iterator[tuple[dict[str, str], str]]:
    """A virtual screen with a real tray if Xvfb and trayer exist; else offscreen."""
    xvfb, trayer = shutil.which("Xvfb"), shutil.which("trayer")
    if not (xvfb and trayer):
        yield {"QT_QPA_PLATFORM": "offscreen"}, "offscreen, window fallback"
        return
    display = f":{os.getpid() % 400 + 100}"
    screen = subprocess.Popen([xvfb, display, "-screen", "0", "1024x768x24", "-nolisten",
                               "tcp"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(0.5)
    tray = subprocess.Popen([trayer, "--edge", "top", "--align", "right", "--widthtype",
                             "pixel", "--width", "200", "--height", "32", "--transparent",
                             "false", "--SetDockType", "true"], env=_env(DISPLAY=display),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(0.5)
    try:
        yield {"DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}, "Xvfb + trayer"
    finally:
        tray.terminate()
        screen.terminate()
        tray.wait(5)
        screen.wait(5)


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _ready(process: subprocess.Popen[bytes], log: Path, marker: str,
           started: float) -> tuple[float, subprocess.Popen[bytes]]:
    """The seconds from ``started`` until ``marker`` is in ``log``, and the process; a process
    that never says it is ready is killed, not left running."""
    try:
        ready = _wait_log(log, marker)
    except BaseException:
        process.kill()
        process.wait(10)
        raise
    return ready - started, process


def _start_ours(env: dict[str, str], tmp: str, index: int,
                program: list[str] | None = None) -> tuple[float, subprocess.Popen[bytes]]:
    profile = Path(tmp) / f"profile{index}"
    profile.mkdir()
    (profile / "config.toml").write_text(
        '[dial]\nbackend = "command"\n[backends.command]\npreset = "linphone"\n'
        '[app]\nregister_asked = true\n', encoding="utf-8")
    started = time.perf_counter()
    program = program or [sys.executable, "-m", "desktop_client"]
    process = subprocess.Popen([*program, "--profile", str(profile), "run"], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return _ready(process, profile / "desktop-client.log", "INFO desktop_client.app: ready:",
                  started)


def start_minimal(env: dict[str, str], log: Path) -> tuple[float, subprocess.Popen[bytes]]:
    """The minimal tray app, started; the seconds until it said ready, and its process."""
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", MINIMAL_TRAY, str(log)], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return _ready(process, log, "ready", started)


def run_startup(scale: float) -> list[Figure]:
    """Spawn to tray icon, and idle RSS after 5 s, against a minimal tray app."""
    installed_bytecode()
    rounds = max(3, int(7 * scale))
    ours, base = [], []
    with tempfile.TemporaryDirectory() as tmp, _display() as (extra, where):
        env = _env(XDG_RUNTIME_DIR=tmp, **extra)
        for index in range(rounds):
            seconds, process = _start_ours(env, tmp, index)
            ours.append(seconds)
            process.terminate()
            process.wait(10)
            seconds, process = start_minimal(env, Path(tmp) / f"minimal{index}.log")
            base.append(seconds)
            process.terminate()
            process.wait(10)
        _ours_seconds, app = _start_ours(env, tmp, rounds)
        _seconds, minimal = start_minimal(env, Path(tmp) / "minimal.log")
        time.sleep(5)
        rss, rss_base = _rss_mb(app.pid), _rss_mb(minimal.pid)
        for process in (app, minimal):
            process.terminate()
            process.wait(10)
    return [
        Figure(f"startup ({where})", statistics.median(ours) * 1000, "ms",
               statistics.median(base) * 1000, "minimal PySide6 tray app", target=1.3),
        Figure("idle_rss_after_5s", rss, "MB", rss_base, "minimal PySide6 tray app",
               target=1.2),
    ]


INSTALLED = Path("/usr/bin/desktop-client")


def run_package_startup(scale: float) -> list[Figure]:
    """Spawn to tray icon: the installed .deb (/usr/bin/desktop-client) against the app run
    from this checkout with pip's Python, alternating, in the same run."""
    if not INSTALLED.exists():
        return [Figure("package_startup (not installed: python packaging/build.py deb, then "
                       "apt-get install ./dist/…deb)", 0.0, "ms", 0.0, "pip-installed app",
                       target=None)]
    installed_bytecode()
    rounds = max(3, int(7 * scale))
    packaged: list[float] = []
    pip: list[float] = []
    with tempfile.TemporaryDirectory() as tmp, _display() as (extra, where):
        env = _env(XDG_RUNTIME_DIR=tmp, **extra)
        for index in range(rounds):
            for times, program in ((packaged, [str(INSTALLED)]), (pip, None)):
                seconds, process = _start_ours(env, tmp, len(packaged) + len(pip) + index * 2,
                                               program)
                times.append(seconds)
                process.terminate()
                process.wait(10)
    import PySide6

    def megabytes(folder: Path) -> float:
        return sum(p.stat().st_size for p in folder.rglob("*")
                   if p.is_file() and not p.is_symlink()) / 1e6

    return [
        Figure(f"package_startup ({where})", statistics.median(packaged) * 1000, "ms",
               statistics.median(pip) * 1000, "the app from pip's Python", target=1.2),
        Figure("package_installed_size", megabytes(Path("/opt/desktop-client")), "MB",
               megabytes(Path(PySide6.__file__).parent), "PySide6 as pip installs it"),
    ]
