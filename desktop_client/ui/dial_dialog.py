"""Dial…: type a number in any form (live preview of what will be dialled) or a name."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)


@dataclass(frozen=True, slots=True)
class Preview:
    """What the typed text would dial: ok and a line of text, or not ok and the reason."""

    ok: bool
    text: str


@dataclass(frozen=True, slots=True)
class ContactHit:
    """One directory entry offered while typing a name."""

    label: str
    number: str


SEARCH_DELAY_MS = 150
VISIBLE_ROWS = 8  # names shown in the search list before it scrolls


class DialDialog(QDialog):
    """Emits :attr:`dial_requested` with the text to dial; the dial flow does the rest."""

    dial_requested = Signal(str)

    def __init__(self, preview: Callable[[str], Preview],
                 search: Callable[[str], list[ContactHit]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Dial"))
        self.setMinimumWidth(480)
        self._preview_for = preview
        self._search = search
        self.input = QLineEdit()
        self.input.setPlaceholderText(self.tr("Number, tel: link or name"))
        self.input.setClearButtonEnabled(True)
        self.preview = QLabel(" ")
        self.preview.setObjectName("preview")
        self.preview.setTextFormat(Qt.TextFormat.PlainText)
        self.hits = QListWidget()
        self.hits.setObjectName("hits")
        self.hits.setVisible(False)
        self.hits.setUniformItemSizes(True)
        self.hits.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.hits.itemActivated.connect(self._dial_hit)
        buttons = QDialogButtonBox()
        self.dial_button = buttons.addButton(self.tr("Dial"),
                                             QDialogButtonBox.ButtonRole.AcceptRole)
        self.dial_button.setDefault(True)
        self.dial_button.setEnabled(False)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._dial)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.input)
        layout.addWidget(self.preview)
        layout.addWidget(self.hits)
        layout.addWidget(buttons)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._run_search)
        self.input.textChanged.connect(self._changed)

    @staticmethod
    def looks_like_number(text: str) -> bool:
        """Digits dominate (or it is a URI): preview it rather than search names."""
        stripped = text.strip()
        digits = sum(c.isdigit() for c in stripped)
        return stripped.lower().startswith(("tel:", "callto:", "sip:")) or (
            digits >= 2 and digits * 2 >= len(stripped.replace(" ", "")))

    def _changed(self, text: str) -> None:
        if self.looks_like_number(text):
            self._timer.stop()
            self.hits.clear()
            self.hits.setVisible(False)
            result = self._preview_for(text)
            self.preview.setText(result.text)
            self.preview.setStyleSheet("" if result.ok else "color: #c62828;")
            self.dial_button.setEnabled(result.ok)
        else:
            self.preview.setText(" ")
            self.preview.setStyleSheet("")
            self.dial_button.setEnabled(False)
            self._timer.start()

    def _run_search(self) -> None:
        text = self.input.text().strip()
        self.hits.clear()
        found = self._search(text) if len(text) >= 2 else []
        for hit in found:
            item = QListWidgetItem(f"{hit.label} — {hit.number}")
            item.setData(Qt.ItemDataRole.UserRole, hit.number)
            self.hits.addItem(item)
        self.hits.setVisible(bool(found))
        if found:
            # Room for up to 8 names without a scroll bar over the text.
            rows = min(len(found), VISIBLE_ROWS)
            row = max(self.hits.sizeHintForRow(0), 18)
            self.hits.setFixedHeight(rows * row + 2 * self.hits.frameWidth() + 4)
            self.adjustSize()
            self.hits.setCurrentRow(0)
            self.dial_button.setEnabled(True)
        elif len(text) >= 2:
            self.preview.setText(self.tr("No contact found"))

    def _dial_hit(self, item: QListWidgetItem) -> None:
        self.dial_requested.emit(str(item.data(Qt.ItemDataRole.UserRole)))
        self.accept()

    def _dial(self) -> None:
        if self._timer.isActive():
            self._timer.stop()
            self._run_search()
        if self.hits.isVisible() and self.hits.currentItem() is not None:
            self._dial_hit(self.hits.currentItem())
        elif self.looks_like_number(self.input.text()) and self.dial_button.isEnabled():
            self.dial_requested.emit(self.input.text())
            self.accept()
