"""Add contact: a small form for an unknown caller's number."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

#: save(kind, first name, last name, company, number) -> "" or the reason it failed
SaveContact = Callable[[str, str, str, str, str], str]


class AddContactDialog(QDialog):
    """Person or company, names and the number; Save hands it to the directory."""

    def __init__(self, number: str, save: SaveContact, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add contact"))
        self._save = save
        self.number = number
        self.kind = QComboBox()
        self.kind.addItem(self.tr("Person"), "person")
        self.kind.addItem(self.tr("Company"), "company")
        self.first = QLineEdit()
        self.last = QLineEdit()
        self.company = QLineEdit()
        self.error = QLabel()
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setStyleSheet("color: #c62828;")
        shown = QLabel(number)
        shown.setTextFormat(Qt.TextFormat.PlainText)
        form = QFormLayout(self)
        form.addRow(self.tr("Number"), shown)
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("First name"), self.first)
        form.addRow(self.tr("Last name"), self.last)
        form.addRow(self.tr("Company"), self.company)
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save |
                                   QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _accept(self) -> None:
        first, last = self.first.text().strip(), self.last.text().strip()
        company = self.company.text().strip()
        if not (first or last or company):
            self.error.setText(self.tr("Enter a name or a company."))
            return
        problem = self._save(str(self.kind.currentData()), first, last, company, self.number)
        if problem:
            self.error.setText(problem)
            return
        self.accept()
