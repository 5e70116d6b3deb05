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



PROBE = """
import linecache, sys
import PySide6.QtCore
import probe_before  # read by PySide6's hook: linecache keeps it
kept_before = any(name.endswith("probe_before.py") for name in linecache.cache)
from desktop_client.qt.runtime import lean_pyside_imports
lean_pyside_imports()
lean_pyside_imports()  # twice is harmless
import probe_uses_qt, probe_plain
feature = sys.modules["shibokensupport.feature"]
print(kept_before, sorted(linecache.cache),
      feature.pyside_feature_dict["probe_uses_qt"], feature.pyside_feature_dict["probe_plain"])
"""


def test_pyside_keeps_no_source_of_the_modules_imported_after_it(tmp_path: Path) -> None:
    """PySide6 reads every module imported after it (looking for ``from __feature__``) and
    linecache kept them all (MBs in the tray app): after lean_pyside_imports none is kept,
    those kept before are dropped, and PySide6 still tells the modules that use it (0) from
    those that do not (-1). In a fresh interpreter, as the app starts."""
    import os
    import subprocess

    (tmp_path / "probe_before.py").write_text("VALUE = 0\n", encoding="utf-8")
    (tmp_path / "probe_uses_qt.py").write_text("import PySide6.QtCore\n", encoding="utf-8")
    (tmp_path / "probe_plain.py").write_text("VALUE = 1\n", encoding="utf-8")
    root = Path(__file__).resolve().parents[2]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(tmp_path), str(root)]))
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                          env=env, timeout=60, check=True)
    assert done.stdout.split() == ["True", "[]", "0", "-1"], done.stdout + done.stderr
