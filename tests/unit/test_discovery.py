"""The assistant's look around: softphone programs on PATH, nothing where nothing is."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from desktop_client import phones, settings
from desktop_client.phones.discovery import discover


def test_programs_on_path_are_offered_with_their_preset(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    program = tmp_path / "twinkle"
    program.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    program.chmod(program.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", str(tmp_path))
    config = settings.defaults().with_values(backends__baresip__address="127.0.0.1:9",
                                               backends__linphone__socket=str(tmp_path / "x"))
    found = discover(config)
    assert [(f.backend, f.changes) for f in found] == [
        ("command", {"dial__backend": "command", "backends__command__preset": "twinkle"})]
    assert found[0].label == f"Twinkle ({program})"
    assert not phones.is_set_up(config)
    assert phones.is_set_up(config.with_values(**found[0].changes))


def test_nothing_found_is_an_empty_list(tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    config = settings.defaults().with_values(backends__baresip__address="127.0.0.1:9",
                                               backends__linphone__socket=str(tmp_path / "x"))
    assert os.listdir(tmp_path) == []
    assert [f for f in discover(config) if f.backend != "baresip"] == []


def test_what_was_looked_for_and_not_found_is_said(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop_client.phones.discovery import survey

    monkeypatch.setenv("PATH", str(tmp_path))
    config = settings.defaults().with_values(backends__baresip__address="127.0.0.1:9",
                                               backends__linphone__socket=str(tmp_path / "x"))
    found, missing = survey(config)
    assert [f for f in found if f.backend != "baresip"] == []
    assert any(line.startswith("baresip: nothing listens on 127.0.0.1:9") for line in missing)
    assert f"linphone-daemon: no control socket at {tmp_path / 'x'}" in missing
    assert any("linphonecsh" in line and "twinkle" in line for line in missing)
