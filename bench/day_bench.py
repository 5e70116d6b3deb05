"""``day`` and ``burst``: the tray app as one process after a day of use, and under a burst.

day: one app process (``bench.day_app``) lives through a simulated day: 200 incoming calls
from the FRITZ!Box call monitor (a loopback emulator of its line format), 150 from contacts of
a 10,000-contact directory and 50 from unknown numbers in 10 countries (their cards name the
country and place), every other one answered; 50 dials through ``desktop-client tel:…`` (the
forwarder, as a CRM's link starts it) to a baresip ctrl_tcp peer; the journal, Settings and
Dial… windows each opened and closed. Then 5 s idle, and its RSS against the idle RSS of the
minimal PySide6 tray app (started alongside, on the same display, idle as long).

burst: 500 ended calls arrive in one write; the time from sending them until a separate
connection sees all 500 in the journal file. Baseline: bare sqlite3 writing the same 500 rows
in one transaction (WAL, synchronous=FULL, as the journal) into a fresh file.
"""

from __future__ import annotations

import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import phonenumbers
from phonenumbers import PhoneNumberFormat

from bench.app_bench import (
    CtrlPeer,
    _display,
    _env,
    _rss_mb,
    _wait_log,
    installed_bytecode,
    start_minimal,
)
from bench.corpus import _valid_numbers
from bench.directory_bench import _number, directory_file
from bench.figures import Figure
from tests.emulators.fritz_monitor import MonitorEmulator

COUNTRIES = ("DE", "FR", "IT", "AT", "GB", "US", "ES", "NL", "BE", "GR")


def _profile(folder: Path, peer: CtrlPeer, box: MonitorEmulator) -> Path:
    profile = folder / "profile"
    profile.mkdir()
    (profile / "config.toml").write_text(
        f'[dial]\nbackend = "baresip"\ncountdown_s = 0\nper_minute = 120\n'
        f'[backends.baresip]\naddress = "127.0.0.1:{peer.port}"\n'
        f'[cti]\nsources = ["fritzbox"]\n[cti.fritzbox]\naddress = "127.0.0.1:{box.port}"\n'
        '[app]\nregister_asked = true\n', encoding="utf-8")
    return profile


class _App:
    """The app process and its stdin commands."""

    def __init__(self, profile: Path, env: dict[str, str], box: MonitorEmulator) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bench.day_app", str(profile)], env=env,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        _wait_log(profile / "desktop-client.log", "accepting requests")
        deadline = time.monotonic() + 20
        while not box.clients:
            if time.monotonic() > deadline:
                raise RuntimeError("the app did not connect to the call monitor")
            time.sleep(0.01)

    def window(self, name: str) -> None:
        """Open a window and close it again."""
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(name + "\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline().strip()
        if answer != f"ok {name}":
            raise RuntimeError(f"the app answered {answer!r} to {name!r}")

    def stop(self) -> None:
        """Quit it."""
        if self.process.poll() is None:
            assert self.process.stdin is not None
            self.process.stdin.close()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)


def _journal_count(path: Path, direction: str) -> int:
    if not path.exists():
        return 0
    try:
        with sqlite3.connect(path, timeout=5) as conn:
            return int(conn.execute("SELECT count(*) FROM call WHERE direction = ?",
                                    (direction,)).fetchone()[0])
    except sqlite3.OperationalError:  # the app has not created the table yet
        return 0


def _wait_count(path: Path, direction: str, count: int, timeout: float = 60) -> float:
    deadline = time.perf_counter() + timeout
    while _journal_count(path, direction) < count:
        if time.perf_counter() > deadline:
            raise RuntimeError(f"{count} {direction} calls did not reach the journal")
        time.sleep(0.002)
    return time.perf_counter()


def _callers(known: int, unknown: int, contacts: int) -> list[str]:
    """Numbers as the box reports them: known contacts (national form) and unknown callers
    from abroad (00 + country code), shuffled the same way every run."""
    rng = random.Random(5)
    numbers = [f"0{area}{subscriber}" for area, subscriber, _e in
               (_number(rng.randrange(1, contacts + 1)) for _ in range(known))]
    generators = {region: _valid_numbers(rng, region) for region in COUNTRIES}
    for index in range(unknown):
        number = next(generators[COUNTRIES[index % len(COUNTRIES)]])
        numbers.append("00" + phonenumbers.format_number(number, PhoneNumberFormat.E164)[1:])
    rng.shuffle(numbers)
    return numbers


def run_day(scale: float) -> list[Figure]:
    """RSS after the simulated day, against the minimal tray app's idle RSS."""
    installed_bytecode()
    contacts = max(10_000, int(10_000 * scale))
    callers = _callers(150, 50, contacts)
    dials = 50
    peer, box = CtrlPeer(), MonitorEmulator()
    with tempfile.TemporaryDirectory() as tmp, _display() as (extra, where):
        env = _env(XDG_RUNTIME_DIR=tmp, **extra)
        profile = _profile(Path(tmp), peer, box)
        shutil.copyfile(directory_file(contacts), profile / "directory.sqlite3")
        app = _App(profile, env, box)
        minimal: subprocess.Popen[bytes] | None = None
        try:
            windows = {50: "journal", 100: "settings", 150: "dial", 199: "journal"}
            dialled = 0
            for index, number in enumerate(callers):
                line = index % 8
                box.send(f"28.11.26 09:{index % 60:02d}:00;RING;{line};{number};6681800;"
                         "SIP0;\n".encode())
                time.sleep(0.03)  # the card shows
                if index % 2:
                    box.send(f"28.11.26 09:{index % 60:02d}:05;CONNECT;{line};10;{number};\n"
                             .encode())
                box.send(f"28.11.26 09:{index % 60:02d}:30;DISCONNECT;{line};25;\n".encode())
                if index % 4 == 0 and dialled < dials:
                    target = f"+4144668{dialled:04d}"
                    subprocess.run([sys.executable, "-m", "desktop_client", "--profile",
                                    str(profile), f"tel:{target}"], env=env, check=True)
                    peer.wait_for(target)
                    dialled += 1
                if index in windows:
                    app.window(windows[index])
            journal = profile / "journal.sqlite3"
            _wait_count(journal, "incoming", len(callers))
            _wait_count(journal, "outgoing", dials)
            _seconds, minimal = start_minimal(env, profile / "minimal.log")
            time.sleep(5)
            rss, rss_minimal = _rss_mb(app.process.pid), _rss_mb(minimal.pid)
            log = (profile / "desktop-client.log").read_text(encoding="utf-8")
        finally:
            app.stop()
            if minimal is not None:
                minimal.terminate()
                minimal.wait(10)
            peer.close()
            box.close()
    places = log.count("(unknown)")
    return [Figure(f"rss_after_a_day ({where})", rss, "MB", rss_minimal,
                   f"minimal PySide6 tray app, idle; {len(callers)} calls ({places} unknown), "
                   f"{dials} dials", target=1.6)]


def _bare_burst(path: Path, rows: list[tuple[str, str]]) -> float:
    """Seconds for bare sqlite3 to write the rows in one transaction (WAL, FULL)."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE TABLE call (id INTEGER PRIMARY KEY, direction TEXT, state TEXT, "
                 "number TEXT, e164 TEXT, started_at TEXT)")
    started = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany("INSERT INTO call (direction, state, number, e164, started_at) "
                     "VALUES ('incoming', 'missed', ?, ?, '2026-11-28T09:00:00+00:00')", rows)
    conn.execute("COMMIT")
    seconds = time.perf_counter() - started
    conn.close()
    return seconds


def run_burst(scale: float) -> list[Figure]:
    """500 ended calls at once until all are in the journal file."""
    installed_bytecode()
    calls = max(100, int(500 * scale))
    numbers = [f"0446{index:06d}" for index in range(calls)]
    burst = b"".join(
        f"28.11.26 10:00:00;RING;{index % 8};{number};6681800;SIP0;\n"
        f"28.11.26 10:00:07;DISCONNECT;{index % 8};0;\n".encode()
        for index, number in enumerate(numbers))
    peer, box = CtrlPeer(), MonitorEmulator()
    with tempfile.TemporaryDirectory() as tmp:
        env = _env(XDG_RUNTIME_DIR=tmp, QT_QPA_PLATFORM="offscreen")
        profile = _profile(Path(tmp), peer, box)
        app = _App(profile, env, box)
        journal = profile / "journal.sqlite3"
        try:
            # One call first: the flow is built and phonenumbers loaded, as in a running app.
            box.send(b"28.11.26 09:59:00;RING;0;0446681800;6681800;SIP0;\n"
                     b"28.11.26 09:59:05;DISCONNECT;0;0;\n")
            _wait_count(journal, "incoming", 1)
            started = time.perf_counter()
            box.send(burst)
            done = _wait_count(journal, "incoming", calls + 1)
        finally:
            app.stop()
            peer.close()
            box.close()
        bare = _bare_burst(Path(tmp) / "bare.sqlite3",
                           [(n, "+41" + n[1:]) for n in numbers])
    return [Figure("burst_500_calls_journaled", (done - started) * 1000, "ms", bare * 1000,
                   f"bare sqlite3: {calls} rows, one transaction", target=1000,
                   target_on="value")]
