"""Dialling what is selected: the numbers found in it are dialled, offered or said to be
missing; on Windows the app's own shortcut copies the selection (elsewhere the desktop's
shortcut runs ``desktop-client dial --selection``, which arrives as a ``pick`` message)."""

from __future__ import annotations

import logging
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from desktop_client.outgoing.source import Source

if TYPE_CHECKING:
    from desktop_client.app import TrayApp
    from desktop_client.qt.selection_hotkey import SelectionHotkey
    from desktop_client.ui.number_picker import NumberPicker

log = logging.getLogger("desktop_client.app")


class SelectionDialing(QObject):
    """The picker for several numbers, and the Windows shortcut."""

    def __init__(self, app: TrayApp) -> None:
        super().__init__(app)
        self._app = app
        self.picker: NumberPicker | None = None
        self.hotkey: SelectionHotkey | None = None

    def start_hotkey(self, sequence: str) -> None:
        """Windows: register ``[dial] hotkey`` (again, after Settings changed it)."""
        tray = self._app.tray
        if sys.platform != "win32" or not sequence or tray is None:
            self.stop()
            return
        if self.hotkey is not None:  # a new combination; the old one stays if it is taken
            problem = self.hotkey.start(sequence)
            if problem:
                log.warning("the dial shortcut is not available: %s", problem)
                tray.notify(self.tr("Shortcut"), problem, True)
            return
        from desktop_client.platform.hotkey import (  # noqa: PLC0415
            WindowsHotkey,
            read_selected_text,
        )
        from desktop_client.qt.selection_hotkey import SelectionHotkey  # noqa: PLC0415

        self.hotkey = SelectionHotkey(WindowsHotkey(), read_selected_text, self)
        self.hotkey.text_selected.connect(self.pick_text)
        problem = self.hotkey.start(sequence)
        if problem:
            log.warning("the dial shortcut is not available: %s", problem)
            tray.notify(self.tr("Shortcut"), problem, True)

    def stop(self) -> None:
        """Give the shortcut back."""
        if self.hotkey is not None:
            self.hotkey.stop()
            self.hotkey = None

    def pick_text(self, text: str) -> None:
        """Selected text (the clipboard's when nothing was copied): its numbers, picked."""
        from PySide6.QtGui import QGuiApplication  # noqa: PLC0415

        from desktop_client.core.text_numbers import find_numbers  # noqa: PLC0415

        text = text if text.strip() else QGuiApplication.clipboard().text()
        found = find_numbers(text, self._app.config.location()) if text.strip() else []
        self.pick([number.raw for number in found], "no-number" if text.strip() else "no-text")

    def pick(self, numbers: list[str], note: str = "") -> None:
        """One number is dialled, several are offered, none is said (``note``: why)."""
        from desktop_client.ui import number_picker  # noqa: PLC0415

        app = self._app
        if len(numbers) == 1:
            app.dial(numbers[0], Source.OUTSIDE)
        elif numbers:
            if self.picker is not None:
                self.picker.close()
            picker = number_picker.NumberPicker(numbers, lambda raw: app.preview(raw).text)
            picker.chosen.connect(lambda raw: app.dial(raw, Source.OUTSIDE))
            picker.destroyed.connect(lambda _obj=None: self._forget(picker))
            self.picker = picker
            picker.show()
            picker.raise_()
            picker.activateWindow()
        elif app.tray is not None:
            app.tray.notify(*number_picker.note_text(note), False)

    def _forget(self, picker: object) -> None:
        if self.picker is picker:
            self.picker = None
