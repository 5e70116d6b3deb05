"""The Directory page's extras: each directory server's password (kept in the keyring) and
a Test button that connects to every configured server, counts its entries and names one."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout

from desktop_client.core.config import Config, ConfigError
from desktop_client.ui.settings_texts import secret_fields

if TYPE_CHECKING:
    from desktop_client.ui.settings_dialog import SettingsDialog

log = logging.getLogger("desktop_client.directory")

#: Tests the edited settings with the typed secrets (key -> value, "" = the stored one);
#: returns what to show. Runs in a worker thread.
DirectoryTest = Callable[[Config, dict[str, str]], str]


class DirectoryExtras(QObject):
    """Password fields in each server's section and the Test button under them."""

    tested = Signal(str)

    def __init__(self, dialog: SettingsDialog, column: QVBoxLayout,
                 sections: dict[str, QFormLayout], *, secrets_usable: bool,
                 test: DirectoryTest | None) -> None:
        super().__init__(dialog)
        self._dialog = dialog
        self._test = test
        self.fields: dict[str, QLineEdit] = {}
        for section, key, label in secret_fields(dialog.schema, "directory."):
            form = sections.get(section)
            if form is None:
                continue
            field = QLineEdit()
            field.setObjectName(key)
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setPlaceholderText(QCoreApplication.translate(
                "Settings", "kept in the keyring; empty: unchanged"))
            field.setEnabled(secrets_usable)
            form.addRow(label, field)
            self.fields[key] = field
        self.button = QPushButton(QCoreApplication.translate(
            "Settings", "Test directory servers"))
        self.button.setObjectName("test-directory")
        self.button.setEnabled(test is not None)
        self.button.clicked.connect(self.run)
        self.result = QLabel()
        self.result.setObjectName("directory-test-result")
        self.result.setWordWrap(True)
        self.result.setTextFormat(Qt.TextFormat.PlainText)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout()
        row.addWidget(self.button, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.result, 1)
        column.addLayout(row)
        self.tested.connect(self._done)

    def run(self) -> None:
        """Test with what the page holds now, off the UI thread."""
        if self._test is None:
            return
        try:
            config = self._dialog.edited_config()
        except (ConfigError, ValueError) as error:
            self.result.setText(str(error))
            return
        typed = {key: field.text() for key, field in self.fields.items()}
        self.button.setEnabled(False)
        self.result.setText(QCoreApplication.translate("Settings", "Testing…"))
        test = self._test

        def work() -> None:
            try:
                message = test(config, typed)
            except Exception as error:  # the button must come back whatever happened
                log.exception("testing the directory servers failed")
                message = str(error)
            self.tested.emit(message)

        threading.Thread(target=work, name="directory-test", daemon=True).start()

    def _done(self, message: str) -> None:
        self.button.setEnabled(True)
        self.result.setText(message)
