"""From a fresh install to a placed call through the first-run assistant, with real baresip
(ctrl_tcp) and sipp as the far end: no file edited by hand."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from desktop_client import phones
from desktop_client.outgoing.policy import Source
from tests.e2e.lab import Baresip, SippPbx


def test_the_assistant_finds_baresip_and_the_first_call_reaches_sipp(
        qtbot: QtBot, tmp_path: Path, runtime: Path, baresip: Baresip, pbx: SippPbx) -> None:
    from desktop_client import settings
    from desktop_client.app import TrayApp
    from desktop_client.core.profile import Profile, setup_logging

    profile = Profile.resolve(str(tmp_path / "fresh"))
    profile.create()
    # Out of the box, except where this machine's baresip listens (its port is a free one
    # here; on a desk it is the usual 127.0.0.1:4444, which the assistant also tries).
    (profile.config_file).write_text(
        f'[backends.baresip]\naddress = "{baresip.address}"\n', encoding="utf-8")
    handler = setup_logging(profile)
    config, problems = settings.load(profile.config_file)
    assert not phones.is_set_up(config)
    app: Any = TrayApp(profile, config, problems)
    try:
        assert app.start() and app.finish_start_now()
        qtbot.waitUntil(lambda: app.first_run is not None and
                        app.first_run.assistant is not None, timeout=15000)
        assistant = app.first_run.assistant
        labels = [assistant.phones.item(i).text() for i in range(assistant.phones.count())]
        assert labels[0] == f"baresip (ctrl_tcp on {baresip.address})", labels
        with qtbot.waitSignal(assistant.tested, timeout=10000) as tested:
            assistant.test_button.click()
        assert tested.args[0].startswith("OK: baresip answers"), tested.args
        assistant.register_box.setChecked(False)  # not this test machine's handler
        assistant.autostart_box.setChecked(False)
        done = next(b for b in assistant.findChildren(QPushButton) if b.text() == "Done")
        done.click()
        saved = settings.load(profile.config_file)[0]
        assert saved.text("dial.backend") == "baresip" and saved.flag("app.setup_done")
        qtbot.waitUntil(lambda: app.connection is not None and app.connection.connected,
                        timeout=10000)
        flow = app.ensure_flow()
        with qtbot.waitSignal(flow.completed, timeout=10000) as call:
            app.dial("+41 44 123 45 67", Source.USER)
        assert call.args[1] is True, call.args
        assert pbx.wait_dialled() == ["+41441234567"]
    finally:
        app.close()
        logging.getLogger("desktop_client").removeHandler(handler)
        handler.close()
