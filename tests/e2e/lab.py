"""Real softphone and SIP peer on loopback: baresip (ctrl_tcp) and sipp, per test."""

from __future__ import annotations

import re
import socket
import subprocess
import time
from pathlib import Path

from tests.real import free_port, need

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def free_udp_pair() -> int:
    """A port P with P and P+1 free (baresip also opens TLS on SIP port + 1)."""
    for _ in range(50):
        port = free_port(socket.SOCK_DGRAM)
        if port < 65000:
            try:
                with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as a, \
                        socket.socket(socket.AF_INET, socket.SOCK_STREAM) as b, \
                        socket.socket(socket.AF_INET, socket.SOCK_STREAM) as c:
                    a.bind(("127.0.0.1", port + 1))
                    b.bind(("127.0.0.1", port))
                    c.bind(("127.0.0.1", port + 1))
                return port
            except OSError:
                continue
    raise RuntimeError("no free port pair")


class Baresip:
    """baresip, headless, with ctrl_tcp on a free port; its calls go to the PBX port."""

    def __init__(self, folder: Path, pbx_port: int, *, answermode: str = "manual",
                 sip_port: int | None = None, ctrl_port: int | None = None) -> None:
        self.binary = need("baresip")
        self.folder = folder
        self.pbx_port = pbx_port
        self.answermode = answermode
        self.sip_port = sip_port or free_udp_pair()
        self.ctrl_port = ctrl_port or free_port()
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "config").write_text(
            "poll_method epoll\n"
            "net_interface 127.0.0.1\n"
            f"sip_listen 127.0.0.1:{self.sip_port}\n"
            "audio_player aubridge,nil\naudio_source aubridge,nil\naudio_alert aubridge,nil\n"
            "module_path /usr/lib/baresip/modules\n"
            "module g711.so\nmodule aubridge.so\nmodule_tmp account.so\n"
            "module_app menu.so\nmodule_app ctrl_tcp.so\n"
            f"ctrl_tcp_listen 127.0.0.1:{self.ctrl_port}\n", encoding="utf-8")
        (folder / "accounts").write_text(
            f"<sip:alice@127.0.0.1:{pbx_port}>;regint=0;answermode={answermode}\n",
            encoding="utf-8")
        self.log = (folder / "baresip.out").open("wb")
        self.process = subprocess.Popen([self.binary, "-f", str(folder)],
                                        stdin=subprocess.DEVNULL, stdout=self.log,
                                        stderr=subprocess.STDOUT)
        self._wait_ctrl()

    @property
    def address(self) -> str:
        """host:port of ctrl_tcp."""
        return f"127.0.0.1:{self.ctrl_port}"

    def _wait_ctrl(self) -> None:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("baresip exited: " + self.output())
            try:
                # A probe connection; it closes at once, so the app's link gets the events.
                with socket.create_connection(("127.0.0.1", self.ctrl_port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.02)
        raise RuntimeError("baresip ctrl_tcp did not come up: " + self.output())

    def output(self) -> str:
        """What baresip printed."""
        self.log.flush()
        return (self.folder / "baresip.out").read_text(errors="replace")

    def restart(self) -> Baresip:
        """A new baresip on the same ports (the old one must be stopped)."""
        return Baresip(self.folder, self.pbx_port, answermode=self.answermode,
                       sip_port=self.sip_port, ctrl_port=self.ctrl_port)

    def stop(self) -> None:
        """End baresip."""
        if self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(5)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


class SippPbx:
    """sipp as the PBX: logs the Request-URI of the INVITE it gets, answers 486, exits."""

    def __init__(self, folder: Path) -> None:
        self.binary = need("sipp")
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.port = free_udp_pair()
        self.log_file = folder / "ruri.log"
        self.process = subprocess.Popen(
            [self.binary, "-sf", str(FIXTURES / "uas_log_ruri.xml"), "-i", "127.0.0.1",
             "-p", str(self.port), "-m", "1", "-nostdin", "-timeout", "30", "-timeout_error",
             "-trace_logs", "-log_file", str(self.log_file)],
            cwd=folder, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)

    def dialled(self) -> list[str]:
        """The user parts of the INVITEs received so far."""
        if not self.log_file.exists():
            return []
        return re.findall(r"DIALED=(\S+)", self.log_file.read_text(errors="replace"))

    def wait_dialled(self, timeout: float = 15) -> list[str]:
        """Wait for an INVITE; the dialled numbers."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.dialled()
            if found:
                return found
            time.sleep(0.05)
        return []

    def stop(self) -> None:
        """End sipp."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()


class SippCaller:
    """sipp calling baresip's account (user alice) from a given number."""

    def __init__(self, folder: Path, target_port: int, caller: str, scenario: str,
                 *extra: str) -> None:
        self.binary = need("sipp")
        folder.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            [self.binary, "-sf", str(FIXTURES / scenario), "-key", "caller", caller,
             f"127.0.0.1:{target_port}", "-s", "alice", "-i", "127.0.0.1",
             "-p", str(free_udp_pair()), "-m", "1", "-nostdin", "-timeout", "20",
             "-timeout_error", *extra],
            cwd=folder, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)

    def wait(self, timeout: float = 30) -> int:
        """sipp's exit status (0: the scenario ran through)."""
        return self.process.wait(timeout)

    def stop(self) -> None:
        """End sipp."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(5)


class LinphoneDaemon:
    """linphone-daemon (Debian linphone-cli) on loopback, its control socket in /tmp."""

    def __init__(self, folder: Path) -> None:
        self.binary = need("linphone-daemon")
        self.folder = folder
        home = folder / "home"
        (home / ".local" / "share" / "linphone").mkdir(parents=True, exist_ok=True)
        self.sip_port = free_udp_pair()
        self.pipe = f"dc-test-{self.sip_port}"
        self.socket = f"/tmp/{self.pipe}"
        config = folder / "linphonerc"
        config.write_text(
            f"[sip]\nsip_port={self.sip_port}\nbind_address=127.0.0.1\nguess_hostname=0\n"
            f"ipv6_enabled=0\n[net]\nipv6=0\n[rtp]\naudio_rtp_port={free_port()}\n",
            encoding="utf-8")
        self.log = (folder / "daemon.out").open("wb")
        self.process = subprocess.Popen(
            [self.binary, "--config", str(config), "--pipe", self.pipe, "--log",
             str(folder / "ld.log")], env={**__import__("os").environ, "HOME": str(home)},
            stdin=subprocess.DEVNULL, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 20
        while not Path(self.socket).exists():
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError("linphone-daemon did not open its socket")
            time.sleep(0.05)

    def stop(self) -> None:
        """End the daemon."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.log.close()
        Path(self.socket).unlink(missing_ok=True)
