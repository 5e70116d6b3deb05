"""Which of the numbers in the selected text to dial: a short list, Enter dials the first."""

from __future__ import annotations

import sys
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)


class NumberPicker(QDialog):
    """The numbers found in a selection, each with what the dial preview says about it."""

    chosen = Signal(str)  # the number as written in the text

    def __init__(self, numbers: list[str], describe: Callable[[str], str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Dial which number?"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint)
        heading = QLabel(self.tr("The selected text holds %n phone numbers.", "", len(numbers)))
        heading.setTextFormat(Qt.TextFormat.PlainText)
        self.numbers = QListWidget()
        self.numbers.setObjectName("numbers")
        for raw in numbers:
            # What the dial preview says ("+41 44 668 18 00 · fixed line · Muster AG"), and
            # the number as the text wrote it where that looks different.
            about = describe(raw) or raw
            digits = "".join(c for c in raw if c.isdigit() or c == "+")
            shown = about if about.replace(" ", "").startswith(digits) else f"{about}\n{raw}"
            item = QListWidgetItem(shown)
            item.setData(Qt.ItemDataRole.UserRole, raw)
            self.numbers.addItem(item)
        self.numbers.setCurrentRow(0)
        self.numbers.itemActivated.connect(lambda _item: self.accept())
        buttons = QDialogButtonBox()
        self.dial_button = buttons.addButton(self.tr("Dial"),
                                             QDialogButtonBox.ButtonRole.AcceptRole)
        self.dial_button.setDefault(True)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.numbers)
        layout.addWidget(buttons)
        self.resize(380, 120 + 44 * min(len(numbers), 6))

    def accept(self) -> None:
        """Dial the highlighted number."""
        item = self.numbers.currentItem()
        super().accept()
        if item is not None:
            self.chosen.emit(str(item.data(Qt.ItemDataRole.UserRole)))


def note_text(note: str) -> tuple[str, str]:
    """(title, message) of the notification for a selection that gave no number."""
    title = QCoreApplication.translate("NumberPicker", "Dial selection")
    if note == "no-number":
        return title, QCoreApplication.translate(
            "NumberPicker", "The selected text holds no phone number.")
    if note == "no-text":
        return title, QCoreApplication.translate(
            "NumberPicker", "Nothing is selected, and the clipboard is empty.")
    if sys.platform == "win32":
        return title, QCoreApplication.translate(
            "NumberPicker", "Press the app's own shortcut to dial the selected text (Settings "
            "→ Dialling).")
    return title, QCoreApplication.translate(
        "NumberPicker", "The selected text cannot be read here: install xclip or xsel (X11) "
        "or wl-clipboard (Wayland).")
