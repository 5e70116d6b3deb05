"""The system keyring, asked from a short-lived ``desktop-client secret …`` process.

keyring with its Secret Service backend brings cryptography and OpenSSL along: ~20 MB that
would stay in the tray app for the rest of the day after one look at Settings. The tray app
therefore leaves the keyring to its own command line (``secret status --json``, ``secret set
KEY`` with the value on standard input), which exits when it has answered.
"""

from __future__ import annotations

import json
import logging
import subprocess
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QProcess

from desktop_client.core.secrets import KeyringStatus

log = logging.getLogger("desktop_client.secrets")

#: The status while the answer is on its way (no backend, no problem named yet).
CHECKING = KeyringStatus(False, "")
TIMEOUT_S = 30


def parse_status(output: str) -> KeyringStatus:
    """``secret status --json``'s answer as a status (unusable when it cannot be read)."""
    try:
        data = json.loads(output)
        return KeyringStatus(bool(data["usable"]), str(data["backend"]),
                             str(data.get("problem") or ""))
    except (ValueError, KeyError, TypeError):
        return KeyringStatus(False, "?", "the keyring could not be asked")


class KeyringStatusProcess(QObject):
    """Asks ``secret status --json`` without blocking the UI; ``done`` gets the status."""

    def __init__(self, command: Sequence[str], done: Callable[[KeyringStatus], None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._done = done
        self.process = QProcess(self)
        self.process.finished.connect(self._finished)
        self.process.errorOccurred.connect(self._failed)
        self.process.start(command[0], [*command[1:], "secret", "status", "--json"])

    def _finished(self) -> None:
        output = bytes(self.process.readAllStandardOutput().data()).decode("utf-8", "replace")
        self._done(parse_status(output))
        self.deleteLater()

    def _failed(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart:
            log.warning("the keyring could not be asked: %s", self.process.errorString())
            self._done(KeyringStatus(False, "?", "the keyring could not be asked"))
            self.deleteLater()


def store_secret(command: Sequence[str], key: str, value: str) -> str:
    """``secret set KEY`` with the value on standard input; "" when stored, else why not."""
    try:
        result = subprocess.run([*command, "secret", "set", key], input=value + "\n",
                                capture_output=True, text=True, timeout=TIMEOUT_S,
                                check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"the keyring could not be asked: {error}"
    if result.returncode == 0:
        return ""
    message = result.stderr.strip().splitlines()
    return message[-1].removeprefix("desktop-client: ") if message else "the keyring refused"
