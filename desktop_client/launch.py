"""Start the tray app: ``desktop-client`` or ``desktop-client [--profile DIR] run``.

Its own short path (no argparse, no command modules): the app starts at login and on demand,
and the time to the tray icon is what the user waits for.
"""

from __future__ import annotations

import sys

from desktop_client import ipc, settings
from desktop_client.core import config as config_mod
from desktop_client.core.profile import Profile, setup_logging


def run(profile_dir: str | None, *, verbose: bool = False) -> int:
    """Set up logging and settings, then :func:`start`."""
    profile = Profile.resolve(profile_dir)
    try:
        setup_logging(profile, verbose=verbose)
        config, problems = settings.load(profile.config_file)
    except OSError as error:
        print(f"desktop-client: {error}", file=sys.stderr)
        return 2
    for problem in problems:
        print(f"desktop-client: warning: {problem}", file=sys.stderr)
    return start(profile, config, problems)


def start(profile: Profile, config: config_mod.Config, problems: list[str]) -> int:
    """Bring the running app forward, or start it (logging and settings are set up)."""
    name = ipc.server_name(profile.config_dir)
    try:
        if ipc.may_run(name):
            ipc.send(name, ipc.Message("show"))
            return 0  # the running instance came forward
    except ipc.IpcError:
        pass
    from desktop_client.platform.display import display_problem  # noqa: PLC0415

    problem = display_problem()
    if problem:
        import logging  # noqa: PLC0415

        logging.getLogger("desktop_client.app").error("cannot start: %s", problem)
        print(f"desktop-client: {problem}", file=sys.stderr)
        return 1
    from desktop_client.qt.runtime import lean_pyside_imports  # noqa: PLC0415 - Qt from here on

    lean_pyside_imports()  # before the app's modules load
    from desktop_client.app import run_app  # noqa: PLC0415

    return run_app(profile, config, problems)
