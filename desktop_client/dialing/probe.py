"""The settings' "Test phone connection": a precise answer without placing a call."""

from __future__ import annotations

import json
import shutil
import socket

from desktop_client import wiring
from desktop_client.core import config as config_mod
from desktop_client.core import netstring
from desktop_client.dialing.address import parse_address


def probe_backend(config: config_mod.Config) -> str:
    """Check the configured backend; returns one line: what works or what is wrong."""
    try:
        backend = wiring.build_backend(config, config.location())
    except config_mod.ConfigError as error:
        return f"Settings: {error}"
    if backend.name == "command":
        argv = getattr(backend, "argv", ("",))
        found = shutil.which(argv[0])
        return (f"OK: {argv[0]} found at {found}" if found else
                f"Problem: the program {argv[0]!r} was not found in PATH")
    if backend.name == "baresip":
        return _test_baresip(config.text("backends.baresip.address"))
    if backend.name == "deskphone":
        return _test_deskphone(config.text("backends.deskphone.address"))
    if backend.name == "fritzbox":
        return _test_deskphone(config.text("backends.fritzbox.address")).replace(
            "the phone", "the FRITZ!Box")
    if backend.name == "ami":
        return _test_ami(config)
    if backend.name == "freeswitch":
        return _test_freeswitch(config)
    if backend.name == "linphone":
        return _test_linphone(config.text("backends.linphone.socket"))
    scheme = config.text("backends.handoff.scheme")
    from desktop_client.platform.registration import handler_is_us  # noqa: PLC0415

    if handler_is_us(scheme):
        return f"Problem: {scheme}: links open this app again; choose a softphone for them"
    return f"OK: calls are handed to the system as {scheme}: links"


def _test_baresip(address: str) -> str:
    host, port = parse_address(address)
    try:
        with socket.create_connection((host, port), timeout=3) as conn:
            conn.settimeout(3)
            conn.sendall(netstring.encode(json.dumps(
                {"command": "reginfo", "params": "", "token": "test"}).encode()))
            decoder = netstring.Decoder()
            while True:
                data = conn.recv(4096)
                if not data:
                    return "Problem: baresip closed the connection"
                for frame in decoder.feed(data):
                    reply = json.loads(frame)
                    if reply.get("response") and reply.get("token") == "test":
                        return f"OK: baresip answers on {host}:{port}"
    except ConnectionRefusedError:
        return (f"Problem: nothing listens on {host}:{port}; load ctrl_tcp.so and set "
                "ctrl_tcp_listen in baresip's config")
    except TimeoutError:
        return f"Problem: {host}:{port} does not answer like baresip's ctrl_tcp"
    except (OSError, ValueError, netstring.FramingError) as error:
        return f"Problem: {host}:{port}: {error}"


def _test_deskphone(address: str) -> str:
    """Whether the phone answers HTTP at all (no call is placed)."""
    import urllib.parse  # noqa: PLC0415

    parts = urllib.parse.urlsplit(address)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        with socket.create_connection((parts.hostname or "", port), timeout=3):
            return f"OK: the phone answers on {parts.hostname}:{port}"
    except OSError as error:
        return f"Problem: cannot reach {parts.hostname}:{port}: {error}"


def _test_ami(config: config_mod.Config) -> str:
    """Log in to the Asterisk manager with the stored secret, then log off."""
    from desktop_client.cti import ami  # noqa: PLC0415

    host, port = parse_address(config.text("backends.ami.address"), "[backends.ami] address")
    user = config.text("backends.ami.username")
    try:
        secret = wiring.ami_secret()
    except RuntimeError as error:
        return f"Problem: {error}"
    try:
        with socket.create_connection((host, port), timeout=3) as conn:
            conn.settimeout(3)
            decoder = ami.Decoder()
            conn.sendall(ami.login("probe", user, secret))
            while True:
                data = conn.recv(4096)
                if not data:
                    return "Problem: the PBX closed the connection"
                for message in decoder.feed(data):
                    if message.get("ActionID") == "probe":
                        conn.sendall(ami.encode([("Action", "Logoff")]))
                        if message.get("Response") == "Success":
                            return f"OK: logged in to {decoder.banner} as {user}"
                        return f"Problem: login refused: {message.get('Message', '')}"
    except (OSError, ami.AmiError) as error:
        return f"Problem: {host}:{port}: {error}"


def _test_freeswitch(config: config_mod.Config) -> str:
    """Authenticate on the event socket with the stored password."""
    from desktop_client.cti import esl  # noqa: PLC0415

    host, port = parse_address(config.text("backends.freeswitch.address"),
                               "[backends.freeswitch] address")
    try:
        password = wiring.freeswitch_password()
        with socket.create_connection((host, port), timeout=3) as conn:
            conn.settimeout(3)
            decoder = esl.Decoder()
            while True:
                data = conn.recv(4096)
                if not data:
                    return "Problem: FreeSWITCH closed the connection"
                for headers, _body in decoder.feed(data):
                    kind = headers.get("Content-Type")
                    if kind == "auth/request":
                        conn.sendall(esl.auth(password))
                    elif kind == "command/reply":
                        reply = headers.get("Reply-Text", "")
                        if reply.startswith("+OK"):
                            return f"OK: FreeSWITCH on {host}:{port} accepted the password"
                        return f"Problem: FreeSWITCH refused the password ({reply})"
    except (OSError, RuntimeError, esl.EslError) as error:
        return f"Problem: {host}:{port}: {error}"


def _test_linphone(path: str) -> str:
    """Ask linphone-daemon for its help text on the control socket."""
    if not hasattr(socket, "AF_UNIX"):
        return "Problem: linphone-daemon's socket is not available on this system"
    try:
        with socket.socket(socket.AF_UNIX) as conn:
            conn.settimeout(3)
            conn.connect(path)
            conn.sendall(b"help\n")
            answer = conn.recv(4096)
    except OSError as error:
        return f"Problem: no linphone-daemon at {path} ({error.strerror or error}); start it " \
               "with --pipe"
    if answer.startswith(b"Status: Ok"):
        return f"OK: linphone-daemon answers at {path}"
    return f"Problem: {path} does not answer like linphone-daemon"
