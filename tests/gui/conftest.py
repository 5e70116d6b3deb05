"""GUI tests run in a real Qt event loop on the offscreen platform (no display needed)."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtWidgets import QDialog

if TYPE_CHECKING:
    from desktop_client.app import TrayApp
    from desktop_client.app.calls import IncomingCalls
    from desktop_client.ui.tray import TrayUi


def recorder_argv(calls: Path) -> list[str]:
    """A real program as the softphone: it appends the number it was given to ``calls``."""
    code = ("import sys, pathlib; p = pathlib.Path(sys.argv[1]); "
            "p.open('a').write(sys.argv[2] + '\\n')")
    return [sys.executable, "-c", code, str(calls), "{number}"]


def write_config(profile_dir: Path, calls: Path, *, countdown: int = 1, extra: str = "") -> None:
    """config.toml with the recorder as softphone."""
    profile_dir.mkdir(parents=True, exist_ok=True)
    argv = ", ".join(f'"{a}"' for a in recorder_argv(calls)).replace("\\", "\\\\")
    (profile_dir / "config.toml").write_text(
        f"[dial]\nbackend = \"command\"\ncountdown_s = {countdown}\n"
        f"[backends.command]\nargv = [{argv}]\n[app]\nregister_asked = true\n{extra}",
        encoding="utf-8")


def action_url_base(setup_text: str) -> str:
    """``http://127.0.0.1:<port>/<token>`` as the settings show it for pasting into a phone."""
    found = re.search(r"http://127\.0\.0\.1:[0-9]+/[A-Za-z0-9_-]+(?=/incoming)", setup_text)
    assert found is not None, setup_text
    return found.group(0)


def read_calls(calls: Path) -> list[str]:
    """Numbers the recorder was started with."""
    return calls.read_text().split() if calls.exists() else []


@pytest.fixture
def calls(tmp_path: Path) -> Path:
    """Where the recorder writes."""
    return tmp_path / "calls.txt"


@pytest.fixture
def tray_app(qtbot: object, tmp_path: Path, runtime: Path, calls: Path) -> Iterator[TrayApp]:
    """The real TrayApp (composition root) in this process, with the recorder softphone."""
    import logging

    from desktop_client import settings
    from desktop_client.app import TrayApp
    from desktop_client.core.profile import Profile, setup_logging

    profile = Profile.resolve(str(tmp_path / "profile"))
    write_config(profile.config_dir, calls)
    handler = setup_logging(profile)  # as the command line does before run_app
    config, problems = settings.load(profile.config_file)
    app = TrayApp(profile, config, problems)
    assert app.start() and app.finish_start_now() and app.ensure_flow()
    yield app
    app.close()
    logging.getLogger("desktop_client").removeHandler(handler)
    handler.close()


def tray_of(app: TrayApp) -> TrayUi:
    """The started app's tray (typed: the app has one once started)."""
    assert app.tray is not None
    return app.tray


def incoming_of(app: TrayApp) -> IncomingCalls:
    """The started app's incoming calls."""
    assert app.calls is not None
    return app.calls


def click_save(dialog: QDialog) -> None:
    """Press the dialog's Save button, as the user does."""
    from PySide6.QtWidgets import QDialogButtonBox

    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    buttons.button(QDialogButtonBox.StandardButton.Save).click()
