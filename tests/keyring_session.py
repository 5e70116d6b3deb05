"""A real Secret Service: a private D-Bus session bus with gnome-keyring-daemon, per test.

Both daemons are started here and ended by their PIDs (dbus-run-session would leave its bus
behind where nothing reaps orphans). Processes that should see the keyring get ``env``.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

from tests.processes import session_bus, stop
from tests.real import need


@contextlib.contextmanager
def secret_service(home: Path) -> Iterator[dict[str, str]]:
    """Yield an environment whose keyring is a fresh, unlocked gnome-keyring."""
    keyring_daemon = need("gnome-keyring-daemon")
    home.mkdir(parents=True, exist_ok=True)
    runtime = home / "run"
    runtime.mkdir(mode=0o700, exist_ok=True)
    with session_bus() as address:
        env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
        env.update(DBUS_SESSION_BUS_ADDRESS=address, HOME=str(home),
                   XDG_RUNTIME_DIR=str(runtime),
                   PYTHON_KEYRING_BACKEND="keyring.backends.SecretService.Keyring")
        keyring = subprocess.Popen([keyring_daemon, "--replace", "--unlock", "--foreground",
                                    "--components=secrets"], stdin=subprocess.PIPE,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   env=env)
        assert keyring.stdin is not None
        keyring.stdin.write(b"test-password")
        keyring.stdin.close()
        try:
            _wait_for_service(env)
            yield env
        finally:
            stop(keyring)


def _wait_for_service(env: dict[str, str]) -> None:
    probe = ("import keyring, keyring.backends.SecretService as s; "
             "assert s.Keyring().get_password('desktop-client-probe', 'x') is None")
    import sys

    deadline = time.monotonic() + 15
    while True:
        result = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True,
                                timeout=30, check=False)
        if result.returncode == 0:
            return
        if time.monotonic() > deadline:
            raise RuntimeError("gnome-keyring did not come up: " + result.stderr.decode()[-500:])
        time.sleep(0.2)
