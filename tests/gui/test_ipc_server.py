"""The app's end of the IPC: stale requests dropped; on Windows the pipe claimed first (with
the fake Win32 pipe calls of tests/win_fakes.py under a real QLocalServer)."""

from __future__ import annotations

import socket
import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop_client import ipc
from desktop_client.platform import named_pipe
from desktop_client.qt.ipc_server import IpcServer
from tests.win_fakes import FakeMachine, FakePipes


def _exchange(path: str, line: bytes, qtbot: QtBot) -> bytes:
    """One raw request over the Unix socket, while the Qt loop keeps running."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
        conn.connect(path)
        conn.sendall(line)
        conn.setblocking(False)
        answer = b""

        def answered() -> bool:
            nonlocal answer
            try:
                answer += conn.recv(4096)
            except BlockingIOError:
                return False
            return answer.endswith(b"\n")

        qtbot.waitUntil(answered, timeout=10000)
        return answer


@pytest.fixture
def server(tmp_path: Path) -> IpcServer:
    return IpcServer(str(tmp_path / "ipc.sock"))


def test_a_request_whose_sender_gave_up_is_dropped(server: IpcServer, qtbot: QtBot) -> None:
    assert server.listen()
    try:
        with qtbot.assertNotEmitted(server.received, wait=200):
            stale = ipc.encode(ipc.Message("dial", text="tel:+41446681800",
                                           deadline=time.time() - 1))
            answer = _exchange(server.name, stale, qtbot)
        assert b'"ok": false' in answer and b"expired" in answer
        with qtbot.waitSignal(server.received) as fresh:
            line = ipc.encode(ipc.Message("dial", text="tel:+41446681801",
                                          deadline=time.time() + 30))
            assert b'"ok": true' in _exchange(server.name, line, qtbot)
        assert fresh.args == [ipc.Message("dial", text="tel:+41446681801")]
    finally:
        server.close()
        server.deleteLater()


def test_windows_server_claims_the_pipe_before_qt_listens(tmp_path: Path,
                                                          qtbot: QtBot) -> None:
    listening_at_claim: list[bool] = []
    machine = FakeMachine(on_create=lambda _path: listening_at_claim.append(
        Path(name).exists()))
    pipes = FakePipes(machine)
    name = str(tmp_path / "ipc.sock")
    server = IpcServer(name, pipes=pipes)
    try:
        assert server.listen()
        assert listening_at_claim == [False]  # claimed before Qt listened
        pipe = machine.pipes[named_pipe.PIPE_PREFIX + name]
        assert pipe.owner == pipes.sid and pipe.allowed == {pipes.sid}
        assert not pipe.first_free  # the app's own client holds the first instance
        with qtbot.waitSignal(server.received):
            _exchange(name, ipc.encode(ipc.Message("show")), qtbot)
        server._check_listening()  # the watchdog's visit claims nothing twice
        assert pipes.created == [named_pipe.PIPE_PREFIX + name]
    finally:
        server.close()
        server.deleteLater()
    assert named_pipe.PIPE_PREFIX + name not in machine.pipes  # released at quit


def test_windows_server_refuses_a_squatted_pipe(tmp_path: Path) -> None:
    machine = FakeMachine()
    name = str(tmp_path / "ipc.sock")
    FakePipes(machine, sid="S-1-5-21-9-9-9-1500").squat(named_pipe.PIPE_PREFIX + name,
                                                         allow_everyone=True)
    server = IpcServer(name, pipes=FakePipes(machine))
    try:
        with pytest.raises(OSError, match="exists already"):
            server.listen()
        assert not Path(name).exists()  # Qt never listened
    finally:
        server.close()
        server.deleteLater()
