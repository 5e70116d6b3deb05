"""A burst of calls against the real app process, killed with SIGKILL the moment it says the
calls are recorded: the journal file on disk has every one of them.

The calls come from the FRITZ!Box call monitor (a loopback emulator of its line format; no
real box runs here), 500 ended calls in one write, as a busy line's box sends them.
"""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tests.emulators.fritz_monitor import MonitorEmulator
from tests.gui.conftest import write_config

CALLS = 500
RECORDED = re.compile(r"INFO desktop_client\.journal: journal: (\d+) call\(s\) recorded")


def _log(profile: Path) -> str:
    log = profile / "desktop-client.log"
    return log.read_text(encoding="utf-8") if log.exists() else ""


def test_a_burst_of_calls_survives_kill_9_once_reported_recorded(tmp_path: Path,
                                                                 runtime: Path,
                                                                 calls: Path) -> None:
    box = MonitorEmulator()
    profile = tmp_path / "profile"
    write_config(profile, calls, extra=f'[cti]\nsources = ["fritzbox"]\n[cti.fritzbox]\n'
                                       f'address = "127.0.0.1:{box.port}"\n')
    env = {k: v for k, v in os.environ.items() if k != "DESKTOP_CLIENT_HOME"}
    env.update(QT_QPA_PLATFORM="offscreen", XDG_RUNTIME_DIR=str(runtime))
    process = subprocess.Popen([sys.executable, "-m", "desktop_client", "--profile",
                                str(profile), "run"], env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while not box.clients or "accepting requests" not in _log(profile):
            assert time.monotonic() < deadline, "the app did not connect: " + _log(profile)
            time.sleep(0.02)
        numbers = [f"044668{index:04d}" for index in range(CALLS)]
        burst = b"".join(
            f"26.11.26 14:01:02;RING;{index % 8};{number};6681800;SIP0;\n"
            f"26.11.26 14:01:09;DISCONNECT;{index % 8};0;\n".encode()
            for index, number in enumerate(numbers))
        box.send(burst)
        deadline = time.monotonic() + 60
        while sum(int(n) for n in RECORDED.findall(_log(profile))) < CALLS:
            assert process.poll() is None, _log(profile)
            assert time.monotonic() < deadline, "not all calls were reported recorded"
            time.sleep(0.001)
        os.kill(process.pid, signal.SIGKILL)  # the moment the app said so: no clean exit
        assert process.wait(10) == -signal.SIGKILL
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(10)
        box.close()
    assert sum(int(n) for n in RECORDED.findall(_log(profile))) == CALLS
    with sqlite3.connect(profile / "journal.sqlite3") as journal:
        rows = journal.execute("SELECT number, e164, state, direction FROM call "
                               "ORDER BY id").fetchall()
    assert [row[0] for row in rows] == numbers
    assert {(row[2], row[3]) for row in rows} == {("missed", "incoming")}
    assert rows[7][1] == "+41446680007"
