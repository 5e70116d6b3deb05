"""``desktop-client secret`` against a real gnome-keyring over D-Bus, and against none."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.keyring_session import secret_service


def _cli(profile: Path, env: dict[str, str], *args: str,
         stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "desktop_client", "--profile", str(profile),
                           *args], env=env, input=stdin, capture_output=True, text=True,
                          timeout=60, check=False)


def test_secrets_go_to_the_real_keyring_and_never_to_a_file(tmp_path: Path) -> None:
    profile = tmp_path / "profile"
    with secret_service(tmp_path / "home") as env:
        stored = _cli(profile, env, "secret", "set", "backends.ami.secret", stdin="s3cr3t-Ami\n")
        assert stored.returncode == 0, stored.stderr
        status = json.loads(_cli(profile, env, "secret", "status", "--json").stdout)
        assert status["usable"] is True and "SecretService" in status["backend"]
        assert status["keys"]["backends.ami.secret"] == "set"
        assert status["keys"]["backends.fritzbox.password"] == "not set"
        # The app reads it from the keyring (the same call the AMI link makes).
        read = subprocess.run([sys.executable, "-c",
                               "from desktop_client.core.secrets import read_secret; "
                               "print(read_secret('backends.ami.secret') or '')"],
                              env=env, capture_output=True, text=True, timeout=60, check=False)
        assert read.stdout.strip() == "s3cr3t-Ami", read.stderr
        assert _cli(profile, env, "secret", "delete", "backends.ami.secret").returncode == 0
        after = json.loads(_cli(profile, env, "secret", "status", "--json").stdout)
        assert after["keys"]["backends.ami.secret"] == "not set"
    for root, _dirs, files in os.walk(profile):
        for name in files:
            assert b"s3cr3t-Ami" not in (Path(root) / name).read_bytes(), name


def test_bad_keys_empty_values_and_no_keyring(tmp_path: Path) -> None:
    profile = tmp_path / "profile"
    env = {k: v for k, v in os.environ.items() if k != "DBUS_SESSION_BUS_ADDRESS"}
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    unknown = _cli(profile, env, "secret", "set", "dial.backend", stdin="x\n")
    assert unknown.returncode == 2 and "not a secret of the settings" in unknown.stderr
    empty = _cli(profile, env, "secret", "set", "backends.ami.secret", stdin="")
    assert empty.returncode == 2 and "empty" in empty.stderr
    refused = _cli(profile, env, "secret", "set", "backends.ami.secret", stdin="pw\n")
    assert refused.returncode == 1 and "no keyring service was found" in refused.stderr
    status = _cli(profile, env, "secret", "status", "--json")
    assert status.returncode == 1 and json.loads(status.stdout)["usable"] is False
    null = dict(env, PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring")
    thrown_away = _cli(profile, null, "secret", "set", "backends.ami.secret", stdin="pw\n")
    assert thrown_away.returncode == 1 and "thrown away" in thrown_away.stderr
