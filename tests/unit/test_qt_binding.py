"""The Qt binding in use does not lose references when Python emits signals.

PySide6 6.12.0 drops a reference to True on every Python-side ``Signal.emit()``; a tray app
that emits a few signals a second aborts after some hours. pyproject.toml excludes it, and
this test catches a binding release with the same fault.
"""

from __future__ import annotations

import sys

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
