"""German and English: every text translated, the .qm built from the .ts, the UI in German."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
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


def test_placeholders_survive_translation() -> None:
    """A translated message keeps exactly the {fields} of its English template (else the
    German UI would raise KeyError where the English one works)."""
    import string
    import xml.etree.ElementTree as ET

    root = ET.parse(ROOT / "resources/translations/desktop_client_de.ts").getroot()
    checked = 0
    for context in root.findall("context"):
        if context.findtext("name") != "Messages":
            continue
        for message in context.findall("message"):
            source = message.findtext("source") or ""
            german = message.findtext("translation") or ""
            fields = {f for _t, f, _s, _c in string.Formatter().parse(source) if f}
            assert fields == {f for _t, f, _s, _c in string.Formatter().parse(german) if f}, (
                source, german)
            checked += 1
    assert checked >= 30


def test_refusals_and_cards_speak_german(qtbot: QtBot, qapp: QApplication) -> None:
    """The core's reasons, countries and a card's last calls, in a German UI: no English."""
    from desktop_client.core.calls import CallerCard, LastCall
    from desktop_client.core.numbers import Location, NumberError, normalize
    from desktop_client.outgoing.policy import (
        DialSettings,
        RateLimiter,
        Source,
        decide,
    )
    from desktop_client.ui.popup import CallerCardWidget
    from desktop_client.ui.texts import message_text

    swiss = Location("CH")
    translator = load_translation(qapp, "de")
    assert translator is not None
    try:
        with pytest.raises(NumberError) as raised:
            normalize("044 668", swiss)
        assert raised.value.reason == "too short for Switzerland"  # logs and the CLI: English
        assert message_text(raised.value.message) == "zu kurz für eine Nummer (Schweiz)"
        refused = decide("tel:044%0D6681800", Source.OUTSIDE, swiss, DialSettings(), RateLimiter())
        assert message_text(refused.message) == (
            "enthält ein unsichtbares Zeichen wie einen Zeilenumbruch (U+000D)")
        risky = decide("tel:112", Source.OUTSIDE, swiss, DialSettings(), RateLimiter())
        assert message_text(risky.message) == "braucht einen Klick: NOTRUFNUMMER, Kurznummer"
        limiter = RateLimiter()
        decide("+41 44 668 18 00", Source.USER, swiss, DialSettings(), limiter)
        again = decide("+41 44 668 18 00", Source.USER, swiss, DialSettings(), limiter)
        assert message_text(again.message) == (
            "dieselbe Nummer wurde innert 3 s nochmals verlangt; verworfen")
        berlin = normalize("+49 30 1234567", swiss)
        card = CallerCard("c1", "+49301234567", berlin.international, berlin.e164, berlin.type,
                          last_calls=(LastCall("2026-11-27 09:15", "incoming", "missed"),),
                          region="DE")
        popup = CallerCardWidget(card, False)
        qtbot.addWidget(popup)
        assert popup.subtitle.text() == "Deutschland · Festnetz"
        assert popup.title.text() == "Unbekannter Anrufer"
        last = popup.findChild(type(popup.subtitle), "lastCalls")
        assert last is not None and last.text().endswith("2026-11-27 09:15 ← verpasst")
    finally:
        qapp.removeTranslator(translator)
