"""German and English: every text translated, the .qm built from the .ts, the UI in German."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop_client.qt.runtime import load_translation
from desktop_client.ui.dial_dialog import ContactHit, DialDialog, Preview
from desktop_client.ui.tray import TrayUi

ROOT = Path(__file__).resolve().parents[2]


def test_translations_are_complete_and_built() -> None:
    result = subprocess.run([sys.executable, "packaging/translations.py", "--check"], cwd=ROOT,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_tray_speaks_german(qtbot: QtBot, qapp: QApplication) -> None:
    translator = load_translation(qapp, "de")
    assert translator is not None
    try:
        tray = TrayUi(lambda _text: None, lambda: [], use_tray=False)
        texts = [a.text() for a in tray.menu.actions() if a.text()]
        assert texts == ["Wählen…", "Nummer aus Zwischenablage wählen", "Letzte Anrufe",
                         "Anrufjournal…", "Nicht stören", "Telefonnummern normalisieren…",
                         "Einstellungen…", "Beenden"]
        tray.set_missed(2)
        assert "2 verpasste Anrufe" in tray.tooltip
        dialog = DialDialog(lambda _t: Preview(True, ""), lambda _t: list[ContactHit]())
        qtbot.addWidget(dialog)
        assert dialog.dial_button.text() == "Wählen"
        assert tray.window is not None
        tray.window.close()
    finally:
        qapp.removeTranslator(translator)


def test_english_needs_no_translation_file(qapp: QApplication) -> None:
    assert load_translation(qapp, "en") is None
    assert load_translation(qapp, "xx") is None
