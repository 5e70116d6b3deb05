"""Where the app keeps its files: config.toml, the database, the log file, the IPC socket.

``--profile DIR`` (or the environment variable ``DESKTOP_CLIENT_HOME``) puts all of them in one
folder, for tests and portable installs. Otherwise they go to the platform's usual folders.
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "desktop-client"
LOG_FILE_NAME = "desktop-client.log"
ENV_HOME = "DESKTOP_CLIENT_HOME"


@dataclass(frozen=True, slots=True)
class Profile:
    """The folders and files of one user's installation."""

    config_dir: Path
    data_dir: Path
    log_dir: Path

    @classmethod
    def resolve(cls, profile_dir: str | None = None) -> Profile:
        """The profile named on the command line, in the environment, or the platform's."""
        chosen = profile_dir or os.environ.get(ENV_HOME)
        if chosen:
            folder = Path(chosen).expanduser().resolve()
            return cls(folder, folder, folder)
        return cls(
            Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
            Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
            Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
        )

    @property
    def config_file(self) -> Path:
        """config.toml."""
        return self.config_dir / "config.toml"

    @property
    def database_file(self) -> Path:
        """The contact directory (and, later, the journal): one SQLite file."""
        return self.data_dir / "directory.sqlite3"

    @property
    def journal_file(self) -> Path:
        """The call journal: its own SQLite file."""
        return self.data_dir / "journal.sqlite3"

    @property
    def log_file(self) -> Path:
        """The standard log file."""
        return self.log_dir / LOG_FILE_NAME

    def create(self) -> None:
        """Make the folders, private to the user."""
        for folder in {self.config_dir, self.data_dir, self.log_dir}:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)


def setup_logging(profile: Profile, *, verbose: bool = False) -> logging.Handler:
    """Send the app's log records to the standard log file (rotating, UTF-8)."""
    profile.create()
    handler = RotatingLog(profile.log_file, max_bytes=2_000_000, backups=5)
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    )
    root = logging.getLogger("desktop_client")
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    root.addHandler(handler)
    return handler


class RotatingLog(logging.FileHandler):
    """The log file, rotated at ``max_bytes`` into ``.1`` … ``.<backups>``.

    The standard library's RotatingFileHandler lives in logging.handlers, which brings
    pickle, queue and socket handlers along (~1.7 MB in a tray app that is always running).
    """

    def __init__(self, path: Path, *, max_bytes: int, backups: int) -> None:
        super().__init__(path, encoding="utf-8", delay=False)
        self.max_bytes = max_bytes
        self.backups = backups

    def emit(self, record: logging.LogRecord) -> None:
        """Write the record, rotating first if the file is full."""
        try:
            if self.stream is not None and self.stream.tell() >= self.max_bytes:
                self._rotate()
        except OSError:
            self.handleError(record)
        super().emit(record)

    def _rotate(self) -> None:
        self.close()
        base = Path(self.baseFilename)
        for index in range(self.backups - 1, 0, -1):
            older = base.with_name(f"{base.name}.{index}")
            if older.exists():
                older.replace(base.with_name(f"{base.name}.{index + 1}"))
        if base.exists():
            base.replace(base.with_name(f"{base.name}.1"))
        self.stream = self._open()


_DIGITS = re.compile(r"\d")


def mask_number(number: str) -> str:
    """A phone number for logs people send around: the last three digits are hidden.

    At DEBUG level log the full number instead.
    """
    count = 0
    out: list[str] = []
    total = len(_DIGITS.findall(number))
    for char in number:
        if char.isdigit():
            count += 1
            out.append("x" if count > total - 3 else char)
        else:
            out.append(char)
    return "".join(out)
