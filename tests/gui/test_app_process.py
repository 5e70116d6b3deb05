"""The app and its forwarder as two real processes: single instance, hostile clients, quit."""

from __future__ import annotations

import json
import os
import signal
import socket
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop_client import ipc
from desktop_client.core.instance_lock import InstanceLock
from tests.gui.conftest import read_calls, write_config


def _env(runtime: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DESKTOP_CLIENT_HOME"}
    env.update(QT_QPA_PLATFORM="offscreen", XDG_RUNTIME_DIR=str(runtime))
    return env


def _cli(profile: Path, runtime: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "desktop_client", "--profile", str(profile),
                           *args], env=_env(runtime), capture_output=True, text=True,
                          timeout=60, check=False)


def _wait_ready(profile: Path, count: int = 1, timeout: float = 30) -> None:
    log = profile / "desktop-client.log"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if log.exists() and log.read_text(encoding="utf-8").count(
                "INFO desktop_client.app: accepting requests on") >= count:
            return
        time.sleep(0.05)
    raise AssertionError("the app did not become ready: " + (
        log.read_text(encoding="utf-8") if log.exists() else "no log"))


@pytest.fixture
def app_process(tmp_path: Path, runtime: Path,
                calls: Path) -> Iterator[tuple[subprocess.Popen[bytes], Path]]:
    profile = tmp_path / "profile"
    write_config(profile, calls, countdown=0)
    process = subprocess.Popen([sys.executable, "-m", "desktop_client", "--profile",
                                str(profile), "run"], env=_env(runtime),
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _wait_ready(profile)
    yield process, profile
    if process.poll() is None:
        process.terminate()
        process.wait(10)


def _wait_for_the_softphone(calls: Path, expected: list[str]) -> None:
    """The recorder softphone got exactly these numbers (within 15 s)."""
    deadline = time.monotonic() + 15
    while read_calls(calls) != expected and time.monotonic() < deadline:
        time.sleep(0.05)
    assert read_calls(calls) == expected


def _socket_path(profile: Path, runtime: Path) -> str:
    old = os.environ.get("XDG_RUNTIME_DIR")
    os.environ["XDG_RUNTIME_DIR"] = str(runtime)
    try:
        return ipc.server_name(profile.resolve())
    finally:
        if old is None:
            del os.environ["XDG_RUNTIME_DIR"]
        else:
            os.environ["XDG_RUNTIME_DIR"] = old


def _raw(path: str, data: bytes, wait: float = 2.0) -> bytes:
    with socket.socket(socket.AF_UNIX) as conn:
        conn.settimeout(wait)
        conn.connect(path)
        conn.sendall(data)
        answer = b""
        try:
            while chunk := conn.recv(4096):
                answer += chunk
        except TimeoutError:
            pass
        return answer


def test_a_click_on_a_tel_link_reaches_the_running_app(app_process: tuple[Any, Path],
                                                       runtime: Path, calls: Path) -> None:
    _process, profile = app_process
    result = _cli(profile, runtime, "--uri", "tel:+41-44-668-18-00")
    assert result.returncode == 0, result.stderr
    _wait_for_the_softphone(calls, ["+41446681800"])
    journal = json.loads(_cli(profile, runtime, "journal", "--json").stdout)
    assert [(e["direction"], e["state"], e["e164"]) for e in journal] == [
        ("outgoing", "dialled", "+41446681800")]


@pytest.mark.parametrize("argv", [["--uri", "-platformpluginpath", "/tmp/x"],
                                  ["--uri", "-platformpluginpath"], ["--uri", "/c calc"],
                                  ["--uri", "tel:1", "tel:2"]])
def test_the_uri_marker_takes_exactly_one_safe_argument(tmp_path: Path, runtime: Path,
                                                        argv: list[str]) -> None:
    result = _cli(tmp_path / "p", runtime, *argv)
    assert result.returncode == 2
    assert "exactly one URI" in result.stderr


def test_socket_is_private(app_process: tuple[Any, Path], runtime: Path) -> None:
    _process, profile = app_process
    path = _socket_path(profile, runtime)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(os.path.dirname(path)).st_mode) == 0o700


def test_hostile_ipc_clients(app_process: tuple[Any, Path], runtime: Path, calls: Path) -> None:
    process, profile = app_process
    path = _socket_path(profile, runtime)
    oversize = _raw(path, b"x" * (ipc.MAX_MESSAGE + 100))
    assert json.loads(oversize)["error"] == "message too long"
    assert json.loads(_raw(path, b"\xff\xfe\xfd\n"))["error"] == "message is not UTF-8 JSON"
    wrong = _raw(path, b'{"protocol_version": 99, "kind": "dial", "text": "tel:1"}\n')
    assert "protocol version" in json.loads(wrong)["error"]
    injected = json.dumps({"protocol_version": 1, "kind": "dial",
                           "text": "tel:+41446681800\r\nAction: Originate"}).encode() + b"\n"
    assert json.loads(_raw(path, injected))["ok"] is True  # delivered, then refused by policy
    started = time.monotonic()
    silent = _raw(path, b'{"protocol_version": 1', wait=8)  # never sends a newline
    assert silent == b"" and time.monotonic() - started < 7.5
    assert process.poll() is None  # the app keeps running
    time.sleep(0.3)
    assert read_calls(calls) == []
    log = (profile / "desktop-client.log").read_text(encoding="utf-8")
    assert "IPC message over 4096 bytes; dropped" in log
    assert "contains an invisible character such as a line break (U+000D)" in log
    assert "no complete message within 5 s" in log


def test_second_launch_hands_over_and_exits(app_process: tuple[Any, Path],
                                            runtime: Path) -> None:
    process, profile = app_process
    second = _cli(profile, runtime, "run")
    assert second.returncode == 0
    assert process.poll() is None


def test_stale_socket_is_replaced_and_quit_is_clean(tmp_path: Path, runtime: Path,
                                                    calls: Path) -> None:
    profile = tmp_path / "profile"
    write_config(profile, calls, countdown=0)
    path = _socket_path(profile, runtime)
    stale = socket.socket(socket.AF_UNIX)
    stale.bind(path)  # a socket file nobody answers on, as after a crash
    stale.close()
    process = subprocess.Popen([sys.executable, "-m", "desktop_client", "--profile",
                                str(profile), "run"], env=_env(runtime),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_ready(profile)
        assert "removing stale socket" in (profile / "desktop-client.log").read_text()
        assert _cli(profile, runtime, "dial", "044 668 18 00").returncode == 0
        process.send_signal(signal.SIGTERM)
        assert process.wait(15) == 0
    finally:
        if process.poll() is None:
            process.kill()
    assert not os.path.exists(path)
    log = (profile / "desktop-client.log").read_text(encoding="utf-8")
    assert "INFO desktop_client.app: closed" in log


def test_forwarder_starts_the_app_when_none_runs(tmp_path: Path, runtime: Path,
                                                 calls: Path) -> None:
    profile = tmp_path / "profile"
    write_config(profile, calls, countdown=0)
    result = _cli(profile, runtime, "tel:+41446681800")
    try:
        assert result.returncode == 0, result.stderr
        _wait_for_the_softphone(calls, ["+41446681800"])
    finally:
        _end_app_of(profile)


def _end_app_of(profile: Path) -> None:
    """End the app the forwarder started, by the PID its instance lock names (never by a
    pattern: that could hit anyone's process)."""
    lock = InstanceLock(profile)
    pid = lock.holder()
    if pid is None or lock.acquire():  # nobody holds it: the app is gone already
        lock.release()
        return
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + 15
    while not lock.acquire() and time.monotonic() < deadline:
        time.sleep(0.05)
    lock.release()


def test_a_second_app_for_the_same_profile_gives_way_even_without_the_socket(
        app_process: tuple[Any, Path], runtime: Path) -> None:
    process, profile = app_process
    os.unlink(_socket_path(profile, runtime))  # the socket is gone, the first app runs on
    second = subprocess.Popen([sys.executable, "-m", "desktop_client", "--profile",
                               str(profile), "run"], env=_env(runtime),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert second.wait(30) == 0
    finally:
        if second.poll() is None:
            second.kill()
            second.wait()
    assert process.poll() is None
    assert InstanceLock(profile).holder() == process.pid
    assert "another instance runs for this profile (PID " in (
        profile / "desktop-client.log").read_text(encoding="utf-8")



def test_a_broken_config_is_reported_by_the_running_app(tmp_path: Path, runtime: Path) -> None:
    profile = tmp_path / "profile"
    profile.mkdir()
    (profile / "config.toml").write_text("[dial\nbackend = 'x'", encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "desktop_client", "--profile",
                                str(profile), "run"], env=_env(runtime),
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_ready(profile)
        assert list(profile.glob("config.toml.broken-*"))
    finally:
        process.terminate()
        _out, err = process.communicate(timeout=10)
    assert b"not valid TOML" in err


def test_the_command_line_hook_reports_calls(app_process: tuple[Any, Path],
                                             runtime: Path) -> None:
    _process, profile = app_process
    hostile = '<img src="http://attacker/x">\u202e' + "y" * 5000
    assert _cli(profile, runtime, "incoming", "0446681842", "--name", hostile,
                "--call-id", "c-1").returncode == 0
    assert _cli(profile, runtime, "incoming", "0446681842", "--call-id", "c-1", "--state",
                "ended").returncode == 0
    assert _cli(profile, runtime, "incoming", "1@evil.example\r\nX", "--call-id",
                "c-2").returncode == 0
    assert _cli(profile, runtime, "incoming", "1@evil.example\r\nX", "--call-id", "c-2",
                "--state", "ended").returncode == 0
    deadline = time.monotonic() + 10
    entries: list[dict[str, Any]] = []
    while len(entries) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
        entries = json.loads(_cli(profile, runtime, "journal", "--json").stdout)
    assert [(e["direction"], e["state"]) for e in entries] == [("incoming", "missed")] * 2
    by_call = {e["call_id"]: e for e in entries}
    assert by_call["hook:c-1"]["e164"] == "+41446681842"
    assert "\u202e" not in by_call["hook:c-1"]["contact_name"]
    assert len(by_call["hook:c-1"]["contact_name"]) <= 121
    assert by_call["hook:c-2"]["e164"] is None
    assert "\r" not in by_call["hook:c-2"]["number"]
    bad_state = _cli(profile, runtime, "incoming", "123", "--state", "exploded")
    assert bad_state.returncode == 2


def test_the_hook_without_a_running_app_says_so(tmp_path: Path, runtime: Path) -> None:
    result = _cli(tmp_path / "none", runtime, "incoming", "0446681842")
    assert result.returncode == 1
    assert "no running instance" in result.stderr


def test_an_app_that_cannot_listen_says_why_and_exits(tmp_path: Path, runtime: Path) -> None:
    profile = tmp_path / "profile"
    profile.mkdir()
    path = _socket_path(profile, runtime)
    os.makedirs(path)  # a folder where the socket belongs
    process = subprocess.Popen([sys.executable, "-m", "desktop_client", "--profile",
                                str(profile), "run"], env=_env(runtime),
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 1
    assert b"cannot accept requests" in err


def test_without_a_display_the_app_and_the_link_say_so_at_once(tmp_path: Path,
                                                                runtime: Path) -> None:
    """Qt's xcb plugin would abort (exit 134) with a hint about a library; a click on a
    link would wait 20 s. Both now say what is missing and stop."""
    env = {k: v for k, v in _env(runtime).items()
           if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    env["DISPLAY"] = ":397"  # nobody serves it
    profile = tmp_path / "profile"
    for args in (["run"], ["tel:+41446681800"], ["dial", "044 668 18 00"]):
        result = subprocess.run([sys.executable, "-m", "desktop_client", "--profile",
                                 str(profile), *args], env=env, capture_output=True,
                                text=True, timeout=60, check=False)
        assert result.returncode == 1, (args, result.stderr)
        assert "no graphical display" in result.stderr
        assert "did not start in time" not in result.stderr  # told, not timed out


def test_an_empty_link_is_refused_at_once(tmp_path: Path, runtime: Path) -> None:
    for text in ("", "   "):
        result = _cli(tmp_path / "profile", runtime, "--uri", text)
        assert result.returncode == 2
        assert "empty" in result.stderr
    assert not (tmp_path / "profile" / "desktop-client.lock").exists()  # no app was started


def _open_fds(pid: int) -> int:
    return len(os.listdir(f"/proc/{pid}/fd"))


def test_deeply_nested_json_gets_an_answer_and_leaks_nothing(
        app_process: tuple[Any, Path], runtime: Path) -> None:
    process, profile = app_process
    path = _socket_path(profile, runtime)
    nested = b"[" * 1900 + b"]" * 1900 + b"\n"  # fits in 4 KB; RecursionError in json
    before = _open_fds(process.pid)
    for _ in range(50):
        answer = _raw(path, nested)
        assert json.loads(answer)["error"] == "message is nested too deeply"
    time.sleep(0.5)
    assert _open_fds(process.pid) <= before + 2
    assert _cli(profile, runtime, "dial", "044 668 18 00").returncode == 0


def _limit_fds() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_NOFILE, (160, 160))


def test_running_out_of_file_descriptors_does_not_close_the_socket(
        tmp_path: Path, runtime: Path, calls: Path) -> None:
    """About 1,000 half-open local connections made accept() fail; Qt then closed the server
    and deleted the socket file, and the next click started a second tray."""
    profile = tmp_path / "profile"
    write_config(profile, calls, countdown=0)
    process = subprocess.Popen([sys.executable, "-m", "desktop_client", "--profile",
                                str(profile), "run"], env=_env(runtime),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               preexec_fn=_limit_fds)  # noqa: PLW1509 - only sets a limit
    path = _socket_path(profile, runtime)
    idle: list[socket.socket] = []
    try:
        _wait_ready(profile)
        # More connections than the app has descriptors; none ever sends a byte. The
        # kernel's backlog is short, so keep knocking while the app accepts.
        deadline = time.monotonic() + 3
        while time.monotonic() < deadline and len(idle) < 400:
            conn = socket.socket(socket.AF_UNIX)
            conn.setblocking(False)
            try:
                conn.connect(path)
            except OSError:
                conn.close()
                time.sleep(0.01)
                continue
            idle.append(conn)
        time.sleep(1)
        assert os.path.exists(path), "the app's request socket is gone"
        for conn in idle:
            conn.close()
        idle.clear()
        result = _cli(profile, runtime, "dial", "044 668 18 00")
        assert result.returncode == 0, result.stderr
        _wait_for_the_softphone(calls, ["+41446681800"])
        assert process.poll() is None
        assert InstanceLock(profile).holder() == process.pid
    finally:
        for conn in idle:
            conn.close()
        process.terminate()
        process.wait(10)


def test_a_bad_country_loses_no_incoming_call(tmp_path: Path, runtime: Path,
                                              calls: Path) -> None:
    """country = "XX" made every incoming call raise in the tray app: no card, no entry."""
    profile = tmp_path / "profile"
    write_config(profile, calls, extra='[location]\ncountry = "XX"\n')
    process = subprocess.Popen([sys.executable, "-m", "desktop_client", "--profile",
                                str(profile), "run"], env=_env(runtime),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_ready(profile)
        for state in ("ringing", "ended"):
            assert _cli(profile, runtime, "incoming", "0446681842", "--call-id", "x",
                        "--state", state).returncode == 0
        deadline = time.monotonic() + 15
        entries: list[dict[str, Any]] = []
        while not entries and time.monotonic() < deadline:
            time.sleep(0.1)
            entries = json.loads(_cli(profile, runtime, "journal", "--json").stdout)
        assert [(e["state"], e["e164"]) for e in entries] == [("missed", "+41446681842")]
        log = (profile / "desktop-client.log").read_text(encoding="utf-8")
        assert "unknown country code 'XX'" in log
    finally:
        process.terminate()
        process.wait(10)


def test_desktop_client_settings_opens_the_running_apps_settings(
        app_process: tuple[Any, Path], runtime: Path) -> None:
    _process, profile = app_process
    for _ in range(2):  # the second time the open window comes forward, no second one
        result = _cli(profile, runtime, "settings")
        assert result.returncode == 0, result.stderr
    deadline = time.monotonic() + 15
    log = profile / "desktop-client.log"
    while "settings window opened" not in log.read_text(encoding="utf-8"):
        assert time.monotonic() < deadline, log.read_text(encoding="utf-8")
        time.sleep(0.1)
    assert log.read_text(encoding="utf-8").count("settings window opened") == 1


def test_a_deleted_socket_file_comes_back(app_process: tuple[Any, Path], runtime: Path,
                                          calls: Path) -> None:
    """Deleted by hand or by a clean-up of the temp folder: the app listens again, so links
    keep working (the second instance would give way to the lock and reach nobody)."""
    process, profile = app_process
    path = _socket_path(profile, runtime)
    os.unlink(path)
    deadline = time.monotonic() + 15
    while not os.path.exists(path):
        assert time.monotonic() < deadline, "the socket did not come back"
        time.sleep(0.1)
    result = _cli(profile, runtime, "dial", "044 668 18 00")
    assert result.returncode == 0, result.stderr
    _wait_for_the_softphone(calls, ["+41446681800"])
    assert process.poll() is None


def test_a_click_a_stuck_app_did_not_answer_is_not_dialled_later(
        app_process: tuple[subprocess.Popen[bytes], Path], runtime: Path,
        calls: Path) -> None:
    """The app hangs (SIGSTOP): the kernel still accepts the connection. The click fails
    with a reason after the deadline and starts no twin; the app, running again, drops the
    request instead of dialling a click its user was told had failed."""
    process, profile = app_process
    process.send_signal(signal.SIGSTOP)
    try:
        stuck = _cli(profile, runtime, "--uri", "tel:+41446681800")
    finally:
        process.send_signal(signal.SIGCONT)
    assert stuck.returncode == 1
    assert "did not answer within 5 s" in stuck.stderr
    log = profile / "desktop-client.log"
    deadline = time.monotonic() + 30
    while "arrived after its sender stopped waiting" not in log.read_text(encoding="utf-8"):
        assert time.monotonic() < deadline, log.read_text(encoding="utf-8")
        time.sleep(0.05)
    fresh = _cli(profile, runtime, "--uri", "tel:+41446681801")
    assert fresh.returncode == 0, fresh.stderr
    _wait_for_the_softphone(calls, ["+41446681801"])
    text = log.read_text(encoding="utf-8")
    assert "another instance runs" not in text  # no twin was started
    assert InstanceLock(profile).holder() == process.pid


def test_links_macos_opens_a_second_instance_with_reach_the_running_one(
        app_process: tuple[subprocess.Popen[bytes], Path], runtime: Path, calls: Path,
        qtbot: Any) -> None:
    """macOS hands the link to whichever instance it started (FileOpen), also when the app
    runs already for this profile: that instance passes the link on instead of dropping it,
    including one that arrives after it found out."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QFileOpenEvent
    from PySide6.QtWidgets import QApplication

    from desktop_client import settings
    from desktop_client.app import TrayApp
    from desktop_client.core.profile import Profile

    _process, profile_dir = app_process
    profile = Profile.resolve(str(profile_dir))
    config, problems = settings.load(profile.config_file)
    second = TrayApp(profile, config, problems)
    second.FILE_OPEN_GRACE_MS = 2000
    second.FILE_OPEN_EVENTS = True  # as on macOS
    assert second.start()
    qapp = QApplication.instance()
    assert qapp is not None
    QApplication.sendEvent(qapp, QFileOpenEvent(QUrl("tel:+41446681800")))
    qtbot.waitUntil(lambda: second.ipc_server is not None, timeout=10000)  # it found out
    QApplication.sendEvent(qapp, QFileOpenEvent(QUrl("tel:+41446681801")))
    deadline = time.monotonic() + 15
    while len(read_calls(calls)) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert sorted(read_calls(calls)) == ["+41446681800", "+41446681801"]
    assert second.flow is None  # the running app dialled both; this one never did
    qtbot.waitUntil(lambda: second.closed, timeout=10000)
    journal = json.loads(_cli(profile_dir, runtime, "journal", "--json").stdout)
    assert sorted(e["e164"] for e in journal) == ["+41446681800", "+41446681801"]
