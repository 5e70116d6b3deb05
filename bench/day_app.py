"""The app process of the ``day`` and ``burst`` benchmarks: the real tray app as
``desktop-client run`` starts it, plus a reader of commands on stdin that opens and closes
windows as a user would (``journal``, ``settings``, ``dial``), answering ``ok NAME`` once the
window has been shown and closed again.

``python -m bench.day_app PROFILE``
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QSocketNotifier, QTimer

from desktop_client import settings
from desktop_client.core.profile import Profile, setup_logging

SHOWN_MS = 400  # how long each window stays open


def main(argv: list[str]) -> int:
    """Start the app; serve commands until stdin closes."""
    profile = Profile.resolve(argv[0])
    setup_logging(profile)
    config, problems = settings.load(profile.config_file)
    from desktop_client.qt.runtime import lean_pyside_imports  # as launch.start does

    lean_pyside_imports()
    from desktop_client.app import TrayApp

    app = TrayApp(profile, config, problems)
    app.start()

    def close_window(name: str) -> None:
        if name == "journal" and app.calls is not None and app.calls.journal_window:
            app.calls.journal_window.close()
        elif name == "settings" and app.settings_dialog is not None:
            app.settings_dialog.close()
        elif name == "dial" and app.dial_dialog is not None:
            app.dial_dialog.close()
        print(f"ok {name}", flush=True)

    def command() -> None:
        line = sys.stdin.readline()
        name = line.strip()
        if not line or name == "quit":
            notifier.setEnabled(False)
            app.quit()
            return
        if name == "journal" and app.calls is not None:
            app.calls.open_journal()
        elif name == "settings":
            app.open_settings()
        elif name == "dial":
            app.open_dial_dialog()
        QTimer.singleShot(SHOWN_MS, lambda: close_window(name))

    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(command)
    status = app.exec()
    app.close()
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
