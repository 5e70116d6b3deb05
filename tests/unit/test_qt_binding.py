"""The Qt binding in use does not lose references when Python emits signals.

PySide6 6.12.0 drops a reference to True on every Python-side ``Signal.emit()``; a tray app
that emits a few signals a second aborts after some hours. pyproject.toml excludes it, and
this test catches a binding release with the same fault.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    changed = Signal(int)


def test_emit_keeps_reference_counts(qapp: object) -> None:
    emitter = _Emitter()
    seen: list[int] = []
    emitter.changed.connect(seen.append)
    before = sys.getrefcount(True)
    for value in range(200):
        emitter.changed.emit(value)
    assert len(seen) == 200
    assert sys.getrefcount(True) >= before - 5


def test_qts_notes_on_missing_platform_features_are_not_warnings(
        caplog: pytest.LogCaptureFixture) -> None:
    """The offscreen platform says "This plugin does not support raise()" at every window:
    the bench and the log are not flooded with it; a real warning stays a warning."""
    import logging

    from PySide6.QtCore import QtMsgType

    from desktop_client.qt.runtime import qt_message

    with caplog.at_level(logging.DEBUG, logger="desktop_client.qt"):
        qt_message(QtMsgType.QtWarningMsg, None, "This plugin does not support raise()")
        qt_message(QtMsgType.QtWarningMsg, None, "QFont::setPointSize: Point size <= 0 (-1)")
        qt_message(QtMsgType.QtCriticalMsg, None, "This plugin does not support raise()")
    assert [(r.levelname, r.getMessage()[:12]) for r in caplog.records] == [
        ("DEBUG", "This plugin "), ("WARNING", "QFont::setPo"), ("ERROR", "This plugin ")]


def test_pyside_keeps_no_source_of_the_modules_imported_after_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """PySide6 reads every module imported after it (looking for ``from __feature__``): with
    lean_pyside_imports linecache keeps none of those files (MBs in the tray app), and PySide6
    still tells the modules that use it from those that do not."""
    import linecache

    from desktop_client.qt.runtime import lean_pyside_imports

    lean_pyside_imports()
    lean_pyside_imports()  # twice is harmless
    (tmp_path / "probe_uses_qt.py").write_text("import PySide6.QtCore\n", encoding="utf-8")
    (tmp_path / "probe_plain.py").write_text("VALUE = 1\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    for name in ("probe_uses_qt", "probe_plain"):
        monkeypatch.delitem(sys.modules, name, raising=False)
        __import__(name)  # through builtins.__import__, which PySide6 replaced
    assert not [name for name in linecache.cache if name.startswith(str(tmp_path))]
    feature = sys.modules["shibokensupport.feature"]
    assert feature.pyside_feature_dict["probe_uses_qt"] == 0  # uses PySide6
    assert feature.pyside_feature_dict["probe_plain"] == -1  # left out of feature switching
