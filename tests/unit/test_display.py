"""The display check that runs before Qt: no SIGABRT from xcb, a sentence instead."""

from __future__ import annotations

import socket
from pathlib import Path

from desktop_client.platform.display import NO_DISPLAY, display_problem


def test_no_display_at_all() -> None:
    assert display_problem({}) == NO_DISPLAY
    assert display_problem({"QT_QPA_PLATFORM": "xcb"}) == NO_DISPLAY
    assert display_problem({"DISPLAY": "garbage"}) == NO_DISPLAY


def test_an_x_display_nobody_serves() -> None:
    assert display_problem({"DISPLAY": ":397"}) == NO_DISPLAY
    with socket.socket() as closed:  # a TCP port with no X server behind it
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    if 6000 <= port < 6000 + 1000:
        assert display_problem({"DISPLAY": f"127.0.0.1:{port - 6000}"}) == NO_DISPLAY


def test_platforms_that_need_no_display() -> None:
    for platform in ("offscreen", "minimal", "vnc:size=800x600"):
        assert display_problem({"QT_QPA_PLATFORM": platform}) == ""


def test_a_wayland_socket(tmp_path: Path) -> None:
    path = tmp_path / "wayland-7"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        server.listen(1)
        env = {"WAYLAND_DISPLAY": "wayland-7", "XDG_RUNTIME_DIR": str(tmp_path)}
        assert display_problem(env) == ""
        assert display_problem({**env, "QT_QPA_PLATFORM": "xcb"}) == NO_DISPLAY
    assert display_problem({"WAYLAND_DISPLAY": "wayland-7",
                            "XDG_RUNTIME_DIR": str(tmp_path)}) == NO_DISPLAY  # gone
