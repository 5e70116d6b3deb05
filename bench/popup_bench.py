"""``incoming_popup``: from the CTI bytes arriving to the caller card's first paint.

In-process, offscreen: a loopback peer speaks baresip's ctrl_tcp and sends CALL_INCOMING
events; the app's real path (BaresipLink -> event mapping -> call service -> directory ->
card) runs in the Qt event loop, and an event filter notes the card's first Paint. Measured
with the 1,000,000-contact directory and, as the baseline, with an empty one in the same run.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import statistics
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from bench.directory_bench import _number, directory_file
from bench.figures import Figure
from desktop_client.core import netstring
from desktop_client.phones.baresip import settings as baresip_settings


class EventPeer:
    """Accepts the app's connection and sends it call events on request."""

    def __init__(self) -> None:
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(1)
        self.port = self.server.getsockname()[1]
        self.conn: socket.socket | None = None
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        self.conn, _ = self.server.accept()
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self) -> None:
        assert self.conn is not None
        decoder = netstring.Decoder()
        while data := self.conn.recv(4096):
            for frame in decoder.feed(data):
                command = json.loads(frame)
                reply = {"response": True, "ok": True, "token": command.get("token")}
                self.conn.sendall(netstring.encode(json.dumps(reply).encode()))

    def send(self, kind: str, call_id: str, number: str) -> float:
        """Send one event; the moment the bytes left."""
        event = {"event": True, "type": kind, "class": "call", "direction": "incoming",
                 "peeruri": f"sip:{number}@127.0.0.1", "peerdisplayname": "", "id": call_id}
        assert self.conn is not None
        data = netstring.encode(json.dumps(event).encode())
        started = time.perf_counter()
        self.conn.sendall(data)
        return started


class SlowCrm:
    """A CRM over loopback HTTP that answers every lookup after 2 s."""

    def __init__(self) -> None:
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                time.sleep(2.0)
                body = b'[{"name": "Live Anrufer", "company": "Live AG"}]'
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    self.wfile.write(body)
                except OSError:
                    pass

            def log_message(self, *_args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/lookup?phone={{number}}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _measure(directory_path: Path, rounds: int, contacts: int,
             live_url: str | None = None) -> list[float]:
    from PySide6.QtCore import QEvent, QObject, qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    from desktop_client import phones, settings
    from desktop_client.app.calls import IncomingCalls
    from desktop_client.core.directory import Directory
    from desktop_client.core.journal import Journal
    from desktop_client.core.profile import Profile
    from desktop_client.core.secrets import SecretStore
    from desktop_client.phones.baresip.link import BaresipLink
    from desktop_client.qt.runtime import qt_message
    from desktop_client.ui.tray import TrayUi

    qInstallMessageHandler(qt_message)  # Qt's messages go where the app sends them
    app = QApplication.instance() or QApplication(["bench"])
    peer = EventPeer()
    with tempfile.TemporaryDirectory() as tmp, Directory(directory_path) as directory, \
            Journal(Path(tmp) / "journal.sqlite3") as journal:
        profile = Profile.resolve(tmp)
        config = settings.defaults().with_values(dial__backend="baresip",
                                                   backends__baresip__address=f"127.0.0.1:"
                                                   f"{peer.port}")
        if live_url is not None:  # unknown callers, asked live from a CRM answering in 2 s
            config = config.with_values(directory__sources=("http",),
                                        directory__http__url=live_url,
                                        directory__sync_minutes=0)
        tray = TrayUi(lambda _t: None, list, use_tray=False)
        calls = IncomingCalls(profile, config, tray, journal=lambda: journal,
                              directory=lambda: directory, dial=lambda _n: None,
                              secrets=SecretStore())
        link = BaresipLink(config.text(baresip_settings.ADDRESS))
        calls.start(link, phones.system("baresip"))
        link.start()
        deadline = time.monotonic() + 10
        while not (link.connected and peer.conn is not None):
            app.processEvents()
            assert time.monotonic() < deadline, "no connection"
        flow = calls.ensure_flow()
        painted: list[float] = []

        class FirstPaint(QObject):
            def eventFilter(self, _obj: QObject, event: QEvent) -> bool:  # noqa: N802
                if event.type() == QEvent.Type.Paint and not painted:
                    painted.append(time.perf_counter())
                return False

        watcher = FirstPaint()
        flow.shown.connect(lambda widget: widget.installEventFilter(watcher))
        times: list[float] = []
        for index in range(rounds + 3):
            painted.clear()
            _area, _subscriber, e164 = _number(1 + index * 7919 % contacts)
            if live_url is not None:
                e164 = f"+4179{index:07d}"  # mobile numbers: none is in the directory
            started = peer.send("CALL_INCOMING", f"call-{index}", e164)
            deadline = time.monotonic() + 10
            while not painted:
                app.processEvents()
                assert time.monotonic() < deadline, "the card was not painted"
            if index >= 3:  # the first ones load phonenumbers' metadata and warm caches
                times.append(painted[0] - started)
            peer.send("CALL_CLOSED", f"call-{index}", e164)
            end = time.monotonic() + 0.05
            while time.monotonic() < end:
                app.processEvents()
        link.stop()
        calls.stop()
        tray.hide()
    return times


def run(scale: float) -> list[Figure]:
    """Median and p95 over repeated calls, against an empty directory."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    contacts = max(10_000, int(1_000_000 * scale))
    rounds = max(20, int(60 * scale))
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big.sqlite3"
        shutil.copyfile(directory_file(contacts), big)
        empty = Path(tmp) / "empty.sqlite3"
        base = _measure(empty, rounds, contacts)
        ours = _measure(big, rounds, contacts)
        crm = SlowCrm()
        try:
            live = _measure(big, rounds, contacts, crm.url)
        finally:
            crm.close()
    median, p95 = statistics.median(ours) * 1000, statistics.quantiles(ours, n=20)[-1] * 1000
    base_median = statistics.median(base) * 1000
    base_p95 = statistics.quantiles(base, n=20)[-1] * 1000
    label = f"empty directory; {contacts:,} contacts measured"
    figures: list[Any] = [
        Figure("incoming_popup_median", median, "ms", base_median, label, target=20,
               target_on="value"),
        Figure("incoming_popup_p95", p95, "ms", base_p95, label),
        # Unknown callers with a CRM that answers after 2 s: the card must not wait for it.
        Figure("incoming_popup_live_median", statistics.median(live) * 1000, "ms",
               median, f"known callers; {contacts:,} contacts, CRM answers in 2 s",
               target=20, target_on="value"),
    ]
    return figures
