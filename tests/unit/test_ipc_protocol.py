"""The IPC protocol refuses anything that is not exactly a message of ours."""

from __future__ import annotations

import json
import os
import socket
import stat
from pathlib import Path

import pytest

from desktop_client import ipc


def test_round_trip() -> None:
    message = ipc.Message("dial", text="tel:+41446681800")
    assert ipc.decode(ipc.encode(message).rstrip(b"\n")) == message


@pytest.mark.parametrize(("line", "reason"), [
    (b"x" * (ipc.MAX_MESSAGE + 1), "too long"),
    (b"\xff\xfe", "UTF-8 JSON"),
    (b"[1, 2]", "not a JSON object"),
    (b'{"protocol_version": 2, "kind": "dial", "text": "1"}', "protocol version"),
    (b'{"kind": "dial", "text": "1"}', "protocol version"),
    (b'{"protocol_version": 1, "kind": "exec", "text": "id"}', "unknown message kind"),
    (b'{"protocol_version": 1, "kind": "dial"}', "needs a number"),
    (b'{"protocol_version": 1, "kind": "dial", "text": 5}', "not a string"),
    (json.dumps({"protocol_version": 1, "kind": "dial", "text": "1" * 300}).encode(),
     "not a string of at most 256"),
    (b'{"protocol_version": 1, "kind": "incoming", "text": "1", "state": "boom"}',
     "unknown call state"),
])
def test_bad_messages(line: bytes, reason: str) -> None:
    with pytest.raises(ipc.IpcError, match=reason):
        ipc.decode(line)


def test_runtime_dir_is_private(tmp_path: pytest.TempPathFactory, monkeypatch:
                                pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    folder = ipc.runtime_dir()
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
    os.chmod(folder, 0o755)
    ipc.runtime_dir()
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700


def test_server_name_differs_per_profile(monkeypatch: pytest.MonkeyPatch,
                                         tmp_path: pytest.TempPathFactory) -> None:
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    assert ipc.server_name("/a") != ipc.server_name("/b")
    assert ipc.server_name("/a") == ipc.server_name("/a")


def test_no_running_app_without_a_socket_file(tmp_path: Path) -> None:
    name = str(tmp_path / "ipc-00000000.sock")
    assert not ipc.may_run(name)
    with pytest.raises(ipc.NoInstanceError):
        ipc.send(name, ipc.Message("show"))


def test_a_bad_message_is_refused_as_such_whether_or_not_an_app_runs(tmp_path: Path) -> None:
    """Not "no running instance": the forwarder would start the app for that and wait."""
    with pytest.raises(ipc.BadMessageError, match="needs a number"):
        ipc.send(str(tmp_path / "ipc-00000000.sock"), ipc.Message("dial", text=""))


def test_the_command_line_refuses_an_empty_incoming_number_as_bad_input(
        tmp_path: Path) -> None:
    """Exit 2 ("rejected input", as the design documents), not 1 (a failure)."""
    from tests.conftest import run_cli

    result = run_cli("incoming", "", profile_dir=tmp_path)
    assert (result.returncode, result.stderr) == (
        2, "desktop-client: refused: the incoming message needs a number\n")


def test_no_running_app_behind_the_socket_file_a_crashed_app_left(tmp_path: Path) -> None:
    """A socket file nobody listens on any more (the app was killed): no instance either."""
    name = str(tmp_path / "ipc-00000000.sock")
    left = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    left.bind(name)
    left.close()
    assert ipc.may_run(name)
    with pytest.raises(ipc.NoInstanceError):
        ipc.send(name, ipc.Message("show"))
